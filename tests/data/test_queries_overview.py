"""Overview queries on hand-made stored rows, on both backends: the latest period per
indicator, the region's and England's values for that same period, and the peer spread."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pytest

from data.catalogue_store import write_catalogue
from data.queries.overview import area_chain, overview_values
from data.schema import area, indicator_value

AREAS = [
    ("E92000001", "England", "england", None),
    ("E12000002", "North West Region", "region", "E92000001"),
    ("E12000007", "London Region", "region", "E92000001"),
    ("E06000009", "Blackpool", "county_ua", "E12000002"),
    ("E08000003", "Manchester", "county_ua", "E12000002"),
    ("E09000001", "City of London", "county_ua", "E12000007"),
    ("E09000002", "Barking and Dagenham", "county_ua", "E12000007"),
    ("E10000017", "Lancashire", "county_ua", "E12000002"),
    ("E07000117", "Burnley", "district", "E10000017"),
]
# (indicator, area, period, sortable, value) -- the district's value must not join the
# county/UA range; a missing value (None) must not count as a peer.
VALUES = [
    ("infant_mortality", "E06000009", "2024", 2024, 7.0),
    ("infant_mortality", "E06000009", "2025", 2025, 8.5),
    ("infant_mortality", "E08000003", "2025", 2025, 6.0),
    ("infant_mortality", "E09000001", "2025", 2025, None),
    ("infant_mortality", "E09000002", "2025", 2025, 2.0),
    ("infant_mortality", "E10000017", "2025", 2025, 4.0),
    ("infant_mortality", "E07000117", "2025", 2025, 99.0),
    ("infant_mortality", "E12000002", "2024", 2024, 5.5),
    ("infant_mortality", "E12000002", "2025", 2025, 5.0),
    ("infant_mortality", "E92000001", "2025", 2025, 3.6),
    ("infant_mortality", "E92000001", "2024", 2024, 3.9),
    ("smoking_delivery", "E06000009", "2025/26", 202504, 17.8),
    ("smoking_delivery", "E08000003", "2025/26", 202504, 9.0),
    ("smoking_delivery", "E92000001", "2025/26", 202504, 7.5),
]


def _value_row(indicator_id, code, period, sortable, value) -> dict:
    return {
        "indicator_id": indicator_id, "area_code": code, "period_label": period,
        "period_kind": "calendar", "period_start": "2025-01-01", "period_end": "2025-12-31",
        "year_range": 1, "period_sortable": sortable, "category_type": "", "category": "",
        "count": None if value is None else 10.0, "denominator": 1000.0, "value": value,
        "value_note": "Suppressed: small count (1 to 4)" if value is None else None,
        "compared_england": "Worse", "compared_region": "Similar",
        "recent_trend": "No significant change", "computed_at": datetime.now(UTC), "load_id": 1,
    }


@pytest.fixture
def filled(store):
    with store.begin() as connection:
        write_catalogue(connection)
        connection.execute(area.insert(), [
            {"code": c, "name": n, "area_type": t, "parent_code": p} for c, n, t, p in AREAS])
        rows = [_value_row(*v) for v in VALUES]
        # A breakdown row must never be taken as the whole population.
        rows.append({**_value_row("infant_mortality", "E06000009", "2026", 2026, 1.0),
                     "category_type": "IMD quintile", "category": "1 - most deprived"})
        connection.execute(indicator_value.insert(), rows)
    return store


def test_area_chain_walks_up_to_the_region(filled):
    burnley = area_chain(filled, "E07000117")
    assert (burnley.region_code, burnley.region_name, burnley.peer_type) == (
        "E12000002", "North West Region", "district")
    england = area_chain(filled, "E92000001")
    assert england.region_code is None and england.peer_type == "region"
    with pytest.raises(KeyError, match="E99999999"):
        area_chain(filled, "E99999999")


def test_latest_period_with_the_same_periods_benchmarks(filled):
    frame = overview_values(filled, area_chain(filled, "E06000009"))
    assert frame["indicator_id"].tolist() == ["infant_mortality", "smoking_delivery"]  # catalogue
    infant = frame.iloc[0]
    assert (infant["period_label"], infant["value"]) == ("2025", 8.5)
    assert (infant["region_value"], infant["england_value"]) == (5.0, 3.6)
    assert infant["indicator_name"] == "Infant mortality rate"
    assert infant["compared_england"] == "Worse"
    smoking = frame.iloc[1]
    assert math.isnan(smoking["region_value"]) and smoking["england_value"] == 7.5
    assert (smoking["target_value"], smoking["target_label"]) == (6.0, "National ambition: 6% or less")
    assert smoking["dq_name"] == "% smoking status not known"
    assert smoking["fingertips_id"] == 93085 and str(frame["fingertips_id"].dtype) == "Int64"


def test_peer_spread_is_over_areas_of_the_same_type_with_values(filled):
    infant = overview_values(filled, area_chain(filled, "E06000009")).iloc[0]
    peers = np.array([8.5, 6.0, 2.0, 4.0])  # the county/UA values of 2025 that exist
    assert infant["peer_count"] == 4
    assert infant["peer_min"] == peers.min() and infant["peer_max"] == peers.max()
    assert infant["peer_q25"] == pytest.approx(np.percentile(peers, 25))
    assert infant["peer_q75"] == pytest.approx(np.percentile(peers, 75))


def test_a_missing_value_stays_missing_with_its_note(filled):
    city = overview_values(filled, area_chain(filled, "E09000001")).iloc[0]
    assert math.isnan(city["value"]) and city["value_note"].startswith("Suppressed")
    assert city["england_value"] == 3.6 and math.isnan(city["region_value"])  # no London row
