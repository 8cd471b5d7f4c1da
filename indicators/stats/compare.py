"""Benchmark and goal comparisons in Fingertips' words, with Fingertips' colours.

Benchmarking method "confidence intervals overlapping reference value": the
benchmark (England, region) is a point; only the area's interval is used. The
words follow ../shared/docs/methods.md, the project's reference. For the one-level
method and the goal they are also the words Fingertips writes in its "Download
data" CSV ("Compared to England value or percentiles", "Compared to goal"); for the
two-level method methods.md's "Better (99.8%)" replaces the download's "Best".
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .inputs import ArrayLike, as_float_array, broadcast, index_of, is_scalar, shaped_like

LOW_IS_GOOD = "Low is good"
HIGH_IS_GOOD = "High is good"
NO_JUDGEMENT = "No judgement"
NOT_APPLICABLE = "Not applicable"
POLARITIES = (LOW_IS_GOOD, HIGH_IS_GOOD, NO_JUDGEMENT, NOT_APPLICABLE)

BETTER = "Better"
SIMILAR = "Similar"
WORSE = "Worse"
HIGHER = "Higher"
LOWER = "Lower"
NOT_COMPARED = "Not compared"
BASE_WORDS = (BETTER, SIMILAR, WORSE, HIGHER, LOWER, NOT_COMPARED)

#: Two-level method (methods.md, "Two-level variant (99.8)"): the tier is written after the
#: base word, "Better (95%)" outside the 95% limits only, "Better (99.8%)" outside 99.8%.
TIER_95 = "(95%)"
TIER_998 = "(99.8%)"


def tiered(word: str, tier: str) -> str:
    """A base word with its two-level tier: tiered("Worse", TIER_998) -> "Worse (99.8%)"."""
    return f"{word} {tier}"


BETTER_95, WORSE_95 = tiered(BETTER, TIER_95), tiered(WORSE, TIER_95)
BETTER_998, WORSE_998 = tiered(BETTER, TIER_998), tiered(WORSE, TIER_998)
HIGHER_95, LOWER_95 = tiered(HIGHER, TIER_95), tiered(LOWER, TIER_95)
HIGHER_998, LOWER_998 = tiered(HIGHER, TIER_998), tiered(LOWER, TIER_998)
TWO_LEVEL_WORDS = (BETTER_95, WORSE_95, BETTER_998, WORSE_998,
                   HIGHER_95, LOWER_95, HIGHER_998, LOWER_998)
#: Fingertips' own "Download data" CSV writes "Best"/"Worst" for the 99.8% tier. We never
#: write them (methods.md is the reference), but a loaded Fingertips download may carry them.
FINGERTIPS_DOWNLOAD_WORDS = {"Best": BETTER, "Worst": WORSE}

#: Colours are by base word (a tier keeps its base word's colour; the word tells the
#: tiers apart). Legacy Fingertips colours (as in the fingertipscharts R package).
LEGACY_COLOURS = {
    BETTER: "#92D050", SIMILAR: "#FFC000", WORSE: "#C00000",
    HIGHER: "#BED2FF", LOWER: "#5555E6", NOT_COMPARED: "#C9C9C9",
}
#: GOV.UK palette used by the new Fingertips (methods.md). "Not compared" uses
#: the GOV.UK Design System mid-grey.
GOVUK_COLOURS = {
    BETTER: "#00703C", SIMILAR: "#FFDD00", WORSE: "#D4351C",
    LOWER: "#5694CA", HIGHER: "#003078", NOT_COMPARED: "#B1B4B6",
}


def base_word(word: object) -> str:
    """The base word of a comparison word, whose colour it takes: "Worse (99.8%)" -> "Worse",
    Fingertips' download "Best" -> "Better"; anything unknown or missing -> "Not compared"."""
    head = str(word).split(" (")[0] if isinstance(word, str) else ""
    head = FINGERTIPS_DOWNLOAD_WORDS.get(head, head)
    return head if head in BASE_WORDS else NOT_COMPARED


def comparison_colour(word: object, palette: dict[str, str] | None = None) -> str:
    """The colour of a comparison word by its base word (GOV.UK palette unless given)."""
    return (palette or GOVUK_COLOURS)[base_word(word)]


#: Fingertips writes goal comparisons as RAG words in its "Compared to goal" column.
GOAL_RAG = {BETTER: "Green", SIMILAR: "Amber", WORSE: "Red", NOT_COMPARED: "Not compared"}


def _check_polarity(polarity: str) -> str:
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}; got {polarity!r}")
    return polarity


def _words_for(polarity: str) -> tuple[str, str]:
    """(word when significantly higher, word when significantly lower)."""
    if polarity == LOW_IS_GOOD:
        return WORSE, BETTER
    if polarity == HIGH_IS_GOOD:
        return BETTER, WORSE
    return HIGHER, LOWER


def _tier_words(polarity: str, tier: str) -> tuple[str, str]:
    """Two-level method: (word when higher, word when lower) for a tier."""
    high, low = _words_for(polarity)
    return tiered(high, tier), tiered(low, tier)


def compare_with_benchmark(
    value: ArrayLike,
    lower95: ArrayLike,
    upper95: ArrayLike,
    benchmark: ArrayLike,
    polarity: str,
    lower998: ArrayLike | None = None,
    upper998: ArrayLike | None = None,
    levels: int = 1,
    *,
    confidence: float = 0.95,
    is_benchmark: ArrayLike | None = None,
) -> Any:
    """Compare each area with a benchmark value by overlapping confidence intervals.

    Method (Fingertips "Confidence intervals overlapping reference value"; the
    benchmark is a point, only the area's interval counts):

    * ``levels=1``: lower <= benchmark <= upper -> "Similar"; otherwise the area
      is "Higher" or "Lower", turned into "Better"/"Worse" by the polarity.
      The interval is the 95% one, or the 99.8% one with ``confidence=0.998``
      (Fingertips' "(99.8)" variant).
    * ``levels=2`` (two-level variant, methods.md): inside the 95% interval ->
      "Similar"; outside 95% but inside 99.8% -> "Better (95%)"/"Worse (95%)";
      outside 99.8% -> "Better (99.8%)"/"Worse (99.8%)". With "No judgement" the
      same tiers give "Higher (95%)"/"Lower (95%)" and "Higher (99.8%)"/"Lower
      (99.8%)": methods.md gives Higher/Lower for no polarity and the tier for two
      levels, and dropping the tier would hide which limits were crossed.
      (Fingertips' own download writes "Best"/"Worst" for the 99.8% tier;
      methods.md is our reference, so we do not.) Colours follow the base word
      (``base_word``, ``comparison_colour``).
    * "Not compared" when the value, the interval used or the benchmark is
      missing, the polarity is "Not applicable", or the row is the benchmark
      itself (``is_benchmark``).

    Citation: OHID Fingertips technical guidance, "Benchmarking"; Public Health
    England (2018) Technical Guide: Confidence Intervals.

    Args:
        value, lower95, upper95: the area's value and 95% limits (same units).
        benchmark: the benchmark's value (scalar or one per row).
        polarity: "Low is good", "High is good", "No judgement" or "Not applicable".
        lower998, upper998: the area's 99.8% limits (needed for ``levels=2`` or
            ``confidence=0.998``).
        levels: 1 or 2.
        confidence: for ``levels=1``, which interval to use: 0.95 or 0.998.
        is_benchmark: True where the row is the benchmark area itself.

    Returns:
        Words per row: a Series when any input is a Series, else an object array
        (a str for scalar input).
    """
    _check_polarity(polarity)
    if levels not in (1, 2):
        raise ValueError(f"levels must be 1 or 2; got {levels!r}")
    if confidence not in (0.95, 0.998):
        raise ValueError(f"confidence must be 0.95 or 0.998; got {confidence!r}")
    needs_998 = levels == 2 or confidence == 0.998
    if needs_998 and (lower998 is None or upper998 is None):
        raise ValueError("lower998 and upper998 are needed for the 99.8% comparison")

    inputs = [value, lower95, upper95, benchmark]
    names = ["value", "lower95", "upper95", "benchmark"]
    if needs_998:
        inputs += [lower998, upper998]
        names += ["lower998", "upper998"]
    arrays = broadcast(*(as_float_array(a, n) for a, n in zip(inputs, names, strict=True)))
    values, low95, up95, bench = arrays[:4]
    low998, up998 = (arrays[4], arrays[5]) if needs_998 else (low95, up95)

    inner_low, inner_up = (low998, up998) if levels == 1 and confidence == 0.998 else (low95, up95)
    high_word, low_word = _words_for(polarity) if levels == 1 else _tier_words(polarity, TIER_95)
    words = np.full(len(values), SIMILAR, dtype=object)
    words[inner_low > bench] = high_word
    words[inner_up < bench] = low_word
    if levels == 2:
        outer_high, outer_low = _tier_words(polarity, TIER_998)
        words[low998 > bench] = outer_high
        words[up998 < bench] = outer_low

    used = [values, inner_low, inner_up, bench] + ([low998, up998] if levels == 2 else [])
    missing = np.logical_or.reduce([np.isnan(a) for a in used])
    if is_benchmark is not None:
        missing |= broadcast(np.asarray(is_benchmark, dtype=bool), values)[0]
    if polarity == NOT_APPLICABLE:
        missing[:] = True
    words[missing] = NOT_COMPARED
    return shaped_like(words, index_of(*inputs), is_scalar(*inputs))


def compare_with_goal(
    value: ArrayLike,
    lower95: ArrayLike | None,
    upper95: ArrayLike | None,
    goal: float,
    polarity: str,
) -> Any:
    """Compare each area with a goal (target), e.g. smoking at delivery <= 6%.

    Method (Fingertips target comparison, ``SingleValueTargetComparer``):

    * with intervals: the whole 95% interval on the good side of the goal ->
      "Better" (green); on the bad side -> "Worse" (red); an interval that
      touches or straddles the goal -> "Similar" (amber).
    * without intervals (``lower95``/``upper95`` None): value on the good side
      of the goal, or equal to it -> "Better", else "Worse".
    * "Not compared" when the value (or an interval used) is missing or the
      polarity has no good direction.

    ``GOAL_RAG`` maps the words to the Green/Amber/Red that Fingertips' download
    writes. Citation: OHID Fingertips technical guidance, "Comparison with goal".

    Args:
        value, lower95, upper95: the area's value and 95% limits.
        goal: the target value, in the indicator's units (6 for 6%).
        polarity: "Low is good" or "High is good" ("No judgement" -> Not compared).

    Returns:
        Words per row, shaped like the input.
    """
    _check_polarity(polarity)
    goal_value = float(goal)
    values = as_float_array(value, "value")
    low_is_good = polarity == LOW_IS_GOOD
    if lower95 is None or upper95 is None:
        good = values <= goal_value if low_is_good else values >= goal_value
        words = np.where(good, BETTER, WORSE).astype(object)
        missing = np.isnan(values)
    else:
        values, lows, ups = broadcast(values, as_float_array(lower95, "lower95"),
                                      as_float_array(upper95, "upper95"))
        words = np.full(len(values), SIMILAR, dtype=object)
        words[lows > goal_value] = WORSE if low_is_good else BETTER
        words[ups < goal_value] = BETTER if low_is_good else WORSE
        missing = np.isnan(values) | np.isnan(lows) | np.isnan(ups)
    if polarity not in (LOW_IS_GOOD, HIGH_IS_GOOD) or np.isnan(goal_value):
        missing = np.ones(len(values), dtype=bool)
    words[missing] = NOT_COMPARED
    inputs = [value, lower95, upper95]
    return shaped_like(words, index_of(*inputs), is_scalar(value))
