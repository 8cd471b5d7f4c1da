"""Queries every screen uses: areas, indicator choices and values, load counts."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, Row, exists, func, select

from data.queries.cache import memoised
from data.schema import area, indicator, indicator_value, load, raw_row
from indicators.names import AREA_CODE, AREA_NAME, AREA_TYPE, PARENT_CODE

AREA_COLUMNS = [AREA_CODE, AREA_NAME, AREA_TYPE, PARENT_CODE]


def rows_frame(rows: Sequence[Row], columns: Sequence[str]) -> pd.DataFrame:
    """Result rows as a DataFrame. Handed plain tuples: given SQLAlchemy rows, pandas asks
    each for attributes it does not have, which costs more than the query."""
    return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))


@memoised
def areas(engine: Engine) -> pd.DataFrame:
    """Every area: code, name, canonical type and parent code."""
    query = select(area.c.code, area.c.name, area.c.area_type, area.c.parent_code).order_by(area.c.name)
    with engine.connect() as connection:
        return rows_frame(connection.execute(query).all(), AREA_COLUMNS)


@memoised
def indicator_values(
    engine: Engine,
    indicator_id: str,
    area_codes: Sequence[str] | None = None,
    category_type: str | None = "",
) -> pd.DataFrame:
    """Stored values of one indicator, oldest period first; `category_type=None` gives
    every breakdown, `""` only the whole population."""
    query = select(indicator_value).where(indicator_value.c.indicator_id == indicator_id)
    if area_codes is not None:
        query = query.where(indicator_value.c.area_code.in_(list(area_codes)))
    if category_type is not None:
        query = query.where(indicator_value.c.category_type == category_type)
    query = query.order_by(indicator_value.c.area_code, indicator_value.c.period_sortable,
                           indicator_value.c.year_range, indicator_value.c.category)
    with engine.connect() as connection:
        result = connection.execute(query)
        return rows_frame(result.all(), result.keys())


def load_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(load)).scalar_one())


def value_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(indicator_value)).scalar_one())


@memoised
def indicator_choices(engine: Engine) -> pd.DataFrame:
    """Indicators with whole-population values in the store: id, name and catalogue metadata."""
    # EXISTS per indicator walks the (indicator_id, area_code) index and stops at the
    # first whole-population row; a DISTINCT over the values reads the whole table.
    with_values = exists().where(indicator_value.c.indicator_id == indicator.c.id,
                                 indicator_value.c.category_type == "")
    query = (select(indicator.c.id, indicator.c.name, indicator.c.metadata_json)
             .where(with_values).order_by(indicator.c.name))
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return pd.DataFrame(
        [(r.id, r.name, json.loads(r.metadata_json)) for r in rows], columns=["id", "name", "meta"])


@memoised
def sample_data_in_use(engine: Engine) -> bool:
    """True while any stored extract row came from the synthetic sample loader."""
    query = (select(func.count()).select_from(raw_row.join(load, raw_row.c.load_id == load.c.id))
             .where(load.c.user_name == SAMPLE_USER))
    with engine.connect() as connection:
        return bool(connection.execute(query).scalar_one())


SAMPLE_USER = "sample-data"
