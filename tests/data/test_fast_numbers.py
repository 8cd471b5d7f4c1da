"""The vectorised pass over a number column agrees with the cell-by-cell test: whatever
it settles passes the kind's own test and converts to the same number; everything else
(blanks, markers, thousands separators, bad cells) is left to the cell-by-cell test."""

from __future__ import annotations

import numpy as np
import pytest

from data.readers.cells import KINDS, fast_numbers

TEXTS = np.array(["1.5", "", "*", "c", "1,502", "1,502.5", "-2", "+3", "1e5", "2.5E-3", "nan",
                  "NaN", "inf", "-Infinity", ".5", "5.", "abc", "1_0", "0x1A", "12 ", " 12",
                  "0", "-0", "007", "1e400", "١٢"], dtype=object)


@pytest.mark.parametrize("kind_name", ["number", "nonnegative"])
def test_settled_cells_are_what_the_cell_test_accepts(kind_name):
    kind = KINDS[kind_name]
    settled, values = fast_numbers(kind_name, TEXTS)
    for text, done, value in zip(TEXTS, settled, values, strict=True):
        if done:
            assert kind.test(text), text
            assert kind.convert(text) == value, text
    # the plain ones are settled; the others wait for the cell-by-cell test
    assert settled.tolist()[:10] == [True, False, False, False, False, False,
                                     kind_name == "number", True, True, True]
    assert not settled[TEXTS.tolist().index("1_0")] and not settled[TEXTS.tolist().index("nan")]


def test_kinds_without_the_pass_are_left_alone():
    assert fast_numbers("count", TEXTS) is None
    assert fast_numbers("text", TEXTS) is None
