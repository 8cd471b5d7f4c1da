"""Catalogue entries for infant, neonatal and post-neonatal mortality and stillbirths.

Each rate comes as an annual series and a 3-year pooled series (counts and births summed
over the three years, as Fingertips publishes infant mortality, 92196).

Fingertips IDs are set only where a source names the ID together with the indicator. For
the neonatal, post-neonatal and stillbirth rates none of the stored sources (Fingertips
metadata extract, fingertipsR and Fingertips API documentation, the project's reference
data) does, so their `fingertips_id` stays None and they export under our id.
"""

from __future__ import annotations

from dataclasses import replace

from indicators.catalogue.model import (
    BENCHMARK_95,
    ETHNIC_GROUPS,
    ETHNIC_NOT_KNOWN,
    Indicator,
)

ONS_SOURCE = (
    "Office for National Statistics: births and linked infant deaths by area of usual "
    "residence of the mother (child mortality tables, Table 3); local extract."
)
ONS_DISCLOSURE = (
    "ONS does not calculate rates from fewer than 3 deaths (':') and flags rates from 3 to "
    "19 deaths as of low reliability ('u'). Counts suppressed in an extract are kept as "
    "missing, never zero, and their rates are not calculated."
)
ONS_QUALITY = (
    "Live births and deaths must be whole numbers; deaths may not exceed births; "
    "neonatal + post-neonatal deaths should equal infant deaths."
)
IMD_QUINTILES = (
    "1 - most deprived",
    "2",
    "3",
    "4",
    "5 - least deprived",
)


def pooled(
    annual: Indicator, new_id: str, fingertips_id: int | None = None,
    fingertips_name: str | None = None,
) -> Indicator:
    """The 3-year pooled twin of an annual rate: same definition over three years."""
    return replace(
        annual,
        id=new_id,
        fingertips_id=fingertips_id,
        fingertips_name=fingertips_name,
        name=f"{annual.name} (3 years pooled)",
        definition=annual.definition.replace("in a calendar year", "in three consecutive "
                                             "calendar years, counts and births summed"),
        year_range=3,
        pooled_from=annual.id,
        caveats=annual.caveats + " Pooled periods overlap (2019 - 21, 2020 - 22, ...), so "
        "consecutive values share two years of data.",
    )


def _rate(
    id: str, name: str, definition: str, numerator: str, denominator: str, unit: str,
    age: str, caveats: str, rationale: str, table: str = "births_deaths",
    category_type: str = "", categories: tuple[str, ...] = (),
) -> Indicator:
    return Indicator(
        id=id, fingertips_id=None, name=name, definition=definition, numerator=numerator,
        denominator=denominator, multiplier=1000, unit=unit, value_type="Crude rate",
        polarity="Low is good", ci_method="poisson", benchmark_method=BENCHMARK_95,
        period_type="Calendar", frequency="annually", year_range=1, source_table=table,
        period_basis="calendar year of birth or death registration", sex="Persons", age=age,
        data_quality=ONS_QUALITY, disclosure=ONS_DISCLOSURE, source=ONS_SOURCE,
        caveats=caveats, rationale=rationale, category_type=category_type,
        categories=categories,
    )


INFANT = _rate(
    "infant_mortality", "Infant mortality rate",
    "Deaths of infants aged under 1 year per 1,000 live births in a calendar year.",
    "Deaths of infants under 1 year of age, by area of usual residence of the mother.",
    "Live births to mothers usually resident in the area.",
    "per 1,000 live births", "<1 yr",
    "Annual rates for a single local authority rest on small counts and vary a great deal "
    "from year to year; read them with their confidence intervals.",
    "Infant mortality reflects the health of mothers and babies and the quality of "
    "maternity and early-years care; it is strongly patterned by deprivation.",
)
NEONATAL = _rate(
    "neonatal_mortality", "Neonatal mortality rate",
    "Deaths of infants aged under 28 days per 1,000 live births in a calendar year.",
    "Deaths under 28 days of age.", "Live births.", "per 1,000 live births", "<28 days",
    "Most infant deaths are neonatal; extreme prematurity and congenital anomalies "
    "dominate the causes.",
    "Neonatal deaths track the quality of care around birth.",
)
POSTNEONATAL = _rate(
    "postneonatal_mortality", "Post-neonatal mortality rate",
    "Deaths of infants aged 28 days to under 1 year per 1,000 live births in a calendar year.",
    "Deaths at 28 days to under 1 year of age.", "Live births.", "per 1,000 live births",
    "28 days to <1 yr",
    "Counts are small in most local areas; the 3-year pooled series is steadier.",
    "Post-neonatal deaths include most sudden unexpected deaths in infancy, which are "
    "linked to smoking and unsafe sleep and are the most preventable.",
)
STILLBIRTH = _rate(
    "stillbirth_rate", "Stillbirth rate",
    "Stillbirths (born after 24 weeks of pregnancy showing no signs of life) per 1,000 total "
    "births (live births + stillbirths) in a calendar year.",
    "Stillbirths.", "Total births: live births plus stillbirths.", "per 1,000 total births",
    "All ages",
    "The denominator is total births, not live births.",
    "Stillbirths are a national ambition to halve by 2025 (from 2010) and share many risk "
    "factors with infant deaths.",
)
INFANT_IMD = _rate(
    "infant_mortality_imd", "Infant mortality rate by deprivation quintile",
    "Deaths of infants aged under 1 year per 1,000 live births in a calendar year, by "
    "IMD quintile of the mother's area of residence (quintile 1 = most deprived).",
    "Infant deaths in each IMD quintile.", "Live births in each IMD quintile.",
    "per 1,000 live births", "<1 yr",
    "Quintiles follow ONS and Fingertips (1 = most deprived). The National Child Mortality "
    "Database numbers deciles the other way round.",
    "Shows the gap between the most and least deprived communities.",
    table="deprivation", category_type="IMD quintile", categories=IMD_QUINTILES,
)
INFANT_ETHNIC = _rate(
    "infant_mortality_ethnic", "Infant mortality rate by ethnic group",
    "Deaths of infants aged under 1 year per 1,000 live births in a calendar year, by the "
    "baby's ethnic group (ONS 2021 census high-level groups).",
    "Infant deaths in each ethnic group.", "Live births in each ethnic group.",
    "per 1,000 live births", "<1 yr",
    "Ethnic group as recorded at birth registration or in maternity and child health "
    "records; records without one are shown as Not known, whose size limits what the other "
    "groups' rates can say. Counts for most groups in one area are small: read the 3-year "
    "pooled series (as ONS pools years for small numbers) and the confidence intervals.",
    "Infant mortality differs markedly between ethnic groups nationally; the local rates "
    "show whether services reach every community.",
    table="births_deaths_ethnicity", category_type="Ethnic group",
    categories=(*ETHNIC_GROUPS, ETHNIC_NOT_KNOWN),
)

MORTALITY_INDICATORS: tuple[Indicator, ...] = (
    INFANT,
    pooled(INFANT, "infant_mortality_3yr", 92196, "Infant mortality rate"),
    NEONATAL,
    pooled(NEONATAL, "neonatal_mortality_3yr"),
    POSTNEONATAL,
    pooled(POSTNEONATAL, "postneonatal_mortality_3yr"),
    STILLBIRTH,
    pooled(STILLBIRTH, "stillbirth_rate_3yr"),
    INFANT_IMD,
    pooled(INFANT_IMD, "infant_mortality_imd_3yr"),
    INFANT_ETHNIC,
    pooled(INFANT_ETHNIC, "infant_mortality_ethnic_3yr"),
)
