"""Period labels as Fingertips writes them (indicators.periods)."""

import csv
from datetime import date
from pathlib import Path

import pytest

from indicators.periods import Period, parse_period, pooled_label

RAW = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "raw"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2023", Period("2023", "calendar", date(2023, 1, 1), date(2023, 12, 31), 1, 20230000)),
        ("2023/24", Period("2023/24", "financial", date(2023, 4, 1), date(2024, 3, 31), 1,
                           20230000)),
        ("2023/24 Q1", Period("2023/24 Q1", "quarter", date(2023, 4, 1), date(2023, 6, 30), 1,
                              20230100)),
        ("2023/24 Q3", Period("2023/24 Q3", "quarter", date(2023, 10, 1), date(2023, 12, 31), 1,
                              20230300)),
        ("2023/24 Q4", Period("2023/24 Q4", "quarter", date(2024, 1, 1), date(2024, 3, 31), 1,
                              20230400)),
        ("2020 - 22", Period("2020 - 22", "pooled", date(2020, 1, 1), date(2022, 12, 31), 3,
                             20200000)),
        ("2021/22 - 23/24", Period("2021/22 - 23/24", "pooled", date(2021, 4, 1),
                                   date(2024, 3, 31), 3, 20210000)),
        ("1999 - 01", Period("1999 - 01", "pooled", date(1999, 1, 1), date(2001, 12, 31), 3,
                             19990000)),
    ],
)
def test_fingertips_labels(label, expected):
    assert parse_period(label) == expected


@pytest.mark.parametrize(
    ("spelling", "label"),
    [(2023, "2023"), (2023.0, "2023"), (" 2023 ", "2023"), ("2023-24", "2023/24"),
     ("2023/2024", "2023/24"), ("2023/24q2", "2023/24 Q2"), ("2020-22", "2020 - 22"),
     ("2020 \u2013 22", "2020 - 22"), ("2099/00", "2099/00")],
)
def test_common_spellings_give_the_fingertips_label(spelling, label):
    assert parse_period(spelling).label == label


@pytest.mark.parametrize(
    ("bad", "message"),
    [("", "blank"), (None, "not a period"), ("abc", "not a period"),
     ("2023/25", "second year must follow"), ("2023 Q1", "not a period"),
     ("2023/24 Q5", "not a period"), ("1800", "out of range"),
     ("2024 - 22", "last year must come after"), (2023.5, "not a period")],
)
def test_bad_labels_raise_plain_value_errors(bad, message):
    with pytest.raises(ValueError, match=message):
        parse_period(bad)


def test_quarters_sort_in_time_order():
    labels = ["2023/24 Q4", "2022/23 Q4", "2023/24 Q1", "2023/24 Q2", "2024/25 Q1"]
    ordered = sorted(labels, key=lambda label: parse_period(label).sortable)
    assert ordered == ["2022/23 Q4", "2023/24 Q1", "2023/24 Q2", "2023/24 Q4", "2024/25 Q1"]
    starts = [parse_period(label).start for label in ordered]
    assert starts == sorted(starts)


def test_pooled_labels():
    assert pooled_label(2020, 2022) == "2020 - 22"
    assert pooled_label(2021, 2023, "financial") == "2021/22 - 23/24"
    assert pooled_label(1998, 2000, "financial") == "1998/99 - 00/01"
    for first, last, kind in [(2020, 2022, "calendar"), (2021, 2023, "financial")]:
        period = parse_period(pooled_label(first, last, kind))
        assert (period.first_year, period.year_range, period.is_financial) == (
            first, 3, kind == "financial")
    with pytest.raises(ValueError):
        pooled_label(2022, 2020)
    with pytest.raises(ValueError):
        pooled_label(2020, 2022, "quarter")


def test_sortable_matches_a_real_fingertips_export():
    path = RAW / "fingertips-export-sample" / "indicators-CountyUA.data.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    pairs = {(row["Time period"], int(row["Time period Sortable"])) for row in rows}
    assert pairs == {("2015", 20150000), ("2016", 20160000), ("2017", 20170000)}
    for label, sortable in pairs:
        assert parse_period(label).sortable == sortable
