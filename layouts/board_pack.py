"""The board pack: one self-contained HTML file (inline CSS, charts as base64 PNG) with the
overview's sentences, its table and the spine chart, plus a trend chart per exception,
so it can be emailed or printed without the dashboard."""

from __future__ import annotations

import base64
import threading
import warnings
from collections.abc import Sequence
from datetime import datetime
from html import escape

import pandas as pd
import plotly.graph_objects as go

from layouts.overview_text import (
    badge_colours,
    format_number,
    indicator_sentence,
    row_records,
    trend_arrow,
)

_server_lock = threading.Lock()
_render_lock = threading.Lock()
_server_started = False

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; margin: 2rem; max-width: 70rem; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; margin-top: 2rem; } h3 { font-size: 1.15rem; }
.notice { border-left: 6px solid #f47738; background: #fff7e6; padding: 0.75rem 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.35rem 0.45rem; text-align: left;
         vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; }
.badge { font-weight: 700; padding: 0.1rem 0.45rem; border-radius: 0.2rem; white-space: nowrap; }
.small { font-size: 0.8rem; color: #505a5f; }
img { max-width: 100%; height: auto; }
@media print { body { margin: 0; } h2 { break-before: page; } }
"""

HEADERS = ["Indicator", "Period", "Count", "Value", "Region", "England",
           "Compared with England", "Compared with region", "Recent trend", "Goal",
           "Data quality and notes"]


def start_image_server() -> None:
    """Keep one headless browser for all images (about 0.3 s each instead of 2.5 s)."""
    global _server_started
    with _server_lock:
        if _server_started:
            return
        try:
            import kaleido
            kaleido.start_sync_server(silence_warnings=True)
        except (ImportError, AttributeError):
            pass  # older kaleido: each image starts its own browser, slower but correct
        _server_started = True


def figure_png(figure: go.Figure, width: int = 1000, height: int | None = None) -> bytes:
    """The figure as PNG bytes, rendered by kaleido with the system Chromium."""
    start_image_server()
    height = height or figure.layout.height or 500
    # kaleido's shared server hands results back in a queue that concurrent callers could
    # take in the wrong order, so this process renders one image at a time.
    with _render_lock, warnings.catch_warnings():
        # plotly passes options the running server ignores, and says so each time
        warnings.filterwarnings("ignore", message="The kopts argument is ignored",
                                category=UserWarning)
        return figure.to_image(format="png", width=width, height=height)


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}">'


def _badge(word: str | None) -> str:
    word = word or "Not compared"
    background, text = badge_colours(word)
    return f'<span class="badge" style="background:{background};color:{text}">{escape(word)}</span>'


def _row(record: dict) -> str:
    kind, unit = record.get("value_type"), record.get("unit")
    symbol, colour = trend_arrow(record.get("recent_trend"))
    trend = (f'<span aria-hidden="true" style="color:{colour};font-weight:700">{symbol}</span> '
             f'{escape(record.get("recent_trend") or "Cannot be calculated")}')
    goal = "No goal"
    if record.get("target_label"):
        goal = (f'{_badge(record.get("compared_goal"))}'
                f'<div class="small">{escape(record["target_label"])}</div>')
    notes = [escape(str(record[k])) for k in ("dq_flag", "value_note") if record.get(k)]
    if record.get("dq_name") and not pd.isna(record.get("dq_value")):
        notes.append(escape(f"{record['dq_name']}: {format_number(record['dq_value'])}"))
    cells = [
        f'{escape(record["indicator_name"])}<div class="small">{escape(unit or "")}</div>',
        escape(str(record["period_label"])), format_number(record.get("count"), "Count"),
        escape(format_number(record.get("value"), kind, unit) or "No value"),
        format_number(record.get("region_value"), kind, unit),
        format_number(record.get("england_value"), kind, unit),
        _badge(record.get("compared_england")), _badge(record.get("compared_region")),
        trend, goal, "<br>".join(notes) or "None",
    ]
    return f'<tr><th scope="row">{cells[0]}</th>' + "".join(f"<td>{c}</td>" for c in cells[1:]) \
        + "</tr>"


def _table(records: list[dict], region_name: str | None) -> str:
    headers = [region_name if h == "Region" and region_name else h for h in HEADERS]
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(_row(r) for r in records)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def board_pack_html(
    frame: pd.DataFrame,
    area_name: str,
    region_name: str | None,
    spine_png: bytes | None,
    trend_pngs: list[tuple[str, bytes]],
    *,
    generated: datetime,
    synthetic: bool,
    scorecards: Sequence[str] = (),
) -> str:
    """The pack as one HTML document. `frame` is the overview's rows, exceptions first, with
    an `exception` column; `trend_pngs` are (indicator name, PNG) for the exceptions."""
    records = row_records(frame)
    attention = [r for r in records if r.get("exception")]
    others = [r for r in records if not r.get("exception")]
    parts = [f"<h1>Infant mortality indicators: {escape(area_name)}</h1>",
             f'<p class="small">Board pack generated {generated:%d %B %Y %H:%M}. Values and '
             "comparisons follow the national (Fingertips) methods; the comparison words are "
             "those the dashboard computed.</p>"]
    if synthetic:
        parts.append('<p class="notice"><strong>Synthetic demonstration data.</strong> These '
                     "figures were generated for demonstration; they are not real statistics "
                     "for any area.</p>")
    parts.append(f"<h2>Summary</h2><p>{len(attention)} of {len(records)} indicators need "
                 "attention (worse than England, the region or the goal, or getting worse).</p>")
    parts.append("<ul>" + "".join(f"<li>{escape(indicator_sentence(r, area_name, region_name))}"
                                  "</li>" for r in records) + "</ul>")
    if attention:
        parts.append(f"<h3>Needs attention ({len(attention)})</h3>{_table(attention, region_name)}")
    if others:
        parts.append(f"<h3>Other indicators ({len(others)})</h3>{_table(others, region_name)}")
    parts.extend(scorecards)  # each action plan's balanced scorecard (layouts.scorecard_html)
    if spine_png:
        parts.append("<h2>Spine chart</h2><p>Each bar spans the comparable areas of England from "
                     "worst (left) to best (right), the darker part the middle half; the line is "
                     "England; the marker is the area, its colour and shape giving its comparison "
                     "with England.</p>" + _img(spine_png, f"Spine chart for {area_name}"))
    if trend_pngs:
        parts.append("<h2>Trends of the indicators that need attention</h2>")
        parts.extend(f"<h3>{escape(name)}</h3>{_img(png, f'Trend of {name} in {area_name}')}"
                     for name, png in trend_pngs)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Board pack: {escape(area_name)}</title><style>{STYLE}</style></head>"
            f"<body>{''.join(parts)}</body></html>\n")
