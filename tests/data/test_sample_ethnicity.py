"""The sample's births and infant deaths by ethnic group agree with the births/deaths sample:
every area and year split across the six groups in ONS order, the parts summing to the
totals, no death in a group without births, and more deaths a birth in the Black and Asian
groups than the White, as the sample's weights intend."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

GROUPS = ["Asian", "Black", "Mixed", "White", "Other", "Not known"]


def test_groups_sum_to_births_deaths(sample_dir: Path) -> None:
    births = pd.read_csv(sample_dir / "births_deaths.csv", dtype={"area_code": str})
    ethnic = pd.read_csv(sample_dir / "births_deaths_ethnicity.csv", dtype={"area_code": str},
                         keep_default_na=False)
    assert ethnic.groupby(["area_code", "year"]).ethnic_group.apply(list).map(
        lambda groups: groups == GROUPS).all()
    summed = ethnic.groupby(["area_code", "year"])[["live_births", "infant_deaths"]].sum()
    totals = births.set_index(["area_code", "year"])[["live_births", "infant_deaths"]]
    pd.testing.assert_frame_equal(summed.sort_index(), totals.loc[summed.index].sort_index(),
                                  check_dtype=False)
    assert set(summed.index) == set(totals.index)
    assert (ethnic.loc[ethnic.live_births == 0, "infant_deaths"] == 0).all()
    england = ethnic[ethnic.area_code == "E92000001"].groupby("ethnic_group")[
        ["live_births", "infant_deaths"]].sum()
    rate = england.infant_deaths / england.live_births
    assert rate["Black"] > rate["Asian"] > rate["White"]
