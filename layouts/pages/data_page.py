"""The data page for the intelligence team: upload (behind sign-in), load history, data quality."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from indicators.names import AREA_NAME, PERIOD_LABEL
from layouts import ids
from layouts.components import csv_download, labelled_dropdown, scroll_region
from layouts.pages import data_reconcile

HISTORY_ROWS_SHOWN = 100
UPLOAD_POLL_MS = 1000
FLAG_ROWS_SHOWN = 100
# Badge colour and text colour per result (the word is always shown; pairs meet AA contrast).
RESULT_COLOURS = {"loaded": ("success", "white"), "unchanged": ("secondary", "white"),
                  "refused": ("danger", "white"), "recomputed": ("info", "dark")}


def layout(upload_panel) -> html.Div:
    return html.Div([
        html.H1("Data"),
        html.P(["Every refresh of the store, what it changed, and the values whose recording was "
                "incomplete. Signed-in members of the intelligence team can upload extracts here; "
                "they get the same checks, and the same all-or-nothing load, as files loaded on "
                "the server."],
               className="lead"),
        html.H2("Upload extracts", className="h4 mt-4"),
        html.Div(upload_panel, id=ids.DATA_UPLOAD_PANEL),
        dcc.Store(id=ids.DATA_UPLOAD_RESULT),
        # A large upload is checked and loaded in the background; its stage shows here.
        dcc.Store(id=ids.DATA_UPLOAD_JOB),
        dcc.Interval(id=ids.DATA_UPLOAD_POLL, interval=UPLOAD_POLL_MS, disabled=True),
        html.P(id=ids.DATA_UPLOAD_PROGRESS, role="status", className="mt-3 mb-0"),
        dcc.Loading(html.Div(id=ids.DATA_UPLOAD_REPORT, role="status", className="mt-3")),
        html.H2("Load history", className="h4 mt-4"),
        html.P("Newest first. Times are UTC; each file's SHA-256 fingerprint identifies its exact "
               "contents."),
        csv_download(ids.DATA_HISTORY_DOWNLOAD_BUTTON, ids.DATA_HISTORY_DOWNLOAD),
        dcc.Loading(html.Div(id=ids.DATA_HISTORY)),
        html.H2("Data-quality flags", className="h4 mt-4"),
        html.P("Values where the status was not recorded for too many people: flagged at 5% or "
               "more, named at 10% or more, as Fingertips does. Read such values with care."),
        csv_download(ids.DATA_FLAGS_DOWNLOAD_BUTTON, ids.DATA_FLAGS_DOWNLOAD),
        dcc.Loading(html.Div(id=ids.DATA_FLAGS)),
        data_reconcile.section(),
    ])




def _hidden_token(token: str) -> dcc.Input:
    return dcc.Input(type="hidden", name="csrf_token", value=token)


def upload_unavailable(reason: str) -> dbc.Alert:
    return dbc.Alert(reason, color="secondary")


def sign_in_form(action: str, token: str, failed: bool) -> html.Div:
    """A plain HTML form posted to the sign-in route (the password never enters Dash)."""
    notice = [dbc.Alert("That user name and password were not recognised.", color="danger")] \
        if failed else []
    return html.Div([
        *notice,
        html.P("Sign in to upload extract files."),
        html.Form([
            _hidden_token(token),
            html.Div([
                html.Label("User name", htmlFor=ids.DATA_SIGN_IN_USER, className="form-label"),
                dcc.Input(id=ids.DATA_SIGN_IN_USER, name="username", type="text", required=True,
                          autoComplete="username", className="form-control"),
            ], className="mb-2"),
            html.Div([
                html.Label("Password", htmlFor=ids.DATA_SIGN_IN_PASSWORD, className="form-label"),
                dcc.Input(id=ids.DATA_SIGN_IN_PASSWORD, name="password", type="password",
                          required=True, autoComplete="current-password", className="form-control"),
            ], className="mb-3"),
            html.Button("Sign in", id=ids.DATA_SIGN_IN_BUTTON, type="submit",
                        className="btn btn-primary"),
        ], id=ids.DATA_SIGN_IN_FORM, method="POST", action=action, className="sign-in-form",
            style={"maxWidth": "24rem"}),
    ])


def upload_form(user: str, token: str, sign_out_action: str, source_options: list[dict]) -> html.Div:
    """Choose files, then validate and load them; the report appears below."""
    return html.Div([
        html.Form([
            html.Span(["Signed in as ", html.Strong(user), ". "]),
            _hidden_token(token),
            html.Button("Sign out", id=ids.DATA_SIGN_OUT_BUTTON, type="submit",
                        className="btn btn-link p-0 align-baseline"),
        ], method="POST", action=sign_out_action, className="mb-3"),
        dcc.Store(id=ids.DATA_CSRF, data=token),
        # The drop zone is a focusable box (Enter opens the file dialog), not a labelable input.
        html.Div("Extract files", className="form-label fw-bold"),
        dcc.Upload(
            id=ids.DATA_UPLOAD, multiple=True,
            children=html.Div(["Drag extract files here, or ",
                               html.Span("choose files", className="text-decoration-underline")]),
            className="border border-2 border-secondary rounded p-4 text-center mb-2",
        ),
        html.P("No files chosen.", id=ids.DATA_UPLOAD_CHOSEN, className="small"),
        html.Div(labelled_dropdown(ids.DATA_UPLOAD_SOURCE, "Extract type", source_options, "detect"),
                 className="mb-3", style={"maxWidth": "24rem"}),
        dbc.Button("Validate and load", id=ids.DATA_UPLOAD_BUTTON, color="primary"),
        html.P("All files are checked first; if any has a problem nothing is loaded and every "
               "problem is listed.", className="small mt-2"),
    ])


def chosen_files(names: list[str] | None) -> str:
    return f"Chosen: {', '.join(names)}." if names else "No files chosen."


PROBLEM_COLUMNS = {"file": "File", "row": "Row", "column": "Column", "value": "Value",
                   "expected": "Expected"}


# The page's own control, where the command would name its --source option.
MENU_WORDS = 'choose it in the "Extract type" menu above'


def _head(payload: dict) -> str:
    """The head line of a load, in the page's words: "Loaded: 1,234 rows read."."""
    rows = int(payload.get("rows") or 0)
    return (f"{str(payload.get('result', 'done')).capitalize()}: {rows:,} "
            f"row{'' if rows == 1 else 's'} read.")


def upload_report(payload: dict | None, changes: list[str] | None = None,
                  name_the_type: str | None = None):
    """What the upload route answered: a refusal with every located problem, or the load's
    `changes` in words (the load history's, data.queries.data_page.upload_changes, passed
    in by the callback). `name_the_type` is the readers' phrase asking for the extract type
    (data.readers.read.NAME_THE_TYPE); the page says instead where its menu is."""
    if not payload:
        return None
    if "error" in payload:
        return dbc.Alert(payload["error"], color="danger")
    lines = payload.get("lines") or []
    if payload.get("problems"):
        problems = pd.DataFrame(payload["problems"], columns=list(PROBLEM_COLUMNS))
        problems["expected"] = problems["expected"].fillna("")
        if name_the_type:
            problems["expected"] = problems["expected"].str.replace(name_the_type, MENU_WORDS,
                                                                    regex=False)
        problems = problems.sort_values(["file", "row"], kind="stable", na_position="first")
        problems["row"] = problems["row"].map(lambda r: "" if r is None or pd.isna(r) else f"{r:.0f}")
        table = dbc.Table.from_dataframe(problems.fillna("").rename(columns=PROBLEM_COLUMNS),
                                         striped=True, size="sm", className="problems-table")
        return dbc.Alert([html.H3(lines[0] if lines else "Refused.", className="h5"),
                          scroll_region(table, "Problems found")], color="danger")
    return dbc.Alert([html.H3(_head(payload), className="h5"),
                      html.Ul([html.Li(w) for w in changes or []], className="mb-0")],
                     color="success")


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if pd.notna(moment) else ""


def _files(files: list[dict]) -> html.Ul:
    return html.Ul([
        html.Li([f.get("name", ""), f" ({f.get('source') or 'type not recognised'}) ",
                 html.Code(f.get("sha256", ""), className="text-break")])
        for f in files
    ], className="list-unstyled mb-0 small")


def _periods(periods: list[str]):
    if len(periods) <= 3:
        return ", ".join(periods)
    return html.Details([html.Summary(f"{len(periods)} periods"), ", ".join(periods)])


def _result(result: str) -> dbc.Badge:
    colour, text = RESULT_COLOURS.get(result, ("light", "dark"))
    return dbc.Badge(result, color=colour, text_color=text)


def _changes(row, show_problems: bool):
    out = [html.Div(line) for line in row.what_changed]
    if show_problems and row.problems:
        out.append(html.Details([html.Summary("Problems found"),
                                 html.Ul([html.Li(p) for p in row.problems], className="small")]))
    return out


def history_table(history: pd.DataFrame, show_problems: bool) -> html.Div:
    """The load log as a table; the problems of refused loads only for signed-in users, as
    they may quote record-level values from the refused file."""
    if history.empty:
        return html.P("No loads yet.")
    head = ["Load", "When", "Who", "Files (type, SHA-256)", "Rows", "Periods", "Result", "What changed"]
    body = [
        html.Tr([
            html.Td(f"#{row.load_id}"), html.Td(_when(row.when)), html.Td(row.user),
            html.Td(_files(row.files)), html.Td(f"{row.rows:,}"),
            html.Td(_periods(row.periods)), html.Td(_result(row.result)),
            html.Td(_changes(row, show_problems)),
        ])
        for row in history.head(HISTORY_ROWS_SHOWN).itertuples(index=False)
    ]
    note = [] if len(history) <= HISTORY_ROWS_SHOWN else [html.P(
        f"Showing the newest {HISTORY_ROWS_SHOWN} of {len(history):,} loads; the CSV has them all.")]
    return html.Div([
        *note,
        scroll_region(dbc.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                                 html.Tbody(body)], striped=True, size="sm",
                                className="history-table"), "Load history"),
    ])


FLAG_TABLE_COLUMNS = {AREA_NAME: "Area", "indicator_name": "Indicator", PERIOD_LABEL: "Period",
                      "dq_flag": "Flag", "dq_value": "Not known (%)", "value": "Indicator value"}


def flags_table(flags: pd.DataFrame) -> html.Div:
    if flags.empty:
        return html.P("No stored value carries a data-quality flag.")
    # A national store flags hundreds of values; the page lists the newest, the CSV all.
    shown = flags.head(FLAG_ROWS_SHOWN).copy()
    breakdown = shown["category"].fillna("") != ""
    shown.loc[breakdown, "indicator_name"] += " (" + shown.loc[breakdown, "category"] + ")"
    shown = shown[list(FLAG_TABLE_COLUMNS)]
    for column in ("dq_value", "value"):
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:.1f}")
    table = dbc.Table.from_dataframe(shown.fillna("").rename(columns=FLAG_TABLE_COLUMNS),
                                     striped=True, size="sm", className="flags-table")
    shown_words = "" if len(flags) <= FLAG_ROWS_SHOWN else (
        f" Showing the newest {FLAG_ROWS_SHOWN}; the CSV has them all.")
    return html.Div([html.P(f"{len(flags):,} flagged values.{shown_words}"),
                     scroll_region(table, "Data-quality flags")])
