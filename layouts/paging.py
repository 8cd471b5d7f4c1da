"""A long table shown a page of rows at a time: which rows a page holds, and the words and
controls that say so ("Rows 21–40 of 3,159", Previous page / Next page)."""

from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

PAGE_ROWS = 20


@dataclass(frozen=True)
class Page:
    """Page `number` (from 1) of `pages`: rows `start` to `stop` (Python slice bounds) of
    `total`. An empty table has one page with no rows."""

    number: int
    pages: int
    start: int
    stop: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def page_of(total: int, asked: int | None, size: int = PAGE_ROWS) -> Page:
    """The page `asked` for of a table of `total` rows, `size` a page; a page before the
    first is the first, one after the last (the table shrank at a load) is the last."""
    pages = max(1, -(-total // size))
    number = min(max(1, int(asked or 1)), pages)
    start = (number - 1) * size
    return Page(number, pages, start, min(start + size, total), total)


def turned(page: int | None, step: int) -> int:
    """The page asked for after pressing Previous (-1) or Next (+1) on `page` (or, with step
    0, `page` itself); page_of keeps it within the table."""
    return max(1, int(page or 1) + step)


def rows_words(page: Page) -> str:
    """ "Rows 21–40 of 3,159 (page 2 of 158)"; "No rows" for an empty table."""
    if page.total == 0:
        return "No rows"
    return (f"Rows {page.start + 1:,}–{page.stop:,} of {page.total:,} "
            f"(page {page.number:,} of {page.pages:,})")


def pager(rows_id: str, status_id: str, previous_id: str, next_id: str, page_id: str,
          label: str) -> html.Nav:
    """Previous / Next page buttons around the rows shown, for keyboard and mouse alike.

    An end's button is marked aria-disabled rather than disabled, so the focus stays on it
    after the press that reached the end; pressing it then keeps the page as it is. The row
    words are a status region, read out when the page changes."""
    def button(component_id: str, words: str) -> html.Button:
        return html.Button(words, id=component_id, type="button", n_clicks=0,
                           className="btn btn-sm btn-outline-secondary pager-button",
                           **{"aria-controls": rows_id, "aria-disabled": "true"})

    return html.Nav([
        button(previous_id, "Previous page"),
        html.P(id=status_id, role="status", className="pager-status mb-0"),
        button(next_id, "Next page"),
        dcc.Store(id=page_id, data=1),
    ], className="pager", **{"aria-label": label})
