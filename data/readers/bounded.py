"""Problem lists of bounded size: the first few problems of each kind in file order, and a
count of the rest, so that a file wrong on every row gets a report that can be read (and
stored in the load log) rather than one line per cell."""

from __future__ import annotations

import re
from collections import Counter

from .extract import Problem

EXAMPLES = 20  # problems shown of each kind
_DETAIL = re.compile(r" \([^()]*\)$")  # a trailing "(the same key is also on row 4)"


def _kind(problem: Problem) -> tuple[str, str | None, str]:
    return problem.file, problem.column, _DETAIL.sub("", problem.expected)


def _order(problem: Problem) -> tuple[int, str]:
    return problem.row or 0, problem.column or ""


class BoundedProblems:
    """Collects problems, keeping the first ``limit`` of each kind (file, column, what was
    expected) and counting the others."""

    def __init__(self, limit: int = EXAMPLES) -> None:
        self.limit = limit
        self._kept: dict[tuple, list[Problem]] = {}
        self._more: Counter[tuple] = Counter()

    def add(self, problems: list[Problem]) -> None:
        for problem in sorted(problems, key=_order):
            kind = _kind(problem)
            kept = self._kept.setdefault(kind, [])
            if len(kept) < self.limit:
                kept.append(problem)
            else:
                self._more[kind] += 1

    def problems(self) -> list[Problem]:
        """The kept problems in file order, then one line per kind saying how many more."""
        shown = sorted((p for kept in self._kept.values() for p in kept), key=_order)
        for kind, count in self._more.items():
            file, column, expected = kind
            shown.append(Problem(file, None, column,
                                 f"{count:,} more row(s) with this problem after the first "
                                 f"{self.limit} above", expected))
        return shown


def bounded(problems: list[Problem], limit: int = EXAMPLES) -> list[Problem]:
    collector = BoundedProblems(limit)
    collector.add(problems)
    return collector.problems()
