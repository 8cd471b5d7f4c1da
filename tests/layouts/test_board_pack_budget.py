"""The board pack's size budget: the trends of the exceptions needing most attention are
charted (the rest named), and its SVG is written in fewer bytes without changing the drawing."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from indicators.stats.compare import WORSE_95, WORSE_998
from layouts.board_pack import board_pack_html
from layouts.overview_text import attention_score, exceptions_first, most_attention
from layouts.pack_render import figure_svg, lighter_svg


def _row(code: str, england: str = "Similar", region: str = "Similar", goal: str | None = None,
         trend: str = "No significant change") -> dict:
    return {"indicator_id": code, "indicator_name": code.replace("_", " ").capitalize(),
            "compared_england": england, "compared_region": region, "compared_goal": goal,
            "recent_trend": trend}


def test_attention_score_counts_each_worse_finding():
    assert attention_score(_row("a")) == 0
    assert attention_score(_row("a", england=WORSE_95)) == 1
    assert attention_score(_row("a", england=WORSE_998, region="Worse", goal="Worse",
                                trend="Increasing and getting worse")) == 2 + 1 + 1 + 1


def test_most_attention_keeps_the_strongest_and_puts_variants_last():
    rows = [_row("infant_mortality", england="Worse"),
            _row("infant_mortality_3yr", england=WORSE_998, region=WORSE_998),
            _row("stillbirth_rate", trend="Increasing and getting worse"),
            _row("smoking_delivery", england=WORSE_998, region="Worse"),
            _row("obesity_booking", england="Worse", region="Worse")]
    kept, rest = most_attention(rows, 3)
    # scores 1, (variant), 1, 3, 2: smoking, obesity, then infant mortality (first of the 1s)
    assert [r["indicator_id"] for r in kept] == ["infant_mortality", "smoking_delivery",
                                                 "obesity_booking"]
    assert [r["indicator_id"] for r in rest] == ["infant_mortality_3yr", "stillbirth_rate"]
    kept, rest = most_attention(rows, 10)
    assert kept == rows and rest == []
    assert most_attention(rows[:1], 0) == ([], rows[:1])


def test_the_pack_names_the_exceptions_it_does_not_chart():
    frame = exceptions_first(pd.DataFrame([
        {**_row("infant_mortality", england="Worse"), "value": 8.7, "period_label": "2025",
         "unit": "per 1,000 live births", "value_type": "Crude rate"},
        {**_row("stillbirth_rate", england="Worse"), "indicator_name": "Stillbirth <b>",
         "value": 5.0, "period_label": "2025",
         "unit": "per 1,000 total births", "value_type": "Crude rate"}]))
    html = board_pack_html(frame, "Manchester", "North West", None, "<svg ></svg>",
                           generated=datetime(2026, 1, 15), synthetic=True,
                           uncharted=["Stillbirth <b>"])
    assert 'aria-label="Trends in Manchester of Infant mortality"' in html
    assert ("not charted here (their trends are on the dashboard's trends page): "
            "Stillbirth &lt;b&gt;.") in html


def test_lighter_svg_rounds_geometry_and_keeps_text():
    svg = ('<svg width="900" height="300"><path d="M46.123456,124.98765L90.06,3" '
           'style="opacity: 1; fill: rgb(213, 94, 0); fill-opacity: 0.25;"/>'
           '<g transform="translate(46.0004,-0.04)"><text x="1.25">6.125 per 1,000</text></g></svg>')
    assert lighter_svg(svg) == (
        '<svg width="900" height="300"><path d="M46.1,125L90.1,3" '
        'style="fill: #d55e00; fill-opacity: 0.25;"/>'
        '<g transform="translate(46,0)"><text x="1.2">6.125 per 1,000</text></g></svg>')


def test_a_real_chart_is_lighter():
    figure = go.Figure(go.Scatter(x=list(range(20)), y=[v / 7 for v in range(20)],
                                  mode="lines+markers"))
    svg = figure_svg(figure, width=600, height=300)
    light = lighter_svg(svg)
    assert len(light) < 0.95 * len(svg)
    assert light.count("<path") == svg.count("<path") and "rgb(" not in light
