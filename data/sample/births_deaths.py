"""Synthetic ONS-style births and infant deaths by area and calendar year."""

from __future__ import annotations

import numpy as np

from indicators.names import AREA_CODE

from . import targets
from ._rng import rng_for
from ._tables import Row, add_parent_totals
from .geography import leaf_codes
from .profiles import NORTH_WEST_IMR, PROFILES, relative_levels

COLUMNS = (
    AREA_CODE, "year", "live_births", "stillbirths", "infant_deaths", "neonatal_deaths",
    "postneonatal_deaths", "term_births_weight_known", "term_low_birth_weight",
)  # fmt: skip
COUNT_COLUMNS = COLUMNS[2:]


def low_birth_weight_share(most_deprived: float) -> float:
    """Share of term births under 2,500 g: about 2.8% in affluent areas to 3.5% in deprived."""
    return 0.0275 + 0.012 * most_deprived


def _draw(code: str, year: int, imr_level: float) -> Row:
    profile = PROFILES[code]
    rng = rng_for("births_deaths", code, year)
    expected_births = profile.births_2019 * targets.births_index(year)
    births = int(round(expected_births * np.exp(rng.normal(0.0, 0.015))))
    infant_rate = targets.infant_mortality(year) * imr_level / 1000
    # Stillbirths vary less between areas than infant deaths do.
    still_rate = targets.stillbirth_rate(year) * imr_level**0.6 / 1000
    infant = int(rng.poisson(births * infant_rate))
    neonatal = int(rng.binomial(infant, targets.NEONATAL_SHARE))
    still = int(rng.poisson(births * still_rate / (1 - still_rate)))
    term_known = int(rng.binomial(births, targets.TERM_WEIGHT_KNOWN_SHARE))
    term_low = int(rng.binomial(term_known, low_birth_weight_share(profile.most_deprived)))
    return {
        AREA_CODE: code,
        "year": year,
        "live_births": births,
        "stillbirths": still,
        "infant_deaths": infant,
        "neonatal_deaths": neonatal,
        "postneonatal_deaths": infant - neonatal,
        "term_births_weight_known": term_known,
        "term_low_birth_weight": term_low,
    }


def build_births_deaths(last_year: int) -> list[Row]:
    """One row per sample area and calendar year from 2010 to `last_year`.

    North West and England rows are the sums of their parts.
    """
    if last_year < targets.FIRST_YEAR:
        raise ValueError(f"last_year must be {targets.FIRST_YEAR} or later, got {last_year}")
    levels = relative_levels("imr", NORTH_WEST_IMR)
    years = range(targets.FIRST_YEAR, last_year + 1)
    leaves = [_draw(code, year, levels[code]) for code in leaf_codes() for year in years]
    rows = add_parent_totals(leaves, ["year"], COUNT_COLUMNS)
    return sorted(rows, key=lambda r: (r[AREA_CODE], r["year"]))
