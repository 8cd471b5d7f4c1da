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
    areas = sorted(records["area_code"].unique())
    grid = _Grid(areas, _financial_span(records["closed"].dropna()), reviewed["area_code"],
                 _financial_year(reviewed["closed"]))
    everyone = np.ones(len(reviewed), bool)
    modifiable = reviewed["modifiable"]
    parts = [
        grid.tally("cdop_infant_reviews", everyone, None),
        grid.tally("cdop_infant_modifiable", modifiable.eq("Y"), modifiable.isin(["Y", "N"])),
    ]
    for number, name in DEATH_CATEGORIES.items():
        parts.append(grid.tally("cdop_infant_deaths_by_category",
                                reviewed["category"].eq(number), everyone, category=name))
    for column, (slug, _) in FACTORS.items():
        if column in reviewed.columns:
            flag = _yes_no(reviewed[column])
            parts.append(grid.tally(f"cdop_factor_{slug}", flag.eq("Y"), flag.isin(["Y", "N"])))
    parts.append(_sudi(reviewed, records, areas, raw.get("births_deaths")))
    return pd.concat(parts, ignore_index=True)


class _Grid:
    """Every area x period of the extract's span, and where each record falls in it."""

    def __init__(self, areas: list[str], periods: list[str], record_areas: pd.Series,
                 record_periods: pd.Series) -> None:
        self.frame = pd.MultiIndex.from_product(
            [areas, periods], names=["area_code", "period_label"]).to_frame(index=False)
        area_at = pd.Index(areas).get_indexer(record_areas)
        period_at = pd.Index(periods).get_indexer(record_periods)
        self.position = np.where((area_at >= 0) & (period_at >= 0),
                                 area_at * len(periods) + period_at, -1)

    def tally(self, indicator_id: str, hit: pd.Series | np.ndarray,
              base: pd.Series | np.ndarray | None, category: str = "") -> pd.DataFrame:
        """Records where `hit` (numerator) and `base` (denominator; None for a plain count)
        hold, per area and period; zero where the grid has no records."""
        inside = self.position >= 0
        size = len(self.frame)

        def count(mask: pd.Series | np.ndarray) -> np.ndarray:
            chosen = np.asarray(mask, bool) & inside
            return np.bincount(self.position[chosen], minlength=size).astype("float64")

        out = self.frame.copy()
        out["indicator_id"] = indicator_id
        out["category_type"] = "Category of death" if category else ""
        out["category"] = category
        out["count"] = count(hit)
        out["denominator"] = np.nan if base is None else count(base)
        out["dq_count"] = np.nan
        out["dq_denominator"] = np.nan
        out["value_note"] = None
        return out[COUNT_COLUMNS]


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


def _sudi(reviewed: pd.DataFrame, records: pd.DataFrame, areas: list[str],
          births_deaths: pd.DataFrame | None) -> pd.DataFrame:
    """Reviewed SUDI (category 10) by calendar year of death over live births."""
    died = records["died"].dropna()
    if died.empty:
        return empty_counts()
    years = [str(y) for y in range(died.dt.year.min(), died.dt.year.max() + 1)]
    year_of_death = reviewed["died"].dt.year.astype("Int64").astype(str)
    grid = _Grid(areas, years, reviewed["area_code"], year_of_death)
    sudi = grid.tally("cdop_sudi_rate", reviewed["category"].eq(SUDI_CATEGORY), None)
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
