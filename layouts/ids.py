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
NAV_HOLDER = "nav-holder"
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

# Overview page
OVERVIEW_AREA = url_control("overview", "area")
OVERVIEW_HEADING = "overview-heading"
OVERVIEW_CONTENT = "overview-content"
OVERVIEW_SPINE = "overview-spine"
OVERVIEW_CSV_BUTTON = "overview-csv-button"
OVERVIEW_CSV_DOWNLOAD = "overview-csv-download"
OVERVIEW_PACK_BUTTON = "overview-pack-button"
OVERVIEW_PACK_DOWNLOAD = "overview-pack-download"
DATA_RECONCILE = "data-reconcile"
DATA_RECONCILE_DOWNLOAD_BUTTON = "data-reconcile-download-button"
DATA_RECONCILE_DOWNLOAD = "data-reconcile-download"
