"""The sample loaded into a store with its booking and conception extracts and its
national file: the new risk-factor indicators reach the overview for a local area, and
the published under-18 conception rows (20401) load for an authority the team holds no
extract for, like any other Fingertips indicator."""

from __future__ import annotations

import math

import pytest

from data.queries.core import indicator_values
from data.queries.overview import area_chain, overview_values
from data.refresh import refresh
from data.sample import write_sample
from data.settings import Settings
from data.store import make_engine, upgrade

NEW = ["smoking_booking", "obesity_booking", "early_booking", "conceptions_under_18",
       "conceptions_under_16"]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("risk-store")
    settings = Settings(database_url=f"sqlite:///{folder / 'store.sqlite'}", instance_dir=folder)
    engine = make_engine(settings)
    upgrade(engine)
    files = {path.stem: path for path in write_sample(folder / "sample", last_year=2024)}
    order = ["areas", "booking", "conceptions", "fingertips_synthetic_national"]
    report = refresh(engine, [files[name] for name in order], user="t")
    assert report.ok, report.lines()
    yield engine
    engine.dispose()


def test_overview_lists_the_new_risk_factors_for_a_local_area(engine):
    rows = overview_values(engine, area_chain(engine, "E06000009")).set_index("indicator_id")
    assert set(NEW) <= set(rows.index)
    for indicator in NEW:
        assert not math.isnan(rows.loc[indicator, "value"]), indicator
        assert not math.isnan(rows.loc[indicator, "england_value"]), indicator


def test_published_under_18_rows_load_for_an_area_without_an_extract(engine):
    hartlepool = indicator_values(engine, "conceptions_under_18", ["E06000001"])
    assert len(hartlepool) == 14  # 2010 to 2023
    assert set(hartlepool["provenance"]) == {"published"}
    latest = hartlepool.iloc[-1]
    assert latest["value"] == pytest.approx(latest["count"] / latest["denominator"] * 1000)
