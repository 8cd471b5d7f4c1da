"""Synthetic live births and infant deaths by the baby's ethnic group (ONS 2021 census
high-level groups, then Not known), by area and year: each area-year of the births_deaths
rows split across the groups, so the parts sum to the area's totals."""

from __future__ import annotations

import numpy as np

from indicators.catalogue.model import ETHNIC_GROUPS, ETHNIC_NOT_KNOWN
from indicators.names import AREA_CODE

from ._rng import rng_for
from ._tables import Row, add_parent_totals
from .births_deaths import build_births_deaths
from .geography import leaf_codes
from .profiles import PROFILES

COLUMNS = (AREA_CODE, "year", "ethnic_group", "live_births", "infant_deaths")
COUNT_COLUMNS = COLUMNS[3:]
GROUPS = (*ETHNIC_GROUPS, ETHNIC_NOT_KNOWN)
# How an area's minority ethnic births divide between Asian, Black, Mixed and Other
# (illustrative, not any area's figures); 3% of births have no group recorded.
MINORITY_SPLIT = {"Asian": 0.50, "Black": 0.20, "Mixed": 0.12, "Other": 0.18}
NOT_KNOWN_SHARE = 0.03
# Relative infant mortality by group (White = 1): higher in the Black and Asian groups,
# as national statistics by ethnicity show; illustrative weights.
GRADIENT = {"Asian": 1.45, "Black": 1.9, "Mixed": 1.1, "White": 1.0, "Other": 1.2,
            ETHNIC_NOT_KNOWN: 1.3}


def _shares(minority: float) -> np.ndarray:
    known = 1 - NOT_KNOWN_SHARE
    return np.array([known * (1 - minority) if group == "White"
                     else NOT_KNOWN_SHARE if group == ETHNIC_NOT_KNOWN
                     else known * minority * MINORITY_SPLIT[group] for group in GROUPS])


def _split(total: Row) -> list[Row]:
    code, year = str(total[AREA_CODE]), int(total["year"])
    rng = rng_for("ethnicity", code, year)
    shares = _shares(PROFILES[code].minority_ethnic)
    births = rng.multinomial(int(total["live_births"]), shares)
    weights = shares * np.array([GRADIENT[g] for g in GROUPS])
    deaths = rng.multinomial(int(total["infant_deaths"]), weights / weights.sum())
    # a death needs a birth in its group: move any stray death to the White group
    stray = np.where(births == 0, deaths, 0)
    deaths = deaths - stray
    deaths[GROUPS.index("White")] += stray.sum()
    return [{AREA_CODE: code, "year": year, "ethnic_group": group,
             "live_births": int(births[i]), "infant_deaths": int(deaths[i])}
            for i, group in enumerate(GROUPS)]


def build_ethnicity(last_year: int, births_deaths: list[Row] | None = None) -> list[Row]:
    """Ethnic group rows whose sums equal the births/deaths rows of each area and year."""
    totals = births_deaths if births_deaths is not None else build_births_deaths(last_year)
    leaves_set = set(leaf_codes())
    leaves = [part for row in totals if row[AREA_CODE] in leaves_set for part in _split(row)]
    rows = add_parent_totals(leaves, ["year", "ethnic_group"], COUNT_COLUMNS)
    return sorted(rows, key=lambda r: (r[AREA_CODE], r["year"], GROUPS.index(r["ethnic_group"])))
