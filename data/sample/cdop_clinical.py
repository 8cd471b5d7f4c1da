"""Clinical detail of the synthetic child death records: category, birth, factors."""

from __future__ import annotations

import numpy as np

CATEGORIES = np.arange(1, 11)
# Category weights (1..10) by age group, shaped on National Child Mortality Database
# reports: neonatal deaths are mostly perinatal events (8) and congenital anomalies
# (7); post-neonatal deaths add sudden unexpected deaths (10) and infections (9).
_CATEGORY_WEIGHTS = {
    "neonatal": [0.01, 0.0, 0.01, 0.005, 0.03, 0.02, 0.30, 0.55, 0.04, 0.02],
    "postneonatal": [0.05, 0.0, 0.04, 0.01, 0.12, 0.10, 0.22, 0.08, 0.13, 0.25],
    "older": [0.04, 0.10, 0.15, 0.15, 0.12, 0.15, 0.12, 0.05, 0.07, 0.05],
}
# Share of closed reviews finding modifiable factors, by category.
_MODIFIABLE = {1: 0.9, 2: 0.6, 3: 0.6, 4: 0.05, 5: 0.25, 6: 0.15, 7: 0.15, 8: 0.45, 9: 0.3, 10: 0.6}
# Median birth weight (g) by completed weeks of gestation, rounded.
_GESTATION = np.array([22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42])
_MEDIAN_WEIGHT = np.array([500, 650, 850, 1100, 1450, 1800, 2300, 2750, 3150, 3450, 3550])
FACTOR_ORDER = (
    "smoking", "co_sleeping", "safeguarding", "alcohol_drugs", "domestic_abuse",
    "maternal_obesity", "consanguinity",
)  # fmt: skip


def category(rng: np.random.Generator, kind: str, age_days: int) -> int:
    weights = np.array(_CATEGORY_WEIGHTS[kind], dtype=float)
    if age_days < 10 * 365:  # suicide is not recorded for young children
        weights[1] = 0.0
    return int(rng.choice(CATEGORIES, p=weights / weights.sum()))


def birth_details(rng: np.random.Generator, kind: str, cat: int) -> tuple[int | None, int | None]:
    """Birth weight (g, to 10 g) and gestation (weeks); often unrecorded for older children."""
    if (kind == "older" and rng.random() < 0.7) or rng.random() < 0.05:
        return None, None
    if kind == "neonatal" and cat == 8:
        low, high = rng.choice([(22, 29), (29, 37), (37, 42)], p=[0.7, 0.2, 0.1])
    elif cat == 7:
        low, high = (30, 42)
    else:
        low, high = rng.choice([(24, 37), (37, 42)], p=[0.25, 0.75])
    gestation = int(rng.integers(low, high))
    median = np.interp(gestation, _GESTATION, _MEDIAN_WEIGHT)
    weight = int(round(median * np.exp(rng.normal(0.0, 0.12)), -1))
    return weight, gestation


def modifiable(rng: np.random.Generator, cat: int) -> str:
    u = rng.random()
    if u < 0.05:
        return "Insufficient information"
    return "Y" if u < 0.05 + 0.95 * _MODIFIABLE[cat] else "N"


def _factor_chances(cat: int, kind: str, ethnic_group: str) -> np.ndarray:
    infant = kind != "older"
    chances = {
        "smoking": 0.70 if cat == 10 else 0.35 if infant else 0.10,
        "co_sleeping": 0.60 if cat == 10 and infant else 0.0,
        "safeguarding": 0.90 if cat == 1 else 0.15,
        "alcohol_drugs": 0.50 if cat == 1 else 0.30 if cat == 10 else 0.10,
        "domestic_abuse": 0.60 if cat == 1 else 0.08,
        "maternal_obesity": 0.20 if infant and cat in (7, 8) else 0.0,
        "consanguinity": (0.35 if ethnic_group == "Asian or Asian British" else 0.03) if cat == 7 else 0.0,
    }
    return np.array([chances[name] for name in FACTOR_ORDER])


def factor_flags(
    rng: np.random.Generator, cat: int, kind: str, ethnic_group: str, outcome: str | None
) -> list[str | None]:
    """Y/N per factor; blank while the review is open; at least one Y when modifiable."""
    draws = rng.random(len(FACTOR_ORDER))
    if outcome is None:
        return [None] * len(FACTOR_ORDER)
    if outcome != "Y":
        return ["N"] * len(FACTOR_ORDER)
    chances = _factor_chances(cat, kind, ethnic_group)
    present = draws < chances
    if not present.any():
        present[int(np.argmax(chances))] = True
    return ["Y" if flag else "N" for flag in present]
