"""The action plan extract: spellings accepted, every problem located, all or nothing,
revisions reported, a revised plan replacing its rows, and plan-status on the command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook

from data.queries.plan import STATUS_CSV_COLUMNS
from data.readers import read_extract
from data.refresh import refresh
from tests.support.command_line import sqlite_command

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
HEADER = (EXAMPLES / "action_plan.csv").read_text(encoding="utf-8").splitlines()[0]
AREAS = "area_code,area_name,area_type,parent_code\nE92000001,England,england,\n" \
        "E12000002,North West,region,E92000001\nE08000003,Manchester,county_ua,E12000002\n"


def _write(tmp_path: Path, text: str, name: str = "plan.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _row(**cells: str) -> str:
    base = dict(plan="Plan A", priority="1", priority_title="Smoking", objective="1.1",
                action="CO monitoring at booking", outcome="", lead="Tobacco Lead",
                partners="", reporting="", indicator="93085", area_code="E08000003",
                target_value="6", target_period="2021/22", target_direction="at most",
                baseline_period="2016/17", deep_dive_date="", due_date="2025-03-31",
                status="on track", progress_note="")
    base.update(cells)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(base[c] for c in HEADER.split(","))
    return buffer.getvalue()


def test_canonical_rows_are_typed_and_indicators_named_by_our_id(tmp_path):
    extract = read_extract(_write(tmp_path, HEADER + "\n" + _row() + _row(
        indicator="low_birth_weight_term", target_value="", target_period="",
        target_direction="", baseline_period="", status="Amber")))
    assert extract.source == "action_plan" and extract.problems == []
    table = extract.tables["action_plan"]
    assert table["indicator"].tolist() == ["smoking_delivery", "low_birth_weight_term"]
    assert table["status"].tolist() == ["on track", "at risk"]
    assert table.loc[0, "target_value"] == 6.0 and table.loc[0, "target_period"] == "2021/22"
    assert table["action_ref"].nunique() == 1  # one action, two linked indicators


def test_llr_style_grid_headings_are_accepted():
    extract = read_extract(EXAMPLES / "action_plan_grid.csv")
    assert extract.source == "action_plan" and extract.problems == []
    table = extract.tables["action_plan"]
    assert table["lead"].iloc[0] == "Public Health Consultant"
    assert table["due_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-03-31", "2026-03-31", "2025-09-30"]
    assert table["status"].tolist() == ["on track", "at risk", "off track"]


def test_every_problem_is_located(tmp_path):
    text = HEADER + "\n" + "".join([
        _row(indicator="99999999"),
        _row(action="Second", status="sort of"),
        _row(action="Third", target_direction="below-ish"),
        _row(action="Fourth", target_period=""),
        _row(action="Fifth", due_date="soon", priority="one"),
        _row(action="Sixth", target_value="", target_period="2021/22"),
        _row(action="Second"),  # the second row's key again
        _row(action="No indicator", indicator="", target_value="", target_period=""),
        _row(action="No indicator", indicator="", target_value="", target_period=""),
    ])
    extract = read_extract(_write(tmp_path, text))
    found = [(p.row, p.column, p.value) for p in extract.problems]
    assert (2, "indicator", "99999999") in found
    assert (3, "status", "sort of") in found
    assert (4, "target_direction", "below-ish") in found
    assert (5, "target_period", "target_value=6, target_period=None") in found
    assert (6, "due_date", "soon") in found and (6, "priority", "one") in found
    assert any(r == 7 and c == "target_value" for r, c, _v in found)
    assert any(r == 8 and "plan" in c for r, c, _v in found)  # the duplicate of row 3
    assert "Fingertips ID" in next(p.expected for p in extract.problems if p.row == 2)
    # two rows of one action with no indicator are one row twice
    assert [p.row for p in extract.problems if p.row in (9, 10)] == [9, 10]
    assert "also on row 10" in next(p.expected for p in extract.problems if p.row == 9)


def test_xlsx_with_a_title_row(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Infant mortality action plan v3"])
    sheet.append(HEADER.split(","))
    sheet.append(next(csv.reader(io.StringIO(_row()))))
    book.save(tmp_path / "plan.xlsx")
    extract = read_extract(tmp_path / "plan.xlsx")
    assert extract.source == "action_plan" and extract.problems == []
    assert extract.tables["action_plan"].loc[0, "source_row"] == 3


def test_load_is_all_or_nothing_and_revisions_are_reported(store, tmp_path):
    areas = _write(tmp_path, AREAS, "areas.csv")
    assert refresh(store, [areas]).ok
    first = _write(tmp_path, HEADER + "\n" + _row() + _row(action="Second action"))
    report = refresh(store, [first])
    assert report.result == "loaded", report.lines()
    assert "action_plan: 2 new, 0 revised, 0 unchanged rows" in "\n".join(report.lines())

    bad = _write(tmp_path, HEADER + "\n" + _row(status="nearly") + _row(action="Third"),
                 "bad.csv")
    refused = refresh(store, [bad])
    assert refused.result == "refused" and refused.problems[0].row == 2

    revised = _write(tmp_path, HEADER + "\n" + _row(status="off track",
                                                    progress_note="Behind plan"), "v2.csv")
    report = refresh(store, [revised])
    lines = "\n".join(report.lines())
    assert "action_plan: 0 new, 1 revised, 0 unchanged rows, 1 removed" in lines
    assert "status 'on track' -> 'off track'" in lines

    from data.queries.plan import plan_rows
    rows = plan_rows(store)
    assert rows["action"].tolist() == ["CO monitoring at booking"]
    assert rows["status"].tolist() == ["off track"]


def test_plan_status_command(tmp_path):
    run = sqlite_command(tmp_path)

    areas = _write(tmp_path, AREAS, "areas.csv")
    plan = _write(tmp_path, HEADER + "\n" + _row() + _row(
        plan="Plan B", action="=HYPERLINK(\"x\")", indicator="", target_value="",
        target_period="", target_direction="", baseline_period="", due_date="2025-01-31"))
    assert run("load", str(areas), str(plan)).returncode == 0
    result = run("plan-status", "--as-of", "2025-02-01")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == STATUS_CSV_COLUMNS
    a, b = rows
    assert (a["plan"], a["indicator"], a["trajectory_status"], a["overdue"]) == (
        "Plan A", "smoking_delivery", "no data", "no")  # no values loaded yet
    assert b["action"] == "'=HYPERLINK(\"x\")" and b["overdue"] == "yes"
    only_b = run("plan-status", "--plan", "Plan B", "--as-of", "2025-02-01")
    assert len(list(csv.DictReader(io.StringIO(only_b.stdout)))) == 1
    unknown = run("plan-status", "--plan", "Plan C")
    assert unknown.returncode == 2 and "Plan A" in unknown.stderr
