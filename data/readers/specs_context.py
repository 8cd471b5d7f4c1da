"""Extract specs for what gives local counts their context: the published Fingertips
export, the team's action plans and its comparator (neighbour) groups."""

from __future__ import annotations

from .rules import given_with
from .table_spec import AREA_CODE_COLUMN, TableSpec, column, key_column

# the Fingertips "download data" export: its 26 columns in its order
FINGERTIPS = TableSpec("fingertips", (
    key_column("indicator_id", "identifier"),
    column("indicator_name", "text"),
    column("parent_code", "code"),
    column("parent_name", "text"),
    AREA_CODE_COLUMN,
    column("area_name", "text"),
    column("area_type", "text"),
    column("sex", "text"),
    column("age", "text"),
    column("category_type", "text"),
    column("category", "text"),
    key_column("time_period", "period"),
    column("value", "number"),
    column("lower_ci_95", "number", "lower_ci_95_0_limit"),
    column("upper_ci_95", "number", "upper_ci_95_0_limit"),
    column("lower_ci_998", "number", "lower_ci_99_8_limit"),
    column("upper_ci_998", "number", "upper_ci_99_8_limit"),
    column("count", "nonnegative"),
    column("denominator", "nonnegative"),
    column("value_note", "text"),
    column("recent_trend", "text"),
    column("compared_to_england", "text", "compared_to_england_value_or_percentiles"),
    column("compared_to_region", "text", "compared_to_region_value_or_percentiles"),
    column("time_period_sortable", "identifier"),
    column("new_data", "text"),
    column("compared_to_goal", "text"),
), key=("indicator_id", "area_code", "sex", "age", "category_type", "category", "time_period"))

# A local action plan (Lancashire-style priority list, LLR-style accountability grid): one
# row per action and linked indicator; an action with no indicator leaves it blank.
ACTION_PLAN = TableSpec("action_plan", (
    key_column("plan", "name", "plan_name", "action_plan_name"),
    key_column("priority", "identifier", "priority_number", "priority_no", "priority_id"),
    column("priority_title", "text", "priority_name", "issue", "theme"),
    column("objective", "text", "detail_rationale", "rationale", required=False),
    key_column("action", "text", "action_plan", "action_what_are_we_going_to_do_about_this",
         "what_are_we_going_to_do", "actions"),
    column("outcome", "text", "outcome_wanted", "outcome_what_change_do_we_want_to_see",
       required=False),
    key_column("lead", "text", "accountability", "accountability_who_is_responsible", "responsible",
         "owner", "lead_officer"),
    column("partners", "text", required=False),
    column("reporting", "text", "how_are_they_reporting_back", "how_progress_is_reported",
       "reporting_back", required=False),
    column("indicator", "indicator", "indicator_id", "linked_indicator", "fingertips_id"),
    AREA_CODE_COLUMN,
    column("target_value", "number", "target", required=False),
    column("target_period", "period_or_date", "target_date", "target_year", required=False),
    column("target_direction", "target_direction", "direction", required=False),
    column("baseline_period", "period_or_date", "baseline", required=False),
    column("deep_dive_date", "date", "date_for_deep_dive", "deep_dive", required=False),
    column("due_date", "date", "date_to_be_completed", "completion_date", "due", required=False),
    key_column("status", "action_status", "rag", "rag_status", "progress_status"),
    column("progress_note", "text", "progress", "update", "progress_update", required=False),
), key=("plan", "priority", "action", "indicator", "area_code"),
   stored_key=("plan", "priority", "action_ref", "indicator", "area_code"), looks_ahead=True, rules=(
    given_with("target_value", "target_period"),
    given_with("target_period", "target_value"),
    given_with("target_value", "indicator"),
))


# Comparator groups: each area's neighbours in rank order (DfE statistical neighbours ship
# as the default; a team loads CIPFA's or its own).
NEIGHBOURS = TableSpec("neighbours", (
    key_column("group", "text", "group_name", "neighbour_group", "comparator_group"),
    AREA_CODE_COLUMN,
    key_column("neighbour_code", "code", "neighbour", "neighbour_area_code", "comparator_code"),
    key_column("rank", "identifier", "neighbour_rank", "order", "position"),
    column("closeness", "text", "closeness_word", "snp", required=False),
), key=("group", "area_code", "rank"))
