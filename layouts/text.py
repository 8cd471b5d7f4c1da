"""Plain-English sentences generated from computed values."""

from __future__ import annotations

import pandas as pd

from indicators.names import COMPARED_ENGLAND, COMPARED_REGION, PERIOD_LABEL, VALUE_NOTE
from layouts.numbers import fixed, missing, percent, with_unit

NO_COMPARISON = {"", "Not compared", "Cannot be calculated"}


def _word(value: object) -> str:
    return "" if missing(value) else str(value)


def _comparison(row: pd.Series, column: str, benchmark: pd.DataFrame | None, name: str,
                unit: str) -> str:
    """"worse than England (14.2%)" or "" when there is no comparison to state."""
    word = _word(row.get(column))
    if word in NO_COMPARISON or benchmark is None:
        return ""
    same = benchmark[benchmark[PERIOD_LABEL] == row[PERIOD_LABEL]]
    value = same["value"].iloc[0] if not same.empty else None
    shown = "" if missing(value) else f" ({with_unit(value, '%' if unit == '%' else None)})"
    phrase = {"Better": "better than", "Worse": "worse than", "Similar": "similar to",
              "Higher": "higher than", "Lower": "lower than"}.get(word.split(" (")[0], "")
    return f"{phrase} {name}{shown}" if phrase else f"{word.lower()} compared with {name}"


def _limit(value: object, unit: str, places: int = 1) -> str:
    return percent(value, places) if unit == "%" else fixed(value, places)


def _later_periods(area: pd.DataFrame, latest_index: int) -> str:
    """The sentence saying which later periods have no value, and why."""
    later = area.loc[latest_index + 1:]
    if later.empty:
        return ""
    labels = later[PERIOD_LABEL].tolist()
    span = labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"
    notes = sorted({_word(n) for n in later.get(VALUE_NOTE, pd.Series(dtype=object))} - {""})
    subject = f"A later period ({span}) has" if len(labels) == 1 else f"Later periods ({span}) have"
    why = f": {'; '.join(notes)}" if notes else ""
    return f"{subject} no value shown{why}".rstrip(".") + "."


def _trend(area: pd.DataFrame) -> str:
    """The recent-trend result (stored on the latest period) in words."""
    if "recent_trend" not in area.columns:
        return ""
    stored = area[area["recent_trend"].map(_word) != ""]
    if stored.empty:
        return ""
    row = stored.iloc[-1]
    result, note = _word(row["recent_trend"]), _word(row.get("trend_note"))
    if result == "Cannot be calculated":
        return f"Recent trend: cannot be calculated. {note}".strip()
    text = f"Recent trend to {row['period_label']}: {result.lower()}."
    return f"{text} {note}" if note else text


def trend_summary(area: pd.DataFrame, area_name: str, meta: dict,
                  england: pd.DataFrame | None, region: pd.DataFrame | None = None,
                  region_name: str = "the region") -> list[str]:
    """Sentences on the latest period with a value: its value and interval, how it compares
    with England and the region, its data-quality flag, which later periods have no value
    (and why), and the recent trend."""
    area = area.reset_index(drop=True)
    valid = area.dropna(subset=["value"])
    if valid.empty:
        return [f"There is no value for {area_name} yet."]
    latest_index = int(valid.index[-1])
    latest = valid.iloc[-1]
    unit = meta.get("unit", "")
    places = 0 if meta.get("value_type") == "Count" else 1
    name = meta.get("name", "The indicator")
    headline = (f"In {latest['period_label']}, the latest period with a value, the "
                f"{name[0].lower() + name[1:]} for {area_name} was "
                f"{with_unit(latest['value'], unit, places)} (95% confidence interval "
                f"{_limit(latest['lower95'], unit, places)} to "
                f"{_limit(latest['upper95'], unit, places)}).")
    comparisons = [c for c in (_comparison(latest, COMPARED_ENGLAND, england, "England", unit),
                               _comparison(latest, COMPARED_REGION, region, region_name, unit))
                   if c]
    if comparisons:
        headline += f" It was {' and '.join(comparisons)}."
    sentences = [headline]
    flag = _word(latest.get("dq_flag"))
    if flag:
        share = percent(latest.get("dq_value"))
        sentences.append(f"Data quality in {latest['period_label']}: {flag}"
                         f"{f' (this period: {share})' if share else ''}.")
    sentences += [s for s in (_later_periods(area, latest_index), _trend(area)) if s]
    return sentences
