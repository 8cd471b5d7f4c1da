"""National levels the sample is drawn around (England), by year.

Rounded to the scale of published figures: ONS live births in England (about
687,000 in 2010 falling to about 564,000 in 2023), infant mortality near 4 per
1,000 falling towards 3.6, stillbirths near 4.5 per 1,000 total births, smoking at
delivery falling from about 13% to about 7%, breast milk first feed about 72-74%
and breastfeeding prevalence at 6-8 weeks about 46-49%.
"""

from __future__ import annotations

from datetime import date

FIRST_YEAR = 2010

# England live births (ONS, rounded to the nearest thousand); later years hold the last level.
ENGLAND_LIVE_BIRTHS = {
    2010: 687_000, 2011: 688_000, 2012: 694_000, 2013: 665_000, 2014: 661_000,
    2015: 664_000, 2016: 663_000, 2017: 646_000, 2018: 626_000, 2019: 610_000,
    2020: 586_000, 2021: 596_000, 2022: 578_000, 2023: 564_000, 2024: 568_000,
    2025: 561_000,
}  # fmt: skip


def default_last_year(today: date | None = None) -> int:
    """The last complete calendar year before `today`."""
    return (today or date.today()).year - 1


def _progress(year: int, span: int = 15) -> float:
    """0 in 2010 rising linearly to 1 after `span` years, then flat."""
    return min(1.0, max(0.0, (year - FIRST_YEAR) / span))


def births_index(year: int) -> float:
    """England live births in `year` relative to 2019."""
    known = ENGLAND_LIVE_BIRTHS.get(year, ENGLAND_LIVE_BIRTHS[max(ENGLAND_LIVE_BIRTHS)])
    return known / ENGLAND_LIVE_BIRTHS[2019]


def infant_mortality(year: int) -> float:
    """England infant deaths per 1,000 live births: 4.0 in 2010 falling to 3.6 by 2025."""
    return 4.0 - 0.4 * _progress(year)


def stillbirth_rate(year: int) -> float:
    """England stillbirths per 1,000 total births: 4.6 in 2010 falling to 3.8."""
    return 4.6 - 0.8 * _progress(year)


def smoking_at_delivery(fy_start: int) -> float:
    """England share of mothers known to smoke at delivery: 13% in 2010/11 to 7.5%."""
    return 0.13 - 0.055 * _progress(fy_start, span=14)


def first_feed_breastmilk(fy_start: int) -> float:
    return 0.74 - 0.02 * _progress(fy_start)


def breastfed_6_8_weeks(fy_start: int) -> float:
    """Share of infants with known status totally or partially breastfed at 6-8 weeks."""
    return 0.46 + 0.03 * _progress(fy_start)


NEONATAL_SHARE = 0.70  # of infant deaths, under 28 days
TERM_WEIGHT_KNOWN_SHARE = 0.925  # term (37+ weeks) live births with a recorded weight


def under_18_conceptions(year: int) -> float:
    """England conceptions per 1,000 females aged 15-17: 35 in 2010 falling to 13 by 2021,
    then flat (the shape of ONS's published series)."""
    return 35.0 - 22.0 * _progress(year, span=11)


def under_16_conceptions(year: int) -> float:
    """England conceptions per 1,000 females aged 13-15: 6.1 in 2010 falling to 2.0."""
    return 6.1 - 4.1 * _progress(year, span=11)


def booking_smoking(fy_start: int) -> float:
    """England share of women smoking at booking: 16% in 2010/11 falling to 10%."""
    return 0.16 - 0.06 * _progress(fy_start, span=14)


def booking_obesity(fy_start: int) -> float:
    """England share of women with a BMI of 30 or over at booking: 19% rising to 26%."""
    return 0.19 + 0.07 * _progress(fy_start)


def booking_by_10_weeks(fy_start: int) -> float:
    """England share of women booked by 10 weeks: 50% in 2010/11 rising to 60%."""
    return 0.50 + 0.10 * _progress(fy_start)
