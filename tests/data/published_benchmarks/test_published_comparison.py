"""The team's area compared with the published England and region values by Fingertips'
rule (its own 95% interval against the benchmark's value) and ranked among all
authorities, each figure saying where it comes from."""

from __future__ import annotations

import numpy as np
import pytest

from data import queries
from data.queries import compare as compare_queries
from data.queries.overview import area_chain, overview_values
from indicators.names import ENGLAND
from layouts.figures.ranked import rank_areas
from layouts.pages.compare import with_sources
from tests.data.published_benchmarks.team import (
    BLACKPOOL,
    ENGLAND_COUNTS,
    LIVERPOOL,
    NORTH_WEST,
    NORTH_WEST_COUNTS,
    byar_limits,
    stored_row,
)


def test_area_is_compared_with_published_england_and_region(team_store):
    engine, _ = team_store
    ours = stored_row(engine, BLACKPOOL)
    assert (ours["count"], ours["denominator"]) == (32, 4650)
    assert ours["provenance"] == "computed"
    assert ours["source_file"] == "births_deaths_blackpool.csv"
    lower, upper = byar_limits(32, 4650)
    assert (ours["lower95"], ours["upper95"]) == pytest.approx((lower, upper), rel=1e-9)

    england, region = stored_row(engine, ENGLAND), stored_row(engine, NORTH_WEST)
    for benchmark, counts in ((england, ENGLAND_COUNTS), (region, NORTH_WEST_COUNTS)):
        assert benchmark["provenance"] == "published"
        assert benchmark["publisher"] == "OHID Fingertips"
        assert benchmark["source_file"] == "fingertips_92196.csv"
        assert benchmark["value"] == pytest.approx((counts[0] + 2) / counts[1] * 1000)
    # Fingertips' rule: the area's interval against the benchmark's value
    expected_england = ("Worse" if lower > england["value"] else "Better"
                        if upper < england["value"] else "Similar")
    expected_region = ("Worse" if lower > region["value"] else "Better"
                       if upper < region["value"] else "Similar")
    assert (expected_england, expected_region) == ("Worse", "Similar")
    assert ours["compared_england"] == expected_england
    assert ours["compared_region"] == expected_region


def test_area_is_ranked_among_every_authority(team_store):
    engine, published = team_store
    areas = queries.areas(engine)
    peers = compare_queries.peer_set(areas, BLACKPOOL, "england")
    assert len(peers.codes) == 153
    values = compare_queries.period_values(engine, "infant_mortality_3yr", "2015 - 17",
                                           (*peers.codes, ENGLAND))
    ranked = rank_areas(values[values["area_code"] != ENGLAND])
    assert ranked["value"].notna().sum() == 153
    position = ranked.index[ranked["area_code"] == BLACKPOOL][0] + 1

    latest = published[(published["Time period"] == "2015 - 17")
                       & (published["Area Type"] == "Counties & UAs (from Apr 2023)")
                       & (published["Area Code"] != BLACKPOOL)]
    others = latest["Value"].astype(float)
    assert position == 1 + int((others > 32 / 4650 * 1000).sum())


def test_compare_rows_say_where_each_figure_comes_from(team_store):
    engine, _ = team_store
    values = compare_queries.period_values(engine, "infant_mortality_3yr", "2015 - 17",
                                           (BLACKPOOL, LIVERPOOL, ENGLAND))
    source = values.set_index("area_code")["source"]
    assert source[BLACKPOOL].startswith("computed from births_deaths_blackpool.csv of 20")
    for code in (LIVERPOOL, ENGLAND):
        assert source[code].startswith("published by OHID Fingertips, file "
                                       "fingertips_92196.csv of 20")
    sentence = with_sources("Summary.", rank_areas(values[values["area_code"] != ENGLAND]),
                            BLACKPOOL, "England", source[ENGLAND])
    assert sentence == (f"Summary. Sources: Blackpool: {source[BLACKPOOL]}; England: "
                        f"{source[ENGLAND]}.")


def test_spine_chart_spread_runs_over_every_authority(team_store):
    engine, published = team_store
    rows = overview_values(engine, area_chain(engine, BLACKPOOL)).set_index("indicator_id")
    row = rows.loc["infant_mortality_3yr"]
    assert row["period_label"] == "2015 - 17"
    assert row["england_value"] == pytest.approx((ENGLAND_COUNTS[0] + 2) / ENGLAND_COUNTS[1] * 1000)
    assert row["region_value"] == pytest.approx(
        (NORTH_WEST_COUNTS[0] + 2) / NORTH_WEST_COUNTS[1] * 1000)
    latest = published[(published["Time period"] == "2015 - 17")
                       & (published["Area Type"] == "Counties & UAs (from Apr 2023)")
                       & (published["Area Code"] != BLACKPOOL)]
    values = np.append(latest["Value"].astype(float).to_numpy(), 32 / 4650 * 1000)
    assert row["peer_count"] == 153
    assert (row["peer_min"], row["peer_max"]) == pytest.approx((values.min(), values.max()))
    assert (row["peer_q25"], row["peer_q75"]) == pytest.approx(
        tuple(np.quantile(values, [0.25, 0.75])))


def test_overview_row_says_where_its_benchmarks_come_from(team_store):
    engine, _ = team_store
    row = overview_values(engine, area_chain(engine, BLACKPOOL)).set_index(
        "indicator_id").loc["infant_mortality_3yr"]
    assert row["source"].startswith("computed from births_deaths_blackpool.csv")
    for column in ("england_source", "region_source"):
        assert row[column].startswith("published by OHID Fingertips, file fingertips_92196.csv")
