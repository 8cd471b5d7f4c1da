"""A synthetic Fingertips "download data" file the size of the whole Child and Maternal
Health profile, for England, the regions, every county/UA and every district.

The layout is Fingertips' own (its 26 columns in its order and words, CRLF line ends, an
indicator name with a line break inside quotes as real downloads have); the values are
invented with a fixed seed. The profile's indicators are stood in for by the catalogue's
five Fingertips IDs plus invented IDs (90001 ...), each with its own period type, so that
most rows stay raw rows, as a real profile download's do. England also has rows by
deprivation decile, as Fingertips publishes them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data.export import AREA_TYPE_WORDS, FINGERTIPS_COLUMNS, write_fingertips_csv
from indicators.catalogue import CATALOGUE

INDICATORS = 80
PERIODS = 10
DECILE_TYPE = "District & UA deprivation deciles in England (IMD2019, 4/21 geography)"
DECILES = ["Most deprived decile (IMD2019)", *(f"{n}{s} more deprived decile (IMD2019)"
           for n, s in zip(range(2, 10), ["nd", "rd", "th", "th", "th", "th", "th", "th"],
                           strict=True)), "Least deprived decile (IMD2019)"]


def _period_labels(kind: str, last_year: int) -> list[str]:
    years = range(last_year - PERIODS + 1, last_year + 1)
    if kind == "pooled":
        return [f"{y - 2} - {str(y)[2:]}" for y in years]
    if kind == "financial":
        return [f"{y}/{str(y + 1)[2:]}" for y in years]
    return [str(y) for y in years]


def profile_indicators(count: int = INDICATORS) -> pd.DataFrame:
    """id, name and period kind of each stand-in indicator (the catalogue's first)."""
    ours = [(i.fingertips_id, i.fingertips_name or i.name,
             "pooled" if i.year_range == 3 else i.period_type.lower())
            for i in CATALOGUE if i.fingertips_id is not None]
    kinds = ("calendar", "financial", "pooled")
    invented = [(90001 + n, f"Child and maternal health indicator {n + 1}", kinds[n % 3])
                for n in range(count - len(ours))]
    return pd.DataFrame(ours + invented, columns=["id", "name", "kind"])


def _parents(areas: pd.DataFrame) -> dict[str, str]:
    """Each area's parent as the download names it: its region; England for regions."""
    parent = dict(zip(areas["area_code"], areas["parent_code"], strict=True))
    kind = dict(zip(areas["area_code"], areas["area_type"], strict=True))
    out = {}
    for code, area_type in kind.items():
        above = parent.get(code)
        while above and kind.get(above) not in ("region", None) and area_type != "region":
            above = parent.get(above)
        out[code] = "" if area_type == "england" else above or ""
    return out


def profile_rows(areas: pd.DataFrame, indicators: int = INDICATORS, last_year: int = 2023,
                 seed: int = 133) -> pd.DataFrame:
    """Every indicator x period x area, plus England by decile, as Fingertips' text cells."""
    rng = np.random.default_rng(seed)
    kinds = areas.set_index("area_code")["area_type"]
    region = pd.Series(_parents(areas))
    names = areas.set_index("area_code")["area_name"]
    parts = []
    for number, indicator in enumerate(profile_indicators(indicators).itertuples(index=False)):
        periods = _period_labels(indicator.kind, last_year)
        codes = np.tile(areas["area_code"].to_numpy(), len(periods))
        labels = np.repeat(periods, len(areas))
        categories = np.full(len(codes), "", dtype=object)
        category_types = np.full(len(codes), "", dtype=object)
        decile_codes = np.repeat("E92000001", len(periods) * len(DECILES))
        codes = np.concatenate([codes, decile_codes])
        labels = np.concatenate([labels, np.repeat(periods, len(DECILES))])
        categories = np.concatenate([categories, np.tile(DECILES, len(periods))])
        category_types = np.concatenate([category_types,
                                         np.full(len(decile_codes), DECILE_TYPE, dtype=object)])
        denominator = rng.integers(2_000, 80_000, len(codes)).astype(float)
        denominator[codes == "E92000001"] *= 150
        count = rng.binomial(denominator.astype(np.int64), 0.004 + 0.1 * (number % 7) / 7)
        scale = 1000 if number % 2 == 0 else 100
        value = count / denominator * scale
        half = 1.96 * np.sqrt(np.maximum(count, 1)) / denominator * scale
        sortable = np.array([int(p[:4]) * 10000 for p in labels])
        name = indicator.name + ("\n" if number % 5 == 0 else "")
        parts.append(pd.DataFrame({
            "Indicator ID": str(indicator.id), "Indicator Name": name,
            "Parent Code": pd.Series(codes).map(region).fillna("").to_numpy(),
            "Parent Name": pd.Series(codes).map(region).map(names).fillna("").to_numpy(),
            "Area Code": codes, "Area Name": pd.Series(codes).map(names).to_numpy(),
            "Area Type": pd.Series(codes).map(kinds).map(AREA_TYPE_WORDS).to_numpy(),
            "Sex": "Persons", "Age": "All ages", "Category Type": category_types,
            "Category": categories, "Time period": labels,
            "Value": value, "Lower CI 95.0 limit": value - half,
            "Upper CI 95.0 limit": value + half, "Lower CI 99.8 limit": value - 1.6 * half,
            "Upper CI 99.8 limit": value + 1.6 * half, "Count": count.astype(str),
            "Denominator": denominator.astype(np.int64).astype(str), "Value note": "",
            "Recent Trend": np.where(sortable == sortable.max(), "Cannot be calculated", ""),
            "Compared to England value or percentiles": "Similar",
            "Compared to Region value or percentiles": "Similar",
            "Time period Sortable": sortable.astype(str), "New data": np.where(
                sortable == sortable.max(), "New data", ""),
            "Compared to goal": "",
        }))
    return pd.concat(parts, ignore_index=True)[FINGERTIPS_COLUMNS]


def write_profile(path: Path, areas: pd.DataFrame, indicators: int = INDICATORS,
                  last_year: int = 2023) -> Path:
    """Write the profile download to `path` in Fingertips' format; return the path."""
    frame = profile_rows(areas, indicators, last_year)
    for column in ("Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit",
                   "Upper CI 99.8 limit"):
        frame[column] = frame[column].map(repr)
    write_fingertips_csv(frame, path)
    return path
