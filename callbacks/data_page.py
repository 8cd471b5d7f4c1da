"""Data page wiring: sign-in state -> forms; upload -> the upload route -> report and tables."""

from __future__ import annotations

import json

from dash import Dash, Input, Output, State, ctx

from callbacks import page_outputs, upload_routes, view_cache
from callbacks.context import AppContext
from callbacks.url_state import parse_query
from data.auth import may_see_records, upload_unavailable_reason
from data.queries.data_page import (
    NAME_THE_TYPE,
    area_names,
    history_for_csv,
    load_history,
    quality_flags,
    upload_changes,
)
from data.queries.reconcile import comparison_disagreements, reconciliation
from data.readers import SOURCE_TYPES
from layouts import ids, paging
from layouts.pages import data_page as page
from layouts.pages import data_reconcile

# Sends the chosen files to the upload route as multipart form data with their original
# names, so the browser and a script use the same route; the JSON answer goes to a Store.
_UPLOAD_JS = """
async function (clicks, contents, names, source, token) {
    const skip = window.dash_clientside.no_update;
    if (!clicks) { return [skip, skip, skip]; }
    if (!contents || !contents.length) {
        return [{error: "Choose one or more extract files first."}, skip, skip];
    }
    const form = new FormData();
    contents.forEach(function (url, i) {
        const text = atob(url.slice(url.indexOf(",") + 1));
        const bytes = new Uint8Array(text.length);
        for (let j = 0; j < text.length; j++) { bytes[j] = text.charCodeAt(j); }
        form.append("files", new Blob([bytes]), names[i]);
    });
    if (source && source !== "detect") { form.append("source", source); }
    // Empty the file input too, so choosing the same file again after fixing it is noticed.
    const input = document.querySelector(FILE_INPUT);
    if (input) { input.value = ""; }
    let answer;
    try {
        const response = await fetch(UPLOAD_PATH, {
            method: "POST", body: form, credentials: "same-origin",
            headers: {"Accept": "application/json", "X-CSRF-Token": token},
        });
        answer = await response.json();
    } catch (error) {
        answer = {error: "The upload did not complete: " + error};
    }
    return [answer, null, null];
}
""".replace("UPLOAD_PATH", json.dumps(upload_routes.UPLOAD_PATH)).replace(
    "FILE_INPUT", json.dumps(f"#{ids.DATA_UPLOAD} input[type=file]"))

# Follows a background upload: asks its status URL at each tick and shows the stage; once
# it has finished, hands the report on (the tables callback shows it) and stops polling.
_POLL_JS = """
async function (job, _ticks) {
    const skip = window.dash_clientside.no_update;
    if (!job) { return ["", true, skip]; }
    if (!job.status_url || job.error) { return ["", true, {error: job.error}]; }
    let answer;
    try {
        const response = await fetch(job.status_url, {
            credentials: "same-origin", headers: {"Accept": "application/json"}});
        answer = await response.json();
    } catch (error) {
        return ["Checking and loading: waiting for the server to answer (" + error + ").",
                false, skip];
    }
    if (answer.error && !answer.state) { return ["", true, {error: answer.error}]; }
    // Only the job's id goes on: the server reads the report (which may be long) itself.
    if (answer.state === "done" || answer.state === "failed") {
        return ["", true, {job: answer.job, state: answer.state}];
    }
    return ["Checking and loading, " + answer.seconds + " s so far: " + answer.stage, false, skip];
}
"""


def source_options() -> list[dict]:
    return [{"label": "Detect from the header row", "value": "detect"},
            *({"label": source, "value": source} for source in SOURCE_TYPES)]


def upload_panel(context: AppContext, query: dict[str, str]):
    """The sign-in form, the upload form for a signed-in user, or why uploading is off."""
    reason = upload_unavailable_reason(context.settings)
    if reason:
        return page.upload_unavailable(reason)
    token = upload_routes.csrf_token()
    user = upload_routes.signed_in_user(context.settings)
    if user is None:
        return page.sign_in_form(upload_routes.SIGN_IN_PATH, token,
                                 failed=query.get("sign_in") == "failed")
    return page.upload_form(user, token, upload_routes.SIGN_OUT_PATH, source_options())


def render(context: AppContext, query: dict[str, str]):
    # The same for every visitor (so the router keeps it); the sign-in or upload form,
    # which depends on the visitor, is filled in by `panel` below.
    return page.layout(None)


def register(app: Dash, context: AppContext) -> None:
    upload_routes.register_routes(app.server, context)

    @app.callback(Output(ids.DATA_UPLOAD_PANEL, "children"), Input(ids.DATA_UPLOAD_PANEL, "id"),
                  State(ids.URL, "search"))
    def panel(_drawn, search: str | None):
        return upload_panel(context, parse_query(search))

    app.clientside_callback(
        _UPLOAD_JS,
        Output(ids.DATA_UPLOAD_JOB, "data"),
        Output(ids.DATA_UPLOAD, "contents"),
        Output(ids.DATA_UPLOAD, "filename"),
        Input(ids.DATA_UPLOAD_BUTTON, "n_clicks"),
        State(ids.DATA_UPLOAD, "contents"),
        State(ids.DATA_UPLOAD, "filename"),
        State(ids.DATA_UPLOAD_SOURCE, "value"),
        State(ids.DATA_CSRF, "data"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        _POLL_JS,
        Output(ids.DATA_UPLOAD_PROGRESS, "children"),
        Output(ids.DATA_UPLOAD_POLL, "disabled"),
        Output(ids.DATA_UPLOAD_RESULT, "data"),
        Input(ids.DATA_UPLOAD_JOB, "data"),
        Input(ids.DATA_UPLOAD_POLL, "n_intervals"),
        prevent_initial_call=True,
    )

    @app.callback(Output(ids.DATA_UPLOAD_CHOSEN, "children"), Input(ids.DATA_UPLOAD, "filename"))
    def chosen(names: list[str] | None):
        return page.chosen_files(names)

    @app.callback(
        Output(ids.DATA_UPLOAD_REPORT, "children"),
        Output(ids.DATA_HISTORY, "children"),
        Output(ids.DATA_FLAGS, "children"),
        Input(ids.DATA_UPLOAD_RESULT, "data"),
    )
    def tables(payload: dict | None):
        user = upload_routes.signed_in_user(context.settings)
        signed_in, records = user is not None, may_see_records(context.settings, user)
        # The report is this visitor's upload; the tables are the store's, kept per version.
        history, flags = view_cache.remember(context, ("data tables", signed_in, records), lambda: (
            page.history_table(load_history(context.engine, show_records=records),
                               show_problems=signed_in),
            page.flags_table(quality_flags(context.engine))))
        report = upload_routes.finished_report(context, payload, user)
        changes = upload_changes(report, area_names(context.engine)) if report else []
        return (view_cache.plain(page.upload_report(report, changes, NAME_THE_TYPE)),
                history, flags)

    def history_csv():
        frame = history_for_csv(load_history(context.engine))
        return frame, "load_history.csv"

    page_outputs.csv_button(app, ids.DATA_HISTORY_DOWNLOAD_BUTTON, ids.DATA_HISTORY_DOWNLOAD, [], history_csv)

    def flags_csv():
        return quality_flags(context.engine), "data_quality_flags.csv"

    page_outputs.csv_button(app, ids.DATA_FLAGS_DOWNLOAD_BUTTON, ids.DATA_FLAGS_DOWNLOAD, [], flags_csv)

    @app.callback(Output(ids.DATA_RECONCILE, "children"),
                  Output(ids.DATA_RECONCILE_DIFFERING, "children"),
                  Output(ids.DATA_RECONCILE_TOTALS, "data"),
                  Input(ids.DATA_UPLOAD_RESULT, "data"))
    def reconcile(_payload: dict | None):
        return view_cache.remember(context, ("data reconcile",), lambda: data_reconcile.intros(
            reconciliation(context.engine), comparison_disagreements(context.engine)))

    for table in ids.RECONCILE_TABLES:
        _reconcile_pages(app, context, table)

    def reconcile_rows():
        frame = data_reconcile.reconcile_csv(reconciliation(context.engine),
                                             comparison_disagreements(context.engine))
        return frame, "local_against_published.csv"

    page_outputs.csv_button(app, ids.DATA_RECONCILE_DOWNLOAD_BUTTON, ids.DATA_RECONCILE_DOWNLOAD,
                            [], reconcile_rows)


# Each reconciliation table's rows in the order the page shows them (memoised per version).
RECONCILE_ROWS = {
    "pairs": lambda engine: data_reconcile.largest_differences_first(reconciliation(engine)),
    "differing": comparison_disagreements,
}


def _reconcile_pages(app: Dash, context: AppContext, table: str) -> None:
    """One reconciliation table's page control: a load shows page 1 again, Previous and Next
    turn the page; each page is built once per data version.

    It starts once the words' callback (`reconcile`) has set the totals, so on a first view
    after a load the lists are queried once, not by three callbacks at the same time. The
    totals sent by the browser only say when: the row count is the server's own."""
    def part(name: str) -> str:
        return ids.reconcile_part(table, name)

    steps = {part("previous"): -1, part("next"): 1}

    @app.callback(
        Output(part("rows"), "children"),
        Output(part("status"), "children"),
        Output(part("previous"), "aria-disabled"),
        Output(part("next"), "aria-disabled"),
        Output(part("page"), "data"),
        Output(part("block"), "hidden"),
        Input(ids.DATA_RECONCILE_TOTALS, "data"),
        Input(part("previous"), "n_clicks"),
        Input(part("next"), "n_clicks"),
        State(part("page"), "data"),
    )
    def turn_page(_totals: dict | None, _previous: int, _next: int, page: int | None):
        asked = 1 if ctx.triggered_id == ids.DATA_RECONCILE_TOTALS else paging.turned(
            page, steps.get(ctx.triggered_id, 0))
        total = view_cache.remember(context, ("data reconcile rows", table),
                                    lambda: len(RECONCILE_ROWS[table](context.engine)))
        shown = paging.page_of(total, asked)
        return view_cache.remember(context, ("data reconcile page", table, shown.number),
                                   lambda: data_reconcile.page_view(
                                       table, RECONCILE_ROWS[table](context.engine), shown))
