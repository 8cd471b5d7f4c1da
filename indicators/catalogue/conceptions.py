"""Catalogue entries for teenage conceptions: the under-18 and under-16 conception rates
from ONS conception statistics.

Fingertips' metadata (the FingertipsNext indicator list, `IndicatorID 20401`, "Conception
rate in females aged 17 years and under": Crude rate, Low is good, Confidence intervals
overlapping reference value (95.0), Calendar, annually) confirms the under-18 rate. No
stored Fingertips metadata names the under-16 rate's ID, so its `fingertips_id` stays
None and it exports under our id.
"""

from __future__ import annotations

from indicators.catalogue.model import BENCHMARK_95, Indicator

_SOURCE = ("Office for National Statistics: conceptions in England and Wales (conceptions "
           "by age of woman at conception and area of usual residence, calendar year of "
           "conception; ONS mid-year female population estimates); local extract.")


def _conception_rate(
    id: str, fingertips_id: int | None, under: int, ages: str, age_label: str,
    caveats: str, fingertips_name: str | None = None,
) -> Indicator:
    """One teenage conception rate: conceptions to women under `under` per 1,000 women
    aged `ages` (where nearly all of those conceptions fall), a crude rate with exact
    Poisson (under 10) or Byar's limits, as Fingertips computes its crude rates."""
    return Indicator(
        id=id, fingertips_id=fingertips_id, fingertips_name=fingertips_name,
        name=f"Under {under}s conception rate",
        definition=f"Conceptions in women aged under {under} per 1,000 females aged {ages} "
        f"in a calendar year (year of conception).",
        numerator=f"Conceptions (pregnancies leading to a maternity or a legal abortion) to "
        f"women aged under {under} at conception, by area of usual residence.",
        denominator=f"Female mid-year population aged {ages}.",
        multiplier=1000, unit=f"per 1,000 females aged {ages}", value_type="Crude rate",
        polarity="Low is good", ci_method="poisson", benchmark_method=BENCHMARK_95,
        period_type="Calendar", frequency="annually", year_range=1,
        source_table="conceptions", period_basis="calendar year of conception",
        sex="Female", age=age_label,
        data_quality="Conceptions and populations must be whole numbers; conceptions may "
        "not exceed the population; maternities + abortions must equal conceptions where "
        "both are given.",
        disclosure="ONS suppresses small counts of conceptions leading to abortion; "
        "suppressed counts are kept as missing, never zero.",
        source=_SOURCE, caveats=caveats,
        rationale="Babies of teenage mothers have higher infant mortality, low birth weight "
        "and sudden infant death rates; reducing teenage conceptions was one of the "
        "Department of Health's modelled contributions to narrowing the infant mortality "
        "gap.",
        short_name=f"the under-{under} conception rate",
    )


UNDER_18_CONCEPTIONS = _conception_rate(
    "conceptions_under_18", 20401, 18, "15-17", "<18 yrs",
    "All conceptions under 18 are counted but the denominator is women aged 15-17. ONS "
    "publishes conceptions about 18 months after the year ends.",
    fingertips_name="Conception rate in females aged 17 years and under",
)
UNDER_16_CONCEPTIONS = _conception_rate(
    "conceptions_under_16", None, 16, "13-15", "<16 yrs",
    "All conceptions under 16 are counted but the denominator is girls aged 13-15. Counts "
    "are small in most areas; read single years with their confidence intervals.",
)

CONCEPTION_INDICATORS: tuple[Indicator, ...] = (UNDER_18_CONCEPTIONS, UNDER_16_CONCEPTIONS)
