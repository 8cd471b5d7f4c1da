"""`python -m data reconcile`: local values beside the published ones, in plain lines."""

from __future__ import annotations

import math

from sqlalchemy import Engine

from data.queries.reconcile import comparison_disagreements, reconciliation
from indicators.catalogue import get_indicator


def _number(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _signed(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return ("+" if x > 0 else "") + _number(x)


def reconcile_lines(engine: Engine, key: str | None = None) -> list[str]:
    """The reconciliation and the disagreeing comparisons of one indicator (our id or its
    Fingertips ID) or of all; KeyError for an unknown indicator."""
    indicator_id = get_indicator(int(key) if key and key.isdigit() else key).id if key else None
    pairs = reconciliation(engine, indicator_id)
    lines = []
    if pairs.empty:
        lines.append("No area has both a computed and a published value"
                     + (f" for {indicator_id}." if indicator_id else "."))
    else:
        lines.append(f"{len(pairs)} value(s) computed here and also published "
                     "(differences are ours minus the published):")
    for row in pairs.itertuples(index=False):
        category = f" [{row.category}]" if row.category else ""
        lines.append(
            f"{row.indicator_id}  {row.area_name} ({row.area_code})  {row.period_label}{category}"
            f"  shown: {row.shown}")
        lines.append(
            f"    count {_number(row.computed_count)} vs {_number(row.published_count)} "
            f"({_signed(row.count_difference)}); denominator {_number(row.computed_denominator)}"
            f" vs {_number(row.published_denominator)} ({_signed(row.denominator_difference)});"
            f" value {_number(row.computed_value)} vs {_number(row.published_value)} "
            f"({_signed(row.value_difference)}); published 95% CI "
            f"{_number(row.published_lower95)} to {_number(row.published_upper95)} contains "
            f"ours: {row.published_ci_contains_ours}")
        lines.append(f"    ours {row.computed_source}; theirs {row.published_source}")
    disagreements = comparison_disagreements(engine, indicator_id)
    if not disagreements.empty:
        lines.append(f"{len(disagreements)} published comparison(s) differ from ours "
                     "(ours is shown):")
    for row in disagreements.itertuples(index=False):
        category = f" [{row.category}]" if row.category else ""
        lines.append(f"{row.indicator_id}  {row.area_name} ({row.area_code})  "
                     f"{row.period_label}{category}  vs {row.benchmark}: ours {row.ours}, "
                     f"{row.publisher} {row.published}")
    return lines
