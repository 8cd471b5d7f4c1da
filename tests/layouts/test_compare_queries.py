"""The compare screen's peer set and funnel data.

Funnels centred on a benchmark reduce to PHEindicatormethods' own method (tested against its
fixtures in tests/indicators/test_stats_funnel.py) when the benchmark is the pooled average,
so that is the independent reference here; other benchmarks are checked by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from data.queries.compare import funnel_lines, funnel_points, peer_set
from indicators.stats import funnel


def _areas() -> pd.DataFrame:
    return pd.DataFrame([
        ("E92000001", "England", "england", None),
        ("R1", "North", "region", "E92000001"),
        ("R2", "South", "region", "E92000001"),
        ("U1", "Alpha", "county_ua", "R1"),
        ("U2", "Beta", "county_ua", "R1"),
        ("U3", "Gamma", "county_ua", "R2"),
        ("D1", "Delta", "district", "U1"),
    ], columns=["area_code", "area_name", "area_type", "parent_code"])


def test_peer_sets_for_england_and_region():
    england = peer_set(_areas(), "U1", "england")
    assert (england.benchmark_code, england.codes) == ("E92000001", ("U1", "U2", "U3"))
    assert england.comparison_column == "compared_england"
    region = peer_set(_areas(), "U1", "region")
    assert (region.benchmark_code, region.codes) == ("R1", ("U1", "U2"))
    assert region.comparison_column == "compared_region"
    # A district's region is its county's: the one walk up the hierarchy (data.queries.area_chain).
    assert peer_set(_areas(), "D1", "region").codes == ("U1", "U2")
    # No region above the area: England is the only benchmark there is.
    assert peer_set(_areas(), "R2", "region").benchmark_code == "E92000001"
    assert peer_set(_areas(), "E92000001", "region").benchmark_code == "E92000001"
    with pytest.raises(ValueError, match="benchmark must be one of"):
        peer_set(_areas(), "U1", "icb")


def _peers(counts, denominators) -> pd.DataFrame:
    return pd.DataFrame({"count": np.asarray(counts, float),
                         "denominator": np.asarray(denominators, float)})


COUNTS = [3, 12, 40, 95, 7, 150, 60]
DENOMINATORS = [1000, 1500, 9000, 12000, 2500, 20000, 6000]


@pytest.mark.parametrize(("value_type", "multiplier", "reference"), [
    ("Proportion", 100, funnel.proportion_funnel_significance),
    ("Crude rate", 1000, funnel.rate_funnel_significance),
])
def test_points_around_the_pooled_average_match_the_phe_method(value_type, multiplier, reference):
    peers = _peers(COUNTS, DENOMINATORS)
    pooled = sum(COUNTS) / sum(DENOMINATORS) * multiplier
    ours = funnel_points(peers, pooled, value_type, multiplier)
    expected = reference(peers["count"], peers["denominator"])
    assert ours.tolist() == list(expected)
    assert len(set(ours)) > 1  # the example is not all one label


def _byars(x: float, z: float) -> tuple[float, float]:
    """Byar's limits for a count (methods.md), written out here as the reference."""
    lower = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
    upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3
    return lower, upper


def test_rate_points_against_another_benchmark_use_the_area_interval():
    # 12 deaths in 1,500 births, per 1,000: 95% and 99.8% limits by Byar's method.
    low95, up95 = (v / 1.5 for v in _byars(12, 1.959964))
    low998, up998 = (v / 1.5 for v in _byars(12, 3.090232))
    assert 2.6 < low998 < low95 < up95 < up998 < 18.1
    peers = _peers([12], [1500])
    for benchmark, label in [(low998 - 0.01, "High (0.001)"), (low95 - 0.01, "High (0.025)"),
                             (low95 + 0.01, "Not significant"), (up95 - 0.01, "Not significant"),
                             (up95 + 0.01, "Low (0.025)"), (up998 + 0.01, "Low (0.001)")]:
        assert funnel_points(peers, benchmark, "Crude rate", 1000).tolist() == [label], benchmark


def test_missing_counts_are_not_given_a_label():
    peers = _peers([5, math.nan], [100, 200])
    labels = funnel_points(peers, 5.0, "Proportion", 100)
    assert labels.iloc[0] == "Not significant" and pd.isna(labels.iloc[1])
    assert funnel_points(peers, math.nan, "Proportion", 100).isna().all()


@pytest.mark.parametrize(("value_type", "multiplier"), [("Proportion", 100), ("Crude rate", 1000)])
def test_lines_around_the_pooled_average_match_the_phe_funnel(value_type, multiplier):
    peers = _peers(COUNTS, DENOMINATORS)
    pooled = sum(COUNTS) / sum(DENOMINATORS) * multiplier
    lines = funnel_lines(peers, pooled, value_type, multiplier)
    upper = lines[(lines["level"] == "99.8%") & (lines["side"] == "upper")]
    if value_type == "Proportion":
        expected = funnel.proportion_funnel(COUNTS, DENOMINATORS, multiplier)
        np.testing.assert_allclose(upper["denominator"], expected["population"])
        np.testing.assert_allclose(upper["value"], expected["upper_3s"], rtol=1e-9)
    else:
        expected = funnel.rate_funnel(COUNTS, DENOMINATORS, multiplier)
        np.testing.assert_allclose(upper["denominator"], expected["upper_3s_population_1_year"],
                                   rtol=1e-9)
        np.testing.assert_allclose(upper["value"], expected["upper_3s_limit"], rtol=1e-9)
    assert set(zip(lines["level"], lines["side"], strict=True)) == {
        (lv, s) for lv in ("95%", "99.8%") for s in ("lower", "upper")}


def test_proportion_lines_centre_on_a_given_benchmark():
    lines = funnel_lines(_peers(COUNTS, DENOMINATORS), 7.5, "Proportion", 100)
    at = lines[lines["denominator"] == lines["denominator"].max()]
    n = at["denominator"].iloc[0]
    half = 1.959964 * math.sqrt(0.075 * 0.925 / n) * 100
    lower = at[(at["level"] == "95%") & (at["side"] == "lower")]["value"].iloc[0]
    upper = at[(at["level"] == "95%") & (at["side"] == "upper")]["value"].iloc[0]
    assert lower == pytest.approx(7.5 - half, rel=1e-6)
    assert upper == pytest.approx(7.5 + half, rel=1e-6)
