"""Names from the data are text in every chart, never live markup: with area names like
`<a href=...>` in the store, every figure every page sends carries them escaped (plotly
renders a subset of HTML in titles, labels, legends, annotations and hover text)."""

from __future__ import annotations

import pytest

from callbacks.pages import PAGES
from layouts.figures import figure_dict
from tests.hostile import sample_store
from tests.support.components import sent_nodes
from tests.support.dash_requests import page_bodies, post

AREA = "E06000008"
LINK = '<a href="https://attacker.example/">Evil</a> & <img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, sample_stores):
    # Every area, England and the regions included.
    settings = sample_store(sample_stores, tmp_path_factory.mktemp("figure-text"),
                            lambda code: f"{code} {LINK}")
    from app import create_app

    return create_app(settings)


def _figures(node) -> list[dict]:
    return [n for n in sent_nodes(node) if "data" in n and "layout" in n]


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@pytest.fixture(scope="module")
def figures(hostile_app) -> list[dict]:
    client = hostile_app.server.test_client()
    found: list[dict] = []
    for path in (page.path for page in PAGES):
        for _label, body in page_bodies(client, path, f"?area={AREA}")[1:]:
            found += _figures(post(client, body)[1])
    return found


def test_the_pages_drew_charts_naming_the_areas(figures):
    assert len(figures) >= 5
    escaped = figure_dict.text(LINK)
    assert sum(any(escaped in t for t in _strings(f)) for f in figures) >= 4


def test_no_figure_carries_markup_from_a_name(figures):
    for figure in figures:
        for text in _strings(figure):
            assert "<a " not in text and "<img" not in text, text[:200]
            assert "& <" not in text


def test_plain_text_escapes_only_markup():
    assert figure_dict.text("Bath & North East Somerset") == "Bath &amp; North East Somerset"
    assert figure_dict.text("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert figure_dict.text("Kingston upon Hull") == "Kingston upon Hull"
