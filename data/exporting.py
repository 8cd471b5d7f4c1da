"""Reads one indicator from the store and lays it out as a Fingertips download."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from data import queries
from data.export import fingertips_frame
from indicators.catalogue import get_indicator


def export_fingertips(engine: Engine, key: str) -> pd.DataFrame:
    """`key` is our indicator id or its Fingertips indicator ID; KeyError when unknown."""
    indicator = get_indicator(int(key) if key.isdigit() else key)
    values = queries.indicator_values(engine, indicator.id, category_type=None)
    return fingertips_frame(values, queries.areas(engine), indicator)
