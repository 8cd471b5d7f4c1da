"""The one walk up the area hierarchy: district -> county -> region -> England."""

from __future__ import annotations

import pandas as pd

from data.queries.area_chain import comparator_chain, region_of
from indicators.names import ENGLAND

AREAS = pd.DataFrame([
    (ENGLAND, "England", "england", None),
    ("E12000002", "North West", "region", ENGLAND),
    ("E10000017", "Lancashire", "county_ua", "E12000002"),
    ("E07000117", "Burnley", "district", "E10000017"),
    ("E06000008", "Blackburn with Darwen", "county_ua", "E12000002"),
    ("X1", "Loop one", "district", "X2"),
    ("X2", "Loop two", "county_ua", "X1"),
    ("X3", "Orphan", "county_ua", "NOT-STORED"),
], columns=["area_code", "area_name", "area_type", "parent_code"])


def test_the_region_is_found_through_the_county():
    assert region_of(AREAS, "E07000117") == "E12000002"
    assert region_of(AREAS, "E06000008") == "E12000002"


def test_england_regions_loops_and_orphans_have_no_region():
    for code in (ENGLAND, "E12000002", "X1", "X3", "NOT-STORED"):
        assert region_of(AREAS, code) is None, code


def test_the_chain_ends_at_england_once():
    assert comparator_chain(AREAS, "E07000117") == ["E07000117", "E12000002", ENGLAND]
    assert comparator_chain(AREAS, "E12000002") == ["E12000002", ENGLAND]
    assert comparator_chain(AREAS, ENGLAND) == [ENGLAND]
    assert comparator_chain(AREAS, "X3") == ["X3", ENGLAND]
    assert comparator_chain(AREAS[AREAS["area_code"] != ENGLAND], "E06000008") == [
        "E06000008", "E12000002"]
