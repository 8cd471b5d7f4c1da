"""The balanced scorecard of one plan: its area's outcome indicators beside its risk-factor
indicators, each with its latest value, comparisons, trend and (where the plan sets or the
catalogue has a target) trajectory status, and the plan's actions counted per priority."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from data.queries.overview import area_chain, overview_values
from data.queries.plan import plan_grid, plan_rows
from data.queries.plan_targets import indicator_status
from indicators.names import AREA_CODE, INDICATOR_ID

# The national support teams' workbook pairs outcomes (deaths) with the risk factors the
# actions work on; indicators a plan links beyond these are shown with the risk factors.
# Risk factors in the order of the pathway the plans follow: before pregnancy (teenage
# conceptions), at booking, at delivery, after birth (feeding, safer sleep).
OUTCOMES = ("infant_mortality", "neonatal_mortality", "postneonatal_mortality",
            "stillbirth_rate")
RISK_FACTORS = ("conceptions_under_18", "conceptions_under_16", "smoking_booking",
                "obesity_booking", "early_booking",
                "smoking_delivery", "first_feed_breastmilk", "breastfeeding_6_8_weeks",
                "low_birth_weight_term", "cdop_sudi_rate", "cdop_factor_co_sleeping",
                "cdop_factor_smoking")
PLAN_FIELDS = ["trajectory_status", "target_value", "target_period", "target_direction",
               "baseline_period", "target_source", "projection_words", "projected_period"]


@dataclass(frozen=True)
class Scorecard:
    plan: str
    area_code: str
    area_name: str
    region_name: str | None
    grid: pd.DataFrame  # the plan's rows (plan.plan_grid)
    outcomes: pd.DataFrame  # one row per outcome indicator with values
    risk_factors: pd.DataFrame


def plan_area(grid: pd.DataFrame) -> str:
    """The area most of the plan's rows are for (the first named, on a tie)."""
    counts = grid[AREA_CODE].value_counts(sort=False)
    return str(counts.idxmax())


def _linked(grid: pd.DataFrame, area: str) -> pd.DataFrame:
    """Per indicator of the area, the plan row that judges it: one with a target first."""
    rows = grid[(grid["indicator"] != "") & (grid[AREA_CODE] == area)].copy()
    rows["_judged"] = rows["trajectory_status"] != "no data"
    rows = rows.sort_values("_judged", ascending=False, kind="stable")
    rows = rows.drop_duplicates("indicator").rename(columns={"indicator": INDICATOR_ID})
    return rows[[INDICATOR_ID, *PLAN_FIELDS]].assign(linked=True)


def _unlinked(engine: Engine, area: str, wanted: list[str], linked: pd.DataFrame
              ) -> pd.DataFrame:
    """Indicators the plan does not link, judged against the catalogue's goal if any."""
    records = []
    for indicator_id in wanted:
        if indicator_id in set(linked[INDICATOR_ID]):
            continue
        row = {"indicator": indicator_id, AREA_CODE: area, "target_value": float("nan"),
               "target_period": "", "baseline_period": ""}
        status = indicator_status(engine, row)
        records.append({INDICATOR_ID: indicator_id, **{f: status[f] for f in PLAN_FIELDS},
                        "linked": False})
    return pd.DataFrame.from_records(records, columns=[INDICATOR_ID, *PLAN_FIELDS, "linked"])


def _section(engine: Engine, area: str, values: pd.DataFrame, linked: pd.DataFrame,
             wanted: list[str]) -> pd.DataFrame:
    judged = pd.concat([linked, _unlinked(engine, area, wanted, linked)], ignore_index=True)
    shown = values[values[INDICATOR_ID].isin(wanted)].drop(
        columns=["target_value", "target_label"], errors="ignore")
    rows = shown.merge(judged, on=INDICATOR_ID, how="left")
    rows["linked"] = rows["linked"].eq(True)
    rows["trajectory_status"] = rows["trajectory_status"].fillna("no data")
    order = {key: rank for rank, key in enumerate(wanted)}
    rows["_rank"] = rows[INDICATOR_ID].map(order)
    return rows.sort_values("_rank").drop(columns="_rank").reset_index(drop=True)


def scorecard(engine: Engine, plan: str, today: date | None = None) -> Scorecard:
    """The scorecard of `plan` (KeyError when no such plan is stored)."""
    grid = plan_grid(engine, plan, today)
    if grid.empty:
        raise KeyError(f"no plan named {plan!r}")
    area = plan_area(grid)
    chain = area_chain(engine, area)
    values = overview_values(engine, chain)
    linked = _linked(grid, area)
    risks = list(RISK_FACTORS) + [i for i in linked[INDICATOR_ID]
                                  if i not in RISK_FACTORS and i not in OUTCOMES]
    if values.empty:
        empty = pd.DataFrame(columns=[INDICATOR_ID, *PLAN_FIELDS, "linked"])
        return Scorecard(plan, area, chain.name, chain.region_name, grid, empty, empty)
    return Scorecard(plan, area, chain.name, chain.region_name, grid,
                     _section(engine, area, values, linked, list(OUTCOMES)),
                     _section(engine, area, values, linked, risks))


def plans_for_area(engine: Engine, area_code: str) -> list[str]:
    """The plans whose scorecard is for `area_code` (their main area), by name."""
    rows = plan_rows(engine)
    return sorted(name for name, group in rows.groupby("plan") if plan_area(group) == area_code)
