"""The chart download format choice (PNG or SVG) every new view offers: the radio buttons
set the format of the chart toolbar's download button."""

from __future__ import annotations

from dash import Dash, Input, Output, State, no_update

FORMATS = ("png", "svg")


def register(app: Dash, graph_id: str, radio_id: str) -> None:
    # dcc.Graph re-plots (and so takes a new config) only when its figure changes too: the
    # figure goes back to it as it is, beside the new config.
    @app.callback(Output(graph_id, "config"),
                  Output(graph_id, "figure", allow_duplicate=True),
                  Input(radio_id, "value"), State(graph_id, "config"),
                  State(graph_id, "figure"), prevent_initial_call=True)
    def image_format(fmt: str | None, config: dict | None, figure: dict | None):
        config = dict(config or {})
        config["toImageButtonOptions"] = {**config.get("toImageButtonOptions", {}),
                                          "format": fmt if fmt in FORMATS else "png"}
        return config, figure if figure else no_update
