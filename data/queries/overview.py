"""Queries for the overview page: one area's latest value of every indicator, beside its
region, England and the spread of comparable areas across England (for the spine chart)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, and_, or_, select

from data.queries.area_chain import region_of
from data.queries.cache import memoised
from data.queries.core import areas, rows_frame
from data.queries.neighbours import neighbours_averages
from data.schema import area, indicator, indicator_value
from indicators.catalogue import indicator_ids
from indicators.names import ENGLAND
from indicators.source_words import SOURCE_FIELDS, with_source

# The spine chart's range is taken over areas of the chosen area's own type, as
# Fingertips does (counties and unitary authorities against each other); England is
# set against the regions.
PEER_TYPE = {"england": "region"}
PEER_WORDS = {
    "county_ua": "counties and unitary authorities",
    "district": "districts",
    "region": "regions",
    "icb": "integrated care boards",
    "sub_icb": "sub-ICB locations",
}
META_FIELDS = {
    "name": "indicator_name", "unit": "unit", "value_type": "value_type",
    "polarity": "polarity", "fingertips_id": "fingertips_id",
}
NUMBER_COLUMNS = ["count", "denominator", "value", "lower95", "upper95", "lower998", "upper998",
                  "dq_value"]
PEER_COLUMNS = ["peer_min", "peer_q25", "peer_q75", "peer_max", "peer_count"]


@dataclass(frozen=True)
class AreaChain:
    """The chosen area, the region it sits in (None for England and regions) and the
    type of area its spine-chart range is drawn from."""

    code: str
    name: str
    area_type: str
    region_code: str | None
    region_name: str | None
    peer_type: str

    @property
    def peer_words(self) -> str:
        return PEER_WORDS.get(self.peer_type, "areas of the same type")


def area_chain(engine: Engine, area_code: str) -> AreaChain:
    """Name, type and region of `area_code`; KeyError naming the code if it is not stored."""
    frame = areas(engine).set_index("area_code")
    if area_code not in frame.index:
        raise KeyError(f"area {area_code!r} is not in the store")
    region = region_of(areas(engine), area_code)
    area_type = frame.at[area_code, "area_type"]
    return AreaChain(
        code=area_code, name=frame.at[area_code, "area_name"], area_type=area_type,
        region_code=region, region_name=frame.at[region, "area_name"] if region else None,
        peer_type=PEER_TYPE.get(area_type, area_type),
    )


@memoised
def overview_values(engine: Engine, chain: AreaChain) -> pd.DataFrame:
    """One row per indicator with whole-population values for the area: its latest period's
    stored row (missing values stay NaN with their note), the region's and England's value
    for that period, its statistical neighbours' average (`neighbours_value`, with
    `neighbours_note`; data.queries.neighbours.AVERAGE_METHOD), the indicator's catalogue
    metadata and the spread of the peer areas' values that period (min, quartiles by linear
    interpolation, max, count). Catalogue order."""
    latest = _latest_rows(engine, chain.code)
    if latest.empty:
        return latest
    pairs = list(zip(latest["indicator_id"], latest["period_label"], strict=True))
    latest = latest.merge(_metadata(engine), on="indicator_id", how="left")
    for code, column in ((chain.region_code, "region_value"), (ENGLAND, "england_value")):
        latest = latest.merge(_values_for(engine, code, pairs, column),
                              on=["indicator_id", "period_label"], how="left")
    latest = latest.merge(_peer_spread(engine, chain.peer_type, pairs),
                          on=["indicator_id", "period_label"], how="left")
    latest = latest.merge(neighbours_averages(engine, chain.code, pairs),
                          on=["indicator_id", "period_label"], how="left")
    latest = with_source(latest)
    order = {key: rank for rank, key in enumerate(indicator_ids())}
    latest["catalogue_rank"] = latest["indicator_id"].map(order).fillna(len(order))
    return latest.sort_values("catalogue_rank", kind="stable").reset_index(drop=True)


def _latest_rows(engine: Engine, area_code: str) -> pd.DataFrame:
    # Naming the indicators lets the (indicator_id, area_code) index find the area's rows;
    # on area_code alone the database reads every stored value.
    query = (select(indicator_value)
             .where(indicator_value.c.indicator_id.in_(select(indicator.c.id)),
                    indicator_value.c.area_code == area_code, indicator_value.c.category_type == "")
             .order_by(indicator_value.c.indicator_id, indicator_value.c.period_sortable))
    with engine.connect() as connection:
        result = connection.execute(query)
        rows = rows_frame(result.all(), result.keys())
    rows = rows.drop(columns=["id", "computed_at", "load_id"], errors="ignore")
    # Missing numbers come back as None; keep them NaN so the frame stays numeric.
    rows = rows.astype({c: "float64" for c in NUMBER_COLUMNS})
    return rows.groupby("indicator_id", sort=False).tail(1).reset_index(drop=True)


@memoised
def _metadata(engine: Engine) -> pd.DataFrame:
    with engine.connect() as connection:
        rows = connection.execute(select(indicator.c.id, indicator.c.metadata_json)).all()
    records = []
    for indicator_id, text in rows:
        meta = json.loads(text)
        target = meta.get("target") or {}
        dq = meta.get("dq_measure") or {}
        records.append({
            "indicator_id": indicator_id,
            **{column: meta.get(field) for field, column in META_FIELDS.items()},
            "target_value": target.get("value"), "target_label": target.get("label"),
            "dq_name": dq.get("name"),
        })
    frame = pd.DataFrame(records, columns=["indicator_id", *META_FIELDS.values(), "target_value",
                                           "target_label", "dq_name"])
    return frame.astype({"fingertips_id": "Int64", "target_value": "float64"})


def _period_filter(pairs: list[tuple[str, str]]):
    return or_(*(and_(indicator_value.c.indicator_id == i, indicator_value.c.period_label == p)
                 for i, p in pairs))


def _values_for(engine: Engine, area_code: str | None, pairs: list[tuple[str, str]],
                column: str) -> pd.DataFrame:
    """The area's value per indicator and period as `column`, and where it comes from as
    `column` with "_value" replaced by "_source" (e.g. england_source)."""
    source = column.replace("_value", "_source")
    empty = pd.DataFrame(columns=["indicator_id", "period_label", column, source])
    if area_code is None:
        return empty.astype({column: "float64"})
    query = select(indicator_value.c.indicator_id, indicator_value.c.period_label,
                   indicator_value.c.value, *(indicator_value.c[c] for c in SOURCE_FIELDS)).where(
        indicator_value.c.area_code == area_code, indicator_value.c.category_type == "",
        _period_filter(pairs))
    with engine.connect() as connection:
        frame = rows_frame(connection.execute(query).all(),
                           ["indicator_id", "period_label", column, *SOURCE_FIELDS])
    frame = with_source(frame).rename(columns={"source": source})
    return frame[empty.columns].astype({column: "float64"})


@memoised  # the same for every area of a type whose latest periods are the usual ones
def _peer_spread(engine: Engine, peer_type: str, pairs: list[tuple[str, str]]) -> pd.DataFrame:
    query = (select(indicator_value.c.indicator_id, indicator_value.c.period_label,
                    indicator_value.c.value)
             .select_from(indicator_value.join(area, indicator_value.c.area_code == area.c.code))
             .where(area.c.area_type == peer_type, indicator_value.c.category_type == "",
                    indicator_value.c.value.is_not(None), _period_filter(pairs)))
    with engine.connect() as connection:
        values = rows_frame(connection.execute(query).all(), ["indicator_id", "period_label", "value"])
    values["value"] = values["value"].astype("float64")
    grouped = values.groupby(["indicator_id", "period_label"])["value"]
    spread = pd.DataFrame({
        "peer_min": grouped.min(), "peer_q25": grouped.quantile(0.25),
        "peer_q75": grouped.quantile(0.75), "peer_max": grouped.max(),
        "peer_count": grouped.count(),
    })
    return spread.reset_index().astype({c: "float64" for c in PEER_COLUMNS})
