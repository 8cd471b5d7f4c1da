"""A synthetic infant mortality action plan for Manchester, a North West authority.

Built on the structure of the plans this dashboard grew from: numbered priorities, each
objective with its actions, a lead and partners, how progress is reported, a deep-dive
date and a due date (Lancashire's and Leicester, Leicestershire and Rutland's grids), and
Manchester's own aim of no more than 6% of women smoking at delivery by 2021/22. Leads are
roles, not people. Dates are set from the sample's last year so that the plan has actions
done, due, overdue and not yet started whenever the sample is made.
"""

from __future__ import annotations

from indicators.names import AREA_CODE
from indicators.periods import financial_year_label

from ._tables import Row

PLAN = "Manchester reducing infant mortality plan"
AREA = "E08000003"  # Manchester
COLUMNS = ("plan", "priority", "priority_title", "objective", "action", "outcome", "lead",
           "partners", "reporting", "indicator", AREA_CODE, "target_value", "target_period",
           "target_direction", "baseline_period", "deep_dive_date", "due_date", "status",
           "progress_note")


def build_action_plan(last_year: int) -> list[Row]:
    """One row per action and linked indicator (blank indicator: an action with none)."""
    y = last_year
    smoking = dict(
        priority=1, priority_title="Reducing smoking in pregnancy",
        objective="1.1 Every woman who smokes is offered specialist support",
        action="Carbon monoxide monitoring of every pregnant woman at booking, with referral "
        "to specialist stop smoking support within 24 hours",
        outcome="No more than 6% of women smoking at delivery in any locality",
        lead="Tobacco Control Lead", partners="Maternity services; Stop smoking service",
        reporting="Quarterly SATOD report to the Steering Group",
        deep_dive_date=f"{y}-10-31", due_date=f"{y + 1}-03-31", status="off track",
        progress_note="Referrals within 24 hours at 70% against 90% planned")
    homes = {**smoking, "objective": "1.2 Smokefree homes for every baby",
             "action": "Stop smoking support offered to partners and family members",
             "lead": "Stop Smoking Service Manager", "status": "on track",
             "deep_dive_date": f"{y + 1}-04-30", "due_date": f"{y + 1}-12-31",
             "progress_note": "Catalogue goal used: no local target set"}
    sleep = dict(
        priority=2, priority_title="Safer sleep",
        objective="2.1 Safer sleep advice reaches the wider family",
        action="Safer sleep assessment at every health visitor contact, with targeted "
        "support for families in temporary accommodation",
        outcome="Fewer sudden unexpected deaths in infancy",
        lead="Head of Health Visiting", partners="Children's centres; Housing; CDOP",
        reporting="CDOP annual report", deep_dive_date=f"{y + 1}-05-31",
        due_date=f"{y}-12-31", status="at risk",
        progress_note="Assessment recorded at 60% of contacts")
    feeding = dict(
        priority=3, priority_title="Infant feeding and nutrition",
        objective="3.1 More babies are breastfed",
        action="Peer support offered to every mother within 48 hours of discharge",
        outcome="More babies breastfed at 6 to 8 weeks", lead="Infant Feeding Lead",
        partners="Health visiting; Peer supporters", reporting="Infant feeding board",
        deep_dive_date=f"{y + 1}-09-30", due_date=f"{y + 2}-03-31", status="on track",
        progress_note="")
    outcomes = dict(
        priority=4, priority_title="Infant mortality and stillbirths",
        objective="4.1 Fewer babies die before their first birthday",
        action="Learn from every infant death through the Child Death Overview Panel and "
        "act on modifiable factors", outcome="Infant mortality falls to the England rate",
        lead="Director of Public Health", partners="CDOP; Maternity services; MBRRACE-UK",
        reporting="Annual report to the Health and Wellbeing Board",
        deep_dive_date=f"{y + 1}-01-31", due_date=f"{y + 3}-03-31", status="on track",
        progress_note="")
    data = dict(
        priority=5, priority_title="Performance, data and intelligence",
        objective="5.1 A dashboard monitored and benchmarked against national and regional "
        "targets", action="Publish the plan's indicators with trajectories on the dashboard",
        outcome="The board sees progress against trajectory", lead="Public Health "
        "Intelligence Manager", partners="Public Health Intelligence Team",
        reporting="Six-monthly report to the Board", deep_dive_date="",
        due_date=f"{y}-06-30", status="done", progress_note="Dashboard in use")
    workforce = dict(
        priority=5, priority_title="Performance, data and intelligence",
        objective="5.2 Local SMART targets agreed",
        action="Agree local targets and trajectories for each priority with partners",
        outcome="Each priority has a target and trajectory", lead="Public Health "
        "Intelligence Manager", partners="Steering Group", reporting="Steering Group",
        deep_dive_date="", due_date=f"{y + 2}-06-30", status="not started", progress_note="")
    rows = [
        {**smoking, "indicator": "smoking_delivery", "target_value": 6,
         "target_period": "2021/22", "target_direction": "at most",
         "baseline_period": "2016/17"},
        {**smoking, "indicator": "low_birth_weight_term"},
        {**homes, "indicator": "smoking_delivery"},
        {**sleep, "indicator": "cdop_sudi_rate"},
        {**sleep, "indicator": "postneonatal_mortality"},
        {**feeding, "indicator": "breastfeeding_6_8_weeks", "target_value": 55,
         "target_period": financial_year_label(y + 1), "target_direction": "at least",
         "baseline_period": financial_year_label(y - 5)},
        {**feeding, "indicator": "first_feed_breastmilk"},
        {**outcomes, "indicator": "infant_mortality", "target_value": 4,
         "target_period": str(y + 3), "target_direction": "at most",
         "baseline_period": str(y - 6)},
        {**outcomes, "indicator": "neonatal_mortality"},
        {**outcomes, "indicator": "stillbirth_rate"},
        {**data, "indicator": ""},
        {**workforce, "indicator": ""},
    ]
    return [{"plan": PLAN, AREA_CODE: AREA, **row} for row in rows]
