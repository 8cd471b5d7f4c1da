"""What of a load's report may be shown on the web: nothing record-level about child deaths.

A child death review extract (`cdop`) holds one row per reviewed death; a revision example
("revised NW2019-0005: category 8 to 10, sex 'Female' to 'Male'") or a refused cell's value
describes one child. On the web such loads are reported as counts ("3 reviews revised"),
and problems in their files are located (file, row, column, what was expected) without the
cell's value. The command line, run by someone who holds the file, prints everything; on
the web the revision examples are shown only to signed-in users allowed to see records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from data.readers import Problem

RECORD_LEVEL_SOURCES = frozenset({"cdop"})
RECORD_NOUNS = {"cdop": ("review", "reviews")}
VALUE_WITHHELD = "(value not shown: child death review records stay in the file)"
_EXPECTED = " \u2014 expected "  # how Problem.__str__ joins the value and what was expected


def is_record_level(source: str | None) -> bool:
    return source in RECORD_LEVEL_SOURCES


def revised_words(source: str, revised: int) -> str:
    """'3 reviews revised' (the count that stands in for the examples)."""
    one, many = RECORD_NOUNS.get(source, ("record", "records"))
    return f"{revised:,} {one if revised == 1 else many} revised"


def record_level_files(files: Iterable[Mapping]) -> set[str]:
    """Names of the files (load log `files` entries: name, source) that hold records."""
    return {str(f.get("name")) for f in files if is_record_level(f.get("source"))}


def withheld_problem(problem: Problem, record_files: set[str]) -> Problem:
    """`problem` with its cell value withheld when it is about a record-level file."""
    if problem.file not in record_files:
        return problem
    return Problem(problem.file, problem.row, problem.column, VALUE_WITHHELD, problem.expected)


def withheld_line(line: str, record_files: set[str]) -> str:
    """A stored problem line (`str(Problem)`: "file, row 5, column sex: 'x' -- expected ...")
    with the value withheld when it is about a record-level file.

    The value sits between the location and the last " -- expected " (what we expect never
    contains that mark, a hostile value may), so splitting there cannot leak part of it."""
    for name in record_files:
        if not line.startswith((f"{name}, ", f"{name}: ")):
            continue
        where_end = line.find(": ", len(name))
        cut = line.rfind(_EXPECTED)
        if where_end < 0 or cut < where_end:
            return f"{name}: {VALUE_WITHHELD}"
        return f"{line[:where_end]}: {VALUE_WITHHELD}{line[cut:]}"
    return line
