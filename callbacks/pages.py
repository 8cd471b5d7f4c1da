"""The site's pages, declared once: the router and the navigation are both built from PAGES.

To add a page: write its layout in ``layouts/pages/``, its ``render(context, query)`` and
``register(app, context)`` in a module of ``callbacks/``, and add one ``Page`` here. The list's
order is the navigation's order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dash import Dash

from callbacks import (
    all_areas,
    box_plots,
    child_deaths,
    compare,
    compare_indicators,
    data_page,
    definitions,
    inequalities,
    overview,
    plan,
    scenarios,
    scorecard,
    small_multiples,
    trends,
)
from callbacks import (
    map as map_page,
)
from callbacks.context import AppContext


@dataclass(frozen=True)
class Page:
    """One page: its URL path, its label in the navigation, ``layout(context, query)`` giving
    its first view, and ``register(app, context)`` wiring its callbacks."""

    path: str
    label: str
    layout: Callable
    register: Callable[[Dash, AppContext], None]


def _page(path: str, label: str, module) -> Page:
    return Page(path, label, module.render, module.register)


PAGES: tuple[Page, ...] = (
    _page("/", "Overview", overview),
    _page("/trends", "Trends", trends),
    _page("/compare", "Compare areas", compare),
    _page("/inequalities", "Inequalities", inequalities),
    _page("/child-deaths", "Child deaths", child_deaths),
    _page("/plan", "Action plan", plan),
    _page("/scorecard", "Scorecard", scorecard),
    _page("/map", "Map", map_page),
    _page("/all-areas", "All areas", all_areas),
    _page("/compare-indicators", "Compare indicators", compare_indicators),
    _page("/box-plots", "Box plots", box_plots),
    _page("/small-multiples", "Small multiples", small_multiples),
    _page("/scenarios", "Scenarios", scenarios),
    _page("/definitions", "Definitions", definitions),
    _page("/data", "Data", data_page),
)


def links() -> tuple[tuple[str, str], ...]:
    """(path, label) of every page, in navigation order, for ``layouts.shell``."""
    return tuple((page.path, page.label) for page in PAGES)


def routes() -> dict[str, Callable]:
    """{path: layout} for the router."""
    return {page.path: page.layout for page in PAGES}
