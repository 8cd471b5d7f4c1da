"""A real team's situation: its own authority's births and deaths (2015-2017) plus a
Fingertips download of infant mortality (92196) for England, the regions and every
authority. The area must be compared with the published England and region values by
Fingertips' rule (its own 95% interval against the benchmark's value), ranked among all
authorities, and its count reconciled with the published one; on SQLite and PostgreSQL.

The expected words and rank are worked out here independently: Byar's limits written out
by hand (Breslow and Day 1987) and a plain sort of the file's values.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bench.national import national_areas
from data import queries
from data.export import FINGERTIPS_COLUMNS, export_fingertips, write_fingertips_csv
from data.queries import compare as compare_queries
from data.queries.overview import area_chain, overview_values
from data.queries.reconcile import comparison_disagreements, reconciliation
from data.refresh import refresh
from layouts.figures.ranked import rank_areas
from layouts.pages import data_reconcile
from layouts.pages.compare import with_sources
from layouts.pages.data_reconcile import reconcile_tables

ROOT = Path(__file__).resolve().parents[2]
BLACKPOOL, NORTH_WEST, ENGLAND = "E06000009", "E12000002", "E92000001"
LIVERPOOL = "E08000012"
PERIODS = ("2013 - 15", "2014 - 16", "2015 - 17")
LOCAL = pd.DataFrame({  # 32 infant deaths among 4,650 live births, 2015-17
    "area_code": BLACKPOOL, "year": [2015, 2016, 2017],
    "live_births": [1600, 1550, 1500], "stillbirths": [7, 6, 5],
    "infant_deaths": [12, 9, 11], "neonatal_deaths": [8, 6, 7],
    "postneonatal_deaths": [4, 3, 4]})
PUBLISHED_BLACKPOOL = (34, 4660)  # the national count differs from ours by 2 deaths
ENGLAND_COUNTS = (7500, 1_950_000)  # 3.85 per 1,000: below Blackpool's lower limit
NORTH_WEST_COUNTS = (1250, 250_000)  # 5.0 per 1,000: inside Blackpool's interval


def byar_limits(deaths: float, births: float, z: float = 1.959963984540054) -> tuple[float, float]:
    """Byar's approximation to the exact Poisson limits, per 1,000 (deaths of 10 or more)."""
    lower = deaths * (1 - 1 / (9 * deaths) - z / (3 * math.sqrt(deaths))) ** 3
    upper = (deaths + 1) * (1 - 1 / (9 * (deaths + 1)) + z / (3 * math.sqrt(deaths + 1))) ** 3
    return lower / births * 1000, upper / births * 1000


def fingertips_rows(areas: pd.DataFrame) -> pd.DataFrame:
    """92196 as Fingertips' download writes it, for England, regions and every county/UA."""
    rng = np.random.default_rng(92196)
    region_of = areas.set_index("area_code")["parent_code"]
    chosen = areas[areas["area_type"].isin(["england", "region", "county_ua"])]
    records = []
    for period_number, period in enumerate(PERIODS):
        for code, name, kind in chosen[["area_code", "area_name", "area_type"]].itertuples(
                index=False):
            if code == ENGLAND:
                deaths, births = ENGLAND_COUNTS
            elif code == NORTH_WEST:
                deaths, births = NORTH_WEST_COUNTS
            elif code == BLACKPOOL:
                deaths, births = PUBLISHED_BLACKPOOL
            else:
                births = int(rng.integers(4_000, 60_000))
                deaths = int(rng.poisson(births * rng.uniform(0.0025, 0.0075)))
            deaths += period_number  # periods differ a little
            lower, upper = byar_limits(deaths, births)
            parent = "" if kind == "england" else (
                ENGLAND if kind == "region" else region_of[code])
            records.append({
                "Indicator ID": "92196", "Indicator Name": "Infant mortality rate\n",
                "Parent Code": parent, "Parent Name": "", "Area Code": code,
                "Area Name": name, "Area Type": {"england": "England", "region": "Region"}.get(
                    kind, "Counties & UAs (from Apr 2023)"),
                "Sex": "Persons", "Age": "<1 yr", "Category Type": "", "Category": "",
                "Time period": period, "Value": repr(deaths / births * 1000),
                "Lower CI 95.0 limit": repr(lower), "Upper CI 95.0 limit": repr(upper),
                "Lower CI 99.8 limit": "", "Upper CI 99.8 limit": "",
                "Count": str(deaths), "Denominator": str(births), "Value note": "",
                "Recent Trend": "Cannot be calculated" if period == PERIODS[-1] else "",
                "Compared to England value or percentiles": "Not compared",
                "Compared to Region value or percentiles": "Not compared",
                "Time period Sortable": f"{2013 + period_number}0000", "New data": "",
                "Compared to goal": ""})
    frame = pd.DataFrame(records, columns=FINGERTIPS_COLUMNS)
    return _published_words(frame, areas)


def _word(lower: float, upper: float, benchmark: float) -> str:
    return "Worse" if lower > benchmark else "Better" if upper < benchmark else "Similar"


def _published_words(frame: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Fingertips' own comparisons by its rule, except one it gets 'wrong' (Liverpool)."""
    kind = frame["Area Code"].map(areas.set_index("area_code")["area_type"])
    value = frame.set_index(["Area Code", "Time period"])["Value"].astype(float)
    for column, benchmark, compared in (
            ("Compared to England value or percentiles", pd.Series(ENGLAND, frame.index),
             kind.isin(["region", "county_ua"])),
            ("Compared to Region value or percentiles", frame["Parent Code"],
             kind.eq("county_ua"))):
        reference = value.reindex(pd.MultiIndex.from_arrays(
            [benchmark, frame["Time period"]])).to_numpy()
        words = [_word(lo, up, ref) for lo, up, ref in zip(
            frame["Lower CI 95.0 limit"].astype(float), frame["Upper CI 95.0 limit"].astype(float),
            reference, strict=True)]
        frame.loc[compared, column] = pd.Series(words, index=frame.index)[compared]
    liverpool = frame["Area Code"].eq(LIVERPOOL)
    england_word = "Compared to England value or percentiles"
    frame.loc[liverpool, england_word] = frame.loc[liverpool, england_word].map(
        {"Worse": "Similar", "Similar": "Better", "Better": "Similar"})
    return frame


@pytest.fixture
def team_store(store, tmp_path):
    areas = national_areas()
    areas.to_csv(tmp_path / "areas.csv", index=False)
    LOCAL.to_csv(tmp_path / "births_deaths_blackpool.csv", index=False)
    published = fingertips_rows(areas)
    write_fingertips_csv(published, tmp_path / "fingertips_92196.csv")
    for name in ("areas.csv", "births_deaths_blackpool.csv", "fingertips_92196.csv"):
        report = refresh(store, [tmp_path / name], user="team")
        assert report.result == "loaded", report.lines()
    return store, published


def _row(engine, area_code: str, period: str = "2015 - 17") -> pd.Series:
    values = queries.indicator_values(engine, "infant_mortality_3yr", [area_code])
    return values[values["period_label"] == period].iloc[0]


def test_area_is_compared_with_published_england_and_region(team_store):
    engine, _ = team_store
    ours = _row(engine, BLACKPOOL)
    assert (ours["count"], ours["denominator"]) == (32, 4650)
    assert ours["provenance"] == "computed"
    assert ours["source_file"] == "births_deaths_blackpool.csv"
    lower, upper = byar_limits(32, 4650)
    assert (ours["lower95"], ours["upper95"]) == pytest.approx((lower, upper), rel=1e-9)

    england, region = _row(engine, ENGLAND), _row(engine, NORTH_WEST)
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


def test_local_count_is_reconciled_with_the_published_one(team_store):
    engine, _ = team_store
    pairs = reconciliation(engine, "infant_mortality_3yr")
    row = pairs[(pairs["area_code"] == BLACKPOOL) & (pairs["period_label"] == "2015 - 17")]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["shown"] == "computed"
    assert (row["computed_count"], row["published_count"]) == (32, 36)
    assert row["count_difference"] == -4
    assert row["denominator_difference"] == 4650 - 4660
    assert row["value_difference"] == pytest.approx(32 / 4650 * 1000 - 36 / 4660 * 1000)
    lower, upper = byar_limits(36, 4660)
    assert row["published_ci_contains_ours"] == ("Yes" if lower <= 32 / 4650 * 1000 <= upper
                                                 else "No")
    assert row["published_source"].startswith("published by OHID Fingertips, file "
                                              "fingertips_92196.csv of ")
    assert row["computed_source"].startswith("computed from births_deaths_blackpool.csv")
    # only the one authority has local counts: nothing else to reconcile for 92196
    assert set(pairs["area_code"]) == {BLACKPOOL}


def test_published_comparison_that_disagrees_is_reported(team_store):
    engine, published = team_store
    # Every published comparison follows the rule but Liverpool's with England: only
    # those are reported, and ours (by the rule) is what the store shows.
    disagreements = comparison_disagreements(engine, "infant_mortality_3yr")
    assert set(disagreements["area_code"]) == {LIVERPOOL}
    assert set(disagreements["benchmark"]) == {"England"}
    assert len(disagreements) == len(PERIODS)
    for row in disagreements.itertuples(index=False):
        stored = _row(engine, LIVERPOOL, row.period_label)
        file_row = published[(published["Area Code"] == LIVERPOOL)
                             & (published["Time period"] == row.period_label)].iloc[0]
        england = _row(engine, ENGLAND, row.period_label)["value"]
        assert row.ours == stored["compared_england"] == _word(
            float(file_row["Lower CI 95.0 limit"]), float(file_row["Upper CI 95.0 limit"]),
            england)
        assert row.published == file_row["Compared to England value or percentiles"]
        assert row.published != row.ours


def test_reconcile_command_prints_the_difference(team_store, store_settings, tmp_path):
    env = {**os.environ, "DATABASE_URL": store_settings.database_url,
           "DASHBOARD_INSTANCE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "data", "reconcile", "--indicator", "92196"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("1 value(s) computed here and also published")
    latest = lines.index("infant_mortality_3yr  Blackpool (E06000009)  2015 - 17  shown: computed")
    assert lines[latest + 1].startswith("    count 32 vs 36 (-4); denominator 4,650 vs 4,660 (-10);")
    assert "theirs published by OHID Fingertips, file fingertips_92196.csv" in lines[latest + 2]
    assert "3 published comparison(s) differ from ours (ours is shown):" in lines
    assert sum("Liverpool (E08000012)" in line and "vs England: ours " in line
               for line in lines) == 3
    unknown = subprocess.run([sys.executable, "-m", "data", "reconcile", "--indicator", "1"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert unknown.returncode == 2 and "Unknown indicator" in unknown.stderr


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


def test_fingertips_export_names_the_source_of_published_rows(team_store):
    engine, _ = team_store
    frame = export_fingertips(engine, "92196").set_index(["Area Code", "Time period"])
    ours = frame.loc[(BLACKPOOL, "2015 - 17")]
    assert ours["Value note"] == "" and ours["Count"] == "32"
    england = frame.loc[(ENGLAND, "2015 - 17")]
    assert england["Value note"].startswith("Published by OHID Fingertips "
                                            "(fingertips_92196.csv, 20")
    assert england["Count"] == str(ENGLAND_COUNTS[0] + 2)


def test_data_page_section_lists_the_difference_and_the_rule(team_store):
    engine, _ = team_store
    section = reconcile_tables(reconciliation(engine), comparison_disagreements(engine))
    text = str(section)
    assert "1 values computed here are also published." in text
    assert "'Blackpool'" in text and "'-4'" in text and "'-10'" in text
    assert "Published comparisons that differ from ours" in text and "'Liverpool'" in text
    rule = str(data_reconcile.section())
    assert "a value computed from the area's own counts in a local extract;" in rule
    assert "never a partial sum" in rule


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
