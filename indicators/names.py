"""Names every part shares: the store's column names, England's code, the value columns.

One module, so that a column is renamed in one place and a page never looks a row up by a
display label. ``data/`` keys its results by these names; only ``layouts/`` turns them into
words. Period labels are made by ``indicators.periods`` (``financial_year_label``,
``pooled_label``, ``parse_period``), never formatted by hand.
"""

from __future__ import annotations

ENGLAND = "E92000001"

# identifying columns of a value
INDICATOR_ID = "indicator_id"
AREA_CODE = "area_code"
AREA_NAME = "area_name"
AREA_TYPE = "area_type"
PARENT_CODE = "parent_code"
PERIOD = "period"
PERIOD_LABEL = "period_label"
PERIOD_SORTABLE = "period_sortable"
CATEGORY_TYPE = "category_type"
CATEGORY = "category"

# the value, its counts and its 95% and 99.8% confidence limits
COUNT = "count"
DENOMINATOR = "denominator"
VALUE = "value"
LOWER95 = "lower95"
UPPER95 = "upper95"
LOWER998 = "lower998"
UPPER998 = "upper998"
VALUE_NOTE = "value_note"
CI_COLUMNS = (VALUE, LOWER95, UPPER95, LOWER998, UPPER998)
LIMIT_COLUMNS = (LOWER95, UPPER95, LOWER998, UPPER998)

# comparisons and trend as stored
COMPARED_ENGLAND = "compared_england"
COMPARED_REGION = "compared_region"
RECENT_TREND = "recent_trend"

# the measures of the gap between the least and the most deprived quintiles, as
# data.queries.inequalities keys its rows (layouts.pages.inequalities holds their words)
MEASURE_RATIO = "ratio"
MEASURE_DIFFERENCE = "difference"
MEASURE_SII = "sii"
MEASURE_RII = "rii"
MEASURE_EXCESS = "excess_deaths"
MEASURE_PAF = "attributable_fraction"

# the map's quintiles in words, lowest values first (data.queries.map names each area's)
QUINTILE_WORDS = ["Quintile 1 (lowest)", "Quintile 2", "Quintile 3", "Quintile 4",
                  "Quintile 5 (highest)"]

# how data.queries.neighbours forms the neighbours average, for the pages that show one
NEIGHBOURS_AVERAGE_METHOD = (
    "The neighbours average pools the neighbours' counts and denominators (the area itself "
    "left out) and works the value and its confidence interval out with the indicator's own "
    "method, as Fingertips forms its neighbours average; it is left blank unless every "
    "neighbour has a count and a denominator for the period.")
