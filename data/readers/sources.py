"""The extract types of design section 3: their columns, what each column holds,
the spellings accepted in headers, the rules across a row, and the key columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .rules import AREA_RULES, RowRule, at_most, given_with, not_before, parts_sum


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str  # a key of cells.KINDS
    required: bool = True  # the column must be in the header
    blank_ok: bool = True  # a cell may be blank (numbers: missing with a note)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    rules: tuple[RowRule, ...] = ()
    # column groups of which a file may leave out a whole block (breastfeeding)
    blocks: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    # the key rows are stored under, when it differs from the one checked for duplicates
    # (action plans store a short reference to the action's text, not the text)
    stored_key: tuple[str, ...] = ()
    # dates and periods may lie years ahead (a plan's targets and due dates), so the
    # readers' "no later than a year from today" rule does not apply
    looks_ahead: bool = False

    def column(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, kind: str, *aliases: str, required: bool = True, blank_ok: bool = True):
    return ColumnSpec(name, kind, required, blank_ok, aliases)


def _key(name: str, kind: str, *aliases: str) -> ColumnSpec:
    return ColumnSpec(name, kind, True, False, aliases)


_AREA_CODE = _key("area_code", "code", "areacode", "code", "gss_code", "area", "la_code",
                  "lad_code", "utla_code", "geography_code")

AREAS = TableSpec("areas", (
    _AREA_CODE,
    _key("area_name", "text", "areaname", "name"),
    _key("area_type", "area_type", "areatype", "type", "geography"),
    _c("parent_code", "code", "parentcode", "parent", "parent_area_code", "parent_area"),
), key=("area_code",), rules=AREA_RULES)

_BIRTH_COUNTS = ("live_births", "stillbirths", "infant_deaths", "neonatal_deaths",
                 "postneonatal_deaths")
_DEATH_RULES = (
    parts_sum("infant_deaths", ("neonatal_deaths", "postneonatal_deaths")),
    at_most("infant_deaths", "live_births"),
    at_most("neonatal_deaths", "live_births"),
)

BIRTHS_DEATHS = TableSpec("births_deaths", (
    _AREA_CODE,
    _key("year", "year", "calendar_year", "period", "time_period"),
    _c("live_births", "count", "births"),
    _c("stillbirths", "count", "still_births"),
    _c("infant_deaths", "count", "infant_mortality"),
    _c("neonatal_deaths", "count"),
    _c("postneonatal_deaths", "count", "post_neonatal_deaths"),
    _c("term_births_weight_known", "count", required=False),
    _c("term_low_birth_weight", "count", "term_low_birthweight", required=False),
), key=("area_code", "year"), rules=(
    *_DEATH_RULES,
    at_most("term_low_birth_weight", "term_births_weight_known"),
    at_most("term_births_weight_known", "live_births"),
))

SATOD = TableSpec("satod", (
    _AREA_CODE,
    _key("period", "financial_period", "time_period", "year", "quarter"),
    _c("maternities", "count", "total_maternities"),
    _c("smokers", "count", "smoker", "smokers_at_delivery"),
    _c("non_smokers", "count", "nonsmokers", "non_smoker"),
    _c("status_unknown", "count", "unknown", "smoking_status_unknown", "not_known"),
), key=("area_code", "period"), rules=(
    parts_sum("maternities", ("smokers", "non_smokers", "status_unknown")),
    at_most("smokers", "maternities"),
))

# Maternity services data at booking (e.g. the Maternity Services Data Set): each of the
# three measures splits every booking into yes, no and not recorded.
_BOOKING_SPLITS = {
    "smoking": ("smokers_at_booking", "non_smokers_at_booking", "smoking_unknown_at_booking"),
    "bmi": ("bmi_30_or_over", "bmi_under_30", "bmi_unknown"),
    "gestation": ("booked_by_10_weeks", "booked_after_10_weeks", "gestation_unknown"),
}
BOOKING = TableSpec("booking", (
    _AREA_CODE,
    _key("period", "financial_period", "time_period", "year", "quarter"),
    _c("bookings", "count", "total_bookings", "maternity_bookings"),
    *(_c(name, "count") for split in _BOOKING_SPLITS.values() for name in split),
), key=("area_code", "period"), rules=tuple(
    replace(parts_sum("bookings", parts), name=f"bookings_is_sum_{measure}")
    for measure, parts in _BOOKING_SPLITS.items()))

# ONS conception statistics: conceptions to women under 18 (rate per 1,000 women aged
# 15-17) and under 16 (per 1,000 aged 13-15), by area of residence and calendar year of
# conception; maternities + abortions = conceptions where both are given.
CONCEPTIONS = TableSpec("conceptions", (
    _AREA_CODE,
    _key("year", "year", "calendar_year", "year_of_conception", "period"),
    _key("age_group", "conception_age", "age", "age_at_conception"),
    _c("conceptions", "count", "number_of_conceptions", "conceptions_number"),
    _c("female_population", "count", "population", "women", "females",
       "female_population_of_age", "denominator"),
    _c("maternities", "count", "conceptions_leading_to_maternities", required=False),
    _c("abortions", "count", "conceptions_leading_to_abortion", required=False),
), key=("area_code", "year", "age_group"), rules=(
    parts_sum("conceptions", ("maternities", "abortions")),
    at_most("conceptions", "female_population"),
))

_FIRST_FEED = ("births_first_feed_known", "first_feed_breastmilk")
_SIX_EIGHT_WEEKS = ("infants_due_review", "totally_breastfed", "partially_breastfed",
                    "not_breastfed", "status_unknown")
BREASTFEEDING = TableSpec("breastfeeding", (
    _AREA_CODE,
    _key("period", "single_period", "time_period", "year", "quarter"),
    *(_c(name, "count") for name in _FIRST_FEED + _SIX_EIGHT_WEEKS),
), key=("area_code", "period"), rules=(
    at_most("first_feed_breastmilk", "births_first_feed_known"),
    parts_sum("infants_due_review",
              ("totally_breastfed", "partially_breastfed", "not_breastfed", "status_unknown")),
), blocks=(_FIRST_FEED, _SIX_EIGHT_WEEKS))

DEPRIVATION = TableSpec("deprivation", (
    _AREA_CODE,
    _key("year", "year", "calendar_year"),
    _key("imd_quintile", "quintile", "quintile", "deprivation_quintile"),
    _c("live_births", "count", "births"),
    _c("infant_deaths", "count"),
    _c("neonatal_deaths", "count", required=False),
    _c("postneonatal_deaths", "count", "post_neonatal_deaths", required=False),
    _c("stillbirths", "count", "still_births", required=False),
), key=("area_code", "year", "imd_quintile"), rules=_DEATH_RULES)

# Live births and infant deaths by the baby's ethnic group (ONS 2021 census high-level
# groups; census or NHS wordings read as their group), by calendar year.
BIRTHS_DEATHS_ETHNICITY = TableSpec("births_deaths_ethnicity", (
    _AREA_CODE,
    _key("year", "year", "calendar_year"),
    _key("ethnic_group", "ethnic_group", "ethnicity", "ethnic_category"),
    _c("live_births", "count", "births"),
    _c("infant_deaths", "count"),
), key=("area_code", "year", "ethnic_group"), rules=(at_most("infant_deaths", "live_births"),))

_FACTORS = ("factor_smoking", "factor_co_sleeping", "factor_safeguarding", "factor_alcohol_drugs",
            "factor_domestic_abuse", "factor_maternal_obesity", "factor_consanguinity")
CDOP = TableSpec("cdop", (
    _key("case_id", "text", "case", "case_number", "id"),
    _AREA_CODE,
    _key("date_of_death", "date", "dod", "death_date"),
    _c("age_at_death_days", "measure", "age_days", "age_in_days"),
    _c("sex", "sex", "gender"),
    _c("ethnic_group", "ethnic_group", "ethnicity", required=False),
    _c("imd_quintile", "quintile", "quintile", "deprivation_quintile"),
    _c("birth_weight_grams", "measure", "birth_weight", "birthweight"),
    _c("gestation_weeks", "measure", "gestation"),
    _key("category", "cdop_category", "category_of_death", "cdop_category"),
    _c("expected", "flag", "expected_death"),
    _c("modifiable_factors", "modifiable", "modifiable"),
    _c("notified_date", "date", "date_notified"),
    _c("review_closed_date", "date", "date_closed", "closed_date"),
    *(_c(name, "flag") for name in _FACTORS),
), key=("case_id",), rules=(
    not_before("notified_date", "date_of_death"),
    not_before("review_closed_date", "notified_date"),
))

# the Fingertips "download data" export: its 26 columns in its order
FINGERTIPS = TableSpec("fingertips", (
    _key("indicator_id", "identifier"),
    _c("indicator_name", "text"),
    _c("parent_code", "code"),
    _c("parent_name", "text"),
    _AREA_CODE,
    _c("area_name", "text"),
    _c("area_type", "text"),
    _c("sex", "text"),
    _c("age", "text"),
    _c("category_type", "text"),
    _c("category", "text"),
    _key("time_period", "period"),
    _c("value", "number"),
    _c("lower_ci_95", "number", "lower_ci_95_0_limit"),
    _c("upper_ci_95", "number", "upper_ci_95_0_limit"),
    _c("lower_ci_998", "number", "lower_ci_99_8_limit"),
    _c("upper_ci_998", "number", "upper_ci_99_8_limit"),
    _c("count", "nonnegative"),
    _c("denominator", "nonnegative"),
    _c("value_note", "text"),
    _c("recent_trend", "text"),
    _c("compared_to_england", "text", "compared_to_england_value_or_percentiles"),
    _c("compared_to_region", "text", "compared_to_region_value_or_percentiles"),
    _c("time_period_sortable", "identifier"),
    _c("new_data", "text"),
    _c("compared_to_goal", "text"),
), key=("indicator_id", "area_code", "sex", "age", "category_type", "category", "time_period"))

ONS_IMD_DECILE = TableSpec("ons_imd_decile", (
    _AREA_CODE,
    _key("year", "year"),
    _key("imd_decile", "decile"),
    _c("live_births", "count"),
    _c("stillbirths", "count"),
    _c("neonatal_deaths", "count"),
    _c("infant_deaths", "count"),
), key=("area_code", "year", "imd_decile"), rules=(
    at_most("infant_deaths", "live_births"),
    at_most("neonatal_deaths", "infant_deaths"),
))

# A local action plan (Lancashire-style priority list, LLR-style accountability grid): one
# row per action and linked indicator; an action with no indicator leaves it blank.
ACTION_PLAN = TableSpec("action_plan", (
    _key("plan", "name", "plan_name", "action_plan_name"),
    _key("priority", "identifier", "priority_number", "priority_no", "priority_id"),
    _c("priority_title", "text", "priority_name", "issue", "theme"),
    _c("objective", "text", "detail_rationale", "rationale", required=False),
    _key("action", "text", "action_plan", "action_what_are_we_going_to_do_about_this",
         "what_are_we_going_to_do", "actions"),
    _c("outcome", "text", "outcome_wanted", "outcome_what_change_do_we_want_to_see",
       required=False),
    _key("lead", "text", "accountability", "accountability_who_is_responsible", "responsible",
         "owner", "lead_officer"),
    _c("partners", "text", required=False),
    _c("reporting", "text", "how_are_they_reporting_back", "how_progress_is_reported",
       "reporting_back", required=False),
    _c("indicator", "indicator", "indicator_id", "linked_indicator", "fingertips_id"),
    _AREA_CODE,
    _c("target_value", "number", "target", required=False),
    _c("target_period", "period_or_date", "target_date", "target_year", required=False),
    _c("target_direction", "target_direction", "direction", required=False),
    _c("baseline_period", "period_or_date", "baseline", required=False),
    _c("deep_dive_date", "date", "date_for_deep_dive", "deep_dive", required=False),
    _c("due_date", "date", "date_to_be_completed", "completion_date", "due", required=False),
    _key("status", "action_status", "rag", "rag_status", "progress_status"),
    _c("progress_note", "text", "progress", "update", "progress_update", required=False),
), key=("plan", "priority", "action", "indicator", "area_code"),
   stored_key=("plan", "priority", "action_ref", "indicator", "area_code"), looks_ahead=True, rules=(
    given_with("target_value", "target_period"),
    given_with("target_period", "target_value"),
    given_with("target_value", "indicator"),
))


# Comparator groups: each area's neighbours in rank order (DfE statistical neighbours ship
# as the default; a team loads CIPFA's or its own).
NEIGHBOURS = TableSpec("neighbours", (
    _key("group", "text", "group_name", "neighbour_group", "comparator_group"),
    _AREA_CODE,
    _key("neighbour_code", "code", "neighbour", "neighbour_area_code", "comparator_code"),
    _key("rank", "identifier", "neighbour_rank", "order", "position"),
    _c("closeness", "text", "closeness_word", "snp", required=False),
), key=("group", "area_code", "rank"))

TABLES: dict[str, TableSpec] = {spec.name: spec for spec in (
    AREAS, BIRTHS_DEATHS, SATOD, BREASTFEEDING, DEPRIVATION, CDOP, FINGERTIPS, ONS_IMD_DECILE,
    ACTION_PLAN, NEIGHBOURS, BOOKING, CONCEPTIONS, BIRTHS_DEATHS_ETHNICITY)}

SOURCE_TYPES = ("areas", "births_deaths", "satod", "breastfeeding", "deprivation", "cdop",
                "fingertips", "ons_child_mortality", "action_plan", "neighbours", "booking",
                "conceptions", "births_deaths_ethnicity")

KEY_COLUMNS: dict[str, list[str]] = {name: list(spec.stored_key or spec.key)
                                     for name, spec in TABLES.items()}


def normalise_header(text: str) -> str:
    """'Lower CI 95.0 limit' -> 'lower_ci_95_0_limit'; 'AreaCode' -> 'areacode'."""
    return "_".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def spellings(spec: TableSpec) -> dict[str, str]:
    """Every accepted header spelling (normalised) -> its canonical column."""
    lookup: dict[str, str] = {}
    for column in spec.columns:
        for spelling in (column.name, *column.aliases):
            lookup.setdefault(normalise_header(spelling), column.name)
    return lookup


def column_names(spec: TableSpec, header: Iterable[str]) -> dict[str, str]:
    """Map each header cell the spec knows to its canonical column (first match wins)."""
    lookup = spellings(spec)
    found: dict[str, str] = {}
    for cell in header:
        canonical = lookup.get(normalise_header(cell))
        if canonical and canonical not in found.values():
            found[cell] = canonical
    return found


def _required_present(spec: TableSpec, names: set[str]) -> bool:
    required = {c.name for c in spec.columns if c.required}
    for block in spec.blocks:  # a file may leave out a whole block, but not all of them
        required -= set(block)
    if spec.blocks and not any(set(block) <= names for block in spec.blocks):
        return False
    return required <= names


def detect_source(header: Iterable[str]) -> str | None:
    """The extract type whose required columns are all in ``header``; when several
    fit, the one that recognises most columns. None if no type fits, or a tie."""
    header = list(header)
    scores: dict[str, int] = {}
    for name in SOURCE_TYPES:
        spec = TABLES.get(name)
        if spec is None:
            continue
        names = set(column_names(spec, header).values())
        if _required_present(spec, names):
            scores[name] = len(names)
    if not scores:
        return None
    best = max(scores.values())
    winners = [name for name, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None


def closest_source(header: Iterable[str]) -> str | None:
    """For a header that fits no type exactly: the one type whose required columns
    it mostly has (at least half, and more than any other type), so that the missing
    columns can be named. None if no type is that close."""
    header = list(header)
    shares: dict[str, float] = {}
    for name in SOURCE_TYPES:
        spec = TABLES.get(name)
        if spec is None:
            continue
        required = {c.name for c in spec.columns if c.required}
        found = set(column_names(spec, header).values()) & required
        shares[name] = len(found) / len(required)
    best = max(shares.values(), default=0.0)
    winners = [name for name, share in shares.items() if share == best]
    return winners[0] if best >= 0.5 and len(winners) == 1 else None
