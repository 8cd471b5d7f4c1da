"""The inequality measures over every area and period of the synthetic sample: every RII
interval is positive, and every excess-death figure states its basis (or why there is
none)."""

from __future__ import annotations

import math

import pytest

from data.queries import inequalities as queries
from data.store import make_engine

REPETITIONS = 1000  # the rules under test do not depend on the number of draws


@pytest.fixture(scope="module")
def engine(tmp_path_factory, sample_stores):
    engine = make_engine(sample_stores.copy(tmp_path_factory.mktemp("inequalities-sample"),
                                            ("areas", "births_deaths", "deprivation")).settings)
    yield engine
    engine.dispose()


def every_measure(engine):
    periods = queries.quintile_periods.uncached(engine)["period_label"]
    for area in queries.quintile_area_codes.uncached(engine):
        for period in periods:
            quintiles = queries.quintile_values.uncached(engine, area, period)
            if not quintiles.empty:
                yield area, period, queries.inequality_measures(
                    quintiles, repetitions=REPETITIONS).set_index("measure")


@pytest.mark.slow
def test_rii_intervals_are_positive_and_excess_deaths_state_their_basis(engine):
    fitted = excess_shown = seen = 0
    for area, period, measures in every_measure(engine):
        seen += 1
        rii = measures.loc[queries.RII]
        if not math.isnan(rii["value"]):
            fitted += 1
            assert 0 < rii["lower95"] <= rii["value"] <= rii["upper95"], (area, period)
        else:
            assert "had no deaths" in rii["note"], (area, period)
        for name in (queries.EXCESS, queries.PAF):
            row = measures.loc[name]
            if math.isnan(row["value"]):
                assert "a reference rate needs 10 or more" in row["note"], (area, period)
            else:
                excess_shown += 1
                assert row["note"].startswith("Reference: "), (area, period)
    # The sample has both kinds of period, so both branches above were exercised.
    assert seen > 100 and 0 < fitted < seen and 0 < excess_shown < 2 * seen


def test_the_gap_over_time_is_the_sii_of_each_pooled_period(engine):
    area = "E08000003"
    gap = queries.gap_over_time.uncached(engine, area, repetitions=REPETITIONS)
    pooled = queries.quintile_periods.uncached(engine)
    pooled = pooled[pooled["year_range"] == 3]
    assert sorted(gap["period_label"]) == sorted(pooled["period_label"])
    assert gap["period_sortable"].is_monotonic_increasing
    for row in gap.itertuples(index=False):
        quintiles = queries.quintile_values.uncached(engine, area, row.period_label)
        sii = queries.sii_rows(quintiles, REPETITIONS)[0]
        if math.isnan(sii["value"]):
            assert math.isnan(row.sii) and row.note == sii["note"]
        else:
            assert row.sii == pytest.approx(sii["value"], rel=1e-12)
            assert row.lower95 < row.sii < row.upper95
