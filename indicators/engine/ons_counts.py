"""Counts rows from the ONS child mortality (death cohort) tables, computed with our methods.

ONS publishes counts with its rates, so the values are computed from those counts exactly
as local counts are (their rates are checked against ONS's printed ones in the tests):
- `ons_births_deaths` (Table_3, by area of usual residence) feeds the mortality rates of
  every area it covers, as a `births_deaths` extract does;
- `ons_imd_decile` (Table_21, England by IMD decile) feeds infant mortality by IMD
  quintile: quintile q is the sum of deciles 2q-1 and 2q (national deciles of small
  areas pair exactly into national quintiles). A quintile missing one of its deciles, or
  a count in either, is missing with a note.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.engine.frames import empty_counts
from indicators.engine.mortality import births_deaths_counts, deprivation_counts
from indicators.engine.provenance import ONS_AREAS, ONS_DECILES
from indicators.names import AREA_CODE, VALUE_NOTE

DECILE_COUNTS = ["live_births", "infant_deaths", "neonatal_deaths", "stillbirths"]


def ons_counts(raw: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Counts rows of the ONS tables in `raw`, with `origin` naming the table."""
    parts = []
    areas = raw.get(ONS_AREAS)
    if areas is not None and not areas.empty:
        parts.append(births_deaths_counts({"births_deaths": areas}).assign(origin=ONS_AREAS))
    deciles = raw.get(ONS_DECILES)
    if deciles is not None and not deciles.empty:
        quintiles = deciles_to_quintiles(deciles)
        parts.append(deprivation_counts({"deprivation": quintiles}).assign(origin=ONS_DECILES))
    if not parts:
        return empty_counts().assign(origin=pd.Series(dtype="object"))
    return pd.concat(parts, ignore_index=True)


def deciles_to_quintiles(deciles: pd.DataFrame) -> pd.DataFrame:
    """A `deprivation`-shaped table (area, year, imd_quintile 1-5) from decile rows."""
    present = [c for c in DECILE_COUNTS if c in deciles.columns]
    frame = deciles.assign(**{c: pd.to_numeric(deciles[c], errors="coerce") for c in present})
    decile = pd.to_numeric(frame["imd_decile"], errors="coerce")
    frame = frame[decile.between(1, 10)].assign(imd_quintile=np.ceil(decile / 2).astype(int))
    keys = [AREA_CODE, "year", "imd_quintile"]
    grouped = frame.groupby(keys, sort=True)
    sums = grouped[present].sum(min_count=2)  # both deciles of the quintile must be known
    complete = grouped.size() == 2
    sums.loc[~complete, present] = np.nan
    out = sums.reset_index()
    out[VALUE_NOTE] = np.where(complete.to_numpy(), None,
                                 "a decile of this quintile is missing in source")
    out[VALUE_NOTE] = out[VALUE_NOTE].where(
        out[present].notna().all(axis=1) | out[VALUE_NOTE].notna(),
        "a decile count of this quintile is missing in source")
    return out
