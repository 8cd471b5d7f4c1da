"""Synthetic teenage conceptions (ONS conception statistics), by calendar year of
conception and age group, for every sample area.

An area's level follows its share of births in England's most deprived quintile (teenage
conception rates are strongly patterned by deprivation); female populations aged 15-17
and 13-15 scale with the area's births. ONS publishes conceptions about 18 months after
the year ends, so the last year is one before the sample's last year.
"""

from __future__ import annotations

from . import targets
from ._rng import rng_for
from ._tables import Row, add_parent_totals
from .geography import leaf_codes
from .profiles import PROFILES

COLUMNS = ("area_code", "year", "age_group", "conceptions", "female_population",
           "maternities", "abortions")
COUNT_COLUMNS = COLUMNS[3:]
GIRLS_PER_BIRTH = 1.45  # England: about 880,000 females aged 15-17 to 610,000 births (2019)
MATERNITY_SHARE = {"under18": 0.48, "under16": 0.38}  # the rest end in a legal abortion
_ENGLAND_MOST_DEPRIVED = 0.2


def _level(code: str) -> float:
    most_deprived = PROFILES[code].most_deprived
    return (0.55 + 2.25 * most_deprived) / (0.55 + 2.25 * _ENGLAND_MOST_DEPRIVED)


def _row(code: str, year: int, group: str) -> Row:
    rng = rng_for("conceptions", code, year, group)
    population = int(rng.poisson(PROFILES[code].births_2019 * GIRLS_PER_BIRTH))
    rate = (targets.under_18_conceptions(year) if group == "under18"
            else targets.under_16_conceptions(year)) * _level(code) / 1000
    conceptions = int(rng.poisson(population * rate))
    maternities = int(rng.binomial(conceptions, MATERNITY_SHARE[group]))
    return {"area_code": code, "year": year, "age_group": group, "conceptions": conceptions,
            "female_population": population, "maternities": maternities,
            "abortions": conceptions - maternities}


def build_conceptions(last_year: int) -> list[Row]:
    """One row per area, year (2010 to `last_year - 1`) and age group; the North West and
    England are the sums of their parts."""
    leaves = [_row(code, year, group) for code in leaf_codes()
              for year in range(targets.FIRST_YEAR, last_year)
              for group in ("under18", "under16")]
    rows = add_parent_totals(leaves, ["year", "age_group"], COUNT_COLUMNS)
    return sorted(rows, key=lambda r: (r["area_code"], r["year"], r["age_group"]))
