"""Catalogue entries for risk factors around birth: smoking, feeding, birth weight."""

from __future__ import annotations

from dataclasses import replace

from indicators.catalogue.model import (
    NO_COMPARISON,
    DataQualityMeasure,
    Indicator,
    Target,
    proportion,
)

SMOKING = proportion(
    id="smoking_delivery", fingertips_id=93085,
    name="Smoking status at time of delivery",
    definition="Mothers known to be smokers at the time of delivery as a percentage of all "
    "maternities with known smoking status.",
    numerator="Maternities where the mother was known to smoke at the time of delivery.",
    denominator="Maternities with known smoking status (smokers + non-smokers); maternities "
    "with status not known are excluded.",
    polarity="Low is good", source_table="satod",
    period_basis="financial year of delivery", sex="Female", age="All ages",
    data_quality="Smoking status not known should be below 5% of maternities: values are "
    "flagged at 5% or more and the area named at 10% or more. Smokers + non-smokers + status "
    "not known must equal maternities.",
    disclosure="Counts are whole numbers as supplied; suppressed counts are kept as missing.",
    source="NHS England: Statistics on Women's Smoking Status at Time of Delivery (SATOD) "
    "quarterly returns by sub-ICB location, mapped to local authority; local extract.",
    caveats="Since 2017/18 (current Fingertips method) the denominator excludes maternities "
    "with unknown status, so values are not comparable with the older method that counted "
    "unknowns as non-smokers. A high share of unknowns can bias the value either way.",
    rationale="Smoking in pregnancy raises the risk of stillbirth, low birth weight and sudden "
    "unexpected death in infancy.",
    target=Target(6.0, "at_or_below", "National ambition: 6% or less",
                  "Tobacco Control Plan for England (2017)", period="2022/23",
                  baseline_period="2016/17"),
    dq_measure=DataQualityMeasure("% smoking status not known", flag_at=5.0, name_at=10.0),
    short_name="smoking at delivery",
)

SMOKING_QUARTERLY = replace(
    SMOKING, id="smoking_delivery_quarterly", fingertips_id=None,
    name="Smoking status at time of delivery (quarterly)", frequency="quarterly",
    period_basis="financial year quarter of delivery",
    caveats=SMOKING.caveats + " Quarterly values rest on small counts and are seasonal.",
)

FIRST_FEED = proportion(
    id="first_feed_breastmilk", fingertips_id=93932,
    name="Baby's first feed breastmilk",
    definition="Babies whose first feed was breastmilk as a percentage of babies with a known "
    "first feed.",
    numerator="Babies whose first feed was breastmilk (including expressed breastmilk).",
    denominator="Babies whose first feed type is known.",
    polarity="High is good", source_table="breastfeeding",
    period_basis="financial year of the 6-8 week review or birth", sex="Persons",
    age="Newborn",
    data_quality="First feed breastmilk may not exceed births with a known first feed.",
    disclosure="Suppressed counts are kept as missing.",
    source="NHS England: Maternity Services Data Set (MSDS); local extract.",
    caveats="Completeness of first-feed recording varies by maternity provider.",
    rationale="Breastmilk as the first feed protects against infection and is associated with "
    "a lower risk of sudden infant death.",
)

BREASTFEEDING = proportion(
    id="breastfeeding_6_8_weeks", fingertips_id=92517,
    name="Breastfeeding prevalence at 6 to 8 weeks after birth",
    definition="Infants totally or partially breastfed at their 6-8 week review as a "
    "percentage of infants due a 6-8 week review whose breastfeeding status is known.",
    numerator="Infants totally breastfed + infants partially breastfed.",
    denominator="Infants due a 6-8 week review with known breastfeeding status (totally + "
    "partially + not breastfed).",
    polarity="High is good", source_table="breastfeeding",
    period_basis="financial year of the 6-8 week review or birth", sex="Persons",
    age="6-8 weeks",
    data_quality="Coverage (status known as a share of infants due a review) should be at "
    "least 95%: values are flagged when status is not known for 5% or more.",
    disclosure="Suppressed counts are kept as missing.",
    source="Office for Health Improvement and Disparities: breastfeeding at 6 to 8 weeks, "
    "health visitor returns; local extract.",
    caveats="Values with low coverage may not represent all infants; Fingertips withholds "
    "values that fail its coverage checks.",
    rationale="Breastfeeding protects infants against infection and is associated with a "
    "lower risk of sudden infant death.",
    dq_measure=DataQualityMeasure("% breastfeeding status not known", flag_at=5.0,
                                  name_at=10.0),
)

BREASTFEEDING_COVERAGE = replace(
    BREASTFEEDING, id="breastfeeding_6_8_weeks_coverage", fingertips_id=None,
    name="Breastfeeding status recorded at 6 to 8 weeks (coverage)",
    definition="Infants due a 6-8 week review whose breastfeeding status is known, as a "
    "percentage of all infants due a 6-8 week review.",
    numerator="Infants with known breastfeeding status (totally + partially + not breastfed).",
    denominator="Infants due a 6-8 week review.",
    benchmark_method=NO_COMPARISON,
    caveats="A data-quality measure: the 95% standard is the national publication check.",
    rationale="Shows whether the breastfeeding prevalence can be relied on.",
    dq_measure=None,
)

LOW_BIRTH_WEIGHT = proportion(
    id="low_birth_weight_term", fingertips_id=20101,
    name="Low birth weight of term babies",
    definition="Live births with a recorded birth weight under 2,500g and a gestational age of "
    "at least 37 complete weeks as a percentage of all live births with a recorded birth "
    "weight and a gestational age of at least 37 complete weeks.",
    numerator="Term live births (37+ weeks) weighing under 2,500g.",
    denominator="Term live births (37+ weeks) with a recorded birth weight.",
    polarity="Low is good", period_type="Calendar", source_table="births_deaths",
    period_basis="calendar year of birth or death registration", sex="Persons",
    age=">=37 weeks gestational age at birth",
    data_quality="Low birth weight births may not exceed term births with known weight.",
    disclosure="ONS suppresses small counts; suppressed counts are kept as missing.",
    source="Office for National Statistics: birth registrations linked to NHS birth "
    "notifications (birth characteristics, table 7); local extract.",
    caveats="Only computed where the births extract carries term_births_weight_known and "
    "term_low_birth_weight.",
    rationale="Low birth weight at term reflects growth restriction, strongly linked to "
    "smoking in pregnancy, and predicts poorer infant health.",
)

MATERNITY_INDICATORS: tuple[Indicator, ...] = (
    SMOKING,
    SMOKING_QUARTERLY,
    FIRST_FEED,
    BREASTFEEDING,
    BREASTFEEDING_COVERAGE,
    LOW_BIRTH_WEIGHT,
)
