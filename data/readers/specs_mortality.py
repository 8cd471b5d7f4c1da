"""Extract specs for the areas and the mortality families: births and deaths by area,
by deprivation quintile (local) and by IMD decile (ONS), and CDOP child-death reviews."""

from __future__ import annotations

from .rules import AREA_RULES, at_most, not_before, parts_sum
from .table_spec import AREA_CODE_COLUMN, TableSpec, column, key_column

AREAS = TableSpec("areas", (
    AREA_CODE_COLUMN,
    key_column("area_name", "text", "areaname", "name"),
    key_column("area_type", "area_type", "areatype", "type", "geography"),
    column("parent_code", "code", "parentcode", "parent", "parent_area_code", "parent_area"),
), key=("area_code",), rules=AREA_RULES)

_DEATH_RULES = (
    parts_sum("infant_deaths", ("neonatal_deaths", "postneonatal_deaths")),
    at_most("infant_deaths", "live_births"),
    at_most("neonatal_deaths", "live_births"),
)

BIRTHS_DEATHS = TableSpec("births_deaths", (
    AREA_CODE_COLUMN,
    key_column("year", "year", "calendar_year", "period", "time_period"),
    column("live_births", "count", "births"),
    column("stillbirths", "count", "still_births"),
    column("infant_deaths", "count", "infant_mortality"),
    column("neonatal_deaths", "count"),
    column("postneonatal_deaths", "count", "post_neonatal_deaths"),
    column("term_births_weight_known", "count", required=False),
    column("term_low_birth_weight", "count", "term_low_birthweight", required=False),
), key=("area_code", "year"), rules=(
    *_DEATH_RULES,
    at_most("term_low_birth_weight", "term_births_weight_known"),
    at_most("term_births_weight_known", "live_births"),
))

DEPRIVATION = TableSpec("deprivation", (
    AREA_CODE_COLUMN,
    key_column("year", "year", "calendar_year"),
    key_column("imd_quintile", "quintile", "quintile", "deprivation_quintile"),
    column("live_births", "count", "births"),
    column("infant_deaths", "count"),
    column("neonatal_deaths", "count", required=False),
    column("postneonatal_deaths", "count", "post_neonatal_deaths", required=False),
    column("stillbirths", "count", "still_births", required=False),
), key=("area_code", "year", "imd_quintile"), rules=_DEATH_RULES)

# Live births and infant deaths by the baby's ethnic group (ONS 2021 census high-level
# groups; census or NHS wordings read as their group), by calendar year.
BIRTHS_DEATHS_ETHNICITY = TableSpec("births_deaths_ethnicity", (
    AREA_CODE_COLUMN,
    key_column("year", "year", "calendar_year"),
    key_column("ethnic_group", "ethnic_group", "ethnicity", "ethnic_category"),
    column("live_births", "count", "births"),
    column("infant_deaths", "count"),
), key=("area_code", "year", "ethnic_group"), rules=(at_most("infant_deaths", "live_births"),))

# the CDOP modifiable-factor flags, one column each
CDOP_FACTORS = ("factor_smoking", "factor_co_sleeping", "factor_safeguarding", "factor_alcohol_drugs",
            "factor_domestic_abuse", "factor_maternal_obesity", "factor_consanguinity")
CDOP = TableSpec("cdop", (
    key_column("case_id", "text", "case", "case_number", "id"),
    AREA_CODE_COLUMN,
    key_column("date_of_death", "date", "dod", "death_date"),
    column("age_at_death_days", "measure", "age_days", "age_in_days"),
    column("sex", "sex", "gender"),
    column("ethnic_group", "ethnic_group", "ethnicity", required=False),
    column("imd_quintile", "quintile", "quintile", "deprivation_quintile"),
    column("birth_weight_grams", "measure", "birth_weight", "birthweight"),
    column("gestation_weeks", "measure", "gestation"),
    key_column("category", "cdop_category", "category_of_death", "cdop_category"),
    column("expected", "flag", "expected_death"),
    column("modifiable_factors", "modifiable", "modifiable"),
    column("notified_date", "date", "date_notified"),
    column("review_closed_date", "date", "date_closed", "closed_date"),
    *(column(name, "flag") for name in CDOP_FACTORS),
), key=("case_id",), rules=(
    not_before("notified_date", "date_of_death"),
    not_before("review_closed_date", "notified_date"),
))

ONS_IMD_DECILE = TableSpec("ons_imd_decile", (
    AREA_CODE_COLUMN,
    key_column("year", "year"),
    key_column("imd_decile", "decile"),
    column("live_births", "count"),
    column("stillbirths", "count"),
    column("neonatal_deaths", "count"),
    column("infant_deaths", "count"),
), key=("area_code", "year", "imd_decile"), rules=(
    at_most("infant_deaths", "live_births"),
    at_most("neonatal_deaths", "infant_deaths"),
))
