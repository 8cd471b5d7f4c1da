"""Counts for the child death review indicators from the record-level `cdop` raw table.

Records are read by `indicators.disclosure.records.parse_records` (the infant rule, the
Y/N words, SUDI = category 10), the same reader the child deaths page uses. A review is
complete when review_closed_date is set.
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
from indicators.disclosure.records import NO, YES, financial_span, parse_records
from indicators.engine.frames import COUNT_COLUMNS, empty_counts, numeric, require_columns
from indicators.engine.mortality import calendar_labels


def cdop_counts(raw: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    table = raw.get("cdop")
    if table is None or table.empty:
        return empty_counts()
    records = parse_records(table)
    reviewed = records[records["infant"] & records["closed"].notna()]
    areas = sorted(records["area_code"].unique())
    grid = _Grid(areas, financial_span(records["closed_year"]), reviewed["area_code"],
                 reviewed["closed_year"])
    everyone = np.ones(len(reviewed), bool)
    modifiable = reviewed["modifiable"]
    parts = [
        grid.tally("cdop_infant_reviews", everyone, None),
        grid.tally("cdop_infant_modifiable", modifiable.eq(YES), modifiable.isin([YES, NO])),
    ]
    for number, name in DEATH_CATEGORIES.items():
        parts.append(grid.tally("cdop_infant_deaths_by_category",
                                reviewed["category_number"].eq(number), everyone, category=name))
    for column, (slug, _) in FACTORS.items():
        if column in table.columns:
            flag = reviewed[column]
            parts.append(grid.tally(f"cdop_factor_{slug}", flag.eq(YES), flag.isin([YES, NO])))
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


def _sudi(reviewed: pd.DataFrame, records: pd.DataFrame, areas: list[str],
          births_deaths: pd.DataFrame | None) -> pd.DataFrame:
    """Reviewed SUDI (category 10) by calendar year of death over live births."""
    died = records["died"].dropna()
    if died.empty:
        return empty_counts()
    years = [str(y) for y in range(died.dt.year.min(), died.dt.year.max() + 1)]
    year_of_death = reviewed["died"].dt.year.astype("Int64").astype(str)
    grid = _Grid(areas, years, reviewed["area_code"], year_of_death)
    sudi = grid.tally("cdop_sudi_rate", reviewed["sudi"], None)
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
