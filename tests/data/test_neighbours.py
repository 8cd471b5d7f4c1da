"""Statistical neighbours: the shipped DfE groups against the DfE workbook read here cell by
cell, the `neighbours` command, a team's own group loaded as an extract, the neighbours
average and the rank among neighbours."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from data import dfe_neighbours
from data.queries import indicator_values
from data.queries import neighbours as nq
from data.refresh import refresh
from tests.support.command_line import sqlite_command

LANCASHIRE = "E10000017"
CTYUA = ("ons-boundaries/Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC_"
         "4952317392296043005.geo.json")
# The DfE names that ONS spells otherwise (checked by eye against the ONS file).
ONS_SPELLING = {"Herefordshire": "Herefordshire, County of", "Durham": "County Durham",
                "Bedford Borough": "Bedford", "Kingston Upon Hull, City of":
                "Kingston upon Hull, City of", "St. Helens": "St. Helens"}


def _dfe_row(raw_dir: Path, la_number: int) -> list[tuple[str, str]]:
    """(neighbour name, closeness) x 10 for a DfE LA number, read with openpyxl."""
    book = openpyxl.load_workbook(raw_dir / "dfe-statistical-neighbours" / "sn_may_2025.xlsx",
                                  read_only=True)
    rows = list(book["LA SN Groups"].iter_rows(values_only=True))
    names = {int(r[0]): r[1] for r in rows[3:] if isinstance(r[0], (int, float))}
    row = next(r for r in rows[3:] if r[0] == la_number)
    return [(names[int(row[5 + 2 * i])], row[6 + 2 * i]) for i in range(10)]


def _cli(tmp_path, *args):
    return sqlite_command(tmp_path, timeout=120)(*args)


def test_lancashire_has_exactly_the_dfe_files_ten(raw_dir, tmp_path):
    expected = [(ONS_SPELLING.get(n, n), c) for n, c in _dfe_row(raw_dir, 888)]
    answer = _cli(tmp_path, "neighbours", LANCASHIRE)
    assert answer.returncode == 0, answer.stderr
    lines = answer.stdout.splitlines()
    assert lines[0] == "rank,area_code,area_name,closeness"
    printed = pd.read_csv(pd.io.common.StringIO(answer.stdout))
    assert printed["rank"].tolist() == list(range(1, 11))
    assert list(zip(printed["area_name"], printed["closeness"], strict=True)) == expected
    unknown = _cli(tmp_path, "neighbours", "E99999999")
    assert unknown.returncode == 2 and "No neighbours for E99999999" in unknown.stderr


def test_shipped_file_is_what_the_script_makes_from_the_dfe_workbook(raw_dir):
    current = dfe_neighbours.current_upper_tier(json.loads((raw_dir / CTYUA).read_text()))
    built = dfe_neighbours.build(raw_dir / "dfe-statistical-neighbours" / "sn_may_2025.xlsx",
                                 current)
    shipped = pd.read_csv(dfe_neighbours.SHIPPED, keep_default_na=False)
    pd.testing.assert_frame_equal(built.frame, shipped, check_dtype=False)
    # Every current authority has its ten; the reorganised and renamed ones are in.
    counts = shipped.groupby("area_code").size()
    assert set(counts.index) == set(current["area_code"]) and (counts == 10).all()
    for code in ("E06000047", "E06000055", "E06000060", "E06000065", "E06000066",
                 "E06000063", "E06000064", "E06000061", "E06000062", "E06000058"):
        assert code in counts.index
    gone = " ".join(built.notes)
    for name in ("Cumbria", "Northamptonshire", "Dorset (Pre LG)", "Poole (Pre LG)",
                 "Bournemouth (Pre LG)"):
        assert f"left out: {name}" in gone


@pytest.fixture
def sample_store(store, sample_files, request, store_snapshots):
    def load():
        report = refresh(store, [sample_files[n] for n in ("areas", "births_deaths")], user="t")
        assert report.ok, report.lines()

    store_snapshots.prepared(request, "sample", store, load)  # once per backend, then copies
    return store


def test_a_team_loads_its_own_group(sample_store, tmp_path):
    engine = sample_store
    assert nq.preferred_group(engine) == nq.DEFAULT_GROUP
    own = tmp_path / "cipfa.csv"
    own.write_text("group,area_code,neighbour_code,rank\n"
                   "CIPFA nearest neighbours,E08000003,E08000012,1\n"
                   "CIPFA nearest neighbours,E08000003,E08000006,2\n", encoding="utf-8")
    report = refresh(engine, [own], user="t")
    assert report.ok, report.lines()
    assert nq.groups(engine) == ["CIPFA nearest neighbours", nq.DEFAULT_GROUP]
    mine = nq.neighbours(engine, "E08000003")
    assert mine[["rank", "area_code", "area_name"]].values.tolist() == [
        [1, "E08000012", "Liverpool"], [2, "E08000006", "Salford"]]
    assert len(nq.neighbours(engine, "E08000003", nq.DEFAULT_GROUP)) == 10

    bad = tmp_path / "bad.csv"
    bad.write_text("group,area_code,neighbour_code,rank\nMine,E08000003,E08009999,1\n",
                   encoding="utf-8")
    refused = refresh(engine, [bad], user="t")
    assert not refused.ok
    assert [(p.row, p.column, p.value) for p in refused.problems] == [
        (2, "neighbour_code", "E08009999")]
    assert nq.groups(engine)[0] == "CIPFA nearest neighbours"  # nothing changed


def test_neighbours_average_pools_counts_and_needs_every_neighbour(sample_store, tmp_path):
    engine = sample_store
    own = tmp_path / "group.csv"
    own.write_text("group,area_code,neighbour_code,rank\n"
                   "G,E08000003,E08000012,1\nG,E08000003,E08000006,2\nG,E08000003,E08000009,3\n",
                   encoding="utf-8")
    assert refresh(engine, [own], user="t").ok
    average = nq.neighbours_average(engine, "infant_mortality", "E08000003", "G")
    values = indicator_values(engine, "infant_mortality", ("E08000012", "E08000006", "E08000009"))
    assert len(average) == values["period_label"].nunique() > 5
    for row in average.itertuples(index=False):
        part = values[values["period_label"] == row.period_label]
        assert len(part) == 3 and part["count"].notna().all()
        assert row.value == pytest.approx(part["count"].sum() / part["denominator"].sum() * 1000,
                                          rel=1e-12)
        assert row.lower95 < row.value < row.upper95
    assert (average["neighbours"] == 3).all() and average["value_note"].isna().all()
    # A group with a neighbour that has no count gives no average, with a note.
    hartlepool = tmp_path / "areas.csv"
    hartlepool.write_text("area_code,area_name,area_type,parent_code\n"
                          "E06000001,Hartlepool,county_ua,E12000001\n", encoding="utf-8")
    gap = tmp_path / "gap.csv"
    gap.write_text("group,area_code,neighbour_code,rank\nH,E08000003,E06000001,1\n"
                   "H,E08000003,E08000012,2\n", encoding="utf-8")
    assert refresh(engine, [hartlepool, gap], user="t").ok
    partial = nq.neighbours_average(engine, "infant_mortality", "E08000003", "H")
    assert partial["value"].isna().all() and partial["count"].isna().all()
    assert partial["value_note"].str.startswith("Not calculated: 1 of 2 neighbours").all()


def test_rank_among_neighbours_follows_polarity():
    values = pd.DataFrame({"area_code": ["A", "B", "C", "D"], "value": [3.0, 5.0, float("nan"), 1.0]})
    assert nq.rank_among_neighbours(values, "A") == (2, 3)
    assert nq.rank_among_neighbours(values, "A", "Low is good") == (2, 3)
    assert nq.rank_among_neighbours(values, "D", "Low is good") == (1, 3)
    assert nq.rank_among_neighbours(values, "C") is None


def test_overview_carries_the_neighbours_average(sample_store, tmp_path):
    from data.queries.overview import area_chain, overview_values

    engine = sample_store
    own = tmp_path / "group.csv"
    own.write_text("group,area_code,neighbour_code,rank\n"
                   "G,E08000003,E08000012,1\nG,E08000003,E08000006,2\n", encoding="utf-8")
    assert refresh(engine, [own], user="t").ok
    row = overview_values(engine, area_chain(engine, "E08000003")).set_index(
        "indicator_id").loc["infant_mortality"]
    part = indicator_values(engine, "infant_mortality", ("E08000012", "E08000006"))
    part = part[part["period_label"] == row["period_label"]]
    assert row["neighbours_value"] == pytest.approx(
        part["count"].sum() / part["denominator"].sum() * 1000, rel=1e-12)
    assert pd.isna(row["neighbours_note"])
