"""Choices for the pages' controls, read from the store, and the defaults they fall back to."""

from __future__ import annotations

from dash import set_props

from callbacks.context import AppContext
from data import queries
from indicators.catalogue import get_indicator
from indicators.names import AREA_NAME, AREA_TYPE

DEFAULT_AREA = "E08000003"  # Manchester, where the sample data has it
DEFAULT_INDICATOR = "infant_mortality"
AREA_TYPE_ORDER = {"england": 0, "region": 1, "county_ua": 2, "district": 3}


def area_options(context: AppContext) -> list[dict]:
    """England, then regions, then local authorities, each alphabetically."""
    frame = queries.areas(context.engine)
    rank = frame[AREA_TYPE].map(AREA_TYPE_ORDER).fillna(9)
    frame = frame.assign(rank=rank).sort_values(["rank", AREA_NAME])
    return [{"label": r.area_name, "value": r.area_code} for r in frame.itertuples(index=False)]


def indicator_options(context: AppContext) -> list[dict]:
    frame = queries.indicator_choices(context.engine)
    return [{"label": r.name, "value": r.id} for r in frame.itertuples(index=False)]


def pick(wanted: str | None, options: list[dict], default: str | None) -> str | None:
    """The wanted value if it is offered, else the default, else the first option."""
    values = [o["value"] for o in options]
    for candidate in (wanted, default):
        if candidate in values:
            return candidate
    return values[0] if values else None


def offer_periods(control: str, period: str | None, options: list[dict]) -> list[dict]:
    """The period control's new `options`, its value kept when offered and moved to the
    first option when not."""
    chosen = pick(period, options, None)
    if chosen != period:
        # set_props, not an Output: a value set by a callback that follows the URL
        # callback would be dropped by Dash as a circular update and never reach the URL.
        set_props(control, {"value": chosen})
    return options


def resolve_indicator(wanted: str | None, options: list[dict], default: str | None) -> str | None:
    """`pick` for an indicator given as our id or its Fingertips ID (`?indicator=93085`)."""
    if wanted and wanted not in {o["value"] for o in options}:
        try:
            wanted = get_indicator(wanted).id
        except KeyError:
            pass
    return pick(wanted, options, default)
