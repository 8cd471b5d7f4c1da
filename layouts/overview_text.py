"""Words for the overview page and the board pack, read only from the stored comparison
words (compared_england, compared_region, compared_goal, recent_trend), so that what a
sentence says always matches what the engine computed and the table shows.

Also here: the "exceptions first" rule, the trend arrows, and badge colours whose text
keeps WCAG 2.2 AA contrast (4.5:1) on every comparison colour."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.names import (
    COMPARED_ENGLAND,
    COMPARED_REGION,
    INDICATOR_ID,
    PERIOD_LABEL,
    VALUE_NOTE,
)
from indicators.stats.compare import (
    BETTER_95,
    BETTER_998,
    FINGERTIPS_DOWNLOAD_WORDS,
    HIGHER_95,
    HIGHER_998,
    LOWER_95,
    LOWER_998,
    TWO_LEVEL_WORDS,
    WORSE_95,
    WORSE_998,
    base_word,
)
from layouts.theme import COMPARISON_COLOURS

# The two-level method (methods.md) writes the tier after the word: "Worse (95%)" and
# "Worse (99.8%)"; a loaded Fingertips download may say "Worst"/"Best" for the 99.8% tier.
# Each takes its base word's colour; the word tells them apart.
WORSE_WORDS = frozenset({"Worse", WORSE_95, WORSE_998, "Worst"})
COLOUR_OF = {word: base_word(word) for word in (*TWO_LEVEL_WORDS, *FINGERTIPS_DOWNLOAD_WORDS)}
DARK_TEXT = "#0b0c0c"
LIGHT_TEXT = "#ffffff"
MUTED_TEXT = "#505a5f"
# The 99.8% tier is a stronger finding (beyond wider limits), not a bigger gap: say so.
PHRASES = {
    "Better": "better than", "Similar": "similar to", "Worse": "worse than",
    "Higher": "higher than", "Lower": "lower than",
    BETTER_95: "better than", WORSE_95: "worse than",
    HIGHER_95: "higher than", LOWER_95: "lower than",
    BETTER_998: "better (beyond the 99.8% limits) than",
    WORSE_998: "worse (beyond the 99.8% limits) than",
    HIGHER_998: "higher (beyond the 99.8% limits) than",
    LOWER_998: "lower (beyond the 99.8% limits) than",
    "Best": "better (beyond the 99.8% limits) than",
    "Worst": "worse (beyond the 99.8% limits) than",
}
TREND_CLAUSES = {
    "Increasing and getting worse": ", and getting worse",
    "Decreasing and getting worse": ", and getting worse",
    "Increasing and getting better": ", and getting better",
    "Decreasing and getting better": ", and getting better",
    "Increasing": ", and increasing",
    "Decreasing": ", and decreasing",
    "No significant change": ", with no significant change in the recent trend",
}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def word_of(value: object) -> str:
    """A stored word, or "" when it is missing (None or NaN, as frames give it back)."""
    return "" if _missing(value) else str(value)


def row_records(frame: pd.DataFrame) -> list[dict]:
    """The frame's rows as dicts, missing values (NaN) as None so they test false."""
    return [{k: (None if _missing(v) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def format_number(value: object, value_type: str | None = None, unit: str | None = None) -> str:
    """A value as the page prints it: counts whole, rates and percentages to 1 d.p.,
    a percentage with its % sign; "" when missing."""
    if _missing(value):
        return ""
    text = f"{value:,.0f}" if value_type == "Count" else f"{value:,.1f}"
    return text + "%" if unit == "%" else text


def format_value(value: object, value_type: str | None, unit: str | None) -> str:
    """A value with its unit: "17.8%", "6.1 per 1,000 live births", "11 deaths"."""
    number = format_number(value, value_type, unit)
    if not number or not unit or unit == "%":
        return number
    return f"{number} {unit}"


def is_exception(row: Mapping) -> bool:
    """Worse (at either tier) than England, the region or the goal, or getting worse."""
    words = {word_of(row.get(k)) for k in (COMPARED_ENGLAND, COMPARED_REGION, "compared_goal")}
    trend = word_of(row.get("recent_trend"))
    return bool(words & WORSE_WORDS) or trend.endswith("getting worse")


def attention_score(row: Mapping) -> int:
    """How strongly a row needs attention: each comparison worse than England, the region or
    the goal counts 1 (2 beyond the 99.8% limits), and getting worse counts 1."""
    score = 0
    for key in (COMPARED_ENGLAND, COMPARED_REGION, "compared_goal"):
        word = word_of(row.get(key))
        if word in WORSE_WORDS:
            score += 2 if word in (WORSE_998, "Worst") else 1
    return score + int(word_of(row.get("recent_trend")).endswith("getting worse"))


def most_attention(rows: list[Mapping], limit: int) -> tuple[list[Mapping], list[Mapping]]:
    """(the `limit` rows needing most attention, the others), each in the order given.
    Strongest `attention_score` first; a variant (a pooled or quarterly version, whose id
    extends another row's, "infant_mortality_3yr") after the rest, since it repeats its
    headline indicator's story; ties keep the given order."""
    ids = [str(r.get(INDICATOR_ID, "")) for r in rows]

    def variant(code: str) -> bool:
        return any(code != other and code.startswith(other + "_") for other in ids)

    ranked = sorted(range(len(rows)),
                    key=lambda i: (variant(ids[i]), -attention_score(rows[i]), i))
    kept = sorted(ranked[:limit])
    return [rows[i] for i in kept], [rows[i] for i in range(len(rows)) if i not in kept]


def exceptions_first(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows that need attention (`is_exception`), then the rest, each in the order given
    (a stable partition), with a boolean `exception` column."""
    flags = pd.Series([is_exception(row) for row in frame.to_dict("records")], index=frame.index,
                      dtype=bool)
    ordered = pd.concat([frame[flags], frame[~flags]])
    return ordered.assign(exception=flags.reindex(ordered.index)).reset_index(drop=True)


def comparison_phrase(word: object, place: str, value: object, unit: str | None = None) -> str | None:
    """"worse than England (3.6)"; None when the word makes no comparison."""
    phrase = PHRASES.get(word_of(word))
    if phrase is None:
        return None
    number = format_number(value, unit=unit if unit == "%" else None)
    return f"{phrase} {place}" + (f" ({number})" if number else "")


def indicator_sentence(row: Mapping, area_name: str, region_name: str | None = None) -> str:
    """One plain-English sentence on an indicator's latest value, e.g. "Infant mortality rate
    in Manchester (6.1 per 1,000 live births in 2025) is worse than England (3.6) and
    similar to North West Region (5.0), and getting worse." A goal comparison, where there
    is one, adds a second sentence."""
    subject = f"{row['indicator_name']} in {area_name}"
    period = row.get(PERIOD_LABEL, "")
    unit, value_type = word_of(row.get("unit")), word_of(row.get("value_type"))
    if _missing(row.get("value")):
        note = word_of(row.get(VALUE_NOTE))
        return f"{subject} has no value for {period}" + (f" ({note})." if note else ".")
    head = f"{subject} ({format_value(row['value'], value_type, unit)} in {period})"
    comparisons = [p for p in (
        comparison_phrase(row.get(COMPARED_ENGLAND), "England", row.get("england_value"), unit),
        comparison_phrase(row.get(COMPARED_REGION), region_name,
                          row.get("region_value"), unit) if region_name else None,
    ) if p]
    if comparisons:
        text = f"{head} is " + " and ".join(comparisons)
    elif area_name == "England":  # England is the benchmark, not compared with itself
        text = head
    elif not _missing(row.get("england_value")):
        england = format_number(row["england_value"], value_type, unit if unit == "%" else None)
        text = f"{head} is not compared with England ({england})"
    else:
        text = f"{head} has no England value to compare with"
    text += TREND_CLAUSES.get(word_of(row.get("recent_trend")), "") + "."
    goal = comparison_phrase(row.get("compared_goal"), "the goal", None)
    if goal and word_of(row.get("target_label")):
        text += f" It is {goal} ({_lower_first(row['target_label'])})."
    return text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def trend_arrow(trend: object) -> tuple[str, str]:
    """(arrow symbol, colour) for a recent-trend phrase: the arrow gives the direction,
    the colour whether that is better or worse; the phrase is always printed beside it."""
    trend = word_of(trend)
    if trend.startswith("Increasing"):
        symbol = "↑"
    elif trend.startswith("Decreasing"):
        symbol = "↓"
    elif trend == "No significant change":
        symbol = "→"
    else:
        symbol = "–"
    if trend.endswith("getting worse"):
        return symbol, COMPARISON_COLOURS["Worse"]
    if trend.endswith("getting better"):
        return symbol, COMPARISON_COLOURS["Better"]
    return symbol, MUTED_TEXT


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def badge_colours(word: object) -> tuple[str, str]:
    """(background, text colour) for a comparison word's badge: the GOV.UK colour of the
    word, with white or near-black text, whichever contrasts more."""
    word = word_of(word)
    key = COLOUR_OF.get(word, word)
    background = COMPARISON_COLOURS.get(key, COMPARISON_COLOURS["Not compared"])
    text = max((LIGHT_TEXT, DARK_TEXT), key=lambda c: contrast_ratio(background, c))
    return background, text
