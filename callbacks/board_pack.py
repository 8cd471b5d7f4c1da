"""The board pack for one area: its charts rendered once per data version and area (kept
with the query results, `data.queries.cache`) and reused, then the HTML, and the same
document printed to PDF."""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd

from callbacks.context import AppContext
from data import queries
from data.queries.cache import remember
from data.queries.overview import AreaChain
from data.queries.scorecard import plans_for_area, scorecard
from indicators.names import AREA_CODE, ENGLAND, INDICATOR_ID, PERIOD_LABEL
from layouts import theme
from layouts.board_pack import board_pack_html
from layouts.figures.small_multiples import small_multiples
from layouts.figures.spine import spine_figure
from layouts.figures.trend import trend_figure
from layouts.overview_text import most_attention
from layouts.pack_render import figure_svg, html_to_pdf, lighter_svg
from layouts.scorecard_html import scorecard_html

CHART_WIDTH = 900  # px: fills A4 portrait's text width when scaled to it
TREND_PERIODS = 10  # the pack's trend charts show the latest ten periods
# The pack charts the trends of at most this many exceptions (those needing most attention)
# and names the rest: each panel is about 19 kB of SVG, and the pack's budget is 300 kB.
TREND_PANELS = 8


def charted_exceptions(frame: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """(the exceptions the pack charts, those it only names), each in the overview's order."""
    return most_attention(frame[frame["exception"]].to_dict("records"), TREND_PANELS)


def exception_trends(context: AppContext, chain: AreaChain, rows: list[dict],
                     periods: int | None = None) -> list[tuple[str, dict]]:
    """(indicator name, trend figure) for each of `rows` (overview rows needing attention),
    the area beside its region and England; the latest `periods` periods when given."""
    codes = list(dict.fromkeys(c for c in (chain.code, chain.region_code, ENGLAND) if c))
    names = {chain.code: chain.name, chain.region_code: chain.region_name, ENGLAND: "England"}
    figures = []
    for row in rows:
        values = queries.indicator_values(context.engine, row[INDICATOR_ID], codes)
        series = {code: values[values[AREA_CODE] == code].reset_index(drop=True) for code in codes}
        if periods:
            kept = series[chain.code][PERIOD_LABEL].tail(periods).tolist()
            series = {c: s[s[PERIOD_LABEL].isin(kept)].reset_index(drop=True)
                      for c, s in series.items()}
        comparators = [(names[c], series[c],
                        theme.ENGLAND_COLOUR if c == ENGLAND else theme.REGION_COLOUR)
                       for c in codes[1:]]
        target = row.get("target_value")
        figure = trend_figure(
            series[chain.code], comparators, area_name=chain.name,
            title=f"{row['indicator_name']}: {chain.name}", y_title=row.get("unit") or "",
            target=None if pd.isna(target) else float(target))
        figures.append((row["indicator_name"], figure))
    return figures


def pack_charts(context: AppContext, chain: AreaChain, frame: pd.DataFrame
                ) -> tuple[str, str | None]:
    """(spine chart SVG, trends SVG or None) for the area, rendered once per data version
    (rendering is most of a pack's cost: two images, the trends as panels of one)."""
    def render():
        spine = spine_figure(frame, chain.name, chain.peer_words, chain.region_name)
        spine_svg = lighter_svg(figure_svg(spine, width=CHART_WIDTH))
        panels = exception_trends(context, chain, charted_exceptions(frame)[0], TREND_PERIODS)
        if not panels:
            return spine_svg, None
        figure = small_multiples([(name, f) for name, f in panels],
                                 f"Indicators that need attention: {chain.name}")
        return spine_svg, lighter_svg(figure_svg(figure, width=CHART_WIDTH))

    return remember(context.engine, ("board pack charts", chain.code), render,
                    size=lambda charts: sum(len(s or "") for s in charts))


def pack_html(context: AppContext, chain: AreaChain, frame: pd.DataFrame) -> str:
    """The pack as HTML, made once per data version and area (its date says when)."""
    def build():
        spine_svg, trends = pack_charts(context, chain, frame)
        cards = [scorecard_html(scorecard(context.engine, plan))
                 for plan in plans_for_area(context.engine, chain.code)]
        uncharted = [row["indicator_name"] for row in charted_exceptions(frame)[1]]
        return board_pack_html(frame, chain.name, chain.region_name, spine_svg, trends,
                               generated=datetime.now(), uncharted=uncharted,
                               synthetic=queries.sample_data_in_use(context.engine),
                               scorecards=cards)

    return remember(context.engine, ("board pack html", chain.code), build, size=len)


def pack_pdf(context: AppContext, chain: AreaChain, frame: pd.DataFrame) -> bytes:
    """The same pack printed to PDF (A4 portrait), once per data version and area."""
    return remember(context.engine, ("board pack pdf", chain.code),
                    lambda: html_to_pdf(pack_html(context, chain, frame)), size=len)


def file_stem(name: str) -> str:
    return "board-pack-" + (re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "area")
