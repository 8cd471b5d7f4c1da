"""Where the figures come from, on the overview scorecard, in the board pack and on the
trends page (hover and table), from frames that mix computed, published and synthetic rows.
The words are indicators.source_words' (the compare page's), shown as text, never markup."""

from __future__ import annotations

import math
from datetime import datetime

import pandas as pd

from indicators.source_words import SYNTHETIC_NOTE, source_words, with_source
from layouts.board_pack import board_pack_html
from layouts.figures.trend import trend_figure
from layouts.overview_text import exceptions_first
from layouts.pages import overview as page
from layouts.pages.trends import sources_note, values_table
from tests.support.components import walk

PUBLISHED = "published by OHID Fingertips, file fingertips_92196.csv of 2025-11-05"
COMPUTED = "computed from births_deaths_2025.csv of 2025-11-20"
HOSTILE = "computed from <b>bold</b>&.csv of 2025-11-20"  # a file name is data


def _overview_frame() -> pd.DataFrame:
    base = {"unit": "per 1,000 live births", "value_type": "Crude rate", "period_label": "2025",
            "england_value": 3.6, "region_value": 4.1, "compared_england": "Similar",
            "compared_region": "Similar", "recent_trend": "No significant change",
            "value_note": None, "england_source": PUBLISHED, "region_source": PUBLISHED}
    return exceptions_first(pd.DataFrame([
        {**base, "indicator_id": "infant_mortality", "indicator_name": "Infant mortality",
         "value": 4.0, "source": COMPUTED},
        {**base, "indicator_id": "stillbirth_rate", "indicator_name": "Stillbirth rate",
         "value": 3.5, "source": COMPUTED},
        {**base, "indicator_id": "neonatal_mortality", "indicator_name": "Neonatal mortality",
         "value": 2.5, "source": HOSTILE, "region_source": COMPUTED},
        {**base, "indicator_id": "smoking_delivery", "indicator_name": "Smoking at delivery",
         "unit": "%", "value": 12.0, "source": None, "england_source": None,
         "region_source": math.nan},
    ]))


EXPECTED_LINES = [f"England and North West: {PUBLISHED}", f"Blackpool and North West: {COMPUTED}",
                  f"Blackpool: {HOSTILE}"]


def test_source_words_never_call_the_synthetic_sample_published():
    synthetic = source_words("published", "OHID Fingertips", "fingertips_synthetic_national.csv",
                             "2026-12-01", SYNTHETIC_NOTE + "; Value revised")
    assert synthetic == ("synthetic sample data (not published figures), file "
                         "fingertips_synthetic_national.csv of 2026-12-01")
    assert source_words("published", "OHID Fingertips", "fingertips_92196.csv",
                        "2025-11-05", "Value revised") == PUBLISHED
    assert source_words("computed", None, "births_deaths_2025.csv", "2025-11-20",
                        SYNTHETIC_NOTE) == COMPUTED


def test_the_scorecard_lists_each_source_once_and_titles_each_value():
    parts = page.content(_overview_frame(), "Blackpool", "North West")
    nodes = [n for part in parts for n in walk(part)]
    box = next(n for n in nodes if "overview-sources" in (getattr(n, "className", "") or ""))
    lines = [p.children for p in box.children[1:]]
    assert box.children[0].children.children == "Sources"
    assert lines == EXPECTED_LINES  # text children: Dash shows "<b>" as the characters
    rows = {getattr(n, "data-indicator"): n for n in nodes
            if type(n).__name__ == "Tr" and getattr(n, "data-indicator", None)}
    titles = {code: {getattr(c, "data-label"): getattr(c, "title", None)
                     for c in row.children if type(c).__name__ == "Td"}
              for code, row in rows.items()}
    assert titles["infant_mortality"]["Value"] == f"Source: {COMPUTED}"
    assert titles["infant_mortality"]["England"] == f"Source: {PUBLISHED}"
    assert titles["infant_mortality"]["North West"] == f"Source: {PUBLISHED}"
    assert titles["neonatal_mortality"]["North West"] == f"Source: {COMPUTED}"
    assert titles["neonatal_mortality"]["Value"] == f"Source: {HOSTILE}"
    assert {titles["smoking_delivery"][k] for k in ("Value", "England", "North West")} == {None}


def test_the_board_pack_prints_the_same_sources_escaped():
    pack = board_pack_html(_overview_frame(), "Blackpool", "North West", None, None,
                           generated=datetime(2026, 1, 5, 9, 30), synthetic=False)
    assert "<b>bold</b>" not in pack
    start = pack.index("<strong>Sources</strong>")
    shown = [line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
             for line in pack[start:].split('<p class="small">')[1:len(EXPECTED_LINES) + 1]]
    assert [line.split("</p>")[0] for line in shown] == EXPECTED_LINES


def _series(sources: list[object], values: list[float]) -> pd.DataFrame:
    return pd.DataFrame({
        "period_label": ["2021 - 23", "2022 - 24", "2023 - 25"], "value": values,
        "lower95": [v - 1 for v in values], "upper95": [v + 1 for v in values],
        "count": [40.0, 42.0, 44.0], "denominator": [9000.0, 9100.0, 9200.0],
        "compared_england": ["Similar", "Worse", "Similar"], "source": sources,
    })


def test_trends_table_and_hover_say_where_each_value_comes_from():
    # a store-shaped frame: provenance fields in, `source` out (the callback's step)
    raw = pd.DataFrame({"period_label": ["2021 - 23", "2022 - 24", "2023 - 25"],
                        "provenance": ["published", "computed", "computed"],
                        "publisher": ["OHID Fingertips", None, None],
                        "source_file": ["fingertips_92196.csv", "births_deaths_2025.csv",
                                        "<b>bold</b>&.csv"],
                        "source_date": ["2025-11-05", "2025-11-20", "2025-11-20"],
                        "value_note": [None, None, None]})
    area = _series(with_source(raw)["source"].tolist(), [4.0, 5.0, 4.5])
    england = _series([PUBLISHED, PUBLISHED, None], [3.6, 3.7, 3.8])

    table = values_table(area, england=england)
    headers = [th.children for th in table.children[0].children[0].children]
    assert headers[-1] == "Source"
    column = [tr.children[-1].children for tr in table.children[1].children]
    assert column == [PUBLISHED, COMPUTED, HOSTILE]

    figure = trend_figure(area, [("England", england, "#000")], area_name="Blackpool",
                          title="Infant mortality", y_title="rate")
    points = [t for t in figure["data"] if t.get("customdata") and t["name"].startswith("Blackpool")]
    hovers = {x: row[2] for t in points for x, row in zip(t["x"], t["customdata"], strict=True)}
    assert hovers == {"2021 - 23": f"<br>Source: {PUBLISHED}",
                      "2022 - 24": f"<br>Source: {COMPUTED}",
                      "2023 - 25": "<br>Source: computed from &lt;b&gt;bold&lt;/b&gt;&amp;.csv "
                                   "of 2025-11-20"}
    assert all("%{customdata[2]}" in t["hovertemplate"] for t in points)
    line = next(t for t in figure["data"] if t["name"] == "England")
    assert [row[0] for row in line["customdata"]] == [f"<br>Source: {PUBLISHED}"] * 2 + [""]
    assert "%{customdata[0]}" in line["hovertemplate"]

    assert sources_note([("Blackpool", area), ("England", england)]) == (
        f"Sources: Blackpool and England: {PUBLISHED}; Blackpool: {COMPUTED}; "
        f"Blackpool: {HOSTILE}.")
    assert sources_note([("Blackpool", area.drop(columns="source"))]) == ""
