"""Numbers as every page prints them: one style ("48.5%", "6.1 per 1,000 live births",
"1,234"), missing shown as an empty string, never "nan" or "None"."""

from __future__ import annotations

import math


def missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isinf(value))
    except (TypeError, ValueError):  # pandas.NA compares to nothing
        return True


def fixed(value: object, places: int = 1) -> str:
    """Thousands separated, `places` decimal places: 1234.56 -> "1,234.6"; "" if missing."""
    return "" if missing(value) else f"{float(value):,.{places}f}"


def percent(value: object, places: int = 1) -> str:
    """A percentage with its sign and no space: 48.49 -> "48.5%"."""
    text = fixed(value, places)
    return f"{text}%" if text else ""


def about(value: object) -> str:
    """A rough count (e.g. deaths a year): whole numbers from 10 up, one decimal place below."""
    if missing(value):
        return ""
    return fixed(value, 0) if abs(float(value)) >= 10 else fixed(value, 1)


def with_unit(value: object, unit: str | None, places: int = 1) -> str:
    """A value and its unit: "17.8%", "6.1 per 1,000 live births", "12" (no unit)."""
    if unit == "%":
        return percent(value, places)
    text = fixed(value, places)
    return f"{text} {unit}" if text and unit else text


def count(value: object) -> str:
    """A whole number: 12.0 -> "12"."""
    return fixed(value, 0)


def plural(number: float, word: str, plural_word: str | None = None) -> str:
    """ "1 period", "0 periods", "3 periods" (thousands separated)."""
    chosen = word if number == 1 else (plural_word or f"{word}s")
    return f"{number:,.0f} {chosen}"
