"""What page callbacks send back: the CSV button, and what a callback returns when
its controls are not set yet or the store has nothing for them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
from dash import Dash, Input, Output, State, dcc, no_update

from data.export import csv_text

# A callback's build gives the rows and the file's name, or None when there is nothing to send.
CsvBuild = Callable[..., "tuple[pd.DataFrame, str] | None"]


def csv_button(app: Dash, button_id: str, download_id: str, controls: Sequence[str],
               build: CsvBuild) -> None:
    """Wire a page's "Download data (CSV)" button: on a click, `build(*values of controls)`
    gives (rows, file name); the rows go out as CSV with formula-like cells escaped."""

    @app.callback(Output(download_id, "data"), Input(button_id, "n_clicks"),
                  *(State(control, "value") for control in controls), prevent_initial_call=True)
    def download(_clicks, *values):
        made = build(*values)
        if made is None:
            return no_update
        frame, name = made
        return dcc.send_string(csv_text(frame), name)


def file_part(text: str) -> str:
    """`text` (a period label, say) safe in a file name: letters and digits kept, the rest '-'."""
    return "".join(c if c.isalnum() else "-" for c in text)


def unchanged(outputs: int) -> tuple:
    """Leave all `outputs` of a callback as they are (its controls are not set yet)."""
    return (no_update,) * outputs
