"""Aggregate record-level child death reviews (CDOP) into one-way count tables.

Pure pandas: the caller reads the records; nothing here touches the store or a file.

Every table is about infants (age_at_death_days < 365) and is a pandas Series of
whole counts indexed by the category in words, without its total. The review
tables count reviews **completed** (review_closed_date set) in a financial year,
as CDOP annual reports and the indicator engine count them, so that the tables
add up to the engine's "Infant deaths reviewed" for the same area and year.
Only financial years are offered: figures for overlapping periods (calendar and
financial years side by side) could be subtracted from one another to work out a
hidden small count.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.catalogue import DEATH_CATEGORIES, FACTORS
from indicators.periods import parse_period
from indicators.stats.disclosure import TOTAL, SuppressedTable, suppress_counts, with_margins

INFANT_DAYS = 365
NEONATAL_DAYS = 28
NOT_KNOWN = "Not known"
NOT_RECORDED = "Not recorded"

# Every factor flag of the cdop extract, in words; the engine's catalogue names five of them.
FACTOR_WORDS = {
    **{column: words for column, (_slug, words) in FACTORS.items()},
    "factor_maternal_obesity": "maternal obesity",
    "factor_consanguinity": "consanguinity",
}
MODIFIABLE_WORDS = {"Y": "Yes", "YES": "Yes", "N": "No", "NO": "No",
                    "INSUFFICIENT INFORMATION": "Insufficient information"}
# The indicator engine's partition of the modifiable-factors decision: yes, no, the rest.
DECIDED = ("Yes", "No")
INSUFFICIENT = MODIFIABLE_WORDS["INSUFFICIENT INFORMATION"]
UNDECIDED = "Insufficient information or not recorded"
EXPECTED_WORDS = {"Y": "Expected", "N": "Unexpected"}
YES_NO = {"Y": "Yes", "YES": "Yes", "N": "No", "NO": "No"}
AGE_BANDS = ("Neonatal (under 28 days)", "Post-neonatal (28 days to under 1 year)")
QUINTILES = {1: "1 - most deprived", 2: "2", 3: "3", 4: "4", 5: "5 - least deprived"}
NOTIFIED = "Infant deaths notified in the year"
REVIEWED = "Infant death reviews completed in the year"
REQUIRED = ["area_code", "date_of_death", "age_at_death_days", "category", "imd_quintile",
            "ethnic_group", "expected", "modifiable_factors", "notified_date",
            "review_closed_date"]


@dataclass(frozen=True)
class ChildDeathTable:
    """One one-way table: `key` (stable, for ids and CSV), `title` in words and `counts`
    (categories in words -> whole counts, without the total)."""

    key: str
    title: str
    counts: pd.Series


def prepare_records(raw: pd.DataFrame) -> pd.DataFrame:
    """Infant records with parsed dates and every breakdown in words.

    Args:
        raw: cdop extract rows (design §3 columns), e.g. decoded store payloads.

    Returns:
        One row per infant death: area_code, died, notified, closed (Timestamps, NaT
        when blank), the calendar year of death (died_year, as the SUDI rate counts it),
        financial years of notification and review, and the columns category,
        modifiable, expected, age_band, quintile, ethnicity and one per factor flag.

    Raises:
        ValueError naming the column, the case and the value when a date does not parse,
        an age is missing, or a completed review has no category 1 to 10.
    """
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise ValueError(f"cdop records lack the column(s) {', '.join(missing)}")
    age = pd.to_numeric(raw["age_at_death_days"], errors="coerce")
    _refuse(raw, age.isna(), "age_at_death_days", "is not a number of days")
    infants = raw[age < INFANT_DAYS]
    age = age[age < INFANT_DAYS]
    records = pd.DataFrame({"area_code": infants["area_code"].astype(str)}, index=infants.index)
    for column, name in (("date_of_death", "died"), ("notified_date", "notified"),
                         ("review_closed_date", "closed")):
        dates = pd.to_datetime(infants[column], errors="coerce")
        text = infants[column].astype("string").str.strip().fillna("")
        _refuse(infants, dates.isna() & (text != ""), column, "is not a date")
        records[name] = dates
        if name == "died":
            records["died_year"] = dates.dt.year.astype("Int64")
        else:
            records[f"{name}_year"] = financial_years(dates)
    number = pd.to_numeric(infants["category"], errors="coerce")
    _refuse(infants, records["closed"].notna() & ~number.isin(list(DEATH_CATEGORIES)),
            "category", "is not 1 to 10 for a completed review")
    records["category"] = number.map(DEATH_CATEGORIES)
    records["modifiable"] = _words(infants["modifiable_factors"], MODIFIABLE_WORDS, NOT_RECORDED)
    records["expected"] = _words(infants["expected"], EXPECTED_WORDS, NOT_RECORDED)
    records["age_band"] = age.lt(NEONATAL_DAYS).map({True: AGE_BANDS[0], False: AGE_BANDS[1]})
    quintile = pd.to_numeric(infants["imd_quintile"], errors="coerce")
    records["quintile"] = quintile.map(QUINTILES).fillna(NOT_KNOWN)
    ethnicity = infants["ethnic_group"].astype("string").str.strip()
    records["ethnicity"] = ethnicity.mask(ethnicity.eq(""), NOT_KNOWN).fillna(NOT_KNOWN).astype(object)
    for column in FACTOR_WORDS:
        flags = infants[column] if column in infants.columns else pd.Series(None, index=infants.index)
        records[column] = _words(flags, YES_NO, NOT_RECORDED)
    return records


def _refuse(frame: pd.DataFrame, bad: pd.Series, column: str, rule: str) -> None:
    if bad.any():
        row = bad.idxmax()
        case = frame["case_id"][row] if "case_id" in frame.columns else f"row index {row}"
        raise ValueError(f"cdop {column} '{frame[column][row]}' for case {case} {rule}")


def _words(values: pd.Series, words: dict[str, str], otherwise: str) -> pd.Series:
    text = values.astype("string").str.strip().str.upper()
    return text.map(words).fillna(otherwise).astype(object)


def financial_years(dates: pd.Series) -> pd.Series:
    """Financial-year labels ("2023/24", 1 April to 31 March) of dates; None where NaT."""
    first = dates.dt.year - (dates.dt.month < 4)
    return first.map(lambda y: None if pd.isna(y) else f"{int(y)}/{str(int(y) + 1)[2:]}")


def review_periods(records: pd.DataFrame) -> list[str]:
    """Every financial year from the first notification or completed review to the last,
    oldest first (years without any are true zeros, so they are offered too)."""
    years = pd.concat([records["notified_year"], records["closed_year"]]).dropna()
    if years.empty:
        return []
    firsts = years.map(lambda label: parse_period(label).first_year)
    return [parse_period(f"{y}/{str(y + 1)[2:]}").label
            for y in range(int(firsts.min()), int(firsts.max()) + 1)]


def _count(values: pd.Series, order: list[str]) -> pd.Series:
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
    ethnic_order = sorted(set(records["ethnicity"]) - {NOT_KNOWN})
    found = [
        Breakdown("category", "Category of death", records["category"],
                  list(DEATH_CATEGORIES.values())),
        Breakdown("modifiable", "Modifiable factors identified", modifiable, [*DECIDED, rest]),
    ]
    for column, words in FACTOR_WORDS.items():
        found.append(Breakdown(f"factor_{column.removeprefix('factor_')}", f"Factor: {words}",
                               records[column], ["Yes", "No", NOT_RECORDED]))
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
    return [ChildDeathTable(b.key, b.title, _count(b.words[done], b.order))
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


@dataclass(frozen=True)
class PublishedTable:
    """A table ready to show: `shown` has the counts and a "Total" entry, NaN where hidden;
    `hidden` marks them. `full` and `lower_bound` are for audits only: never publish `full`."""

    key: str
    title: str
    shown: pd.Series
    hidden: pd.Series
    full: pd.Series
    lower_bound: int


def suppress_tables(tables: list[ChildDeathTable], k: int) -> list[PublishedTable]:
    """Hide small counts and whatever would reveal them, consistently across the tables.

    Method: each table is suppressed with `indicators.stats.disclosure.suppress_counts`
    (counts 1..k, then secondary suppression and an exact audit), the first table
    ("category") exactly as the indicator engine suppresses it, and the modifiable-factor
    and factor tables, on the engine's partitions (`breakdowns`), likewise. All the tables
    share one total, the reviews completed in the year, which must be hidden in all or in
    none, or one table's total would unlock another's cells:

    * where the category table shows the total but another table's suppression would hide
      it (its non-zero cells are all 1s), that table is suppressed with zeros treated as
      small counts too, which keeps its total;
    * where the category table hides the total (a small total, or all 1s) but another
      table would show it, every cell of that table is hidden.

    Raises RuntimeError if the totals still disagree (a defect, never a data problem).
    """
    category = suppress_counts(tables[0].counts, k)
    total_hidden = bool(category.mask[TOTAL])
    published = [_published(tables[0], category)]
    for table in tables[1:]:
        result = suppress_counts(table.counts, k)
        if result.mask[TOTAL] and not total_hidden:
            result = suppress_counts(table.counts, k, suppress_zero=True)
        if not result.mask[TOTAL] and total_hidden:
            result = _all_hidden(table.counts)
        if bool(result.mask[TOTAL]) != total_hidden:
            raise RuntimeError(f"table {table.key!r}: its total is not hidden as the others are")
        published.append(_published(table, result))
    return published


def _published(table: ChildDeathTable, result: SuppressedTable) -> PublishedTable:
    return PublishedTable(table.key, table.title, result.table, result.mask.astype(bool),
                          result.full, result.lower_bound)


def _all_hidden(counts: pd.Series) -> SuppressedTable:
    full = with_margins(counts)
    mask = pd.Series(True, index=full.index)
    return SuppressedTable(full.where(~mask), mask, pd.Series(None, index=full.index), full, 0)


def suppress_notified_and_reviewed(counts: pd.Series, k: int, reviews_hidden: bool) -> pd.Series:
    """The two counts of `notified_and_reviewed`, NaN where hidden: a count of 1..k, and the
    reviews completed whenever the review tables hide their total."""
    shown = counts.astype("float64").copy()
    shown[counts.between(1, k)] = float("nan")
    if reviews_hidden:
        shown[REVIEWED] = float("nan")
    return shown


def review_counts_shown(records: pd.DataFrame, period: str, k: int) -> pd.Series:
    """The notified and reviewed counts of one area and year, as the page may show them.

    `suppress_notified_and_reviewed` (a count of 1..k hidden; the reviews whenever the
    review tables hide their total), and one partner across the years: where the area's
    review tables hide their total in any year, its notified count of its first
    notification year is hidden too, whatever it is. Every review was notified in its
    year or before, so the notified counts bound the hidden review totals from above
    (all reviews up to a year <= all notifications up to it); with the tables bounding
    them from below, the two could meet and give the totals away. One notified count
    with no known bound, in the first year, lifts every one of those upper bounds.

    Args:
        records: `prepare_records` output for one area (all years).
        period: financial year label.
        k: counts 1..k are small.
    """
    label = parse_period(period).label
    shown = suppress_notified_and_reviewed(notified_and_reviewed(records, label), k,
                                           _total_hidden(records, label, k))
    notified = records["notified_year"].dropna()
    if not notified.empty and label == min(notified) and any(
            _total_hidden(records, year, k) for year in records["closed_year"].dropna().unique()):
        shown[NOTIFIED] = float("nan")
    return shown


def _total_hidden(records: pd.DataFrame, year: str, k: int) -> bool:
    """Whether the year's category table (hence every review table) hides its total."""
    categories = _count(records.loc[records["closed_year"] == year, "category"],
                        list(DEATH_CATEGORIES.values()))
    return bool(suppress_counts(categories, k).mask[TOTAL])
