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
