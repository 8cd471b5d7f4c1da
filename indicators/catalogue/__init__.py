"""The indicator catalogue: every indicator the dashboard computes, with its metadata.

Look indicators up by our id ("infant_mortality_3yr") or by Fingertips ID (92196 or
"92196") with `get_indicator`.
"""

from __future__ import annotations

from indicators.catalogue.booking import BOOKING_INDICATORS
from indicators.catalogue.child_deaths import CHILD_DEATH_INDICATORS, DEATH_CATEGORIES, FACTORS
from indicators.catalogue.conceptions import CONCEPTION_INDICATORS
from indicators.catalogue.maternity import MATERNITY_INDICATORS
from indicators.catalogue.model import (
    BENCHMARK_95,
    BENCHMARK_95_998,
    BENCHMARK_METHODS,
    CI_METHODS,
    NO_COMPARISON,
    POLARITIES,
    VALUE_TYPES,
    DataQualityMeasure,
    Indicator,
    Target,
)
from indicators.catalogue.mortality import IMD_QUINTILES, MORTALITY_INDICATORS

CATALOGUE: tuple[Indicator, ...] = (
    *MORTALITY_INDICATORS,
    *MATERNITY_INDICATORS,
    *BOOKING_INDICATORS,
    *CONCEPTION_INDICATORS,
    *CHILD_DEATH_INDICATORS,
)

# The groups a scorecard lists the indicators under, in catalogue order.
GROUPS: tuple[tuple[str, tuple[Indicator, ...]], ...] = (
    ("Mortality", MORTALITY_INDICATORS),
    ("Risk factors", MATERNITY_INDICATORS + BOOKING_INDICATORS + CONCEPTION_INDICATORS),
    ("Child death reviews", CHILD_DEATH_INDICATORS),
)
_GROUP_OF = {indicator.id: name for name, members in GROUPS for indicator in members}

_BY_ID = {indicator.id: indicator for indicator in CATALOGUE}
_BY_FINGERTIPS_ID = {i.fingertips_id: i for i in CATALOGUE if i.fingertips_id is not None}


def indicator_ids() -> list[str]:
    """Our ids in catalogue order."""
    return [indicator.id for indicator in CATALOGUE]


def get_indicator(key: str | int) -> Indicator:
    """The indicator with our id or Fingertips ID `key`; KeyError naming the choices if none."""
    if isinstance(key, str) and key in _BY_ID:
        return _BY_ID[key]
    try:
        return _BY_FINGERTIPS_ID[int(key)]
    except (ValueError, KeyError):
        known = ", ".join(indicator_ids())
        raise KeyError(f"unknown indicator {key!r}; known ids: {known}; Fingertips IDs: "
                       f"{sorted(_BY_FINGERTIPS_ID)}") from None


def indicator_group(indicator_id: str) -> str:
    """The group ("Mortality", "Risk factors", "Child death reviews") an indicator is listed
    under; "Other" for an id the catalogue does not have."""
    return _GROUP_OF.get(indicator_id, "Other")


def indicators_for_table(table: str) -> list[Indicator]:
    """Indicators computed from the raw table `table` (e.g. "births_deaths")."""
    return [indicator for indicator in CATALOGUE if indicator.source_table == table]


__all__ = [
    "BENCHMARK_95",
    "BENCHMARK_95_998",
    "BENCHMARK_METHODS",
    "CATALOGUE",
    "CI_METHODS",
    "DEATH_CATEGORIES",
    "FACTORS",
    "GROUPS",
    "IMD_QUINTILES",
    "NO_COMPARISON",
    "POLARITIES",
    "VALUE_TYPES",
    "DataQualityMeasure",
    "Indicator",
    "Target",
    "get_indicator",
    "indicator_group",
    "indicator_ids",
    "indicators_for_table",
]
