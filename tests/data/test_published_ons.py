"""The ONS child mortality workbook as published values: Table_3's counts give the
mortality rates of every area it covers, computed with our methods and matching ONS's own
printed rates; Table_21's deciles pair into England's IMD quintiles; a team's own counts
for an area win over ONS's and the two are reconciled. Read in place from shared/."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bench.national import national_areas
from data import queries
from data.queries.reconcile import reconciliation
from data.refresh import refresh

RATES = {"infant_mortality": "Infant mortality rate",
         "neonatal_mortality": "Neonatal mortality rate",
         "postneonatal_mortality": "Postneonatal mortality rate",
         "stillbirth_rate": "Stillbirth rate"}
BLACKPOOL = "E06000009"


@pytest.fixture
def workbook(raw_dir):
    return raw_dir / "ons-child-mortality" / "EXAMPLE_cim2020deathcohortworkbook.xlsx"


@pytest.fixture
def printed(workbook) -> pd.DataFrame:
    """Table_3 as ONS printed it, read independently of our reader."""
    table = pd.read_excel(workbook, sheet_name="Table_3", header=6, nrows=400, dtype=object)
    table.columns = [str(c).strip() for c in table.columns]
    table = table.rename(columns={"Area of usual residence (code)": "area_code"})
    table = table[table["area_code"].notna()]
    # "E06000052, E06000053" (Cornwall and Isles of Scilly) is filed under its first code
    table["area_code"] = table["area_code"].astype(str).str.split(",").str[0].str.strip()
    return table.drop_duplicates("area_code").set_index("area_code")


@pytest.fixture
def ons_store(store, tmp_path, workbook, request, store_snapshots):
    def load():
        national_areas().to_csv(tmp_path / "areas.csv", index=False)
        pd.DataFrame({"area_code": [BLACKPOOL], "year": [2020], "live_births": [1500],
                      "stillbirths": [6], "infant_deaths": [11], "neonatal_deaths": [7],
                      "postneonatal_deaths": [4]}).to_csv(tmp_path / "blackpool_2020.csv",
                                                           index=False)
        for path in (tmp_path / "areas.csv", workbook, tmp_path / "blackpool_2020.csv"):
            report = refresh(store, [path], user="team")
            assert report.result == "loaded", report.lines()

    store_snapshots.prepared(request, "ons", store, load)  # once per backend, then copies
    return store


def test_table_3_rates_match_ons_printed_rates(ons_store, printed, workbook):
    areas = queries.areas(ons_store).set_index("area_code")
    for indicator_id, column in RATES.items():
        values = queries.indicator_values(ons_store, indicator_id)
        values = values[(values["period_label"] == "2020")
                        & (values["area_code"] != BLACKPOOL)].set_index("area_code")
        assert len(values) > 300  # England, regions, counties, UAs and districts
        assert set(areas.loc[values.index, "area_type"]) == {
            "england", "region", "county_ua", "district"}
        assert (values["provenance"] == "published").all()
        assert (values["publisher"] == "Office for National Statistics").all()
        assert (values["source_file"] == workbook.name).all()
        rates = pd.to_numeric(printed.loc[values.index, column], errors="coerce")
        shown = rates.notna()  # ':' where ONS does not calculate a rate
        assert shown.sum() > 90
        np.testing.assert_allclose(values.loc[shown[shown].index, "value"], rates[shown],
                                   atol=0.05 + 1e-9)


def test_own_counts_win_and_are_reconciled_with_ons(ons_store, printed):
    own = queries.indicator_values(ons_store, "infant_mortality", [BLACKPOOL])
    own = own[own["period_label"] == "2020"].iloc[0]
    assert (own["count"], own["denominator"], own["provenance"]) == (11, 1500, "computed")
    pair = reconciliation(ons_store, "infant_mortality")
    pair = pair[pair["area_code"] == BLACKPOOL].iloc[0]
    ons = printed.loc[BLACKPOOL]
    assert pair["published_count"] == float(ons["Infant deaths"])
    assert pair["count_difference"] == 11 - float(ons["Infant deaths"])
    assert pair["denominator_difference"] == 1500 - float(ons["Live births"])
    assert pair["publisher"] == "Office for National Statistics"


def test_table_21_deciles_become_england_quintiles(ons_store, workbook):
    deciles = pd.read_excel(workbook, sheet_name="Table_21", header=4, dtype=object)
    deciles = deciles[deciles["IMD"].astype(str) != "Total"]
    deciles = deciles[pd.to_numeric(deciles["Year"], errors="coerce") == 2020]
    decile = deciles["IMD"].astype(int)
    values = queries.indicator_values(ons_store, "infant_mortality_imd", ["E92000001"],
                                      category_type="IMD quintile")
    values = values[values["period_label"] == "2020"].set_index("category")
    assert len(values) == 5
    for quintile, category in enumerate(["1 - most deprived", "2", "3", "4",
                                         "5 - least deprived"], start=1):
        pair = deciles[decile.isin([2 * quintile - 1, 2 * quintile])]
        deaths, births = pair["Infant deaths"].astype(float).sum(), pair["Live births"].astype(
            float).sum()
        row = values.loc[category]
        assert (row["count"], row["denominator"]) == (deaths, births)
        assert row["value"] == pytest.approx(deaths / births * 1000, rel=1e-12)
        assert row["publisher"] == "Office for National Statistics"
