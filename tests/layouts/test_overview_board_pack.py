"""The board pack: one self-contained HTML file with real SVG charts rendered by kaleido,
the scorecard's grouped table, each note once, and the same document printed to an A4
portrait PDF by headless Chromium."""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go
import pytest

from layouts.board_pack import board_pack_html
from layouts.figures.small_multiples import small_multiples
from layouts.figures.spine import spine_figure
from layouts.figures.trend import trend_figure
from layouts.overview_text import exceptions_first
from layouts.pack_render import figure_svg, html_to_pdf

SUPPRESSED = "Value suppressed for disclosure control: small counts are hidden"
A4_POINTS = (595, 842)  # 210 x 297 mm at 72 points an inch


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
        *({**base, "indicator_id": code, "indicator_name": name, "value": float("nan"),
           "value_note": SUPPRESSED, "compared_england": "Not compared",
           "compared_region": "Not compared", "recent_trend": "Cannot be calculated"}
          for code, name in (("cdop_sudi_rate", "SUDI rate"),
                             ("cdop_factor_smoking", "Smoking identified"))),
    ]))


def _charts(frame: pd.DataFrame) -> tuple[str, str]:
    spine = figure_svg(go.Figure(spine_figure(frame, "Blackpool", "counties and unitary "
                                              "authorities", "North West Region")))
    series = pd.DataFrame({"period_label": ["2023", "2024", "2025"], "value": [5.0, 7.0, 8.7],
                           "lower95": [4.0, 6.0, 7.5], "upper95": [6.0, 8.0, 9.9]})
    panels = [(name, trend_figure(series, [], area_name="Blackpool", title=name, y_title="rate"))
              for name in ("Infant mortality rate", "Smoking at delivery")]
    return spine, figure_svg(go.Figure(small_multiples(panels, "Needs attention: Blackpool")))


@pytest.fixture(scope="module")
def pack() -> str:
    frame = _frame()
    spine, trends = _charts(frame)
    return board_pack_html(frame, "Blackpool", "North West Region", spine, trends,
                           generated=datetime(2026, 1, 5, 9, 30), synthetic=True)


def test_the_pack_is_self_contained_with_inline_svg_charts(pack):
    assert pack.startswith("<!DOCTYPE html>") and "<style>" in pack
    assert not re.search(r"""(src|href)=["']https?:""", pack)  # nothing fetched from elsewhere
    assert "<img" not in pack and "<script" not in pack
    charts = re.findall(r'<svg role="img" aria-label="([^"]+)"', pack)
    assert charts == ["Spine chart for Blackpool",
                      "Trends in Blackpool of Infant mortality rate; Smoking at delivery"]
    assert pack.count("</svg>") >= 2 and "viewBox=" in pack  # scales to the page's width
    assert "Infant mortality indicators: Blackpool" in pack and "05 January 2026" in pack
    assert "Synthetic demonstration data" in pack
    assert len(pack.encode("utf-8")) < 300_000


def test_the_scorecard_is_grouped_with_each_note_once(pack):
    groups = re.findall(r'<tr class="group"><th colspan="9" scope="rowgroup">([^<]+)</th>', pack)
    assert groups == ["Mortality", "Risk factors", "Child death reviews"]
    rows = re.findall(r'<tr><th scope="row">([^<]+)<span', pack)
    assert rows == ["Infant mortality rate", "Stillbirth rate", "Smoking at delivery",
                    "SUDI rate", "Smoking identified"]
    assert pack.count(SUPPRESSED) == 1  # a footnote, not a sentence per row
    assert pack.count("No value <sup>note 1</sup>") == 2
    assert "SUDI rate in Blackpool has no value for 2025 (see note 1)." in pack
    assert ('<th scope="col">North West Region</th>' in pack
            and "Compared with North West Region" in pack)
    assert 'data-label="Compared with England"' in pack  # the phone's stacked cards
    assert "@page { size: A4 portrait;" in pack


def test_headline_and_sentences_say_what_the_table_says(pack):
    headline = re.search(r"<h2>Summary</h2><ul>(.*?)</ul>", pack).group(1)
    assert "Compared with England: 2 significantly worse, 0 significantly better, 1 similar." \
        in headline
    assert "Missing the goal: Smoking at delivery." in headline
    assert "2 indicators have no value to show" in headline
    assert ("Smoking at delivery in Blackpool (17.8% in 2025) is worse than England (3.6%) and "
            "similar to North West Region (4.1%)") in pack
    assert "It is worse than the goal (national ambition: 6% or less)." in pack


def test_names_are_escaped():
    text = board_pack_html(_frame(), "<script>alert(1)</script>", None, None, None,
                           generated=datetime(2026, 1, 5), synthetic=False)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "Synthetic" not in text and "<svg" not in text


def test_the_pdf_is_a4_portrait(pack):
    pdf = html_to_pdf(pack)
    assert pdf.startswith(b"%PDF-")
    boxes = {tuple(round(float(n)) for n in box.split()[2:])
             for box in re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", pdf)}
    assert boxes == {A4_POINTS}
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 2
