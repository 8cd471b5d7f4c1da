"""Definitions page pieces: every field for every indicator, in words from the catalogue."""

from __future__ import annotations

import pytest
from dash import html

from callbacks.definitions import resolve
from indicators.catalogue import CATALOGUE, get_indicator
from layouts.pages.definitions import (
    ALL,
    NO_FINGERTIPS,
    body,
    indicator_section,
    more_body,
    summary_rows,
)
from tests.support.components import text_of

LABELS = ["Definition", "Numerator", "Denominator", "Unit and multiplier", "Value type",
          "Polarity", "Confidence interval method", "Benchmark method", "Period and pooling",
          "Breakdown", "Sex and age", "Target", "Data-quality rule", "Disclosure rule", "Source",
          "Caveats", "Why it matters", "Fingertips indicator ID", "Dashboard ID"]


@pytest.mark.parametrize("indicator", CATALOGUE, ids=lambda i: i.id)
def test_every_indicator_has_every_field_in_a_description_list(indicator):
    section = indicator_section(indicator)
    heading, dl = section.children
    assert isinstance(heading, html.H2) and heading.children == indicator.name
    assert isinstance(dl, html.Dl)
    pairs = [(text_of(row.children[0], sep=""), text_of(row.children[1], sep="")) for row in dl.children]
    assert all(isinstance(row.children[0], html.Dt) and isinstance(row.children[1], html.Dd)
               for row in dl.children)
    assert [label for label, _ in pairs] == LABELS
    values = dict(pairs)
    for label, field in [("Definition", "definition"), ("Numerator", "numerator"),
                         ("Denominator", "denominator"), ("Polarity", "polarity"),
                         ("Source", "source"), ("Caveats", "caveats"),
                         ("Disclosure rule", "disclosure")]:
        assert values[label] == getattr(indicator, field)
    assert values["Confidence interval method"] == indicator.ci_method_text
    assert values["Benchmark method"].startswith(indicator.benchmark_method)
    assert indicator.data_quality in values["Data-quality rule"]
    assert all(value.strip() for value in values.values())


def test_smoking_at_delivery_words():
    values = {label: text_of(v, sep="") for label, v in summary_rows(get_indicator(93085))}
    assert values["Target"] == ("National ambition: 6% or less "
                                "(Tobacco Control Plan for England (2017))")
    assert values["Unit and multiplier"] == "Percentage (%): numerator ÷ denominator × 100"
    assert "flagged at 5% or more, area named at 10% or more" in values["Data-quality rule"]
    assert values["Fingertips indicator ID"] == "93085"


def test_pooled_rate_words_and_fingertips_name():
    rows = dict(summary_rows(get_indicator("infant_mortality_3yr")))
    assert "Three years pooled" in text_of(rows["Period and pooling"], sep="")
    assert text_of(rows["Unit and multiplier"], sep="") == ("per 1,000 live births: numerator ÷ "
                                                 "denominator × 1,000")
    link = rows["Fingertips indicator ID"][0]
    assert link.href.endswith("/92196") and link.children == "92196"
    assert "Infant mortality rate" in text_of(rows["Fingertips indicator ID"], sep="")
    annual = dict(summary_rows(get_indicator("infant_mortality")))
    assert annual["Fingertips indicator ID"] == NO_FINGERTIPS
    assert "Single periods" in text_of(annual["Period and pooling"], sep="")


def _more(parts) -> list:
    """The (summary id, body id) of each indicator listed to open on demand."""
    listed = parts[-1].children
    assert all(isinstance(d, html.Details) for d in listed)
    return [(d.children[0].id["indicator"], d.children[1].id["indicator"], d.children[0].children,
             d.children[1].children) for d in listed]


def test_all_lists_every_indicator_by_name_without_drawing_a_definition():
    parts = body(list(CATALOGUE), ALL)
    assert not any(isinstance(p, html.Section) for p in parts)
    assert _more(parts) == [(i.id, i.id, i.name, None) for i in CATALOGUE]


def test_the_chosen_indicator_comes_first_and_the_rest_on_demand():
    parts = body(list(CATALOGUE), "smoking_delivery")
    assert isinstance(parts[0], html.Section) and parts[0].children[0].id == \
        "definition-smoking_delivery"
    assert [m[0] for m in _more(parts)] == [i.id for i in CATALOGUE if i.id != "smoking_delivery"]
    opened = more_body(get_indicator("infant_mortality_3yr"))
    assert [text_of(row.children[0], sep="") for row in opened[0].children] == LABELS
    assert opened[1].children.href == "/definitions?indicator=infant_mortality_3yr"


def test_indicator_is_resolved_by_our_id_or_fingertips_id():
    assert resolve("93085") == ("smoking_delivery", None)
    assert resolve("smoking_delivery") == ("smoking_delivery", None)
    assert resolve(None) == (ALL, None)
    chosen, notice = resolve("nonsense")
    assert chosen == ALL and "nonsense" in notice
    one = body(list(CATALOGUE), "smoking_delivery")
    assert one[0].children[0].children == get_indicator(93085).name
