"""The catalogue: complete, valid, in Fingertips' metadata vocabulary, with the IDs we are
sure of and the methods methods.md prescribes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from indicators.catalogue import (
    BENCHMARK_95,
    CATALOGUE,
    CI_METHODS,
    Indicator,
    Target,
    get_indicator,
    indicator_ids,
    indicators_for_table,
)

RAW = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "raw"
FINGERTIPS_INDICATORS = RAW / "fingertipsnext" / "indicators.csv"

REQUIRED_IDS = {
    "infant_mortality", "infant_mortality_3yr", "neonatal_mortality", "postneonatal_mortality",
    "stillbirth_rate", "smoking_delivery", "first_feed_breastmilk", "breastfeeding_6_8_weeks",
    "breastfeeding_6_8_weeks_coverage", "low_birth_weight_term", "infant_mortality_imd",
    "cdop_infant_reviews", "cdop_infant_modifiable", "cdop_infant_deaths_by_category",
    "cdop_sudi_rate", "cdop_factor_smoking", "cdop_factor_co_sleeping",
    "cdop_factor_safeguarding", "cdop_factor_alcohol_drugs", "cdop_factor_domestic_abuse",
}


@pytest.fixture(scope="module")
def fingertips_metadata() -> pd.DataFrame:
    return pd.read_csv(FINGERTIPS_INDICATORS, dtype=str, keep_default_na=False,
                       encoding="utf-8-sig")


def test_every_required_indicator_is_catalogued_once():
    ids = indicator_ids()
    assert len(ids) == len(set(ids))
    assert REQUIRED_IDS <= set(ids)


def test_fingertips_ids_are_the_known_ones_and_unique():
    known = {i.id: i.fingertips_id for i in CATALOGUE if i.fingertips_id is not None}
    assert known == {"infant_mortality_3yr": 92196, "smoking_delivery": 93085,
                     "first_feed_breastmilk": 93932, "breastfeeding_6_8_weeks": 92517,
                     "low_birth_weight_term": 20101, "conceptions_under_18": 20401}


def test_fields_use_fingertips_vocabulary(fingertips_metadata):
    polarities = set(fingertips_metadata["Polarity"]) - {""}
    value_types = set(fingertips_metadata["ValueType"])
    periods = set(fingertips_metadata["PeriodType"])
    frequencies = set(fingertips_metadata["Frequency"])
    methods = set(fingertips_metadata["BenchmarkComparisonMethod"])
    for indicator in CATALOGUE:
        assert indicator.polarity in polarities
        assert indicator.value_type in value_types
        assert indicator.period_type in periods
        assert indicator.frequency in frequencies
        if indicator.benchmark_levels == (0.95,):
            assert indicator.benchmark_method in methods


def test_smoking_matches_fingertips_metadata_for_93085(fingertips_metadata):
    row = fingertips_metadata.set_index("IndicatorID").loc["93085"]
    smoking = get_indicator(93085)
    assert (smoking.polarity, smoking.benchmark_method, smoking.value_type,
            smoking.period_type) == (row["Polarity"], row["BenchmarkComparisonMethod"],
                                     row["ValueType"], row["PeriodType"])


def test_under_18_conceptions_match_fingertips_metadata_for_20401(fingertips_metadata):
    row = fingertips_metadata.set_index("IndicatorID").loc["20401"]
    conceptions = get_indicator(20401)
    assert (conceptions.polarity, conceptions.benchmark_method, conceptions.value_type,
            conceptions.period_type, conceptions.frequency, conceptions.fingertips_name) == (
        row["Polarity"], row["BenchmarkComparisonMethod"], row["ValueType"],
        row["PeriodType"], row["Frequency"], row["IndicatorName"])


def test_methods_follow_methods_md():
    for indicator in CATALOGUE:
        assert indicator.ci_method in CI_METHODS
        if indicator.value_type == "Crude rate":
            assert indicator.ci_method == "poisson" and indicator.multiplier == 1000
        if indicator.value_type == "Proportion":
            assert indicator.ci_method == "wilson" and indicator.multiplier == 100
        if indicator.source_table in ("births_deaths", "deprivation") and \
                indicator.value_type == "Crude rate":
            assert indicator.polarity == "Low is good"
    smoking = get_indicator("smoking_delivery")
    assert smoking.target == Target(6.0, "at_or_below", smoking.target.label,
                                    smoking.target.source, "2022/23", "2016/17")
    assert (smoking.dq_measure.flag_at, smoking.dq_measure.name_at) == (5.0, 10.0)
    assert "known" in smoking.denominator and "excluded" in smoking.denominator
    assert get_indicator("breastfeeding_6_8_weeks").polarity == "High is good"
    assert "stillbirths" in get_indicator("stillbirth_rate").denominator.lower()


def test_pooled_indicators_point_at_their_annual_twin():
    pooled = [i for i in CATALOGUE if i.year_range == 3]
    assert {i.id for i in pooled} >= {"infant_mortality_3yr", "infant_mortality_imd_3yr"}
    for indicator in pooled:
        annual = get_indicator(indicator.pooled_from)
        assert annual.year_range == 1 and annual.source_table == indicator.source_table
        assert (annual.numerator, annual.multiplier) == (indicator.numerator,
                                                         indicator.multiplier)


def test_text_fields_are_filled_and_metadata_is_json_ready():
    for indicator in CATALOGUE:
        for name in ("name", "definition", "numerator", "denominator", "unit", "source",
                     "caveats", "data_quality", "disclosure", "sex", "age"):
            assert getattr(indicator, name).strip(), (indicator.id, name)
        metadata = json.loads(json.dumps(indicator.as_metadata()))
        assert metadata["id"] == indicator.id and "benchmark_levels" in metadata


def test_lookup_by_id_fingertips_id_and_table():
    assert get_indicator("92196") is get_indicator(92196) is get_indicator("infant_mortality_3yr")
    assert {i.id for i in indicators_for_table("satod")} == {"smoking_delivery",
                                                             "smoking_delivery_quarterly"}
    with pytest.raises(KeyError, match="unknown indicator 'nope'"):
        get_indicator("nope")


def test_invalid_entries_are_refused():
    base = get_indicator("infant_mortality")
    with pytest.raises(ValueError, match="polarity 'Low' is not one of"):
        replace(base, polarity="Low")
    with pytest.raises(ValueError, match="year_range"):
        replace(base, year_range=2)
    with pytest.raises(ValueError, match="good side must follow the polarity"):
        replace(base, target=Target(3.0, "at_or_above", "x", "y"))
    assert isinstance(replace(base, benchmark_method=BENCHMARK_95), Indicator)


def test_every_indicator_is_in_one_scorecard_group_in_catalogue_order():
    from indicators.catalogue import CATALOGUE, GROUPS, indicator_group

    assert [name for name, _members in GROUPS] == ["Mortality", "Risk factors",
                                                   "Child death reviews"]
    assert [i.id for _name, members in GROUPS for i in members] == [i.id for i in CATALOGUE]
    assert indicator_group("smoking_delivery") == "Risk factors"
    assert indicator_group("cdop_sudi_rate") == "Child death reviews"
    assert indicator_group("stillbirth_rate_3yr") == "Mortality"
    assert indicator_group("not-an-indicator") == "Other"
