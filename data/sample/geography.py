"""The sample's geography: England, its 9 regions and the North West's upper-tier authorities.

Codes and names are the ONS 2023 geography as Fingertips uses it (taken from the
Fingertips area hierarchy, `fingertipsnext/areas.csv`, 2023). Only the North West
is broken down, as a local team's extract would be; other regions appear as
supplied totals, the way national data arrives.
"""

from __future__ import annotations

from dataclasses import dataclass

ENGLAND = "E92000001"
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

NORTH_WEST_AUTHORITIES: tuple[tuple[str, str], ...] = (
    ("E06000006", "Halton"),
    ("E06000007", "Warrington"),
    ("E06000008", "Blackburn with Darwen"),
    ("E06000009", "Blackpool"),
    ("E06000049", "Cheshire East"),
    ("E06000050", "Cheshire West and Chester"),
    ("E06000063", "Cumberland"),
    ("E06000064", "Westmorland and Furness"),
    ("E08000001", "Bolton"),
    ("E08000002", "Bury"),
    ("E08000003", "Manchester"),
    ("E08000004", "Oldham"),
    ("E08000005", "Rochdale"),
    ("E08000006", "Salford"),
    ("E08000007", "Stockport"),
    ("E08000008", "Tameside"),
    ("E08000009", "Trafford"),
    ("E08000010", "Wigan"),
    ("E08000011", "Knowsley"),
    ("E08000012", "Liverpool"),
    ("E08000013", "St. Helens"),
    ("E08000014", "Sefton"),
    ("E08000015", "Wirral"),
    ("E10000017", "Lancashire"),
)

AREAS_COLUMNS = ("area_code", "area_name", "area_type", "parent_code")


@dataclass(frozen=True)
class SampleArea:
    code: str
    name: str
    area_type: str
    parent_code: str | None


def sample_areas() -> list[SampleArea]:
    """All sample areas in hierarchy order: England, regions, North West authorities."""
    areas = [SampleArea(ENGLAND, "England", "england", None)]
    areas += [SampleArea(code, name, "region", ENGLAND) for code, name in REGIONS]
    areas += [SampleArea(code, name, "county_ua", NORTH_WEST) for code, name in NORTH_WEST_AUTHORITIES]
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
            "area_code": a.code,
            "area_name": a.name,
            "area_type": a.area_type,
            "parent_code": a.parent_code,
        }
        for a in sample_areas()
    ]
