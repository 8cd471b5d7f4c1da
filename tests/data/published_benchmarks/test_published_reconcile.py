"""The team's count reconciled with the published one: the difference listed, a published
comparison that disagrees with the rule reported, on the command line, in the export
and on the data page."""

from __future__ import annotations

import pytest

from data.export import export_fingertips
from data.queries.reconcile import comparison_disagreements, reconciliation
from indicators.names import ENGLAND
from layouts import paging
from layouts.pages import data_reconcile
from tests.data.published_benchmarks.team import (
    BLACKPOOL,
    ENGLAND_COUNTS,
    LIVERPOOL,
    PERIODS,
    byar_limits,
    significance_word,
    stored_row,
)
from tests.support.command_line import data_command


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
        stored = stored_row(engine, LIVERPOOL, row.period_label)
        file_row = published[(published["Area Code"] == LIVERPOOL)
                             & (published["Time period"] == row.period_label)].iloc[0]
        england = stored_row(engine, ENGLAND, row.period_label)["value"]
        assert row.ours == stored["compared_england"] == significance_word(
            float(file_row["Lower CI 95.0 limit"]), float(file_row["Upper CI 95.0 limit"]),
            england)
        assert row.published == file_row["Compared to England value or percentiles"]
        assert row.published != row.ours


def test_reconcile_command_prints_the_difference(team_store, store_settings, tmp_path):
    reconcile = data_command(store_settings.database_url, tmp_path, "reconcile")
    done = reconcile("--indicator", "92196")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("1 value(s) computed here and also published")
    latest = lines.index("infant_mortality_3yr  Blackpool (E06000009)  2015 - 17  shown: computed")
    assert lines[latest + 1].startswith("    count 32 vs 36 (-4); denominator 4,650 vs 4,660 (-10);")
    assert "theirs published by OHID Fingertips, file fingertips_92196.csv" in lines[latest + 2]
    assert "3 published comparison(s) differ from ours (ours is shown):" in lines
    assert sum("Liverpool (E08000012)" in line and "vs England: ours " in line
               for line in lines) == 3
    unknown = reconcile("--indicator", "1")
    assert unknown.returncode == 2 and "Unknown indicator" in unknown.stderr


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
    pairs, differing = reconciliation(engine), comparison_disagreements(engine)
    text = str(data_reconcile.intros(pairs, differing))
    assert "1 values computed here are also published." in text
    assert "Published comparisons that differ from ours" in text
    pairs_page = str(data_reconcile.page_view("pairs", pairs, paging.page_of(len(pairs), 1)))
    assert "'Blackpool'" in pairs_page and "'-4'" in pairs_page  # count difference
    differing_page = str(data_reconcile.page_view("differing", differing,
                                                  paging.page_of(len(differing), 1)))
    assert "'Liverpool'" in differing_page
    rule = str(data_reconcile.section())
    assert "a value computed from the area's own counts in a local extract;" in rule
    assert "never a partial sum" in rule
