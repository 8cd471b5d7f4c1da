"""Every page's words as the browser receives them (the router's layout and each callback's
answer, through Flask's test client on the real app over the sample): no "None" or "nan"
in a cell, no "(s)" plurals, no command-line words, one percentage style."""

from __future__ import annotations

import re

import pytest

from app import create_app
from bench.ui import page_bodies, post
from data.refresh import refresh
from data.sample import write_sample
from data.settings import Settings
from data.store import make_engine, upgrade
from layouts.shell import PAGES

VIEWS = [(path, "?area=E08000003") for path, _label in PAGES] + [
    ("/trends", "?area=E08000011&indicator=smoking_delivery_quarterly"),  # flagged quarters
    ("/trends", "?area=E08000003&indicator=cdop_sudi_rate"),  # later years suppressed
    ("/inequalities", "?area=E08000011&period=2023+-+25"),  # a quintile without deaths
]
EMPTY_WORDS = {"None", "nan", "NaN", "null"}
FORBIDDEN = [(re.compile(r"\(s\)"), "a '(s)' plural"), (re.compile(r"--source|python -m|`"),
             "command-line words"), (re.compile(r"\d %"), "a space before %")]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page-words")
    files = {p.stem: p for p in write_sample(folder / "sample")}
    settings = Settings(database_url=f"sqlite:///{folder / 'store.sqlite'}", instance_dir=folder)
    engine = make_engine(settings)
    upgrade(engine)
    order = ["areas", "births_deaths", "satod", "breastfeeding", "deprivation", "cdop"]
    assert refresh(engine, [files[n] for n in order if n in files], user="sample-data").ok
    engine.dispose()
    return create_app(settings).server.test_client()


def texts(node) -> list[str]:
    """The words of a component tree as Dash sends it (figures are left out)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for child in node for t in texts(child)]
    if isinstance(node, dict):
        props = node.get("props", node)
        return [t for key in ("children", "label", "title") for t in texts(props.get(key))]
    return []


def answer_texts(answer: dict) -> list[str]:
    found = []
    for outputs in answer.get("response", {}).values():
        for prop, value in outputs.items():
            if prop != "figure":
                found += texts(value)
    return found


@pytest.mark.parametrize(("path", "query"), VIEWS)
def test_page_words(client, path, query):
    words = []
    for _label, body in page_bodies(client, path, query):
        words += answer_texts(post(client, body)[1])
    assert len(words) > 20, "the page said almost nothing"
    problems = [f"empty cell shown as {w!r}" for w in words if w.strip() in EMPTY_WORDS]
    problems += [f"{why}: {w[:120]!r}" for w in words for pattern, why in FORBIDDEN
                 if pattern.search(w)]
    assert not problems, "\n".join(problems)
