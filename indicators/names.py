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
