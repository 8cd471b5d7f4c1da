"""The test-order table: the heaviest files first, each file's tests together and in order,
and the table read back from a JUnit XML report as written."""

from __future__ import annotations

from types import SimpleNamespace

from tests.support import file_weights


def _items(*nodeids: str) -> list:
    return [SimpleNamespace(nodeid=nodeid) for nodeid in nodeids]


def test_heaviest_file_first_and_each_file_kept_whole_in_order():
    items = _items("tests/a.py::one", "tests/a.py::two", "tests/b.py::one", "tests/c.py::one",
                   "tests/c.py::two[x]", "tests/c.py::two[y]")
    file_weights.longest_first(items, {"tests/c.py": 90.0, "tests/a.py": 1.0})
    assert [item.nodeid for item in items] == [
        "tests/c.py::one", "tests/c.py::two[x]", "tests/c.py::two[y]",
        "tests/b.py::one",  # not measured: a typical file, between the two
        "tests/a.py::one", "tests/a.py::two"]


def test_the_table_is_each_files_total_from_a_junit_report(tmp_path):
    report = tmp_path / "run.xml"
    report.write_text(
        '<testsuites><testsuite>'
        '<testcase classname="tests.data.test_x" name="a" time="2.5"/>'
        '<testcase classname="tests.data.test_x.TestGroup" name="b" time="1.0"/>'
        '<testcase classname="tests.browser.test_y" name="c" time="40"/>'
        '<testcase classname="" name="tests.data.test_broken" time="0.000"/>'
        '</testsuite></testsuites>', encoding="utf-8")
    table = tmp_path / "weights.csv"
    file_weights.write(file_weights.measured(report), table)
    assert table.read_text(encoding="utf-8").splitlines() == [
        "file,seconds", "tests/browser/test_y.py,40.0", "tests/data/test_x.py,3.5"]
    assert file_weights.load(table) == {"tests/browser/test_y.py": 40.0, "tests/data/test_x.py": 3.5}
    assert file_weights.load(tmp_path / "missing.csv") == {}
