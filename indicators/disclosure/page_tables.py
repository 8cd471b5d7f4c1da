"""The child deaths page's tables: one-way counts of an area's infant death reviews.

Pure pandas: records come from `indicators.disclosure.records.infant_records`. Every
table is a pandas Series of whole counts indexed by the category in words, without its
total. The review tables count reviews **completed** (review_closed_date set) in a
financial year, as CDOP annual reports and the indicator engine count them, so that the
tables add up to the engine's "Infant deaths reviewed" for the same area and year. Only
financial years are offered: figures for overlapping periods (calendar and financial
years side by side) could be subtracted from one another to work out a hidden count.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.catalogue import DEATH_CATEGORIES
from indicators.disclosure.records import (
    AGE_BANDS,
    ETHNIC_GROUPS,
    EXPECTED_WORDS,
    FACTOR_WORDS,
    INSUFFICIENT,
    NO,
    NOT_KNOWN,
    NOT_RECORDED,
    QUINTILES,
    YES,
    financial_span,
)
from indicators.periods import parse_period

# The indicator engine's partition of the modifiable-factors decision: yes, no, the rest.
DECIDED = (YES, NO)
UNDECIDED = "Insufficient information or not recorded"
NOTIFIED = "Infant deaths notified in the year"
REVIEWED = "Infant death reviews completed in the year"

@dataclass(frozen=True)
class ChildDeathTable:
    """One one-way table: `key` (stable, for ids and CSV), `title` in words and `counts`
    (categories in words -> whole counts, without the total)."""

    key: str
    title: str
    counts: pd.Series




def review_periods(records: pd.DataFrame) -> list[str]:
    """Every financial year from the first notification or completed review to the last,
    oldest first (years without any are true zeros, so they are offered too)."""
    return financial_span(pd.concat([records["notified_year"], records["closed_year"]]))


def count_table(values: pd.Series, order: list[str]) -> pd.Series:
    extra = sorted(set(values.dropna()) - set(order))
    counts = values.value_counts().reindex(order + extra, fill_value=0).astype("int64")
    return counts


def _optional(order: list[str], values: pd.Series, *maybe: str) -> list[str]:
    """`order` plus the catch-all categories that occur in `values`."""
    return order + [m for m in maybe if values.eq(m).any()]


@dataclass(frozen=True)
class Breakdown:
    """One breakdown of an area's records: each record's category in words (`words`,
    aligned with the records) and the categories its table lists, in order."""

    key: str
    title: str
    words: pd.Series
    order: list[str]


def breakdowns(records: pd.DataFrame) -> list[Breakdown]:
    """The breakdowns of one area's records that the review tables count.

    The modifiable-factors breakdown is the indicator engine's partition (yes, no, the
    rest): the rest is "Insufficient information", or "Insufficient information or not
    recorded" where some completed review has no decision. A finer split than the
    engine's would let the engine's published yes count unlock a cell hidden here. The
    factor breakdowns are the engine's partition already (yes, no, not recorded).
    """
    closed = records[records["closed"].notna()]
    rest = UNDECIDED if closed["modifiable"].eq(NOT_RECORDED).any() else INSUFFICIENT
    modifiable = records["modifiable"].where(records["modifiable"].isin(DECIDED), rest)
    ethnic_order = [group for group in ETHNIC_GROUPS if records["ethnicity"].eq(group).any()]
    found = [
        Breakdown("category", "Category of death", records["category"],
                  list(DEATH_CATEGORIES.values())),
        Breakdown("modifiable", "Modifiable factors identified", modifiable, [*DECIDED, rest]),
    ]
    for column, words in FACTOR_WORDS.items():
        found.append(Breakdown(f"factor_{column.removeprefix('factor_')}", f"Factor: {words}",
                               records[column], [YES, NO, NOT_RECORDED]))
    return found + [
        Breakdown("age_band", "Age at death", records["age_band"], list(AGE_BANDS)),
        Breakdown("quintile", "Deprivation quintile (IMD) of residence", records["quintile"],
                  _optional(list(QUINTILES.values()), records["quintile"], NOT_KNOWN)),
        Breakdown("ethnicity", "Ethnic group", records["ethnicity"],
                  _optional(ethnic_order, records["ethnicity"], NOT_KNOWN)),
        Breakdown("expected", "Expected or unexpected death", records["expected"],
                  _optional(list(EXPECTED_WORDS.values()), records["expected"], NOT_RECORDED)),
    ]


def child_death_tables(records: pd.DataFrame, period: str) -> list[ChildDeathTable]:
    """The one-way tables of one area's infant death reviews completed in a financial year.

    Each sums to the reviews completed in the year. The modifiable-factor and factor
    tables keep the indicator engine's partition (yes, no, the rest), so that what this
    page hides agrees with what the engine hides for the same year.

    Args:
        records: `prepare_records` output for one area (all years, so that an ethnic
            group that occurs in any year is listed in every year).
        period: financial year label, e.g. "2023/24".

    Returns:
        Tables for category, modifiable factors, each factor flag, age band,
        deprivation quintile, ethnicity, expected or unexpected (`breakdowns`).
    """
    done = records["closed_year"] == parse_period(period).label
    return [ChildDeathTable(b.key, b.title, count_table(b.words[done], b.order))
            for b in breakdowns(records)]


def notified_and_reviewed(records: pd.DataFrame, period: str) -> pd.Series:
    """Infant deaths notified to the panel in the year, and reviews completed in the year.

    Two separate counts, not a table with a total: the deaths notified in a year are not
    the deaths whose reviews were completed in it.
    """
    label = parse_period(period).label
    return pd.Series({
        NOTIFIED: int((records["notified_year"] == label).sum()),
        REVIEWED: int((records["closed_year"] == label).sum()),
    }, dtype="int64")


