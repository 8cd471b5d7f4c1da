"""How long each test file takes, so the longest start first under `--dist loadfile`.

pytest-xdist hands a whole file to one worker; in collection order, a four-minute file
collected last leaves the other core idle for four minutes. tests/file_weights.csv holds
each file's measured seconds (its tests' total, from a whole run's JUnit XML); a file not
in it counts as a typical one. `python -m tests.support.file_weights RUN.xml` rewrites the
table from a new run.
"""

from __future__ import annotations

import csv
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "file_weights.csv"
TYPICAL_SECONDS = 4.0  # about the median file of the measured run


def load(table: Path = TABLE) -> dict[str, float]:
    """Seconds by file path relative to the repository root ("tests/x/test_y.py")."""
    if not table.is_file():
        return {}
    with table.open(newline="", encoding="utf-8") as handle:
        return {row["file"]: float(row["seconds"]) for row in csv.DictReader(handle)}


def longest_first(items: list, weights: dict[str, float]) -> None:
    """Sort pytest items, in place, heaviest file first. The sort is stable and its key is
    the file's, so each file's tests stay together and in their own order."""
    items.sort(key=lambda item: -weights.get(item.nodeid.split("::", 1)[0], TYPICAL_SECONDS))


def measured(junit_xml: Path) -> Counter:
    """Each file's total seconds in a pytest JUnit XML report."""
    seconds: Counter = Counter()
    for case in ElementTree.parse(junit_xml).getroot().iter("testcase"):
        parts = (case.get("classname") or "").split(".")
        modules = [i for i, part in enumerate(parts) if part.startswith("test_")]
        if modules:
            seconds["/".join(parts[:modules[-1] + 1]) + ".py"] += float(case.get("time") or 0)
    return seconds


def write(seconds: Counter, table: Path = TABLE) -> None:
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "seconds"])
        for name, total in sorted(seconds.items(), key=lambda kv: (-kv[1], kv[0])):
            writer.writerow([name, f"{total:.1f}"])


if __name__ == "__main__":
    totals: Counter = Counter()
    for report in sys.argv[1:]:
        totals.update(measured(Path(report)))
    write(totals)
