"""Keeps every page's URL-backed controls and the query string in step, both ways, so a
link reproduces the view and the browser's back and forward buttons work.

One callback serves all pages: controls opt in by using `ids.url_control(page, key)`."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from dash import ALL, Dash, Input, Output, ctx, no_update

from layouts import ids


def parse_query(search: str | None) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs((search or "").lstrip("?")).items() if v}


def register(app: Dash) -> None:
    controls = {"type": ids.URL_CONTROL, "page": ALL, "key": ALL}

    @app.callback(
        Output(ids.URL, "search"),
        Output(controls, "value"),
        Input(ids.URL, "search"),
        Input(controls, "value"),
    )
    def sync(search: str | None, values: list):
        keys = [item["id"]["key"] for item in ctx.inputs_list[1]]
        if not keys:  # a page without URL-backed controls
            return no_update, []
        query = parse_query(search)
        if ctx.triggered_id == ids.URL:
            values = [query.get(k) or v for k, v in zip(keys, values, strict=True)]
        else:
            query.update({k: str(v) for k, v in zip(keys, values, strict=True) if v is not None})
        new_search = "?" + urlencode(query)
        # The controls are always answered, even unchanged: Dash holds back the page's
        # chart callbacks until this one sets the values they listen to.
        return (no_update if new_search == (search or "") else new_search), list(values)
