"""Definitions page wiring: the chosen indicator (our id or Fingertips ID) -> its metadata."""

from __future__ import annotations

from dash import MATCH, Dash, Input, Output, State, ctx, no_update

from callbacks import page_outputs
from callbacks.context import AppContext
from indicators.catalogue import CATALOGUE, get_indicator
from layouts import ids
from layouts.pages import definitions as page


def resolve(wanted: str | None) -> tuple[str, str | None]:
    """Our indicator id for `wanted` (our id or a Fingertips ID), or ALL with a notice when
    it names no indicator."""
    if not wanted or wanted == page.ALL:
        return page.ALL, None
    try:
        return get_indicator(wanted).id, None
    except KeyError:
        return page.ALL, f"There is no indicator “{wanted}”; every indicator is shown below."


def render(context: AppContext, query: dict[str, str]):
    chosen, notice = resolve(query.get("indicator"))
    return page.layout(list(CATALOGUE), chosen, notice)


def register(app: Dash, context: AppContext) -> None:
    @app.callback(Output(ids.DEFINITIONS_BODY, "children"),
                  Output(ids.DEFINITIONS_BODY, page.SHOWN),
                  Input(ids.DEFINITIONS_INDICATOR, "value"),
                  State(ids.DEFINITIONS_BODY, page.SHOWN),
                  prevent_initial_call=True)
    def show(wanted: str | None, shown: str | None):
        chosen, notice = resolve(wanted)
        if chosen == shown and notice is None:  # the URL callback's echo: nothing to redraw
            return page_outputs.unchanged(2)
        return page.body(list(CATALOGUE), chosen, notice), chosen

    @app.callback(Output({"type": ids.DEFINITION_MORE_BODY, "indicator": MATCH}, "children"),
                  Input({"type": ids.DEFINITION_MORE, "indicator": MATCH}, "n_clicks"),
                  State({"type": ids.DEFINITION_MORE_BODY, "indicator": MATCH}, "children"),
                  prevent_initial_call=True)
    def more(_clicks, drawn):
        if drawn:  # opened before: the definition is already there
            return no_update
        return page.more_body(get_indicator(ctx.triggered_id["indicator"]))
