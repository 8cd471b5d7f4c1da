"""The one reader of child death review (CDOP) records, for the indicator engine and the page.

Pure pandas: the caller supplies the extract rows (design §3 columns); nothing here reads
the store. One vocabulary for every flag ("Yes", "No", else "Not recorded"), one infant
rule (age_at_death_days under 365), one SUDI category (10) and one financial-year label
(`indicators.periods.financial_year_label`), so that the engine's indicators and the
page's tables count the same reviews the same way.
"""

from __future__ import annotations

import pandas as pd

from indicators.catalogue import DEATH_CATEGORIES, FACTORS
from indicators.catalogue.model import ETHNIC_GROUPS as _ETHNIC_GROUPS
from indicators.names import AREA_CODE
from indicators.periods import financial_year_label

INFANT_DAYS = 365
NEONATAL_DAYS = 28
SUDI_CATEGORY = 10
SUDI_LABEL = DEATH_CATEGORIES[SUDI_CATEGORY]
YES, NO = "Yes", "No"
NOT_KNOWN = "Not known"
NOT_RECORDED = "Not recorded"
INSUFFICIENT = "Insufficient information"
YES_NO = {"Y": YES, "YES": YES, "N": NO, "NO": NO}
MODIFIABLE_WORDS = {**YES_NO, "INSUFFICIENT INFORMATION": INSUFFICIENT}
EXPECTED_WORDS = {"Y": "Expected", "N": "Unexpected"}
AGE_BANDS = ("Neonatal (under 28 days)", "Post-neonatal (28 days to under 1 year)")
QUINTILES = {1: "1 - most deprived", 2: "2", 3: "3", 4: "4", 5: "5 - least deprived"}
# ONS 2021 census high-level ethnic groups, in ONS's order (Not known is kept apart).
ETHNIC_GROUPS = _ETHNIC_GROUPS
_ETHNIC_FIRST_WORDS = {
    "asian": "Asian", "indian": "Asian", "pakistani": "Asian", "bangladeshi": "Asian",
    "chinese": "Asian", "black": "Black", "caribbean": "Black", "african": "Black",
    "mixed": "Mixed", "white": "White", "british": "White", "irish": "White",
    "gypsy": "White", "roma": "White", "other": "Other", "arab": "Other",
}
_NOT_KNOWN_WORDS = {"not known", "not stated", "unknown", "refused", "not recorded"}
# Every factor flag of the cdop extract, in words; the catalogue's FACTORS names five of them.
FACTOR_WORDS = {
    **{column: words for column, (_slug, words) in FACTORS.items()},
    "factor_maternal_obesity": "maternal obesity",
    "factor_consanguinity": "consanguinity",
}
REQUIRED = [AREA_CODE, "date_of_death", "age_at_death_days", "category",
            "modifiable_factors", "review_closed_date"]
DATES = (("date_of_death", "died"), ("notified_date", "notified"),
         ("review_closed_date", "closed"))


def parse_records(raw: pd.DataFrame) -> pd.DataFrame:
    """Every record of the extract (children too) with parsed dates and words.

    Args:
        raw: cdop extract rows. notified_date, imd_quintile, ethnic_group, expected and
            the factor flags are optional (missing reads as not recorded / not known).

    Returns:
        One row per record: area_code, age (days), infant (bool), died, notified,
        closed (Timestamps, NaT when blank), died_year (calendar, Int64), notified_year
        and closed_year (financial-year labels, None when blank), category_number,
        category (words, None when not 1 to 10), sudi (reviewed category 10), modifiable
        (Yes, No, Insufficient information, Not recorded), expected, age_band, quintile,
        ethnicity and one column per factor flag (Yes, No, Not recorded).

    Raises:
        ValueError naming the column, the case and the value when a column is missing, a
        date does not parse, an age is not a number of days, or a completed infant review
        has no category 1 to 10.
    """
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise ValueError(f"cdop records lack the column(s) {', '.join(missing)}")
    age = pd.to_numeric(raw["age_at_death_days"], errors="coerce")
    _refuse(raw, age.isna(), "age_at_death_days", "is not a number of days")
    records = pd.DataFrame({AREA_CODE: raw[AREA_CODE].astype(str), "age": age,
                            "infant": age < INFANT_DAYS}, index=raw.index)
    for column, name in DATES:
        source = raw[column] if column in raw.columns else pd.Series(None, index=raw.index)
        dates = pd.to_datetime(source, errors="coerce")
        text = source.astype("string").str.strip().fillna("")
        _refuse(raw, dates.isna() & (text != ""), column, "is not a date")
        records[name] = dates
        if name == "died":
            records["died_year"] = dates.dt.year.astype("Int64")
        else:
            records[f"{name}_year"] = financial_years(dates)
    number = pd.to_numeric(raw["category"], errors="coerce")
    completed = records["infant"] & records["closed"].notna()
    _refuse(raw, completed & ~number.isin(list(DEATH_CATEGORIES)), "category",
            "is not 1 to 10 for a completed review")
    records["category_number"] = number
    records["category"] = number.map(DEATH_CATEGORIES).astype(object)
    records["sudi"] = completed & number.eq(SUDI_CATEGORY)
    records["modifiable"] = words(raw["modifiable_factors"], MODIFIABLE_WORDS, NOT_RECORDED)
    records["expected"] = words(_optional(raw, "expected"), EXPECTED_WORDS, NOT_RECORDED)
    records["age_band"] = age.lt(NEONATAL_DAYS).map({True: AGE_BANDS[0], False: AGE_BANDS[1]})
    quintile = pd.to_numeric(_optional(raw, "imd_quintile"), errors="coerce")
    records["quintile"] = quintile.map(QUINTILES).fillna(NOT_KNOWN).astype(object)
    ethnicity = _optional(raw, "ethnic_group").astype("string").str.strip().fillna("")
    records["ethnicity"] = ethnicity.map(ethnic_group).astype(object)
    _refuse(raw, records["ethnicity"].isna(), "ethnic_group",
            "is not an ONS 2021 census ethnic group (Asian, Black, Mixed, White, Other)")
    for column in FACTOR_WORDS:
        records[column] = words(_optional(raw, column), YES_NO, NOT_RECORDED)
    return records


def ethnic_group(text: str) -> str | None:
    """The ONS 2021 census high-level group of an ethnic group as extracts write it: the
    short name or the census wording ("Asian, Asian British or Asian Welsh", "Black or
    Black British", "Mixed or Multiple ethnic groups", "Any other ethnic group", ...);
    blank or "Not known"/"Not stated" is Not known; anything else None."""
    words = str(text).strip().lower()
    if words == "" or words in _NOT_KNOWN_WORDS:
        return NOT_KNOWN
    split = words.replace(",", " ").split()
    if split[:2] == ["any", "other"]:  # "Any other White background" is White
        return next((_ETHNIC_FIRST_WORDS[w] for w in split[2:] if w in _ETHNIC_FIRST_WORDS),
                    "Other")
    return _ETHNIC_FIRST_WORDS.get(split[0])


def infant_records(raw: pd.DataFrame) -> pd.DataFrame:
    """`parse_records` of the infants only (what every review table counts)."""
    records = parse_records(raw)
    return records[records["infant"]]


def words(values: pd.Series, vocabulary: dict[str, str], otherwise: str) -> pd.Series:
    """Each value in words by `vocabulary` (keys upper case, any case and spacing in the
    data); anything else (blank, unknown) is `otherwise`."""
    text = values.astype("string").str.strip().str.upper()
    return text.map(vocabulary).fillna(otherwise).astype(object)


def financial_years(dates: pd.Series) -> pd.Series:
    """Financial-year labels ("2023/24", 1 April to 31 March) of dates; None where NaT."""
    first = dates.dt.year - (dates.dt.month < 4)
    return first.map(lambda y: None if pd.isna(y) else financial_year_label(int(y)))


def financial_span(labels: pd.Series) -> list[str]:
    """Every financial year from the first label to the last, oldest first."""
    firsts = labels.dropna().str[:4].astype(int)
    if firsts.empty:
        return []
    return [financial_year_label(y) for y in range(int(firsts.min()), int(firsts.max()) + 1)]


def sudi_counts(records: pd.DataFrame) -> pd.Series:
    """Reviewed category-10 infant deaths by (area, calendar year of death), as the SUDI
    rate counts its numerator; `records` from `parse_records`."""
    chosen = records["sudi"] & records["died"].notna()
    keys = pd.MultiIndex.from_arrays([records.loc[chosen, AREA_CODE],
                                      records.loc[chosen, "died_year"].astype(int).astype(str)])
    return pd.Series(1.0, index=keys).groupby(level=[0, 1]).sum()


def _optional(raw: pd.DataFrame, column: str) -> pd.Series:
    return raw[column] if column in raw.columns else pd.Series(None, index=raw.index,
                                                               dtype=object)


def _refuse(frame: pd.DataFrame, bad: pd.Series, column: str, rule: str) -> None:
    if bad.any():
        row = bad.idxmax()
        case = frame["case_id"][row] if "case_id" in frame.columns else f"row index {row}"
        value = frame[column][row] if column in frame.columns else None
        raise ValueError(f"cdop {column} '{value}' for case {case} {rule}")
