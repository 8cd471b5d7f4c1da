"""Synthetic births and infant deaths by IMD quintile (1 = most deprived), by area and year."""

from __future__ import annotations

import numpy as np

from indicators.names import AREA_CODE

from ._rng import rng_for
from ._tables import Row, add_parent_totals
from .births_deaths import build_births_deaths
from .geography import leaf_codes
from .profiles import PROFILES, quintile_shares

COLUMNS = (
    AREA_CODE, "year", "imd_quintile", "live_births", "infant_deaths", "neonatal_deaths",
    "postneonatal_deaths", "stillbirths",
)  # fmt: skip
COUNT_COLUMNS = COLUMNS[3:]
# Relative infant mortality by quintile: the most deprived about twice the least, as in
# ONS death-cohort tables by IMD decile.
INFANT_GRADIENT = np.array([1.45, 1.15, 0.95, 0.85, 0.72])
STILLBIRTH_GRADIENT = np.array([1.40, 1.15, 0.95, 0.85, 0.75])


def _split(total: Row) -> list[Row]:
    """Split one area-year's births and deaths across quintiles; parts sum to the total."""
    code, year = str(total[AREA_CODE]), int(total["year"])
    rng = rng_for("deprivation", code, year)
    shares = quintile_shares(PROFILES[code].most_deprived)
    births = rng.multinomial(int(total["live_births"]), shares)
    infant_weights = shares * INFANT_GRADIENT
    infant = rng.multinomial(int(total["infant_deaths"]), infant_weights / infant_weights.sum())
    neonatal = rng.multivariate_hypergeometric(infant, int(total["neonatal_deaths"]))
    still_weights = shares * STILLBIRTH_GRADIENT
    still = rng.multinomial(int(total["stillbirths"]), still_weights / still_weights.sum())
    return [
        {
            AREA_CODE: code,
            "year": year,
            "imd_quintile": q + 1,
            "live_births": int(births[q]),
            "infant_deaths": int(infant[q]),
            "neonatal_deaths": int(neonatal[q]),
            "postneonatal_deaths": int(infant[q] - neonatal[q]),
            "stillbirths": int(still[q]),
        }
        for q in range(5)
    ]


def build_deprivation(last_year: int, births_deaths: list[Row] | None = None) -> list[Row]:
    """Quintile rows whose sums equal the births/deaths rows of each area and year."""
    totals = births_deaths if births_deaths is not None else build_births_deaths(last_year)
    leaves_set = set(leaf_codes())
    leaves = [part for row in totals if row[AREA_CODE] in leaves_set for part in _split(row)]
    rows = add_parent_totals(leaves, ["year", "imd_quintile"], COUNT_COLUMNS)
    return sorted(rows, key=lambda r: (r[AREA_CODE], r["year"], r["imd_quintile"]))
