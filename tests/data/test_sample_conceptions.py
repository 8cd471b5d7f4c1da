"""The sample's teenage conceptions and booking extracts: every sample area and year,
England near ONS's published levels, and the rates the engine computes from them."""

from __future__ import annotations

import pandas as pd
import pytest

from data.readers import read_extract
from data.sample import SAMPLE_FILES, write_sample
from indicators.engine import compute_indicator_values

LAST_YEAR = 2024


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict[str, pd.DataFrame]:
    paths = dict(zip(SAMPLE_FILES, write_sample(tmp_path_factory.mktemp("s"),
                                                last_year=LAST_YEAR), strict=True))
    out = {}
    for name in ("areas", "conceptions", "booking", "satod"):
        extract = read_extract(paths[name])
        assert extract.problems == []
        out[name] = extract.tables[name]
    return out


def test_conceptions_cover_every_area_year_and_age_group(tables):
    conceptions = tables["conceptions"]
    # the areas every other local extract of the sample covers
    assert set(conceptions["area_code"]) == set(tables["satod"]["area_code"])
    assert set(tables["booking"]["area_code"]) == set(tables["satod"]["area_code"])
    assert set(conceptions["year"]) == set(range(2010, LAST_YEAR))
    assert set(conceptions["age_group"]) == {"under18", "under16"}


def test_england_rates_sit_near_the_published_levels(tables):
    raw = {"conceptions": tables["conceptions"], "booking": tables["booking"]}
    values = compute_indicator_values(raw, tables["areas"])
    england = values[values["area_code"] == "E92000001"].set_index(
        ["indicator_id", "period_label"])["value"]
    # ONS: about 13 per 1,000 (under 18) and 2 per 1,000 (under 16) in 2021
    assert 11.5 < england[("conceptions_under_18", "2021")] < 14.5
    assert 1.5 < england[("conceptions_under_16", "2021")] < 2.6
    assert 8 < england[("smoking_booking", "2023/24")] < 12
    assert 20 < england[("obesity_booking", "2023/24")] < 30
    assert 50 < england[("early_booking", "2023/24")] < 70
