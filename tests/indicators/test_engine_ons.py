"""The engine on real ONS counts: Table_3 of the 2020 child mortality (death cohort)
workbook, read in place. Only the lowest-tier areas are fed in; counties, regions and
England are aggregated by the engine and must match the counts and 1-decimal rates ONS
published for them (England 2020: 2,100 infant deaths, 585,195 live births, 3.6)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.engine import compute_indicator_values

RAW = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "raw"
WORKBOOK = RAW / "ons-child-mortality" / "EXAMPLE_cim2020deathcohortworkbook.xlsx"
COUNTS = {"Live births": "live_births", "Stillbirths": "stillbirths",
          "Neonatal deaths": "neonatal_deaths", "Postneonatal deaths": "postneonatal_deaths",
          "Infant deaths": "infant_deaths"}
RATES = {"infant_mortality": "Infant mortality rate", "neonatal_mortality":
         "Neonatal mortality rate", "stillbirth_rate": "Stillbirth rate"}
LOWEST_TIER = {"Unitary Authority", "Metropolitan District", "London Borough",
               "Non-metropolitan District"}


@pytest.fixture(scope="module")
def table_3() -> pd.DataFrame:
    table = pd.read_excel(WORKBOOK, sheet_name="Table_3", header=6, nrows=400, dtype=object)
    table.columns = [str(c).strip() for c in table.columns]
    table = table.rename(columns={"Area of usual residence (code)": "area_code",
                                  "Area of usual residence (name)": "area_name",
                                  "Area of usual residence (geography)": "geography"})
    table = table[table["area_code"].notna()].copy()
    for column in ("area_code", "area_name", "geography"):
        table[column] = table[column].astype(str).str.strip()
    return table[table["area_code"].str.startswith("E")].reset_index(drop=True)


def _areas(table: pd.DataFrame) -> pd.DataFrame:
    """The hierarchy from the table's own order: areas follow their region, districts
    follow their county."""
    rows, region, county = [], None, None
    for code, name, geography in table[["area_code", "area_name", "geography"]].itertuples(
            index=False):
        if geography == "Country":
            rows.append((code, name, "england", None))
        elif geography == "Region":
            region = code
            rows.append((code, name, "region", "E92000001"))
        elif geography == "County":
            county = code
            rows.append((code, name, "county_ua", region))
        elif geography == "Non-metropolitan District":
            rows.append((code, name, "district", county))
        elif geography in LOWEST_TIER:
            rows.append((code, name, "county_ua", region))
    return pd.DataFrame(rows, columns=["area_code", "area_name", "area_type", "parent_code"])


@pytest.fixture(scope="module")
def values(table_3: pd.DataFrame) -> pd.DataFrame:
    leaves = table_3[table_3["geography"].isin(LOWEST_TIER)]
    raw = leaves[["area_code", *COUNTS]].rename(columns=COUNTS).assign(year=2020)
    return compute_indicator_values({"births_deaths": raw}, _areas(table_3))


def test_england_2020_infant_mortality_is_reproduced(values, table_3):
    england = values[(values["indicator_id"] == "infant_mortality")
                     & (values["area_code"] == "E92000001")].iloc[0]
    assert (england["count"], england["denominator"]) == (2100, 585195)
    assert england["value"] == pytest.approx(2100 / 585195 * 1000, rel=1e-12)
    assert round(england["value"], 1) == 3.6
    assert england["value_note"] == "Aggregated from all known lower geography values"


@pytest.mark.parametrize("geography", ["Region", "County"])
def test_aggregated_areas_match_ons_counts_and_rates(values, table_3, geography):
    published = table_3[table_3["geography"] == geography].set_index("area_code")
    for indicator_id, rate_column in RATES.items():
        ours = values[values["indicator_id"] == indicator_id].set_index("area_code")
        ours = ours.loc[published.index]
        assert (ours["value_note"] == "Aggregated from all known lower geography values").all()
        assert (ours["denominator"] >= published["Live births"].astype(float)).all()
        rates = pd.to_numeric(published[rate_column], errors="coerce")  # ':' not published
        shown = rates.notna()
        assert shown.sum() >= len(published) - 1
        np.testing.assert_allclose(ours.loc[shown, "value"], rates[shown], atol=0.05 + 1e-9)
    infant = values[values["indicator_id"] == "infant_mortality"].set_index("area_code")
    np.testing.assert_array_equal(infant.loc[published.index, "count"],
                                  published["Infant deaths"].astype(float))
    np.testing.assert_array_equal(infant.loc[published.index, "denominator"],
                                  published["Live births"].astype(float))
