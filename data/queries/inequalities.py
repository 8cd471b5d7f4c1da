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
from indicators.stats.inequality import excess_events, slope_index_of_inequality

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


RATIO = "Ratio, most to least deprived"
DIFFERENCE = "Difference, most minus least deprived"
SII = "Slope index of inequality (SII)"
RII = "Relative index of inequality (RII)"
EXCESS = "Excess infant deaths a year"
PAF = "Population attributable fraction"
UNIT = "per 1,000 live births"


def inequality_measures(quintiles: pd.DataFrame, *, repetitions: int = 100_000) -> pd.DataFrame:
    """Measures of the gap between quintiles, as rows of MEASURE_COLUMNS.

    `quintiles` is `quintile_values` output (five rows, most deprived first). Ratio and
    difference compare quintile 1 with quintile 5 (no confidence interval is computed
    for them). SII and RII follow `phe_sii` untransformed, with limits simulated on the
    log scale from each quintile's interval; where a quintile had no deaths its lower
    limit is 0 and the log scale is impossible, so the simulation runs on the rate scale
    (phe_sii's value_type 0) and the note says so. Excess deaths and the attributable
    fraction use the least deprived quintile's rate as the reference; excess deaths are
    given a year (the period's total divided by its number of years).
    """
    complete = len(quintiles) == 5 and quintiles[["count", "denominator", "value", "lower95",
                                                  "upper95"]].notna().all().all()
    if not complete:
        why = "Needs a rate for each of the five quintiles."
        return pd.DataFrame([_row(m, note=why) for m in (RATIO, DIFFERENCE, SII, RII, EXCESS, PAF)],
                            columns=MEASURE_COLUMNS)
    most, least = quintiles.iloc[0], quintiles.iloc[-1]
    if least["value"] > 0:
        ratio = _row(RATIO, most["value"] / least["value"], unit="times")
    else:
        ratio = _row(RATIO, note="The least deprived quintile had no deaths: the ratio cannot "
                     "be calculated.")
    rows = [ratio, _row(DIFFERENCE, most["value"] - least["value"], unit=UNIT)]
    rows += _sii_rows(quintiles, repetitions)
    rows += _excess_rows(quintiles, repetitions)
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


def _sii_rows(quintiles: pd.DataFrame, repetitions: int) -> list[dict]:
    log_scale = bool((quintiles["lower95"] > 0).all())
    result = slope_index_of_inequality(
        quintiles["value"], quintiles["denominator"], quintiles["lower95"], quintiles["upper95"],
        value_type="rate" if log_scale else "other", repetitions=repetitions)
    note = ("Confidence interval simulated on the log scale (phe_sii, rates)." if log_scale else
            "A quintile had no deaths, so the confidence interval is simulated on the rate "
            "scale (phe_sii value_type 0).")
    return [_row(SII, result.sii, result.sii_lower, result.sii_upper, UNIT, note),
            _row(RII, result.rii, result.rii_lower, result.rii_upper, "times", note)]


def _excess_rows(quintiles: pd.DataFrame, repetitions: int) -> list[dict]:
    years = float(quintiles["year_range"].iloc[0])
    if quintiles["count"].sum() == 0:
        why = "No infant deaths in any quintile."
        return [_row(EXCESS, note=why), _row(PAF, note=why)]
    result = excess_events(quintiles["count"], quintiles["denominator"], repetitions=repetitions)
    reference_deaths = int(quintiles["count"].iloc[-1])
    note = "" if reference_deaths >= 10 else (
        f"The least deprived quintile had {reference_deaths} death"
        f"{'' if reference_deaths == 1 else 's'} in the period, so its rate, and this "
        "estimate, are very uncertain.")
    return [_row(EXCESS, result.excess / years, result.excess_lower / years,
                 result.excess_upper / years, "deaths a year", note),
            _row(PAF, result.paf * 100, result.paf_lower * 100, result.paf_upper * 100, "%", note)]
