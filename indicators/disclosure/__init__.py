"""Disclosure control of child death review (CDOP) numbers, for the engine and the page alike.

Child death review data describe individual children. Everything the app shows or
downloads about them (the indicator engine's rows and the child deaths page's tables)
passes through this package.

The protection rule (the one statement of it): a hidden count of 1 to k
(Settings.small_count_max, default 4) is protected when a reader who combines every
published number, and every identity between the numbers (a table's cells add up to its
total; two tables count the same reviews; an aggregate is the sum of its parts), can
still give it at least two whole numbers; a reader may take a hidden count to be at
least 1 where zeros are always published. Partners (counts hidden to protect small ones)
and hidden zeros need no protection of their own, the usual convention of cell
suppression. Zero is published: "no deaths" reveals nothing about a child. Every hidden
number carries the same note (`NOTE`), as ONS marks every confidential cell alike.

Modules, one job each:

* `records`: the one reader of CDOP records (Y/N words, the infant rule, SUDI = category 10);
* `tables`: the per-table rule (counts 1..k, then partners), vectorised;
* `indicator_rows`: that rule applied to the engine's rows, every area and year at once;
* `page_tables`: the page's one-way tables of an area's reviews;
* `across`: the cross-table rules (aggregates, SUDI by calendar year, the page's shared
  total and notified counts);
* `verify`, `verify_outputs`: verification by linear programming, for tests and audits
  only (never on a production path).

Practice: NCMD's own published threshold could not be found in the stored sources; the
default k follows the project design. ONS does not suppress registered child deaths but
does not calculate rates below 3 deaths; that is a rate-reliability rule, not disclosure
control.
"""

from indicators.disclosure.across import (
    PublishedTable,
    protect_child_death_values,
    review_counts_shown,
    suppress_tables,
)
from indicators.disclosure.indicator_rows import suppress_child_deaths
from indicators.disclosure.page_tables import child_death_tables, review_periods
from indicators.disclosure.records import infant_records, parse_records
from indicators.disclosure.tables import NOTE, TOTAL

__all__ = [
    "NOTE",
    "TOTAL",
    "PublishedTable",
    "child_death_tables",
    "infant_records",
    "parse_records",
    "protect_child_death_values",
    "review_counts_shown",
    "review_periods",
    "suppress_child_deaths",
    "suppress_tables",
]
