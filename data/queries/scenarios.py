"""The scenario (gap) tool's inputs from the store: an area's infant deaths and births,
its gap against England and its least deprived quintile, each risk factor's local and
England prevalence, and the targets a user asked for."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from data.queries.core import indicator_values
from data.settings import Settings
from indicators.catalogue import IMD_QUINTILES, get_indicator
from indicators.names import AREA_CODE, CATEGORY, COUNT, DENOMINATOR, ENGLAND, PERIOD_LABEL, VALUE
from indicators.scenarios.risks import DEFAULT_RELATIVE_RISKS, RelativeRisk, parse_relative_risks
from indicators.scenarios.simulate import (
    Change,
    Deaths,
    combined_avoided,
    gap,
    scenario_table,
)

# Pooled 3-year deaths first (steadier for an area's few deaths a year), then one year.
DEATH_INDICATORS = (("infant_mortality_3yr", 3), ("infant_mortality", 1))
QUINTILE_INDICATORS = {"infant_mortality_3yr": "infant_mortality_imd_3yr",
                       "infant_mortality": "infant_mortality_imd"}
LEAST_DEPRIVED = IMD_QUINTILES[-1]
Interval = tuple[float, float, float]


@dataclass(frozen=True)
class Prevalence:
    """A factor's exposed share (proportion of 1) in the area and England, latest period."""

    current: float = math.nan
    england: float = math.nan
    period: str = ""


@dataclass
class Scenario:
    """Everything the page and the command show for one area."""

    area_code: str
    deaths: Deaths | None
    period: str = ""
    gap_england: Interval | None = None
    gap_least_deprived: Interval | None = None
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    combined: Interval | None = None
    prevalences: dict[str, Prevalence] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def relative_risks(settings: Settings) -> tuple[RelativeRisk, ...]:
    """The default table, or the team's file named by DASHBOARD_RELATIVE_RISKS (ValueError
    naming the file and line when it is not usable)."""
    path = settings.relative_risks_csv
    if path is None:
        return DEFAULT_RELATIVE_RISKS
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ValueError(f"{path}: cannot be read ({error.strerror or error})") from None
    return parse_relative_risks(text, str(path))


def target_key(risks: tuple[RelativeRisk, ...], key: str) -> str:
    """The risk key a target names: a risk key, our indicator id or a Fingertips ID;
    KeyError naming the choices otherwise."""
    by_indicator = {r.indicator_id: r.key for r in risks if r.indicator_id}
    if key in {r.key for r in risks}:
        return key
    try:
        indicator_id = get_indicator(key).id
    except KeyError:
        indicator_id = None
    if indicator_id in by_indicator:
        return by_indicator[indicator_id]
    choices = ", ".join(sorted({r.key for r in risks} | set(by_indicator)))
    raise KeyError(f"no risk factor for {key!r}; give one of {choices} (or a Fingertips ID)")


def _multiplier(risk: RelativeRisk) -> int:
    # A factor without a catalogue indicator takes its values in %.
    try:
        return get_indicator(risk.indicator_id).multiplier if risk.indicator_id else 100
    except KeyError:
        return 100


def exposed_share(risk: RelativeRisk, value: float) -> float:
    """A value in the indicator's own unit (e.g. 6.0 for 6%) as the exposed proportion."""
    share = value / _multiplier(risk)
    return 1 - share if risk.prevalence_from == "complement" else share


def indicator_unit_value(risk: RelativeRisk, share: float) -> float:
    """The inverse of `exposed_share`: the indicator's own value for an exposed share."""
    if math.isnan(share):
        return share
    return (1 - share if risk.prevalence_from == "complement" else share) * _multiplier(risk)


def build_scenario(engine: Engine, area_code: str, risks: tuple[RelativeRisk, ...],
                   targets: Mapping[str, float] | None = None) -> Scenario:
    """The scenario for `area_code`; `targets` maps risk keys to target values in each
    indicator's own unit (default: England's value for the same period)."""
    targets = dict(targets or {})
    deaths, period, indicator_id, england_rate = _deaths(engine, area_code)
    result = Scenario(area_code, deaths, period)
    result.prevalences = {r.key: _prevalence(engine, area_code, r) for r in risks}
    if deaths is None:
        result.notes.append("No infant deaths and live births are stored for this area, so "
                            "there is nothing to apply the relative risks to.")
        return result
    if not math.isnan(england_rate):
        result.gap_england = gap(deaths, england_rate)
    else:
        result.notes.append(f"England's infant mortality rate for {period} is not stored, so "
                            "the gap against England is not calculated.")
    least = _least_deprived(engine, area_code, QUINTILE_INDICATORS[indicator_id], period,
                            deaths.years)
    if least is not None:
        result.gap_least_deprived = gap(deaths, math.nan, least)
    changes = []
    for risk in risks:
        prevalence = result.prevalences[risk.key]
        target = (exposed_share(risk, targets[risk.key]) if risk.key in targets
                  else prevalence.england)
        changes.append(Change(risk, prevalence.current, target, risk.indicator_id))
        if math.isnan(prevalence.current):
            result.notes.append(f"{risk.name}: no local prevalence is stored, so no estimate.")
        elif math.isnan(target):
            result.notes.append(f"{risk.name}: England's value for {prevalence.period} is not "
                                "stored; give a target to see an estimate.")
    gap_per_year = result.gap_england[0] if result.gap_england else math.nan
    result.table = scenario_table(deaths, changes, gap_per_year)
    result.combined = combined_avoided(deaths, changes)
    return result


def _deaths(engine: Engine, area_code: str) -> tuple[Deaths | None, str, str, float]:
    for indicator_id, years in DEATH_INDICATORS:
        values = indicator_values(engine, indicator_id, [area_code, ENGLAND])
        local = values[(values[AREA_CODE] == area_code) & values[COUNT].notna()
                       & values[DENOMINATOR].notna()]
        if local.empty:
            continue
        latest = local.iloc[-1]
        england = values[(values[AREA_CODE] == ENGLAND)
                         & (values[PERIOD_LABEL] == latest[PERIOD_LABEL])]
        rate = float(england[VALUE].iloc[0]) if len(england) and england[VALUE].iloc[0] \
            is not None else math.nan
        deaths = Deaths(float(latest[COUNT]), float(latest[DENOMINATOR]), years)
        return deaths, str(latest[PERIOD_LABEL]), indicator_id, rate
    return None, "", "", math.nan


def _least_deprived(engine: Engine, area_code: str, indicator_id: str, period: str,
                    years: int) -> Deaths | None:
    values = indicator_values(engine, indicator_id, [area_code], category_type=None)
    row = values[(values[PERIOD_LABEL] == period) & (values[CATEGORY] == LEAST_DEPRIVED)]
    if row.empty or row[COUNT].isna().iloc[0] or not row[DENOMINATOR].iloc[0]:
        return None
    return Deaths(float(row[COUNT].iloc[0]), float(row[DENOMINATOR].iloc[0]), years)


def _prevalence(engine: Engine, area_code: str, risk: RelativeRisk) -> Prevalence:
    if not risk.indicator_id:
        return Prevalence()
    try:
        values = indicator_values(engine, risk.indicator_id, [area_code, ENGLAND])
    except KeyError:
        return Prevalence()
    local = values[(values[AREA_CODE] == area_code) & values[VALUE].notna()]
    if local.empty:
        return Prevalence()
    latest = local.iloc[-1]
    england = values[(values[AREA_CODE] == ENGLAND) & values[VALUE].notna()
                     & (values[PERIOD_LABEL] == latest[PERIOD_LABEL])]
    current = exposed_share(risk, float(latest[VALUE]))
    national = exposed_share(risk, float(england[VALUE].iloc[0])) if len(england) else math.nan
    return Prevalence(current, national, str(latest[PERIOD_LABEL]))
