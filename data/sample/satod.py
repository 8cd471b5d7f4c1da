"""Synthetic smoking status at time of delivery (SATOD) returns, by financial year and quarter."""

from __future__ import annotations

from indicators.names import AREA_CODE, PERIOD
from indicators.periods import financial_year_label, quarter_label

from . import targets
from ._rng import rng_for
from ._tables import Row, add_parent_totals
from .geography import leaf_codes
from .periods import financial_years
from .profiles import NORTH_WEST_SMOKING, PROFILES, relative_levels

COLUMNS = (AREA_CODE, PERIOD, "maternities", "smokers", "non_smokers", "status_unknown")
COUNT_COLUMNS = COLUMNS[2:]
QUARTERLY_YEARS = 3  # the most recent financial years are also written quarter by quarter
MATERNITIES_PER_BIRTH = 0.985  # multiple births: fewer maternities than babies


def _unknown_share(code: str, fy: int, quarter: int, last_fy: int) -> float | None:
    """Status-not-known shares that breach the data-quality standard (5%, and 10%+).

    Returns None where the area's ordinary 1-3% applies.
    """
    if code == "E08000011" and fy == last_fy - 1:  # Knowsley: a whole year above 10%
        return 0.12
    if code == "E08000006" and fy == last_fy and quarter in (2, 3):  # Salford: two quarters
        return 0.065
    if code == "E10000017" and fy == last_fy - 6:  # Lancashire: one year above 5%
        return 0.055
    return None


def _quarter(code: str, fy: int, quarter: int, level: float, last_fy: int) -> dict[str, int]:
    rng = rng_for("satod", code, fy, quarter)
    births_index = 0.75 * targets.births_index(fy) + 0.25 * targets.births_index(fy + 1)
    expected = PROFILES[code].births_2019 * births_index * MATERNITIES_PER_BIRTH / 4
    maternities = int(rng.poisson(expected))
    unknown_share = _unknown_share(code, fy, quarter, last_fy)
    if unknown_share is None:
        unknown_share = rng.uniform(0.005, 0.03)
    unknown = int(rng.binomial(maternities, unknown_share))
    smokers = int(rng.binomial(maternities - unknown, targets.smoking_at_delivery(fy) * level))
    return {
        "maternities": maternities,
        "smokers": smokers,
        "non_smokers": maternities - unknown - smokers,
        "status_unknown": unknown,
    }


def build_satod(last_year: int) -> list[Row]:
    """Annual rows for every financial year; quarterly rows for the most recent ones.

    An annual row is the sum of its four quarters; the North West and England are
    the sums of their parts.
    """
    levels = relative_levels("smoking", NORTH_WEST_SMOKING)
    years = financial_years(last_year)
    last_fy = years[-1]
    leaves: list[Row] = []
    for code in leaf_codes():
        for fy in years:
            quarters = [_quarter(code, fy, q, levels[code], last_fy) for q in range(1, 5)]
            annual = {c: sum(q[c] for q in quarters) for c in COUNT_COLUMNS}
            leaves.append({AREA_CODE: code, PERIOD: financial_year_label(fy), **annual})
            if fy > last_fy - QUARTERLY_YEARS:
                leaves += [
                    {AREA_CODE: code, PERIOD: quarter_label(fy, q), **counts}
                    for q, counts in enumerate(quarters, start=1)
                ]
    rows = add_parent_totals(leaves, [PERIOD], COUNT_COLUMNS)
    # Labels sort chronologically as text: "2023/24" < "2023/24 Q1" < "2023/24 Q4" < "2024/25".
    return sorted(rows, key=lambda r: (r[AREA_CODE], r[PERIOD]))
