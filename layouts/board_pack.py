"""The board pack: one self-contained HTML file (inline CSS, charts as inline SVG) with the
overview's scorecard, its sentences and the spine chart, plus a trend chart per exception,
so it can be emailed, read on a phone or printed (A4 portrait) without the dashboard."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

import pandas as pd

from indicators.names import COMPARED_ENGLAND, COMPARED_REGION, PERIOD_LABEL, VALUE_NOTE
from layouts import scorecard
from layouts.overview_text import (
    badge_colours,
    format_number,
    indicator_sentence,
    row_records,
    trend_arrow,
)

STYLE = """
@page { size: A4 portrait; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; margin: 1rem auto;
       padding: 0 1rem; max-width: 60rem; font-size: 11pt; }
h1 { font-size: 1.6rem; margin: 0 0 0.5rem; } h2 { font-size: 1.3rem; margin-top: 1.5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.25rem; }
.notice { border-left: 6px solid #f47738; background: #fff7e6; padding: 0.5rem 0.75rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.8rem; margin: 0.5rem 0; }
@media print { table { font-size: 7.5pt; } .badge { padding: 0 0.2rem; } }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.2rem 0.3rem; text-align: left;
         vertical-align: middle; }
thead th { border-bottom: 2px solid #0b0c0c; vertical-align: bottom; }
tbody th { font-weight: 400; }
.group th { background: #f3f2f1; font-weight: 700; }
.unit { display: block; font-size: 0.7rem; color: #505a5f; }
.badge { font-weight: 700; padding: 0.05rem 0.35rem; border-radius: 0.2rem; white-space: nowrap;
         display: inline-block; }
.small { font-size: 0.75rem; color: #505a5f; }
.counts .badge { white-space: normal; }
svg { max-width: 100%; height: auto; display: block; }
tr, figure, .chart { break-inside: avoid; }
figure { margin: 0.5rem 0; }
@media print { body { margin: 0; padding: 0; max-width: none; } .chart { break-before: auto; } }
@media (max-width: 600px) {
  body { padding: 0 0.5rem; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table, tbody, tr, th, td { display: block; width: 100%; }
  tr { border-bottom: 1px solid #b1b4b6; padding: 0.2rem 0; }
  td { display: flex; justify-content: space-between; gap: 0.5rem; border: 0; text-align: right; }
  td::before { content: attr(data-label); font-weight: 700; text-align: left; }
  tbody th { font-weight: 700; border: 0; }
}
"""

HEADERS = ["Indicator", "Period", "Value", "Region", "England", "Compared with England",
           "Compared with region", "Recent trend", "Goal"]


def _badge(word: str | None) -> str:
    word = word or "Not compared"
    background, text = badge_colours(word)
    return f'<span class="badge" style="background:{background};color:{text}">{escape(word)}</span>'


def _row(record: dict, labels: list[str], notes: dict[str, int]) -> str:
    kind, unit = record.get("value_type"), record.get("unit")
    symbol, colour = trend_arrow(record.get("recent_trend"))
    trend = (f'<span aria-hidden="true" style="color:{colour};font-weight:700">{symbol}</span> '
             f'{escape(record.get("recent_trend") or "Cannot be calculated")}')
    goal = "No goal"
    if record.get("target_label"):
        goal = (f'{_badge(record.get("compared_goal"))}'
                f'<div class="small">{escape(record["target_label"])}</div>')
    value = escape(format_number(record.get("value"), kind, unit)) or "No value"
    number = notes.get(record.get(VALUE_NOTE))
    if number:
        value += f" <sup>note {number}</sup>"
    if record.get("dq_flag"):
        value += '<div class="small">Data quality flagged</div>'
    cells = [
        escape(str(record[PERIOD_LABEL])), f"<strong>{value}</strong>",
        format_number(record.get("region_value"), kind, unit),
        format_number(record.get("england_value"), kind, unit),
        _badge(record.get(COMPARED_ENGLAND)), _badge(record.get(COMPARED_REGION)),
        trend, goal,
    ]
    name = f'{escape(record["indicator_name"])}<span class="unit">{escape(unit or "")}</span>'
    return (f'<tr><th scope="row">{name}</th>' + "".join(
        f'<td data-label="{escape(label)}"><div>{cell}</div></td>'
        for label, cell in zip(labels[1:], cells, strict=True)) + "</tr>")


def _table(records: list[dict], region_name: str | None, notes: dict[str, int]) -> str:
    region = region_name or "Region"
    headers = [region if h == "Region" else
               f"Compared with {region_name}" if h == "Compared with region" and region_name
               else h for h in HEADERS]
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    bodies = "".join(
        f'<tbody><tr class="group"><th colspan="{len(headers)}" scope="rowgroup">'
        f'{escape(group)}</th></tr>' + "".join(_row(r, headers, notes) for r in rows)
        + "</tbody>" for group, rows in scorecard.grouped(records))
    return f"<table><thead><tr>{head}</tr></thead>{bodies}</table>"


def _chart(svg: str, label: str) -> str:
    """An inline SVG chart named for assistive technology."""
    named = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return f'<div class="chart">{named}</div>'


def board_pack_html(
    frame: pd.DataFrame,
    area_name: str,
    region_name: str | None,
    spine_svg: str | None,
    trends_svg: str | None,
    *,
    generated: datetime,
    synthetic: bool,
    scorecards: Sequence[str] = (),
    uncharted: Sequence[str] = (),
) -> str:
    """The pack as one HTML document, A4 portrait when printed and one column on a phone:
    the scorecard (headline, grouped table, footnotes), each indicator in words, the spine
    chart and the trends of the exceptions (one chart of panels). `frame` is the overview's
    rows, exceptions first, with an `exception` column; the charts are SVG text; `uncharted`
    names the exceptions the trends chart leaves out (it charts those needing most attention)."""
    records = row_records(frame)
    notes = scorecard.footnotes(records)
    parts = [f"<h1>Infant mortality indicators: {escape(area_name)}</h1>",
             f'<p class="small">Board pack generated {generated:%d %B %Y %H:%M}. Values and '
             "comparisons follow the national (Fingertips) methods; the comparison words are "
             "those the dashboard computed.</p>"]
    if synthetic:
        parts.append('<p class="notice"><strong>Synthetic demonstration data.</strong> These '
                     "figures were generated for demonstration; they are not real statistics "
                     "for any area.</p>")
    parts.append("<h2>Summary</h2><ul>" + "".join(
        f"<li>{escape(b)}</li>" for b in scorecard.headline(records, region_name)) + "</ul>")
    parts.append(_table(records, region_name, notes))
    parts.extend(f'<p class="small">Note {n}: {escape(note)}</p>' for note, n in notes.items())
    sources = scorecard.source_lines(records, area_name, region_name)
    if sources:
        parts.append('<p class="small"><strong>Sources</strong></p>' + "".join(
            f'<p class="small">{escape(line)}</p>' for line in sources))
    parts.append("<h2>Each indicator in words</h2><ul>" + "".join(
        f"<li>{escape(indicator_sentence(r, area_name, region_name))}</li>"
        for r in scorecard.noted(records, notes))
        + "</ul>")
    parts.extend(scorecards)  # each action plan's balanced scorecard (layouts.scorecard_html)
    if spine_svg:
        parts.append("<h2>Spine chart</h2><p>Each bar spans the areas of the same type in England "
                     "from worst (left) to best (right), the darker part the middle half; the "
                     "line is England; the marker is the area, its colour and shape giving its "
                     "comparison with England; the open diamond is its region.</p>"
                     + _chart(spine_svg, f"Spine chart for {area_name}"))
    attention = [r["indicator_name"] for r in records
                 if r.get("exception") and r["indicator_name"] not in uncharted]
    if trends_svg and attention:
        parts.append("<h2>Trends of the indicators that need attention</h2>"
                     f"<p>{escape(area_name)} beside its region and England, latest periods.</p>"
                     + _chart(trends_svg, f"Trends in {area_name} of " + "; ".join(attention)))
        if uncharted:
            parts.append(f"<p>Also needing attention, not charted here (their trends are on "
                         f"the dashboard's trends page): {escape('; '.join(uncharted))}.</p>")
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Board pack: {escape(area_name)}</title><style>{STYLE}</style></head>"
            f"<body>{''.join(parts)}</body></html>\n")
