"""Counts for the child death review indicators from the record-level `cdop` raw table.

Infants: age_at_death_days < 365. A review is complete when review_closed_date is set.
Review measures are counted by the financial year the review closed; the SUDI rate by the
calendar year of death over live births from `births_deaths`. Every area in the extract
gets a row for every period in the extract's span, so a year without reviews is a true
zero for that panel rather than a gap.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.catalogue import DEATH_CATEGORIES, FACTORS
from indicators.engine.frames import COUNT_COLUMNS, empty_counts, numeric, require_columns
from indicators.engine.mortality import calendar_labels

REQUIRED = ["area_code", "date_of_death", "age_at_death_days", "category",
            "modifiable_factors", "review_closed_date"]
SUDI_CATEGORY = 10


def cdop_counts(raw: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    table = raw.get("cdop")
    if table is None or table.empty:
        return empty_counts()
    require_columns(table, "cdop", REQUIRED)
    records = _prepare(table)
    reviewed = records[records["infant"] & records["closed"].notna()]
    review_year = _financial_year(reviewed["closed"])
    grid_years = _financial_span(records["closed"].dropna())
    areas = sorted(records["area_code"].unique())
    parts = [
        _tally(reviewed, review_year, "cdop_infant_reviews", areas, grid_years,
               hit=np.ones(len(reviewed), bool), base=None),
        _tally(reviewed, review_year, "cdop_infant_modifiable", areas, grid_years,
               hit=reviewed["modifiable"].eq("Y"), base=reviewed["modifiable"].isin(["Y", "N"])),
    ]
    for number, name in DEATH_CATEGORIES.items():
        parts.append(_tally(reviewed, review_year, "cdop_infant_deaths_by_category", areas,
                            grid_years, hit=reviewed["category"].eq(number),
                            base=np.ones(len(reviewed), bool), category=name))
    for column, (slug, _) in FACTORS.items():
        if column in reviewed.columns:
            flag = _yes_no(reviewed[column])
            parts.append(_tally(reviewed, review_year, f"cdop_factor_{slug}", areas, grid_years,
                                hit=flag.eq("Y"), base=flag.isin(["Y", "N"])))
    parts.append(_sudi(reviewed, records, areas, raw.get("births_deaths")))
    return pd.concat(parts, ignore_index=True)


def _prepare(table: pd.DataFrame) -> pd.DataFrame:
    records = pd.DataFrame({"area_code": table["area_code"].astype(str)}, index=table.index)
    for column in ("date_of_death", "review_closed_date"):
        dates = pd.to_datetime(table[column], errors="coerce")
        bad = dates.isna() & table[column].notna() & (table[column].astype(str).str.strip() != "")
        if bad.any():
            row = bad.idxmax()
            raise ValueError(f"raw table 'cdop': {column} {table[column][row]!r} at row index "
                             f"{row!r} is not a date")
        records["died" if column == "date_of_death" else "closed"] = dates
    records["infant"] = numeric(table, "age_at_death_days") < 365
    category = numeric(table, "category")
    closed_infant = records["infant"] & records["closed"].notna()
    bad = closed_infant & ~category.isin(list(DEATH_CATEGORIES))
    if bad.any():
        row = bad.idxmax()
        raise ValueError(f"raw table 'cdop': category {table['category'][row]!r} at row index "
                         f"{row!r} is not 1 to 10 for a completed review")
    records["category"] = category
    records["modifiable"] = _yes_no(table["modifiable_factors"])
    for column in FACTORS:
        if column in table.columns:
            records[column] = table[column]
    return records


def _yes_no(values: pd.Series) -> pd.Series:
    """'Y'/'N' from Y, Yes, N, No in any case; anything else (blank, 'Insufficient
    information') is neither."""
    text = values.astype("string").str.strip().str.upper()
    return text.map({"Y": "Y", "YES": "Y", "N": "N", "NO": "N"}).astype("object")


def _financial_year(dates: pd.Series) -> pd.Series:
    first = dates.dt.year - (dates.dt.month < 4)
    return first.map(lambda y: f"{y}/{str(y + 1)[2:]}")


def _financial_span(dates: pd.Series) -> list[str]:
    if dates.empty:
        return []
    first = _financial_year(dates)
    years = range(int(first.str[:4].astype(int).min()), int(first.str[:4].astype(int).max()) + 1)
    return [f"{y}/{str(y + 1)[2:]}" for y in years]


def _tally(records: pd.DataFrame, period: pd.Series, indicator_id: str, areas: list[str],
           periods: list[str], hit: pd.Series | np.ndarray, base: pd.Series | np.ndarray | None,
           category: str = "") -> pd.DataFrame:
    """Count `hit` (numerator) and `base` (denominator; None for a plain count) per area and
    period over the full area x period grid, zero where the grid has no records."""
    grid = pd.MultiIndex.from_product([areas, periods], names=["area_code", "period_label"])
    keys = [records["area_code"], period]
    count = pd.Series(np.asarray(hit, bool), index=records.index).groupby(keys).sum()
    out = pd.DataFrame({"count": count.reindex(grid, fill_value=0).astype("float64")})
    if base is None:
        out["denominator"] = np.nan
    else:
        denominator = pd.Series(np.asarray(base, bool), index=records.index).groupby(keys).sum()
        out["denominator"] = denominator.reindex(grid, fill_value=0).astype("float64")
    out = out.reset_index()
    out["indicator_id"] = indicator_id
    out["category_type"] = "Category of death" if category else ""
    out["category"] = category
    out["dq_count"] = np.nan
    out["dq_denominator"] = np.nan
    out["value_note"] = None
    return out[COUNT_COLUMNS]


def _sudi(reviewed: pd.DataFrame, records: pd.DataFrame, areas: list[str],
          births_deaths: pd.DataFrame | None) -> pd.DataFrame:
    """Reviewed SUDI (category 10) by calendar year of death over live births."""
    died = records["died"].dropna()
    if died.empty:
        return empty_counts()
    years = [str(y) for y in range(died.dt.year.min(), died.dt.year.max() + 1)]
    year_of_death = reviewed["died"].dt.year.astype("Int64").astype(str)
    sudi = _tally(reviewed, year_of_death, "cdop_sudi_rate", areas, years,
                  hit=reviewed["category"].eq(SUDI_CATEGORY), base=None)
    births = _live_births(births_deaths)
    key = pd.MultiIndex.from_frame(sudi[["area_code", "period_label"]])
    sudi["denominator"] = births.reindex(key).to_numpy()
    sudi.loc[sudi["denominator"].isna(), "value_note"] = "live_births not available in source"
    return sudi


def _live_births(births_deaths: pd.DataFrame | None) -> pd.Series:
    if births_deaths is None or births_deaths.empty:
        return pd.Series(dtype="float64", index=pd.MultiIndex.from_tuples(
            [], names=["area_code", "period_label"]))
    require_columns(births_deaths, "births_deaths", ["area_code", "year", "live_births"])
    return pd.Series(
        numeric(births_deaths, "live_births").to_numpy(),
        index=pd.MultiIndex.from_arrays(
            [births_deaths["area_code"].astype(str), calendar_labels(births_deaths,
                                                                    "births_deaths")],
            names=["area_code", "period_label"]),
    )
