"""All-areas overview wiring: area, area set and order -> the indicators-by-areas table,
a sentence, CSV."""

from __future__ import annotations

from dash import Dash, Input, Output

from callbacks import page_outputs, view_cache
from callbacks.compare import area_options
from callbacks.context import AppContext
from callbacks.options import DEFAULT_AREA, indicator_options, pick
from data.queries import all_areas as queries
from indicators.names import AREA_NAME, COMPARED_ENGLAND
from layouts import ids
from layouts.pages import all_areas as page


def render(context: AppContext, query: dict[str, str]):
    areas, indicators = area_options(context), indicator_options(context)
    sorts = [o["value"] for o in page.sort_options(indicators)]
    return page.layout(
        areas, indicators, area=pick(query.get("area"), areas, DEFAULT_AREA),
        area_set=query.get("areas") if query.get("areas") in queries.AREA_SETS else "region",
        sort=query.get("sort") if query.get("sort") in sorts else page.NAME_SORT)


def sentence(frame, area_set: str) -> str:
    cells = frame[frame["role"].isin(["area", "peer"])]
    chosen = frame[frame["role"] == "area"]
    words = chosen[COMPARED_ENGLAND].fillna("").str.split(" ").str[0]
    counts = ", ".join(f"{(words == w).sum()} {w.lower()}" for w in ("Better", "Similar", "Worse")
                       if (words == w).any())
    group = "its region's areas" if area_set == "region" else "its statistical neighbours"
    name = chosen[AREA_NAME].iloc[0] if len(chosen) else "The area"
    return (f"{name} beside {group}: {frame['indicator_id'].nunique()} indicators, "
            f"{cells['area_code'].nunique()} areas. Compared with England, {name} is "
            f"{counts or 'not compared'} (on the indicators with a comparison).")


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        Output(ids.ALL_AREAS_TABLE, "children"),
        Output(ids.ALL_AREAS_SUMMARY, "children"),
        Input(ids.ALL_AREAS_AREA, "value"),
        Input(ids.ALL_AREAS_SET, "value"),
        Input(ids.ALL_AREAS_SORT, "value"),
    )
    @view_cache.outputs
    def update(area, area_set, sort):
        if not area or area_set not in queries.AREA_SETS:
            return page_outputs.unchanged(2)
        frame = queries.all_areas_values(context.engine, area, area_set)
        if frame.empty:
            return None, "There are no values for this area yet."
        return page.rug_table(frame, sort or page.NAME_SORT), sentence(frame, area_set)

    def csv_file(area, area_set):
        if not area or area_set not in queries.AREA_SETS:
            return None
        frame = queries.all_areas_values(context.engine, area, area_set)
        return frame, f"all_areas_{area}_{area_set}.csv"

    page_outputs.csv_button(app, ids.ALL_AREAS_DOWNLOAD_BUTTON, ids.ALL_AREAS_DOWNLOAD,
                            [ids.ALL_AREAS_AREA, ids.ALL_AREAS_SET], csv_file)
