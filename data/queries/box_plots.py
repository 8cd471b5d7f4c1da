"""What the box plots read: an indicator's whole-population values for every area of a type
over all its periods, with the chosen area's and England's values."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from data.queries.cache import memoised
from data.queries.core import areas, rows_frame
from data.schema import indicator_value
from indicators.names import AREA_CODE, AREA_TYPE, ENGLAND, PERIOD_SORTABLE, VALUE

AREA_TYPES = ("county_ua", "district")


@memoised
def type_values(engine: Engine, indicator_id: str, area_type: str) -> pd.DataFrame:
    """area_code, period_label, period_sortable, year_range, value for every area of the
    type (and England), oldest period first."""
    if area_type not in AREA_TYPES:
        raise ValueError(f"area_type must be one of {AREA_TYPES}; got {area_type!r}")
    every = areas(engine)
    codes = [*every.loc[every[AREA_TYPE] == area_type, AREA_CODE], ENGLAND]
    query = (select(indicator_value.c.area_code, indicator_value.c.period_label,
                    indicator_value.c.period_sortable, indicator_value.c.year_range,
                    indicator_value.c.value)
             .where(indicator_value.c.indicator_id == indicator_id,
                    indicator_value.c.category_type == "",
                    indicator_value.c.area_code.in_(codes)))
    with engine.connect() as connection:
        result = connection.execute(query)
        frame = rows_frame(result.all(), result.keys())
    frame[VALUE] = frame[VALUE].astype("float64")
    return frame.sort_values([PERIOD_SORTABLE, "year_range", AREA_CODE]).reset_index(drop=True)
