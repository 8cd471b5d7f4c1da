"""The balanced scorecard as an HTML fragment for the board pack: the same words, counts
and colours as the scorecard page, every value from the data escaped as text."""

from __future__ import annotations

from html import escape

import pandas as pd

from indicators.names import COMPARED_ENGLAND, COMPARED_REGION
from layouts.overview_text import badge_colours, format_value, row_records
from layouts.pages.scorecard import COUNT_COLUMNS, Scorecard, headline
from layouts.plan_words import (
    TRAJECTORY_WORDS,
    action_counts,
    priority_sentence,
    status_colours,
    target_words,
)


def _badge(word: str, shown: str | None = None, colours=status_colours) -> str:
    background, colour = colours(word)
    return (f'<span class="badge" style="background:{background};color:{colour}">'
            f"{escape(shown or word)}</span>")


def _counts(counts: pd.DataFrame) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in (
        "Priority", "Actions", *(c[0].upper() + c[1:] for c in COUNT_COLUMNS)))
    body = []
    for c in counts.to_dict("records"):
        cells = [(_badge(w, f"{c[w]} {w}") if c[w] else f"0 {escape(w)}") for w in COUNT_COLUMNS]
        body.append(f'<tr><th scope="row">{c["priority"]}: {escape(c["priority_title"])}</th>'
                    f"<td>{c['actions']}</td>" + "".join(f"<td>{x}</td>" for x in cells) + "</tr>")
    # ten columns: the counts' words wrap (class "counts") so the table fits A4's width
    return (f'<table class="counts"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def _indicators(frame: pd.DataFrame, region_name: str | None) -> str:
    if frame.empty:
        return "<p>No values loaded for these indicators.</p>"
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in (
        "Indicator", "Latest", "England", region_name or "Region", "Recent trend",
        "Trajectory", "Target"))
    body = []
    for r in row_records(frame):
        kind, unit = r.get("value_type"), r.get("unit")
        status = r.get("trajectory_status") or "no data"
        words = TRAJECTORY_WORDS[status]
        trajectory = _badge(words.lower(), words) if status != "no data" else escape(words)
        if r.get("projection_words"):
            trajectory += f'<div class="small">{escape(r["projection_words"])}</div>'
        cells = [
            f"{escape(format_value(r.get('value'), kind, unit) or 'No value')}"
            f'<div class="small">{escape(str(r["period_label"]))}</div>',
            _badge(r.get(COMPARED_ENGLAND) or "Not compared", colours=badge_colours),
            _badge(r.get(COMPARED_REGION) or "Not compared", colours=badge_colours),
            escape(r.get("recent_trend") or "Cannot be calculated"), trajectory,
            escape(target_words(r) if r.get("target_period") else "No target"),
        ]
        body.append(f'<tr><th scope="row">{escape(r["indicator_name"])}</th>'
                    + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def scorecard_html(card: Scorecard) -> str:
    """One plan's scorecard: headline, priorities in words and as counts, outcomes and
    risk factors with their trajectory status."""
    counts = action_counts(card.grid)
    sentences = "".join(f"<li>{escape(priority_sentence(c))}</li>"
                        for c in counts.to_dict("records"))
    return (f"<h2>Balanced scorecard: {escape(card.plan)}</h2>"
            f"<p>{escape(headline(card))}</p><h3>Actions by priority</h3><ul>{sentences}</ul>"
            f"{_counts(counts)}<h3>Outcomes</h3>{_indicators(card.outcomes, card.region_name)}"
            f"<h3>Risk factors</h3>{_indicators(card.risk_factors, card.region_name)}")
