"""Nothing record-level about child deaths on the web: revisions of child death reviews as
counts, refused child death review files located without their cell values; the command
line keeps the details (its user holds the file)."""

from __future__ import annotations

import pandas as pd
import pytest

from data.queries.data_page import history_for_csv, load_history
from data.readers import Problem
from data.record_privacy import VALUE_WITHHELD, withheld_line
from data.refresh import refresh
from data.store import make_engine

SECRET = "Zebra-9917"  # a value only a refused cell holds


@pytest.fixture(scope="module")
def revised_store(tmp_path_factory, sample_stores):
    """The sample store, then a child death review file with 3 reviews revised, then a
    refused child death review file whose bad cell holds SECRET."""
    folder = tmp_path_factory.mktemp("record-privacy")
    base = sample_stores.copy(folder, ("areas", "births_deaths", "cdop"), name="s.sqlite")
    files, engine = base.files, make_engine(base.settings)
    reviews = pd.read_csv(files["cdop"], dtype=str, keep_default_na=False)
    changed = reviews.copy()
    changed.loc[:2, "sex"] = changed.loc[:2, "sex"].map({"Male": "Female", "Female": "Male"})
    changed.to_csv(folder / "cdop_revised.csv", index=False)
    report = refresh(engine, [folder / "cdop_revised.csv"], user="analyst")
    assert report.result == "loaded" and report.changes[0].revised == 3, report.lines()
    bad = reviews.head(5).copy()
    bad.loc[1, "sex"] = SECRET
    bad.to_csv(folder / "cdop_bad.csv", index=False)
    refused = refresh(engine, [folder / "cdop_bad.csv"], user="analyst")
    assert not refused.ok
    yield engine, report, refused, list(changed.loc[:2, "case_id"])
    engine.dispose()


def _all_text(frame: pd.DataFrame) -> str:
    return frame.astype(str).to_string()


def test_the_command_line_report_keeps_the_details(revised_store):
    _engine, report, refused, case_ids = revised_store
    lines = "\n".join(report.lines())
    assert all(case in lines for case in case_ids)
    assert SECRET in "\n".join(refused.lines())


def test_the_public_history_counts_revised_reviews(revised_store):
    engine, _report, _refused, case_ids = revised_store
    history = load_history(engine)
    loaded = history[history["result"] == "loaded"].iloc[0]
    assert "3 reviews revised" in loaded["what_changed"]
    text = _all_text(history) + history_for_csv(history).to_csv()
    assert not any(case in text for case in case_ids)
    assert "'Female'" not in text and "'Male'" not in text


def test_signed_in_record_viewers_see_the_examples(revised_store):
    engine, _report, _refused, case_ids = revised_store
    loaded = load_history(engine, show_records=True).query("result == 'loaded'").iloc[0]
    assert any(case_ids[0] in line for line in loaded["what_changed"])


def test_refused_review_files_are_located_without_values(revised_store):
    engine, _report, refused, _case_ids = revised_store
    for show in (False, True):
        history = load_history(engine, show_records=show)
        problems = history[history["result"] == "refused"].iloc[0]["problems"]
        assert problems and all(SECRET not in p for p in problems)
        assert any(p.startswith("cdop_bad.csv, row 3, column sex: " + VALUE_WITHHELD)
                   and "expected" in p for p in problems), problems


def test_a_hostile_value_cannot_leak_around_the_cut():
    line = str(Problem("c.csv", 4, "sex", "x \u2014 expected leak", "one of Male, Female"))
    assert withheld_line(line, {"c.csv"}) == (
        f"c.csv, row 4, column sex: {VALUE_WITHHELD} \u2014 expected one of Male, Female")
    assert withheld_line(line, {"other.csv"}) == line
