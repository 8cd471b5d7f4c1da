"""The table of relative risks the scenario engine uses, and how a team overrides it.

Each row is a published association between a risk factor and infant death (or, where
that is all the literature offers, sudden infant death), with its 95% confidence
interval and source. `applies_to_share` is the share of infant deaths the relative risk
is about: 1 for all-cause infant death; for a risk measured against sudden infant death
it is the share of infant deaths that are unexplained, so the factor acts on those
deaths only. `indicator_id` names the catalogue indicator holding the factor's local
prevalence (empty: no indicator yet, the team has to supply prevalences itself);
`prevalence_from` says whether the exposed share is the indicator's value ("value",
e.g. smoking at delivery) or one minus it ("complement", e.g. not breastfed).

A team replaces the table with a CSV of the same columns (`RISK_COLUMNS`), read by
`parse_relative_risks`; data.settings names the file (DASHBOARD_RELATIVE_RISKS).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, fields

# ONS, Unexplained deaths in infancy, England and Wales: 2022 (bulletin, main points): 171
# unexplained infant deaths (sudden infant deaths and unascertained), "accounting for 7.3%
# of all infant deaths" (7.1% in 2021: 166 deaths). The relative risks measured against
# sudden infant death act on this share. A team with its own child death review figures
# should override it.
UNEXPLAINED_SHARE = 0.073

# Relative risks computed here from ONS's own counts (crude rate ratios, Katz log-normal
# 95% interval); tests/indicators/test_scenario_sources.py recomputes them from the
# published workbook read in place.
ONS_CIM_2020 = ("ONS, Child mortality (death cohort) tables in England and Wales: 2020")


@dataclass(frozen=True)
class RelativeRisk:
    """One risk factor's relative risk of infant death (exposed against unexposed)."""

    key: str
    name: str
    exposure: str
    outcome: str
    relative_risk: float
    lower: float
    upper: float
    applies_to_share: float
    indicator_id: str
    prevalence_from: str
    source: str

    def __post_init__(self) -> None:
        where = f"relative risk {self.key!r}"
        if not self.key:
            raise ValueError("a relative risk needs a key")
        if not (0 < self.lower <= self.relative_risk <= self.upper):
            raise ValueError(f"{where}: need 0 < lower <= relative_risk <= upper, got "
                             f"{self.lower}, {self.relative_risk}, {self.upper}")
        if not (0 < self.applies_to_share <= 1):
            raise ValueError(f"{where}: applies_to_share must be above 0 and at most 1")
        if self.prevalence_from not in ("value", "complement"):
            raise ValueError(f"{where}: prevalence_from must be 'value' or 'complement'")

    @property
    def log_se(self) -> float:
        """Standard error of log(RR) from the 95% interval, assuming log-normality."""
        return (math.log(self.upper) - math.log(self.lower)) / (2 * 1.959963984540054)


RISK_COLUMNS = tuple(f.name for f in fields(RelativeRisk))
_NUMBERS = ("relative_risk", "lower", "upper", "applies_to_share")

DEFAULT_RELATIVE_RISKS: tuple[RelativeRisk, ...] = (
    RelativeRisk(
        "smoking_delivery", "Smoking in pregnancy", "mother smoking at the time of delivery",
        "all-cause infant death", 1.88, 1.79, 1.97, 1.0, "smoking_delivery", "value",
        "Sun J, Liu X, Zhao M, Magnussen CG, Xi B. Dose-response association between maternal "
        "smoking during pregnancy and the risk of infant death. eClinicalMedicine "
        "2023;57:101858 (smoking through pregnancy, US births 2015-19)"),
    RelativeRisk(
        "not_breastfed", "Not breastfed", "baby not given breast milk at first feed",
        "sudden infant death syndrome", 1 / 0.55, 1 / 0.69, 1 / 0.44, UNEXPLAINED_SHARE,
        "first_feed_breastmilk", "complement",
        "Hauck FR et al. Breastfeeding and reduced risk of sudden infant death syndrome: a "
        "meta-analysis. Pediatrics 2011;128:103-10 (multivariable summary OR 0.55, "
        "0.44-0.69, inverted)"),
    RelativeRisk(
        "obesity_booking", "Maternal obesity", "mother's BMI 30 or over in early pregnancy",
        "all-cause infant death", 1.55, 1.41, 1.70, 1.0, "obesity_booking", "value",
        "Huo N et al. Association of maternal body mass index with risk of infant mortality: "
        "a dose-response meta-analysis. Front Pediatr 2021;9:650413 (obese against normal BMI)"),
    RelativeRisk(
        "bed_sharing", "Bed-sharing", "baby sleeping in the parents' bed",
        "sudden infant death syndrome", 2.7, 1.4, 5.3, UNEXPLAINED_SHARE, "", "value",
        "Carpenter R et al. Bed sharing when parents do not smoke: is there a risk of SIDS? "
        "BMJ Open 2013;3:e002299 (adjusted OR, all ages)"),
    RelativeRisk(
        "mother_under_20", "Mother under 20", "birth to a mother aged under 20",
        "all-cause infant death", 1.232, 0.961, 1.579, 1.0, "", "value",
        f"{ONS_CIM_2020}, Table 16 (all places of delivery), England and Wales: 64 linked "
        "infant deaths among 15,940 live births to mothers under 20 against 1,949 among "
        "597,904 to mothers aged 20 and over (age not stated left out); crude rate ratio, "
        "not adjusted for deprivation or other factors, Katz 95% interval. The exposed "
        "share is births to mothers under 20 (ONS births by age of mother); the under-18 "
        "conception rate is a rate per 1,000 girls, not a share of births, so it is not "
        "used as this factor's prevalence"),
    RelativeRisk(
        "most_deprived_quintile", "Most deprived quintile",
        "birth in England's most deprived IMD quintile (against the least deprived)",
        "all-cause infant death", 1.887, 1.737, 2.051, 1.0, "", "value",
        f"{ONS_CIM_2020}, Table 21, England, 2018-2020 pooled: 2,329 infant deaths among "
        "469,104 live births in IMD deciles 1-2 against 727 among 276,337 in deciles 9-10; "
        "crude rate ratio, Katz 95% interval. Levin's formula treats every birth outside "
        "quintile 1 as unexposed, whereas the ratio is against quintile 5 alone, so the "
        "deaths avoided are an upper bound"),
)


def parse_relative_risks(text: str, source_name: str = "relative risks file"
                         ) -> tuple[RelativeRisk, ...]:
    """Rows of a CSV with the columns RISK_COLUMNS as RelativeRisk objects.

    Raises ValueError naming the file, line and column of the first problem; blank
    `indicator_id` means no loaded indicator; `applies_to_share` blank means 1."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in RISK_COLUMNS if c not in (reader.fieldnames or [])
               and c not in ("applies_to_share", "indicator_id", "prevalence_from")]
    if missing:
        raise ValueError(f"{source_name}: missing column(s) {', '.join(missing)}")
    rows, seen = [], set()
    for line, record in enumerate(reader, start=2):
        values = {c: (record.get(c) or "").strip() for c in RISK_COLUMNS}
        values["applies_to_share"] = values["applies_to_share"] or "1"
        values["prevalence_from"] = values["prevalence_from"] or "value"
        try:
            for column in _NUMBERS:
                try:
                    values[column] = float(values[column])
                except ValueError:
                    raise ValueError(f"column {column}: {values[column]!r} is not a number"
                                     ) from None
            risk = RelativeRisk(**values)
        except ValueError as error:
            raise ValueError(f"{source_name}, line {line}: {error}") from None
        if risk.key in seen:
            raise ValueError(f"{source_name}, line {line}: key {risk.key!r} appears twice")
        seen.add(risk.key)
        rows.append(risk)
    if not rows:
        raise ValueError(f"{source_name}: no relative risks")
    return tuple(rows)


def relative_risks_csv(risks: tuple[RelativeRisk, ...] = DEFAULT_RELATIVE_RISKS) -> str:
    """The table as CSV text in the override format (a starting point for a team's own)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RISK_COLUMNS)
    for risk in risks:
        writer.writerow([getattr(risk, c) for c in RISK_COLUMNS])
    return out.getvalue()
