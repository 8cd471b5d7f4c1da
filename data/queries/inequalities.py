"""Infant mortality by IMD quintile for the inequalities page, and the measures of the gap.

`quintile_values` reads stored rates; `inequality_measures` turns the five quintiles into
the ratio, difference, slope and relative index of inequality and excess deaths, with
the statistics of `indicators.stats.inequality`.
"""

from __future__ import annotations

import math

import pandas as pd
from sqlalchemy import Engine, select

from data.queries.cache import memoised
from data.queries.core import rows_frame
from data.schema import indicator_value

# Rows are keyed by the stable names of indicators.names; only layouts/ puts them in words.
from indicators.names import MEASURE_DIFFERENCE as DIFFERENCE
from indicators.names import MEASURE_EXCESS as EXCESS
from indicators.names import MEASURE_PAF as PAF
from indicators.names import MEASURE_RATIO as RATIO
from indicators.names import MEASURE_RII as RII
from indicators.names import MEASURE_SII as SII
from indicators.stats.inequality import (
    MIN_REFERENCE_EVENTS,
    excess_events,
    reference_groups,
    slope_index_of_inequality,
)

QUINTILE_INDICATORS = ("infant_mortality_imd", "infant_mortality_imd_3yr")
OVERALL_INDICATOR = {"infant_mortality_imd": "infant_mortality",
                     "infant_mortality_imd_3yr": "infant_mortality_3yr"}
CATEGORY_TYPE = "IMD quintile"
QUINTILE_COLUMNS = ["indicator_id", "area_code", "period_label", "year_range", "period_sortable",
                    "category", "count", "denominator", "value", "lower95", "upper95", "value_note"]
MEASURE_COLUMNS = ["measure", "value", "lower95", "upper95", "unit", "note"]


@memoised
def quintile_periods(engine: Engine) -> pd.DataFrame:
    """Periods with rates by IMD quintile for any area: period_label, year_range, indicator_id;
    the newest first, 3-year pooled periods before single years."""
    query = (select(indicator_value.c.period_label, indicator_value.c.year_range,
                    indicator_value.c.period_sortable, indicator_value.c.indicator_id)
             .where(indicator_value.c.indicator_id.in_(QUINTILE_INDICATORS),
                    indicator_value.c.category_type == CATEGORY_TYPE)
             .distinct())
    with engine.connect() as connection:
        result = connection.execute(query)
        frame = rows_frame(result.all(), result.keys())
    return (frame.sort_values(["year_range", "period_sortable"], ascending=False)
            .reset_index(drop=True))


@memoised
def quintile_area_codes(engine: Engine) -> list[str]:
    query = (select(indicator_value.c.area_code)
             .where(indicator_value.c.indicator_id.in_(QUINTILE_INDICATORS),
                    indicator_value.c.category_type == CATEGORY_TYPE).distinct())
    with engine.connect() as connection:
        return sorted(connection.execute(query).scalars())


@memoised
def quintile_values(engine: Engine, area_code: str, period_label: str) -> pd.DataFrame:
    """The area's stored rates by quintile for the period, quintile 1 (most deprived) first."""
    query = select(*[indicator_value.c[name] for name in QUINTILE_COLUMNS]).where(
        indicator_value.c.indicator_id.in_(QUINTILE_INDICATORS),
        indicator_value.c.category_type == CATEGORY_TYPE,
        indicator_value.c.area_code == area_code,
        indicator_value.c.period_label == period_label,
    )
    with engine.connect() as connection:
        frame = rows_frame(connection.execute(query).all(), QUINTILE_COLUMNS)
    order = frame["category"].str.extract(r"^(\d)", expand=False).astype(float)
    return frame.assign(_order=order).sort_values("_order").drop(columns="_order") \
        .reset_index(drop=True)


@memoised
def overall_value(engine: Engine, area_code: str, period_label: str, quintile_indicator: str
                  ) -> float | None:
    """The area's whole-population infant mortality rate for the same period, if stored."""
    query = select(indicator_value.c.value).where(
        indicator_value.c.indicator_id == OVERALL_INDICATOR[quintile_indicator],
        indicator_value.c.area_code == area_code,
        indicator_value.c.period_label == period_label,
        indicator_value.c.category_type == "",
    )
    with engine.connect() as connection:
        value = connection.execute(query).scalar()
    return None if value is None or math.isnan(value) else float(value)


def _row(measure: str, value=math.nan, lower=math.nan, upper=math.nan, unit: str = "",
         note: str = "") -> dict:
    return dict(zip(MEASURE_COLUMNS, [measure, value, lower, upper, unit, note], strict=True))


# One direction throughout: the least deprived end compared with the most deprived end, as
# phe_sii reports the SII and RII (a negative SII, an RII below 1: lower rates where
# deprivation is least).
UNIT = "per 1,000 live births"
ALL_MEASURES = (RATIO, DIFFERENCE, SII, RII, EXCESS, PAF)
LOG_SCALE_NOTE = ("Fitted on the log scale (phe_sii, rates, transform = TRUE); 95% CI from "
                  "{:,} simulations.")


def _complete(quintiles: pd.DataFrame) -> bool:
    return len(quintiles) == 5 and bool(quintiles[["count", "denominator", "value", "lower95",
                                                   "upper95"]].notna().all().all())


def inequality_measures(quintiles: pd.DataFrame, *, repetitions: int = 100_000) -> pd.DataFrame:
    """Measures of the gap between quintiles, as rows of MEASURE_COLUMNS (unrounded).

    `quintiles` is `quintile_values` output (five rows, most deprived first). Every measure
    compares the least deprived with the most deprived: ratio and difference of the two
    end quintiles' observed rates (no interval); SII and RII as `phe_sii` with
    `transform = TRUE` (log-scale fit, so the RII and its interval are always positive),
    which needs a death in every quintile; excess deaths a year and the attributable
    fraction against the reference rate of `reference_groups` (the least deprived quintile
    with 10 or more deaths, else quintiles 4 and 5 pooled with 10 or more, else not
    estimable), their limits from the Poisson simulation. The note states each basis.
    """
    if not _complete(quintiles):
        why = "Needs a rate for each of the five quintiles."
        return pd.DataFrame([_row(m, note=why) for m in ALL_MEASURES], columns=MEASURE_COLUMNS)
    most, least = quintiles.iloc[0], quintiles.iloc[-1]
    if most["count"] > 0 and least["count"] > 0:
        ratio = _row(RATIO, least["value"] / most["value"], unit="times",
                     note="Observed rates of quintile 5 over quintile 1.")
    else:
        ratio = _row(RATIO, unit="times", note="An end quintile had no deaths.")
    rows = [ratio, _row(DIFFERENCE, least["value"] - most["value"], unit=UNIT,
                        note="Observed rate of quintile 5 minus quintile 1.")]
    rows += sii_rows(quintiles, repetitions)
    rows += _excess_rows(quintiles, repetitions)
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


def sii_rows(quintiles: pd.DataFrame, repetitions: int = 100_000) -> list[dict]:
    """The SII and RII rows, fitted on the log scale; not calculated when a quintile had no
    deaths (the log of a zero rate does not exist)."""
    empty = quintiles.loc[quintiles["count"] == 0, "category"].tolist()
    if empty:
        why = (f"{_quintile_words(empty).capitalize()} had no deaths, and the log-scale model "
               "PHE uses for rates needs a death in every quintile.")
        if int(quintiles["year_range"].iloc[0]) == 1:
            why += " A 3-year pooled period is more likely to have one."
        return [_row(SII, unit=UNIT, note=why), _row(RII, unit="times", note=why)]
    result = slope_index_of_inequality(
        quintiles["value"], quintiles["denominator"], quintiles["lower95"], quintiles["upper95"],
        value_type="rate", transform=True, repetitions=repetitions)
    note = LOG_SCALE_NOTE.format(repetitions)
    return [_row(SII, result.sii, result.sii_lower, result.sii_upper, UNIT, note),
            _row(RII, result.rii, result.rii_lower, result.rii_upper, "times", note)]


def _quintile_words(categories: list[str]) -> str:
    numbers = [c.split(" ")[0] for c in categories]
    if len(numbers) == 1:
        return f"quintile {numbers[0]}"
    return f"quintiles {', '.join(numbers[:-1])} and {numbers[-1]}"


def _deaths(count: float) -> str:
    return f"{count:,.0f} death{'' if count == 1 else 's'}"


def excess_basis(quintiles: pd.DataFrame) -> tuple[tuple[int, ...] | None, str]:
    """The reference group(s) for excess deaths and the sentence stating that basis."""
    counts = quintiles["count"]
    chosen = reference_groups(counts)
    least = float(counts.iloc[-1])
    pair = float(counts.iloc[-2:].sum())
    if chosen is None:
        return None, (f"The least deprived quintile had {_deaths(least)} and "
                      f"quintiles 4 and 5 together {_deaths(pair)}; a reference rate needs "
                      f"{MIN_REFERENCE_EVENTS} or more.")
    if len(chosen) == 1:
        return chosen, (f"Reference: the least deprived quintile's rate ({_deaths(least)}).")
    return chosen, (f"Reference: quintiles 4 and 5 pooled ({_deaths(pair)}), because the least "
                    f"deprived quintile alone had {_deaths(least)}, fewer than "
                    f"{MIN_REFERENCE_EVENTS}.")


def _excess_rows(quintiles: pd.DataFrame, repetitions: int) -> list[dict]:
    years = float(quintiles["year_range"].iloc[0])
    chosen, basis = excess_basis(quintiles)
    if chosen is None:
        return [_row(EXCESS, unit="deaths a year", note=basis), _row(PAF, unit="%", note=basis)]
    result = excess_events(quintiles["count"], quintiles["denominator"], reference=chosen,
                           repetitions=repetitions)
    return [_row(EXCESS, result.excess / years, result.excess_lower / years,
                 result.excess_upper / years, "deaths a year", basis),
            _row(PAF, result.paf * 100, result.paf_lower * 100, result.paf_upper * 100, "%",
                 basis)]


GAP_COLUMNS = ["period_label", "period_sortable", "sii", "lower95", "upper95", "note"]


@memoised
def gap_over_time(engine: Engine, area_code: str, *, repetitions: int = 100_000
                  ) -> pd.DataFrame:
    """The SII for every 3-year pooled period of the area, oldest first (GAP_COLUMNS); a
    period whose SII cannot be fitted keeps its row with NaN and the reason."""
    query = select(*[indicator_value.c[name] for name in QUINTILE_COLUMNS]).where(
        indicator_value.c.indicator_id == "infant_mortality_imd_3yr",
        indicator_value.c.category_type == CATEGORY_TYPE,
        indicator_value.c.area_code == area_code,
    )
    with engine.connect() as connection:
        frame = rows_frame(connection.execute(query).all(), QUINTILE_COLUMNS)
    rows = []
    frame = frame.assign(_order=frame["category"].str.extract(r"^(\d)", expand=False)
                         .astype(float))
    for (label, sortable), period in frame.groupby(["period_label", "period_sortable"]):
        period = period.sort_values("_order")
        if _complete(period):
            sii = sii_rows(period, repetitions)[0]
        else:
            sii = _row(SII, note="Needs a rate for each of the five quintiles.")
        rows.append([label, sortable, sii["value"], sii["lower95"], sii["upper95"], sii["note"]])
    return (pd.DataFrame(rows, columns=GAP_COLUMNS).sort_values("period_sortable")
            .reset_index(drop=True))
