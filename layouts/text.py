"""Plain-English sentences generated from computed values."""

from __future__ import annotations

import pandas as pd


def _number(value: float) -> str:
    return f"{value:.1f}"


def trend_sentence(
    area: pd.DataFrame, area_name: str, meta: dict, england: pd.DataFrame | None
) -> str:
    """One sentence on the latest value: its interval and how it compares with England."""
    valid = area.dropna(subset=["value"])
    if valid.empty:
        return f"There is no value for {area_name} yet."
    latest = valid.iloc[-1]
    unit = meta.get("unit", "")
    name = meta.get("name", "The indicator")
    text = (f"In {latest['period_label']} the {name.lower()} for {area_name} was "
            f"{_number(latest['value'])} {unit} (95% confidence interval "
            f"{_number(latest['lower95'])} to {_number(latest['upper95'])}).")
    comparison = latest.get("compared_england")
    if england is not None and comparison and comparison != "Not compared":
        same = england[england["period_label"] == latest["period_label"]]
        if not same.empty and pd.notna(same.iloc[0]["value"]):
            text += (f" Compared with England ({_number(same.iloc[0]['value'])}) it was "
                     f"{comparison.lower()}.")
    return text
