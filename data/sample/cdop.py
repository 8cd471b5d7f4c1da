"""Synthetic child death review (CDOP) records for the North West authorities.

One row per child death notified to a CDOP. Infant deaths (under 365 days) are
exactly the infant deaths of the births/deaths sample for each authority and year
from 2019, neonatal and post-neonatal alike; older children (1-17 years) are added
in about the proportion seen nationally. Category mixes follow the National Child
Mortality Database pattern for infants: perinatal/neonatal events (8) and
chromosomal/congenital anomalies (7) first, then sudden unexpected deaths (10) and
infections (9). Factor flags record modifiable factors, so they are all "N" unless
`modifiable_factors` is "Y", when at least one is "Y". Reviews not closed by the
extract date have blank outcome fields.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from indicators.names import AREA_CODE, CATEGORY

from ._rng import rng_for
from ._tables import Row
from .births_deaths import build_births_deaths
from .cdop_clinical import birth_details, category, factor_flags, modifiable
from .geography import north_west_codes
from .profiles import PROFILES, quintile_shares

FIRST_YEAR = 2019
FACTORS = (
    "factor_smoking", "factor_co_sleeping", "factor_safeguarding", "factor_alcohol_drugs",
    "factor_domestic_abuse", "factor_maternal_obesity", "factor_consanguinity",
)  # fmt: skip
COLUMNS = (
    "case_id", AREA_CODE, "date_of_death", "age_at_death_days", "sex", "ethnic_group",
    "imd_quintile", "birth_weight_grams", "gestation_weeks", CATEGORY, "expected",
    "modifiable_factors", "notified_date", "review_closed_date", *FACTORS,
)  # fmt: skip
OLDER_PER_INFANT = 0.6  # deaths aged 1-17 for each infant death (infants are ~60% of all)
ETHNIC_GROUPS = (
    "White", "Mixed", "Asian or Asian British", "Black or Black British", "Other ethnic group",
)  # fmt: skip
# Mix of non-White groups: the Pennine towns are mostly South Asian; the cities more varied.
SOUTH_ASIAN_MIX = np.array([0.10, 0.80, 0.05, 0.05])
CITY_MIX = np.array([0.15, 0.45, 0.30, 0.10])
SOUTH_ASIAN_AREAS = {"E06000008", "E08000001", "E08000002", "E08000004", "E08000005", "E10000017"}


# Ages (completed years) of deaths at 1-17 and their weights: toddlers and teenagers most.
OLDER_AGES = (1, 2, 3, 4, 6, 8, 11, 13, 15, 16, 17)
OLDER_AGE_WEIGHTS = np.array([0.14, 0.10, 0.06, 0.05, 0.08, 0.07, 0.08, 0.10, 0.11, 0.11, 0.10])


def extract_date(last_year: int) -> date:
    """The date the extract is taken: the end of March after the last full year."""
    return date(last_year + 1, 3, 31)


def _age_days(rng: np.random.Generator, kind: str) -> int:
    if kind == "neonatal":  # most neonatal deaths happen in the first week
        u = rng.random()
        return 0 if u < 0.38 else int(rng.integers(1, 7)) if u < 0.70 else int(rng.integers(7, 28))
    if kind == "postneonatal":
        return 28 + int(rng.exponential(90)) % 337
    years = int(rng.choice(OLDER_AGES, p=OLDER_AGE_WEIGHTS / OLDER_AGE_WEIGHTS.sum()))
    return years * 365 + int(rng.integers(0, 365))


def _ethnic_group(rng: np.random.Generator, code: str) -> str:
    if rng.random() < 0.03:
        return "Not known"
    minority = PROFILES[code].minority_ethnic
    mix = SOUTH_ASIAN_MIX if code in SOUTH_ASIAN_AREAS else CITY_MIX
    weights = np.concatenate([[1 - minority], minority * mix])
    return ETHNIC_GROUPS[int(rng.choice(5, p=weights / weights.sum()))]


def _record(code: str, year: int, kind: str, index: int, as_of: date) -> Row:
    rng = rng_for("cdop", code, year, kind, index)
    age = _age_days(rng, kind)
    died = date(year, 1, 1) + timedelta(days=int(rng.integers(0, 365)))
    notified = died + timedelta(days=int(rng.integers(0, 4)))
    review_days = 60 + int(rng.gamma(2.0, 110.0))
    if rng.random() < 0.05:  # reviews waiting on an inquest or a criminal case
        review_days += 365 + int(rng.integers(0, 730))
    closed = notified + timedelta(days=review_days)
    is_closed = closed <= as_of
    ethnic = _ethnic_group(rng, code)
    cat = category(rng, kind, age)
    weight, gestation = birth_details(rng, kind, cat)
    shares = quintile_shares(PROFILES[code].most_deprived) * np.array([1.5, 1.2, 1.0, 0.85, 0.7])
    # Drawn whether or not the review is closed, so a later extract date changes nothing else.
    outcome = modifiable(rng, cat)
    if not is_closed:
        outcome = None
    flags = factor_flags(rng, cat, kind, ethnic, outcome)
    return {
        AREA_CODE: code,
        "date_of_death": died.isoformat(),
        "age_at_death_days": age,
        "sex": "Male" if rng.random() < 0.55 else "Female",
        "ethnic_group": ethnic,
        "imd_quintile": 1 + int(rng.choice(5, p=shares / shares.sum())),
        "birth_weight_grams": weight,
        "gestation_weeks": gestation,
        CATEGORY: cat,
        "expected": "Y" if rng.random() < _EXPECTED[cat] else "N",
        "modifiable_factors": outcome,
        "notified_date": notified.isoformat(),
        "review_closed_date": closed.isoformat() if is_closed else None,
        **dict(zip(FACTORS, flags, strict=True)),
    }


# Share of deaths in each category that were expected (anticipated), by category.
_EXPECTED = {1: 0.0, 2: 0.0, 3: 0.0, 4: 0.85, 5: 0.2, 6: 0.7, 7: 0.7, 8: 0.55, 9: 0.15, 10: 0.0}


def build_cdop(last_year: int, births_deaths: list[Row] | None = None) -> list[Row]:
    """Records for deaths in the North West authorities from 2019 to `last_year`."""
    totals = births_deaths if births_deaths is not None else build_births_deaths(last_year)
    local = set(north_west_codes())
    as_of = extract_date(last_year)
    records: list[Row] = []
    for row in totals:
        code, year = str(row[AREA_CODE]), int(row["year"])
        if code not in local or year < FIRST_YEAR:
            continue
        neonatal, postneonatal = int(row["neonatal_deaths"]), int(row["postneonatal_deaths"])
        older_rng = rng_for("cdop", code, year, "older")
        older = int(older_rng.poisson(OLDER_PER_INFANT * (neonatal + postneonatal)))
        for kind, count in (("neonatal", neonatal), ("postneonatal", postneonatal), ("older", older)):
            records += [_record(code, year, kind, i, as_of) for i in range(count)]
    records.sort(key=lambda r: (r["date_of_death"], r[AREA_CODE], r["age_at_death_days"]))
    counters: dict[str, int] = {}
    for record in records:
        year = str(record["date_of_death"])[:4]
        counters[year] = counters.get(year, 0) + 1
        record["case_id"] = f"NW{year}-{counters[year]:04d}"
    return records
