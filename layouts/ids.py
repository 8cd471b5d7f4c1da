"""Every component id of the dashboard, in one place."""

# Shell
URL = "url"
PAGE = "page-content"
NAV = "site-nav"

# Trends page
TRENDS_CHART = "trends-chart"
TRENDS_TABLE = "trends-table"
TRENDS_SUMMARY = "trends-summary"
TRENDS_DOWNLOAD_BUTTON = "trends-download-button"
TRENDS_DOWNLOAD = "trends-download"
TRENDS_SVG_BUTTON = "trends-svg-button"
NAV_HOLDER = "nav-holder"
NAV_TOGGLE = "nav-toggle"
SYNTHETIC_NOTICE = "synthetic-notice"

# Controls whose value is kept in the URL query string: {"type": URL_CONTROL, "page", "key"}.
URL_CONTROL = "url-control"


def url_control(page: str, key: str) -> dict[str, str]:
    return {"type": URL_CONTROL, "page": page, "key": key}


TRENDS_AREA = url_control("trends", "area")
TRENDS_INDICATOR = url_control("trends", "indicator")

# Inequalities page
INEQUALITIES_CHART = "inequalities-chart"
INEQUALITIES_SUMMARY = "inequalities-summary"
INEQUALITIES_MEASURES = "inequalities-measures"
INEQUALITIES_TABLE = "inequalities-table"
INEQUALITIES_DOWNLOAD_BUTTON = "inequalities-download-button"
INEQUALITIES_DOWNLOAD = "inequalities-download"
INEQUALITIES_GAP_CHART = "inequalities-gap-chart"
INEQUALITIES_GAP_TABLE = "inequalities-gap-table"
INEQUALITIES_ETHNIC_SUMMARY = "inequalities-ethnic-summary"
INEQUALITIES_ETHNIC_CHART = "inequalities-ethnic-chart"
INEQUALITIES_ETHNIC_TABLE = "inequalities-ethnic-table"
INEQUALITIES_AREA = url_control("inequalities", "area")
INEQUALITIES_PERIOD = url_control("inequalities", "period")

# Child deaths page
CHILD_DEATHS_CHART = "child-deaths-chart"
CHILD_DEATHS_SUMMARY = "child-deaths-summary"
CHILD_DEATHS_TABLES = "child-deaths-tables"
CHILD_DEATHS_DOWNLOAD_BUTTON = "child-deaths-download-button"
CHILD_DEATHS_DOWNLOAD = "child-deaths-download"
CHILD_DEATHS_AREA = url_control("child-deaths", "area")
CHILD_DEATHS_PERIOD = url_control("child-deaths", "period")
CHILD_DEATHS_VIEW = url_control("child-deaths", "view")

# Compare areas page
COMPARE_CHART = "compare-chart"
COMPARE_SUMMARY = "compare-summary"
COMPARE_TABLE = "compare-table"
COMPARE_DOWNLOAD_BUTTON = "compare-download-button"
COMPARE_DOWNLOAD = "compare-download"
COMPARE_INDICATOR = url_control("compare", "indicator")
COMPARE_AREA = url_control("compare", "area")
COMPARE_PERIOD = url_control("compare", "period")
COMPARE_BENCHMARK = url_control("compare", "benchmark")
COMPARE_VIEW = url_control("compare", "view")
COMPARE_AREAS = url_control("compare", "areas")

# Data page
DATA_UPLOAD_PANEL = "data-upload-panel"
DATA_SIGN_IN_FORM = "data-sign-in-form"
DATA_SIGN_IN_USER = "data-sign-in-user"
DATA_SIGN_IN_PASSWORD = "data-sign-in-password"
DATA_SIGN_IN_BUTTON = "data-sign-in-button"
DATA_SIGN_OUT_BUTTON = "data-sign-out-button"
DATA_CSRF = "data-csrf"
DATA_UPLOAD = "data-upload"
DATA_UPLOAD_SOURCE = "data-upload-source"
DATA_UPLOAD_CHOSEN = "data-upload-chosen"
DATA_UPLOAD_BUTTON = "data-upload-button"
DATA_UPLOAD_RESULT = "data-upload-result"
DATA_UPLOAD_REPORT = "data-upload-report"
DATA_UPLOAD_JOB = "data-upload-job"
DATA_UPLOAD_POLL = "data-upload-poll"
DATA_UPLOAD_PROGRESS = "data-upload-progress"
DATA_HISTORY = "data-history"
DATA_HISTORY_DOWNLOAD_BUTTON = "data-history-download-button"
DATA_HISTORY_DOWNLOAD = "data-history-download"
DATA_FLAGS = "data-flags"
DATA_FLAGS_DOWNLOAD_BUTTON = "data-flags-download-button"
DATA_FLAGS_DOWNLOAD = "data-flags-download"

# Definitions page
DEFINITIONS_INDICATOR = url_control("definitions", "indicator")
DEFINITIONS_BODY = "definitions-body"


def definition_anchor(indicator_id: str) -> str:
    """The id of an indicator's heading on the definitions page (a link target)."""
    return f"definition-{indicator_id}"


DEFINITION_MORE = "definition-more"
DEFINITION_MORE_BODY = "definition-more-body"


def definition_more(indicator_id: str) -> dict[str, str]:
    """The summary (name) of an indicator drawn on demand on the definitions page."""
    return {"type": DEFINITION_MORE, "indicator": indicator_id}


def definition_more_body(indicator_id: str) -> dict[str, str]:
    return {"type": DEFINITION_MORE_BODY, "indicator": indicator_id}

# Overview page
OVERVIEW_AREA = url_control("overview", "area")
OVERVIEW_HEADING = "overview-heading"
OVERVIEW_CONTENT = "overview-content"
OVERVIEW_SPINE = "overview-spine"
OVERVIEW_CSV_BUTTON = "overview-csv-button"
OVERVIEW_CSV_DOWNLOAD = "overview-csv-download"
OVERVIEW_PACK_BUTTON = "overview-pack-button"
OVERVIEW_PACK_DOWNLOAD = "overview-pack-download"

# Action plan page
PLAN_NAME = url_control("plan", "plan")
PLAN_PRIORITY = url_control("plan", "priority")
PLAN_LEAD = url_control("plan", "lead")
PLAN_STATUS = url_control("plan", "status")
PLAN_CONTENT = "plan-content"
PLAN_DOWNLOAD_BUTTON = "plan-download-button"
PLAN_DOWNLOAD = "plan-download"

# Balanced scorecard page
SCORECARD_PLAN = url_control("scorecard", "plan")
SCORECARD_CONTENT = "scorecard-content"
# Map page
MAP_CHART = "map-chart"
MAP_SUMMARY = "map-summary"
MAP_KEY = "map-key"
MAP_TABLE = "map-table"
MAP_DOWNLOAD_BUTTON = "map-download-button"
MAP_DOWNLOAD = "map-download"
MAP_INDICATOR = url_control("map", "indicator")
MAP_AREA = url_control("map", "area")
MAP_PERIOD = url_control("map", "period")
MAP_GEOGRAPHY = url_control("map", "geography")
MAP_COLOUR = url_control("map", "colour")
MAP_ZOOM = url_control("map", "zoom")

# All-areas overview page
ALL_AREAS_TABLE = "all-areas-table"
ALL_AREAS_SUMMARY = "all-areas-summary"
ALL_AREAS_DOWNLOAD_BUTTON = "all-areas-download-button"
ALL_AREAS_DOWNLOAD = "all-areas-download"
ALL_AREAS_AREA = url_control("all-areas", "area")
ALL_AREAS_SET = url_control("all-areas", "areas")
ALL_AREAS_SORT = url_control("all-areas", "sort")

# Compare indicators page
SCATTER_CHART = "scatter-chart"
SCATTER_SUMMARY = "scatter-summary"
SCATTER_TABLE = "scatter-table"
SCATTER_DOWNLOAD_BUTTON = "scatter-download-button"
SCATTER_DOWNLOAD = "scatter-download"
SCATTER_X = url_control("compare-indicators", "indicator")
SCATTER_Y = url_control("compare-indicators", "indicator2")
SCATTER_AREA = url_control("compare-indicators", "area")
OVERVIEW_PDF_BUTTON = "overview-pdf-button"
OVERVIEW_PDF_DOWNLOAD = "overview-pdf-download"
SCATTER_PERIOD = url_control("compare-indicators", "period")

# Box plots page
BOX_CHART = "box-chart"
BOX_SUMMARY = "box-summary"
BOX_TABLE = "box-table"
BOX_DOWNLOAD_BUTTON = "box-download-button"
BOX_DOWNLOAD = "box-download"
BOX_INDICATOR = url_control("box-plots", "indicator")
BOX_AREA = url_control("box-plots", "area")
BOX_TYPE = url_control("box-plots", "geography")

# Small multiples page
MULTIPLES_CHART = "multiples-chart"
MULTIPLES_SUMMARY = "multiples-summary"
MULTIPLES_TABLE = "multiples-table"
MULTIPLES_DOWNLOAD_BUTTON = "multiples-download-button"
MULTIPLES_DOWNLOAD = "multiples-download"
MULTIPLES_INDICATOR = url_control("small-multiples", "indicator")
MULTIPLES_AREA = url_control("small-multiples", "area")
MULTIPLES_SET = url_control("small-multiples", "areas")
MULTIPLES_SORT = url_control("small-multiples", "sort")
DATA_RECONCILE = "data-reconcile"
DATA_RECONCILE_DOWNLOAD_BUTTON = "data-reconcile-download-button"
DATA_RECONCILE_DOWNLOAD = "data-reconcile-download"

# Scenarios (gap tool) page
SCENARIO_PAGE = "scenarios"
SCENARIO_AREA = url_control(SCENARIO_PAGE, "area")
SCENARIO_CHART = "scenario-chart"
SCENARIO_GAP = "scenario-gap"
SCENARIO_WORDS = "scenario-words"
SCENARIO_TABLE = "scenario-table"
SCENARIO_DOWNLOAD_BUTTON = "scenario-download-button"
SCENARIO_DOWNLOAD = "scenario-download"


def scenario_target(key: str) -> dict[str, str]:
    """A risk factor's target control, kept in the URL as `key=VALUE` (key: the
    indicator's id, or the risk factor's own key when it has no indicator)."""
    return url_control(SCENARIO_PAGE, key)

# Data page: the reconciliation tables, each shown a page at a time (layouts.paging)
DATA_RECONCILE_DIFFERING = "data-reconcile-differing"
DATA_RECONCILE_TOTALS = "data-reconcile-totals"
RECONCILE_TABLES = ("pairs", "differing")


def reconcile_part(table: str, part: str) -> str:
    """A part of a reconciliation table's block (`table` of RECONCILE_TABLES; `part` of
    block, rows, status, previous, next, page)."""
    return f"data-reconcile-{table}-{part}"
