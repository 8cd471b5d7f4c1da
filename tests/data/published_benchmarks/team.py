"""A real team's files: its own authority's births and deaths (2015-2017) plus a
Fingertips download of infant mortality (92196) for England, the regions and every
authority, with Fingertips' comparison words worked out here independently (Byar's limits
written out by hand, Breslow and Day 1987)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from data import queries
from data.export import FINGERTIPS_COLUMNS
from indicators.names import ENGLAND

BLACKPOOL = "E06000009"
NORTH_WEST = "E12000002"
LIVERPOOL = "E08000012"
PERIODS = ("2013 - 15", "2014 - 16", "2015 - 17")
LOCAL = pd.DataFrame({  # 32 infant deaths among 4,650 live births, 2015-17
    "area_code": BLACKPOOL, "year": [2015, 2016, 2017],
    "live_births": [1600, 1550, 1500], "stillbirths": [7, 6, 5],
    "infant_deaths": [12, 9, 11], "neonatal_deaths": [8, 6, 7],
    "postneonatal_deaths": [4, 3, 4]})
PUBLISHED_BLACKPOOL = (34, 4660)  # the national count differs from ours by 2 deaths
ENGLAND_COUNTS = (7500, 1_950_000)  # 3.85 per 1,000: below Blackpool's lower limit
NORTH_WEST_COUNTS = (1250, 250_000)  # 5.0 per 1,000: inside Blackpool's interval


def byar_limits(deaths: float, births: float, z: float = 1.959963984540054) -> tuple[float, float]:
    """Byar's approximation to the exact Poisson limits, per 1,000 (deaths of 10 or more)."""
    lower = deaths * (1 - 1 / (9 * deaths) - z / (3 * math.sqrt(deaths))) ** 3
    upper = (deaths + 1) * (1 - 1 / (9 * (deaths + 1)) + z / (3 * math.sqrt(deaths + 1))) ** 3
    return lower / births * 1000, upper / births * 1000


def fingertips_rows(areas: pd.DataFrame) -> pd.DataFrame:
    """92196 as Fingertips' download writes it, for England, regions and every county/UA."""
    rng = np.random.default_rng(92196)
    region_of = areas.set_index("area_code")["parent_code"]
    chosen = areas[areas["area_type"].isin(["england", "region", "county_ua"])]
    records = []
    for period_number, period in enumerate(PERIODS):
        for code, name, kind in chosen[["area_code", "area_name", "area_type"]].itertuples(
                index=False):
            if code == ENGLAND:
                deaths, births = ENGLAND_COUNTS
            elif code == NORTH_WEST:
                deaths, births = NORTH_WEST_COUNTS
            elif code == BLACKPOOL:
                deaths, births = PUBLISHED_BLACKPOOL
            else:
                births = int(rng.integers(4_000, 60_000))
                deaths = int(rng.poisson(births * rng.uniform(0.0025, 0.0075)))
            deaths += period_number  # periods differ a little
            lower, upper = byar_limits(deaths, births)
            parent = "" if kind == "england" else (
                ENGLAND if kind == "region" else region_of[code])
            records.append({
                "Indicator ID": "92196", "Indicator Name": "Infant mortality rate\n",
                "Parent Code": parent, "Parent Name": "", "Area Code": code,
                "Area Name": name, "Area Type": {"england": "England", "region": "Region"}.get(
                    kind, "Counties & UAs (from Apr 2023)"),
                "Sex": "Persons", "Age": "<1 yr", "Category Type": "", "Category": "",
                "Time period": period, "Value": repr(deaths / births * 1000),
                "Lower CI 95.0 limit": repr(lower), "Upper CI 95.0 limit": repr(upper),
                "Lower CI 99.8 limit": "", "Upper CI 99.8 limit": "",
                "Count": str(deaths), "Denominator": str(births), "Value note": "",
                "Recent Trend": "Cannot be calculated" if period == PERIODS[-1] else "",
                "Compared to England value or percentiles": "Not compared",
                "Compared to Region value or percentiles": "Not compared",
                "Time period Sortable": f"{2013 + period_number}0000", "New data": "",
                "Compared to goal": ""})
    frame = pd.DataFrame(records, columns=FINGERTIPS_COLUMNS)
    return published_words(frame, areas)


def significance_word(lower: float, upper: float, benchmark: float) -> str:
    return "Worse" if lower > benchmark else "Better" if upper < benchmark else "Similar"


def published_words(frame: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Fingertips' own comparisons by its rule, except one it gets 'wrong' (Liverpool)."""
    kind = frame["Area Code"].map(areas.set_index("area_code")["area_type"])
    value = frame.set_index(["Area Code", "Time period"])["Value"].astype(float)
    for column, benchmark, compared in (
            ("Compared to England value or percentiles", pd.Series(ENGLAND, frame.index),
             kind.isin(["region", "county_ua"])),
            ("Compared to Region value or percentiles", frame["Parent Code"],
             kind.eq("county_ua"))):
        reference = value.reindex(pd.MultiIndex.from_arrays(
            [benchmark, frame["Time period"]])).to_numpy()
        words = [significance_word(lo, up, ref) for lo, up, ref in zip(
            frame["Lower CI 95.0 limit"].astype(float), frame["Upper CI 95.0 limit"].astype(float),
            reference, strict=True)]
        frame.loc[compared, column] = pd.Series(words, index=frame.index)[compared]
    liverpool = frame["Area Code"].eq(LIVERPOOL)
    england_word = "Compared to England value or percentiles"
    frame.loc[liverpool, england_word] = frame.loc[liverpool, england_word].map(
        {"Worse": "Similar", "Similar": "Better", "Better": "Similar"})
    return frame


def stored_row(engine, area_code: str, period: str = "2015 - 17") -> pd.Series:
    values = queries.indicator_values(engine, "infant_mortality_3yr", [area_code])
    return values[values["period_label"] == period].iloc[0]
