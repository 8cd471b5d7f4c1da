"""Markdown tables: cell text is escaped so that it shows as text, never as markup."""

from __future__ import annotations

from layouts.text_table import escaped, markdown_table


def test_markup_in_cells_is_escaped():
    assert escaped("Herefordshire, County of") == "Herefordshire, County of"
    assert escaped("*bold* _it_ [link](http://x.com) a|b #h\nnext") == (
        r"\*bold\* \_it\_ \[link\]\(http://x\.com\) a\|b \#h next")


def test_table_rows_and_bold_row():
    table = markdown_table(["Area", "Value"], [["Bury", "1.0"], ["Wigan", ""]], strong_rows={0})
    lines = table.children.splitlines()
    assert lines == ["| Area | Value |", "|---|---|", "| **Bury** | **1\\.0** |", "| Wigan |   |"]
