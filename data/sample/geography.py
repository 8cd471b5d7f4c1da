"""The sample's geography: England, its 9 regions and all 153 upper-tier authorities.

Codes and names are the ONS 2023 geography as Fingertips uses it (taken from the
Fingertips area hierarchy, `fingertipsnext/areas.csv`, 2023; the authorities in
`upper_tier.py`). The area list is national, as a team holds it from the ONS lookups, so
published figures for every authority can be loaded. The local extracts break down the
North West only, as a local team's would; other regions appear in them as supplied
totals, the way national data arrives.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.names import AREA_CODE, AREA_NAME, AREA_TYPE, ENGLAND, PARENT_CODE

from .upper_tier import UPPER_TIER_AUTHORITIES

NORTH_WEST = "E12000002"

REGIONS: tuple[tuple[str, str], ...] = (
    ("E12000001", "North East Region"),
    ("E12000002", "North West Region"),
    ("E12000003", "Yorkshire and the Humber Region"),
    ("E12000004", "East Midlands Region"),
    ("E12000005", "West Midlands Region"),
    ("E12000006", "East of England Region"),
    ("E12000007", "London Region"),
    ("E12000008", "South East Region"),
    ("E12000009", "South West Region"),
)

# The area list is national, as a team holds it from the ONS lookups; the local extracts
# cover the North West's authorities only.
NORTH_WEST_AUTHORITIES: tuple[tuple[str, str], ...] = tuple(
    (code, name) for code, name, region in UPPER_TIER_AUTHORITIES if region == NORTH_WEST)

AREAS_COLUMNS = (AREA_CODE, AREA_NAME, AREA_TYPE, PARENT_CODE)


@dataclass(frozen=True)
class SampleArea:
    code: str
    name: str
    area_type: str
    parent_code: str | None


def sample_areas() -> list[SampleArea]:
    """All sample areas in hierarchy order: England, regions, every upper-tier authority
    (region by region)."""
    areas = [SampleArea(ENGLAND, "England", "england", None)]
    areas += [SampleArea(code, name, "region", ENGLAND) for code, name in REGIONS]
    areas += [SampleArea(code, name, "county_ua", region)
              for code, name, region in UPPER_TIER_AUTHORITIES]
    return areas


def north_west_codes() -> list[str]:
    return [code for code, _ in NORTH_WEST_AUTHORITIES]


def supplied_region_codes() -> list[str]:
    """Regions whose figures are supplied directly (every region but the North West)."""
    return [code for code, _ in REGIONS if code != NORTH_WEST]


def leaf_codes() -> list[str]:
    """Areas whose counts are drawn; the North West and England are sums of these."""
    return supplied_region_codes() + north_west_codes()


def areas_rows() -> list[dict[str, object]]:
    return [
        {
            AREA_CODE: a.code,
            AREA_NAME: a.name,
            AREA_TYPE: a.area_type,
            PARENT_CODE: a.parent_code,
        }
        for a in sample_areas()
    ]
