"""Catalogue entries computed from child death review (CDOP) records.

Infants are children who died before their first birthday (age_at_death_days < 365).
Reviews are counted in the financial year the review was completed, as CDOP annual reports
and the National Child Mortality Database count them; the SUDI rate uses the calendar year
of death so that it lines up with live births.
"""

from __future__ import annotations

from dataclasses import replace

from indicators.catalogue.model import BENCHMARK_95, NO_COMPARISON, Indicator

# Hierarchical categories used by CDOPs (Child Death Review Statutory Guidance, 2018).
DEATH_CATEGORIES = {
    1: "1 - Deliberately inflicted injury, abuse or neglect",
    2: "2 - Suicide or deliberate self-inflicted harm",
    3: "3 - Trauma and other external factors",
    4: "4 - Malignancy",
    5: "5 - Acute medical or surgical condition",
    6: "6 - Chronic medical condition",
    7: "7 - Chromosomal, genetic and congenital anomalies",
    8: "8 - Perinatal/neonatal event",
    9: "9 - Infection",
    10: "10 - Sudden unexpected, unexplained death",
}

# Factor flag column in the cdop extract -> (indicator id suffix, words).
FACTORS = {
    "factor_smoking": ("smoking", "smoking by a parent or carer"),
    "factor_co_sleeping": ("co_sleeping", "co-sleeping"),
    "factor_safeguarding": ("safeguarding", "safeguarding concerns"),
    "factor_alcohol_drugs": ("alcohol_drugs", "parental alcohol or drug misuse"),
    "factor_domestic_abuse": ("domestic_abuse", "domestic abuse"),
}

CDOP_SOURCE = "Local Child Death Overview Panel (CDOP) review records; local extract."
CDOP_DISCLOSURE = (
    "Record-level data about individual children: only aggregates are shown, counts from 1 "
    "to 4 (configurable) are suppressed, and a second count is suppressed where needed so "
    "that a suppressed count cannot be worked out from a total."
)
CDOP_QUALITY = (
    "Each review must have a category (1-10) and a modifiable-factors decision; "
    "review_closed_date may not be before date_of_death."
)
CDOP_CAVEAT = (
    "Reviews can take more than a year to complete, so the latest year is incomplete and "
    "counts are small; read them as a description of reviewed deaths, not as rates of "
    "risk."
)

REVIEWS = Indicator(
    id="cdop_infant_reviews", fingertips_id=None, name="Infant deaths reviewed",
    definition="Child death reviews completed in the financial year for children who died "
    "before their first birthday.",
    numerator="Completed reviews of infant deaths (age at death under 365 days).",
    denominator="None (a count).",
    multiplier=1, unit="deaths", value_type="Count", polarity="No judgement",
    ci_method="none", benchmark_method=NO_COMPARISON, period_type="Financial",
    frequency="annually", year_range=1, source_table="cdop",
    period_basis="financial year the child death review was completed", sex="Persons",
    age="<1 yr", data_quality=CDOP_QUALITY, disclosure=CDOP_DISCLOSURE, source=CDOP_SOURCE,
    caveats=CDOP_CAVEAT, rationale="The volume of review work and the base for every other "
    "review measure.",
)

MODIFIABLE = replace(
    REVIEWS, id="cdop_infant_modifiable", name="Reviewed infant deaths with modifiable factors",
    definition="Completed infant death reviews that identified modifiable factors as a "
    "percentage of completed infant death reviews that reached a yes/no decision.",
    numerator="Reviews with modifiable factors = 'Y'.",
    denominator="Reviews with modifiable factors 'Y' or 'N'; reviews recorded as "
    "'Insufficient information' are excluded.",
    multiplier=100, unit="%", value_type="Proportion", ci_method="wilson",
    benchmark_method=BENCHMARK_95,
    rationale="Modifiable factors are those which, by means of nationally or locally "
    "achievable interventions, could be changed to reduce the risk of future child deaths.",
)

BY_CATEGORY = replace(
    MODIFIABLE, id="cdop_infant_deaths_by_category", name="Reviewed infant deaths by category",
    definition="Completed infant death reviews in each category of death as a percentage of "
    "all completed infant death reviews.",
    numerator="Reviews in the category.", denominator="All completed infant death reviews.",
    category_type="Category of death", categories=tuple(DEATH_CATEGORIES.values()),
    rationale="Shows which causes dominate locally.",
)

SUDI_RATE = Indicator(
    id="cdop_sudi_rate", fingertips_id=None,
    name="Sudden unexpected deaths in infancy (reviewed) per 1,000 live births",
    definition="Reviewed infant deaths categorised as sudden unexpected, unexplained death "
    "(category 10) per 1,000 live births, by calendar year of death.",
    numerator="Completed reviews of infant deaths in category 10, by year of death.",
    denominator="Live births in the same calendar year (births extract).",
    multiplier=1000, unit="per 1,000 live births", value_type="Crude rate",
    polarity="Low is good", ci_method="poisson", benchmark_method=BENCHMARK_95,
    period_type="Calendar", frequency="annually", year_range=1, source_table="cdop",
    period_basis="calendar year of death", sex="Persons", age="<1 yr",
    data_quality=CDOP_QUALITY, disclosure=CDOP_DISCLOSURE, source=CDOP_SOURCE + " Live "
    "births from the births extract.",
    caveats=CDOP_CAVEAT + " Deaths whose review is still open are not yet counted.",
    rationale="Sudden unexpected deaths in infancy are linked to smoking and unsafe sleep and "
    "are the focus of safer-sleep work.",
)


def _factor(column: str) -> Indicator:
    slug, words = FACTORS[column]
    return replace(
        MODIFIABLE, id=f"cdop_factor_{slug}",
        name=f"Reviewed infant deaths with {words} identified",
        definition=f"Completed infant death reviews that identified {words} as a factor, as a "
        "percentage of completed infant death reviews where the factor was recorded (Y/N).",
        numerator=f"Reviews with {column} = 'Y'.",
        denominator=f"Reviews with {column} 'Y' or 'N' (blank = not recorded, excluded).",
        rationale=f"How often {words} features in local infant deaths.",
    )


CHILD_DEATH_INDICATORS: tuple[Indicator, ...] = (
    REVIEWS,
    MODIFIABLE,
    BY_CATEGORY,
    SUDI_RATE,
    *(_factor(column) for column in FACTORS),
)
