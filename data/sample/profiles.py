"""Characteristics that make each sample area look like itself.

Approximate, rounded figures in the spirit of published ONS, OHID and NHS Digital
statistics (around 2017-2019); they set the expected values from which counts are
drawn, not the counts themselves. Rate columns are relative weights that are
rescaled so the England totals follow the national targets in `targets.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.optimize import brentq


@dataclass(frozen=True)
class AreaProfile:
    births_2019: int  # live births in 2019, sets the area's size
    imr: float  # infant deaths per 1,000 live births (relative weight)
    smoking: float  # smoking at delivery, relative to England
    breastfeeding: float  # breast milk first feed, relative to England
    most_deprived: float  # share of births in England's most deprived IMD quintile
    minority_ethnic: float  # share of births to non-White British ethnic groups


#                         births   imr  smoke  bf    q1    minority
PROFILES: dict[str, AreaProfile] = {
    # Regions supplied as totals
    "E12000001": AreaProfile(27_500, 3.9, 1.45, 0.82, 0.34, 0.10),
    "E12000003": AreaProfile(59_000, 4.6, 1.30, 0.92, 0.31, 0.20),
    "E12000004": AreaProfile(50_000, 4.1, 1.20, 0.97, 0.20, 0.20),
    "E12000005": AreaProfile(64_500, 5.1, 1.05, 0.95, 0.31, 0.33),
    "E12000006": AreaProfile(68_000, 3.4, 1.00, 1.02, 0.11, 0.20),
    "E12000007": AreaProfile(114_000, 3.4, 0.45, 1.17, 0.22, 0.60),
    "E12000008": AreaProfile(95_000, 3.1, 0.85, 1.04, 0.09, 0.20),
    "E12000009": AreaProfile(51_000, 3.2, 0.95, 1.04, 0.10, 0.10),
    # North West upper-tier authorities
    "E06000006": AreaProfile(1_500, 4.5, 1.30, 0.80, 0.45, 0.05),
    "E06000007": AreaProfile(2_100, 3.6, 0.85, 0.98, 0.12, 0.08),
    "E06000008": AreaProfile(1_900, 6.6, 1.30, 0.97, 0.50, 0.45),
    "E06000009": AreaProfile(1_500, 6.3, 2.00, 0.76, 0.55, 0.06),
    "E06000049": AreaProfile(3_600, 3.0, 0.80, 1.02, 0.06, 0.08),
    "E06000050": AreaProfile(3_300, 3.2, 0.85, 1.00, 0.10, 0.07),
    "E06000063": AreaProfile(2_400, 3.8, 1.30, 0.90, 0.18, 0.04),
    "E06000064": AreaProfile(1_800, 3.4, 0.90, 1.00, 0.03, 0.04),
    "E08000001": AreaProfile(3_500, 5.5, 1.10, 0.90, 0.35, 0.30),
    "E08000002": AreaProfile(2_200, 4.2, 1.00, 0.92, 0.20, 0.20),
    "E08000003": AreaProfile(7_800, 6.7, 1.05, 1.03, 0.60, 0.45),
    "E08000004": AreaProfile(3_100, 5.2, 1.20, 0.88, 0.40, 0.35),
    "E08000005": AreaProfile(2_800, 5.0, 1.25, 0.86, 0.40, 0.30),
    "E08000006": AreaProfile(3_400, 4.6, 1.15, 0.92, 0.40, 0.25),
    "E08000007": AreaProfile(3_200, 3.2, 0.75, 1.05, 0.12, 0.12),
    "E08000008": AreaProfile(2_700, 4.3, 1.40, 0.82, 0.30, 0.15),
    "E08000009": AreaProfile(2_600, 3.0, 0.55, 1.12, 0.08, 0.25),
    "E08000010": AreaProfile(3_400, 3.7, 1.30, 0.80, 0.22, 0.05),
    "E08000011": AreaProfile(1_800, 4.8, 1.35, 0.72, 0.60, 0.05),
    "E08000012": AreaProfile(5_700, 4.9, 1.10, 0.84, 0.60, 0.20),
    "E08000013": AreaProfile(2_000, 3.9, 1.25, 0.78, 0.30, 0.04),
    "E08000014": AreaProfile(2_600, 3.8, 1.00, 0.86, 0.25, 0.05),
    "E08000015": AreaProfile(3_300, 3.9, 1.05, 0.88, 0.32, 0.06),
    "E10000017": AreaProfile(12_800, 4.2, 1.15, 0.90, 0.20, 0.15),
}

# The North West's own weights, used to scale its authorities to the regional level.
NORTH_WEST_IMR = 4.3
NORTH_WEST_SMOKING = 1.20
NORTH_WEST_BREASTFEEDING = 0.90


def quintile_shares(most_deprived: float) -> np.ndarray:
    """Shares of births by IMD quintile (1 = most deprived) with the given first share.

    A geometric profile s_q proportional to w**(q - 1): w < 1 for deprived areas
    (most births in quintile 1), w > 1 for affluent ones; w is solved by Brent's
    method so that s_1 = most_deprived.
    """
    return np.array(_quintile_shares(most_deprived))


@lru_cache(maxsize=256)
def _quintile_shares(most_deprived: float) -> tuple[float, ...]:
    if not 0.0 < most_deprived < 1.0:
        raise ValueError(f"most_deprived share must be in (0, 1), got {most_deprived}")

    def first_share_gap(w: float) -> float:
        return 1.0 / sum(w**k for k in range(5)) - most_deprived

    w = brentq(first_share_gap, 1e-6, 1e6, xtol=1e-12)
    shares = [w**k for k in range(5)]
    return tuple(share / sum(shares) for share in shares)


def relative_levels(attribute: str, north_west_level: float) -> dict[str, float]:
    """Each drawn area's level relative to England (births-weighted mean of 1).

    Supplied regions take their own weight; North West authorities are scaled so
    that, together, they sit at `north_west_level` among the regions.
    """
    from .geography import north_west_codes, supplied_region_codes

    la_codes = north_west_codes()
    region_codes = supplied_region_codes()
    la_births = {c: PROFILES[c].births_2019 for c in la_codes}
    nw_births = sum(la_births.values())
    nw_mean = sum(getattr(PROFILES[c], attribute) * la_births[c] for c in la_codes) / nw_births
    england_mean = (
        sum(getattr(PROFILES[c], attribute) * PROFILES[c].births_2019 for c in region_codes)
        + north_west_level * nw_births
    ) / (sum(PROFILES[c].births_2019 for c in region_codes) + nw_births)
    levels = {c: getattr(PROFILES[c], attribute) / england_mean for c in region_codes}
    nw_scale = north_west_level / england_mean / nw_mean
    levels.update({c: getattr(PROFILES[c], attribute) * nw_scale for c in la_codes})
    return levels
