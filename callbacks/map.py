"""Map page wiring: selection -> one period's values for every area of the type -> choropleth,
key in words, sentence, table, CSV; and the boundary layers served from the dashboard itself
(no tile server, nothing fetched from outside)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from dash import Dash, Input, Output, State
from flask import Response, abort

from callbacks import page_outputs, view_cache
from callbacks.context import AppContext
from callbacks.options import (
    DEFAULT_AREA,
    DEFAULT_INDICATOR,
    indicator_options,
    offer_periods,
    pick,
    resolve_indicator,
)
from data import boundaries, queries
from data.queries import map as map_queries
from data.queries import neighbours as neighbour_queries
from indicators.names import AREA_CODE, AREA_NAME, AREA_TYPE, COMPARED_ENGLAND, LOWER95
from layouts import ids
from layouts.figures.choropleth import choropleth_figure, key_items
from layouts.pages import map as page

BOUNDARY_PATH = "/boundaries/<layer>.geo.json"
COLOURS = ("england", "quintiles", "continuous")


def area_options(context: AppContext) -> list[dict]:
    """Counties and UAs, then districts, each by name."""
    frame = queries.areas(context.engine)
    frame = frame[frame[AREA_TYPE].isin(list(map_queries.AREA_TYPES))]
    frame = frame.assign(order=frame[AREA_TYPE].map({"county_ua": 0, "district": 1}))
    return [{"label": r.area_name, "value": r.area_code}
            for r in frame.sort_values(["order", AREA_NAME]).itertuples(index=False)]


def region_options(context: AppContext) -> list[dict]:
    frame = queries.areas(context.engine)
    frame = frame[frame[AREA_TYPE] == "region"].sort_values(AREA_NAME)
    return [{"label": r.area_name, "value": r.area_code} for r in frame.itertuples(index=False)]


def period_options(context: AppContext, indicator: str | None) -> list[dict]:
    periods = map_queries.indicator_periods(context.engine, indicator) if indicator else []
    return [{"label": p, "value": p} for p in periods]


def render(context: AppContext, query: dict[str, str]):
    indicators, areas, regions = (indicator_options(context), area_options(context),
                                  region_options(context))
    indicator = resolve_indicator(query.get("indicator"), indicators, DEFAULT_INDICATOR)
    periods = period_options(context, indicator)
    zooms = [o["value"] for o in page.zoom_options(regions)]
    return page.layout(
        indicators, areas, periods, regions, indicator=indicator,
        area=pick(query.get("area"), areas, DEFAULT_AREA),
        period=pick(query.get("period"), periods, None),
        geography=query.get("geography") if query.get("geography") in map_queries.AREA_TYPES
        else "county_ua",
        colour=query.get("colour") if query.get("colour") in COLOURS else "england",
        zoom=query.get("zoom") if query.get("zoom") in zooms else "england",
        attribution=boundaries.ATTRIBUTION)


def layer_url(context: AppContext, layer: str) -> str:
    """The layer's address, with its file version so a newly loaded vintage is fetched anew."""
    path = boundaries.layer_path(context.settings.instance_dir, layer)
    return f"/boundaries/{layer}.geo.json?v={path.stat().st_mtime_ns}"


@dataclass(frozen=True)
class MapView:
    frame: pd.DataFrame  # the areas shown, with values, quintile and region
    bounds: tuple[float, float, float, float] | None
    period: str
    meta: dict
    note: str  # what the zoom did, in words ("" when nothing to say)
    neighbour_rank: tuple[int, int] | None
    listed: pd.DataFrame  # the table's rows: the areas of the chosen region or group


def view(context: AppContext, indicator: str, area: str, period: str | None, geography: str,
         zoom: str) -> MapView | None:
    """The areas drawn for the selection and the box to zoom to."""
    periods = map_queries.indicator_periods(context.engine, indicator)
    if not periods:
        return None
    period = period if period in periods else periods[0]
    layer = boundaries.load_layer(context.settings.instance_dir, geography)
    frame = map_queries.map_values(context.engine, indicator, period, geography)
    # Every area of the layer is drawn: those the store does not hold, as "No value".
    names = boundaries.feature_names(layer)
    missing = sorted(set(names) - set(frame[AREA_CODE]))
    frame = pd.concat([frame, pd.DataFrame({AREA_CODE: missing,
                                            AREA_NAME: [names[c] for c in missing]})],
                      ignore_index=True)
    frame = frame[frame[AREA_CODE].isin(set(names))]
    meta = queries.indicator_choices(context.engine).set_index("id")["meta"].get(indicator, {})
    note, focus, rank = "", None, None
    group = neighbour_queries.neighbours(context.engine, area)
    if zoom == page.NEIGHBOURS:
        if geography != "county_ua" or group.empty:
            note = ("Statistical neighbours are upper-tier authorities: choose counties and "
                    "unitary authorities and an authority that has a group.")
        else:
            members = {area, *group[AREA_CODE]}
            frame = frame[frame[AREA_CODE].isin(members)]
            focus = members
    elif zoom != "england":
        # The region's own outline gives the box; areas the store does not place in a
        # region (not in its area table) stay drawn, clipped by the box.
        region_layer = boundaries.load_layer(context.settings.instance_dir, "region")
        region_box = boundaries.bounds(region_layer, {zoom})
        keep = ((frame["region_code"] == zoom) | frame["region_code"].isna()
                | (frame[AREA_CODE] == area))
        frame = frame[keep]
        focus = set(frame.loc[frame["region_code"] == zoom, AREA_CODE])
    frame = frame.sort_values(AREA_NAME, kind="stable").reset_index(drop=True)
    frame["quintile"] = map_queries.quintile_words(frame["value"])
    if not group.empty and geography == "county_ua":
        members = map_queries.map_values(context.engine, indicator, period, geography)
        members = members[members[AREA_CODE].isin({area, *group[AREA_CODE]})]
        rank = neighbour_queries.rank_among_neighbours(members, area, meta.get("polarity", ""))
    bounds = boundaries.bounds(layer, focus) if focus else None
    if zoom not in ("england", page.NEIGHBOURS):
        bounds = region_box or bounds
    listed = frame
    if zoom not in ("england", page.NEIGHBOURS):
        listed = frame[(frame["region_code"] == zoom) | (frame[AREA_CODE] == area)]
    return MapView(frame, bounds, period, meta, note, rank, listed.reset_index(drop=True))


def summary(chosen: MapView, area: str, colour: str) -> str:
    name, unit = chosen.meta.get("name", "The indicator"), chosen.meta.get("unit", "")
    shown = chosen.listed
    valued = int(shown["value"].notna().sum())
    text = f"{name}, {chosen.period}: {len(shown)} areas shown, {valued} with a value."
    row = shown[shown[AREA_CODE] == area]
    if not row.empty:
        r = row.iloc[0]
        if pd.notna(r["value"]):
            interval = ("" if pd.isna(r[LOWER95]) else
                        f" (95% confidence interval {r['lower95']:.1f} to {r['upper95']:.1f})")
            word = r[COMPARED_ENGLAND] if isinstance(r[COMPARED_ENGLAND], str) else ""
            text += f" {r['area_name']} (outlined): {r['value']:.1f} {unit}{interval}"
            text += f", {word.lower()} compared with England." if word else "."
        else:
            text += f" {r['area_name']} (outlined) has no value for this period."
    if chosen.neighbour_rank:
        position, of = chosen.neighbour_rank
        best = " (1 is the best)" if chosen.meta.get("polarity") in ("Low is good",
                                                                     "High is good") else ""
        text += (f" Among itself and its statistical neighbours it ranks {position} of {of} "
                 f"with a value{best}.")
    return " ".join(part for part in (text, chosen.note) if part)


def register(app: Dash, context: AppContext) -> None:
    def boundary_layer(layer: str):
        if layer not in boundaries.LAYERS:
            abort(404)
        path = boundaries.layer_path(context.settings.instance_dir, layer)
        response = Response(path.read_bytes(), mimetype="application/geo+json")
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    app.server.add_url_rule(BOUNDARY_PATH, "boundary_layer", boundary_layer)

    @app.callback(
        Output(ids.MAP_PERIOD, "options"),
        Input(ids.MAP_INDICATOR, "value"),
        State(ids.MAP_PERIOD, "value"),
        prevent_initial_call=True,
    )
    def periods_for_indicator(indicator: str | None, period: str | None):
        chosen = resolve_indicator(indicator, indicator_options(context), None)
        return offer_periods(ids.MAP_PERIOD, period, period_options(context, chosen))


    @app.callback(
        Output(ids.MAP_CHART, "figure"),
        Output(ids.MAP_KEY, "children"),
        Output(ids.MAP_SUMMARY, "children"),
        Output(ids.MAP_TABLE, "children"),
        Input(ids.MAP_INDICATOR, "value"),
        Input(ids.MAP_AREA, "value"),
        Input(ids.MAP_PERIOD, "value"),
        Input(ids.MAP_GEOGRAPHY, "value"),
        Input(ids.MAP_COLOUR, "value"),
        Input(ids.MAP_ZOOM, "value"),
    )
    @view_cache.outputs
    def update(indicator, area, period, geography, colour, zoom):
        indicator = resolve_indicator(indicator, indicator_options(context), None)
        if not indicator or not area or geography not in map_queries.AREA_TYPES:
            return page_outputs.unchanged(4)
        colour = colour if colour in COLOURS else "england"
        chosen = view(context, indicator, area, period, geography, zoom or "england")
        if chosen is None:
            return {}, None, "There are no values for this indicator yet.", None
        unit = chosen.meta.get("unit", "")
        figure = choropleth_figure(
            chosen.frame, geojson=layer_url(context, geography), colour_by=colour,
            highlight=area, bounds=chosen.bounds, unit=unit,
            title=f"{chosen.meta.get('name', indicator)}, {chosen.period}")
        valued = chosen.frame["value"].dropna()
        key = page.colour_key(key_items(chosen.frame, colour), colour, unit,
                              (valued.min(), valued.max()) if len(valued) else None)
        return (figure, key, summary(chosen, area, colour),
                page.values_table(chosen.listed, area))

    def csv_file(indicator, area, period, geography, zoom):
        indicator = resolve_indicator(indicator, indicator_options(context), None)
        if not indicator or geography not in map_queries.AREA_TYPES:
            return None
        chosen = view(context, indicator, area, period, geography, zoom or "england")
        if chosen is None:
            return None
        frame = chosen.listed.assign(indicator_id=indicator)
        label = page_outputs.file_part(chosen.period)
        return frame, f"map_{indicator}_{geography}_{label}.csv"

    page_outputs.csv_button(app, ids.MAP_DOWNLOAD_BUTTON, ids.MAP_DOWNLOAD,
                            [ids.MAP_INDICATOR, ids.MAP_AREA, ids.MAP_PERIOD, ids.MAP_GEOGRAPHY,
                             ids.MAP_ZOOM], csv_file)
