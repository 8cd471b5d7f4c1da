"""The board pack: one self-contained HTML file with real PNG charts rendered by kaleido."""

from __future__ import annotations

import base64
import re
from datetime import datetime
from html.parser import HTMLParser

import pandas as pd
import plotly.graph_objects as go

from layouts.board_pack import board_pack_html, figure_png
from layouts.figures.spine import spine_figure
from layouts.overview_text import exceptions_first

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _frame() -> pd.DataFrame:
    base = {"unit": "per 1,000 live births", "value_type": "Crude rate", "polarity": "Low is good",
            "period_label": "2025", "england_value": 3.6, "region_value": 4.1, "count": 12.0,
            "peer_min": 2.0, "peer_q25": 3.0, "peer_q75": 5.0, "peer_max": 9.0,
            "recent_trend": "No significant change", "compared_region": "Similar"}
    return exceptions_first(pd.DataFrame([
        {**base, "indicator_id": "stillbirth_rate", "indicator_name": "Stillbirth rate",
         "value": 3.0, "compared_england": "Similar"},
        {**base, "indicator_id": "infant_mortality", "indicator_name": "Infant mortality rate",
         "value": 8.7, "compared_england": "Worse"},
        {**base, "indicator_id": "smoking_delivery", "indicator_name": "Smoking at delivery",
         "unit": "%", "value": 17.8, "compared_england": "Worse", "compared_goal": "Worse",
         "target_label": "National ambition: 6% or less", "dq_flag": "Flagged: 5% or more"},
    ]))


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs)["src"])


def test_the_pack_is_self_contained_with_real_pngs():
    frame = _frame()
    spine = figure_png(go.Figure(spine_figure(frame, "Blackpool", "counties and unitary authorities")))
    trend = figure_png(go.Figure(go.Scatter(x=["2023", "2024", "2025"], y=[5, 7, 8.7])), height=300)
    text = board_pack_html(frame, "Blackpool", "North West Region", spine,
                           [("Infant mortality rate", trend)],
                           generated=datetime(2026, 1, 5, 9, 30), synthetic=True)
    assert text.startswith("<!DOCTYPE html>") and "<style>" in text
    assert not re.search(r"""(src|href)=["']https?:""", text)  # nothing fetched from elsewhere
    parser = _Images()
    parser.feed(text)
    assert len(parser.sources) == 2
    for source in parser.sources:
        assert source.startswith("data:image/png;base64,")
        assert base64.b64decode(source.split(",", 1)[1]).startswith(PNG_MAGIC)
    assert "Infant mortality indicators: Blackpool" in text and "05 January 2026" in text
    assert "Synthetic demonstration data" in text


def test_exceptions_lead_and_the_words_match_the_table():
    text = board_pack_html(_frame(), "Blackpool", "North West Region", None, [],
                           generated=datetime(2026, 1, 5), synthetic=False)
    assert "Synthetic" not in text and "<img" not in text
    assert text.index("Needs attention (2)") < text.index("Other indicators (1)")
    assert text.index("Infant mortality rate in Blackpool") < text.index("Stillbirth rate in Blackpool")
    assert ("Smoking at delivery in Blackpool (17.8% in 2025) is worse than England (3.6%) and "
            "similar to North West Region (4.1%)") in text
    assert "It is worse than the goal (national ambition: 6% or less)." in text
    assert "Flagged: 5% or more" in text and "<th scope=\"col\">North West Region</th>" in text


def test_names_are_escaped():
    text = board_pack_html(_frame(), "<script>alert(1)</script>", None, None, [],
                           generated=datetime(2026, 1, 5), synthetic=False)
    assert "<script>" not in text and "&lt;script&gt;" in text
