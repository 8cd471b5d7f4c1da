"""Every page's words and downloads as the browser receives them (the router's layout and
each callback's answer, through Flask's test client on the real app over the sample): no
"None" or "nan" in a cell, no "(s)" plurals, no command-line words, one percentage style;
every indicator CSV in the one download layout, whole numbers written whole."""

from __future__ import annotations

import csv
import io
import re

import pytest

from app import create_app
from callbacks.pages import PAGES
from data.downloads import DOWNLOAD_COLUMNS
from tests.support.components import sent_texts
from tests.support.dash_requests import collect_components, page_bodies, post, request_body

VIEWS = [(path, "?area=E08000003") for path in (page.path for page in PAGES)] + [
    ("/trends", "?area=E08000011&indicator=smoking_delivery_quarterly"),  # flagged quarters
    ("/trends", "?area=E08000003&indicator=cdop_sudi_rate"),  # later years suppressed
    ("/inequalities", "?area=E08000011&period=2023+-+25"),  # a quintile without deaths
]
EMPTY_WORDS = {"None", "nan", "NaN", "null"}
FORBIDDEN = [(re.compile(r"\(s\)"), "a '(s)' plural"), (re.compile(r"--source|python -m|`"),
             "command-line words"), (re.compile(r"\d %"), "a space before %")]


@pytest.fixture(scope="module")
def client(tmp_path_factory, sample_stores):
    # as init-sample loads it (the action plan too, so /plan and /scorecard have words)
    settings = sample_stores.copy(tmp_path_factory.mktemp("page-words")).settings
    return create_app(settings).server.test_client()


def answer_texts(answer: dict) -> list[str]:
    found = []
    for outputs in answer.get("response", {}).values():
        for prop, value in outputs.items():
            if prop != "figure":
                found += sent_texts(value)
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


DOWNLOADS = [("/trends", "trends-download.data"), ("/compare", "compare-download.data"),
             ("/", "overview-csv-download.data"), ("/inequalities", "inequalities-download.data"),
             ("/child-deaths", "child-deaths-download.data")]


def download(client, path: str, output: str) -> dict:
    """What the page's download button answers, with the page's controls as first shown."""
    dependencies = client.get("/_dash-dependencies").get_json()
    components = collect_components(client.get("/_dash-layout").get_json(), {})
    components["url"] = ("url", {"pathname": path, "search": "?area=E08000003"})
    router = next(d for d in dependencies if "page-content.children" in d["output"])
    answer = post(client, request_body(router, components))[1]
    collect_components(answer["response"]["page-content"]["children"], components)
    dependency = next(d for d in dependencies if d["output"] == output)
    body = request_body(dependency, components)
    body["inputs"][0]["value"] = 1  # one click
    response = post(client, body)[1]["response"]
    return next(iter(response.values()))["data"]


@pytest.mark.parametrize(("path", "output"), DOWNLOADS)
def test_every_indicator_csv_has_the_one_layout(client, path, output):
    data = download(client, path, output)
    assert data["filename"].endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(data["content"], newline="")))
    assert rows, f"{path}: the CSV is empty"
    assert list(rows[0]) == DOWNLOAD_COLUMNS
    assert all(r["Source"] and r["Unit"] for r in rows)
    for name in ("Count", "Denominator"):
        assert not any(r[name].endswith(".0") for r in rows), f"{name} written as 12.0"
    assert not any(v in ("None", "nan") for r in rows for v in r.values())
