"""Synthetic breastfeeding returns: first feed and 6-8 week status, by financial year."""

from __future__ import annotations

from indicators.names import AREA_CODE, PERIOD
from indicators.periods import financial_year_label

from . import targets
from ._rng import rng_for
from ._tables import Row, add_parent_totals
from .geography import leaf_codes
from .periods import financial_years
from .profiles import NORTH_WEST_BREASTFEEDING, PROFILES, relative_levels

FIRST_FEED = ("births_first_feed_known", "first_feed_breastmilk")
SIX_EIGHT_WEEKS = (
    "infants_due_review", "totally_breastfed", "partially_breastfed", "not_breastfed",
    "status_unknown",
)  # fmt: skip
COLUMNS = (AREA_CODE, PERIOD, *FIRST_FEED, *SIX_EIGHT_WEEKS)
TOTALLY_SHARE = 0.62  # of infants breastfed at 6-8 weeks, those fed breast milk only
LOW_COVERAGE_AREA = "E08000015"  # Wirral: many reviews without a recorded status lately


def _draw(code: str, fy: int, level: float, last_fy: int) -> Row:
    rng = rng_for("breastfeeding", code, fy)
    births_index = 0.75 * targets.births_index(fy) + 0.25 * targets.births_index(fy + 1)
    births = int(rng.poisson(PROFILES[code].births_2019 * births_index))
    first_known = int(rng.binomial(births, rng.uniform(0.96, 0.995)))
    first_breastmilk = int(rng.binomial(first_known, min(0.95, targets.first_feed_breastmilk(fy) * level)))
    due = int(rng.poisson(births * 0.99))
    coverage_gap = 0.20 if code == LOW_COVERAGE_AREA and fy > last_fy - 3 else rng.uniform(0.02, 0.05)
    unknown = int(rng.binomial(due, coverage_gap))
    # Prevalence at 6-8 weeks varies between areas more than initiation does.
    breastfed = int(rng.binomial(due - unknown, min(0.9, targets.breastfed_6_8_weeks(fy) * level**1.8)))
    totally = int(rng.binomial(breastfed, TOTALLY_SHARE))
    return {
        AREA_CODE: code,
        PERIOD: financial_year_label(fy),
        "births_first_feed_known": first_known,
        "first_feed_breastmilk": first_breastmilk,
        "infants_due_review": due,
        "totally_breastfed": totally,
        "partially_breastfed": breastfed - totally,
        "not_breastfed": due - unknown - breastfed,
        "status_unknown": unknown,
    }


def _withhold(rows: list[Row], last_fy: int) -> None:
    """Blank a few local cells, as real returns do, after the national sums are made.

    A block not submitted is left empty; small counts withheld are marked "*".
    """
    missing = {
        ("E06000064", financial_year_label(last_fy - 2)): (SIX_EIGHT_WEEKS, None),
        ("E08000011", financial_year_label(2012)): (FIRST_FEED, "*"),
        ("E06000006", financial_year_label(2014)): (
            ("totally_breastfed", "partially_breastfed"),
            "*",
        ),
    }
    for row in rows:
        columns, marker = missing.get((row[AREA_CODE], row[PERIOD]), ((), None))
        for column in columns:
            row[column] = marker


def build_breastfeeding(last_year: int) -> list[Row]:
    levels = relative_levels("breastfeeding", NORTH_WEST_BREASTFEEDING)
    years = financial_years(last_year)
    leaves = [_draw(code, fy, levels[code], years[-1]) for code in leaf_codes() for fy in years]
    rows = add_parent_totals(leaves, [PERIOD], COLUMNS[2:])
    _withhold(rows, years[-1])
    return sorted(rows, key=lambda r: (r[AREA_CODE], r[PERIOD]))
