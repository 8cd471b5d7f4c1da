"""Long tables as one Markdown component: a real <table> for screen readers and keyboards,
but one component for Dash's renderer instead of one per cell (153 rows of 9 cells as
html.Td took the renderer seconds and held back the chart drawn beside them).

Cell text is shown as text, never markup: every character Markdown gives a meaning is
backslash-escaped (so are dots, which keeps web addresses from becoming links) and line
breaks become spaces; raw HTML is shown as text (dcc.Markdown's default)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dash import dcc

# The characters dcc.Markdown's parser (remark, with GitHub tables) takes a backslash escape
# for; a backslash before any other character would be shown.
_PUNCTUATION = re.compile(r"([\\`*{}\[\]()#+\-.!_>~|])")


def escaped(text: object) -> str:
    """`text` as literal Markdown inline text."""
    plain = " ".join(str(text).split())
    return _PUNCTUATION.sub(r"\\\1", plain)


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]], *,
                   strong_rows: set[int] | None = None, component_id: str | None = None,
                   class_name: str = "values-table") -> dcc.Markdown:
    """A table with `headers`; rows whose index is in `strong_rows` in bold."""
    strong_rows = strong_rows or set()
    lines = ["| " + " | ".join(escaped(h) for h in headers) + " |",
             "|" + "---|" * len(headers)]
    for index, row in enumerate(rows):
        cells = [escaped(c) if c not in (None, "") else " " for c in row]
        if index in strong_rows:
            cells = [f"**{c}**" if c.strip() else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    extra = {"id": component_id} if component_id else {}
    return dcc.Markdown("\n".join(lines), className=f"markdown-table {class_name}", **extra)
