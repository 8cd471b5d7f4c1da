"""The shape of one catalogue entry and the fixed words its fields may take.

Field names and their vocabulary follow Fingertips' indicator metadata (polarity,
benchmark comparison method, value type, period type, frequency) so that an entry
reads like the national definition it mirrors.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

VALUE_TYPES = ("Crude rate", "Proportion", "Count")
POLARITIES = ("Low is good", "High is good", "No judgement")
PERIOD_TYPES = ("Calendar", "Financial")
FREQUENCIES = ("annually", "quarterly")

# CI method keys the engine dispatches on, with the words shown on the definitions page.
CI_METHODS = {
    "poisson": "Exact Poisson when the count is below 10, otherwise Byar's approximation",
    "wilson": "Wilson score interval",
    "none": "No confidence interval (a count or a share that is reported, not estimated)",
}

BENCHMARK_95 = "Confidence intervals overlapping reference value (95.0)"
BENCHMARK_95_998 = "Confidence intervals overlapping reference value (95.0 and 99.8)"
NO_COMPARISON = "No comparison"
BENCHMARK_METHODS = {BENCHMARK_95: (0.95,), BENCHMARK_95_998: (0.95, 0.998), NO_COMPARISON: ()}

SOURCE_TABLES = ("births_deaths", "satod", "breastfeeding", "deprivation", "cdop", "booking",
                 "conceptions", "births_deaths_ethnicity")
# ONS 2021 census high-level ethnic groups, in ONS's order, then the group of records
# without one (the births_deaths_ethnicity categories; child death reviews' breakdown).
ETHNIC_GROUPS = ("Asian", "Black", "Mixed", "White", "Other")
ETHNIC_NOT_KNOWN = "Not known"
PERIOD_BASES = (
    "calendar year of birth or death registration",
    "financial year of delivery",
    "financial year quarter of delivery",
    "financial year of the 6-8 week review or birth",
    "calendar year of death",
    "financial year the child death review was completed",
    "financial year of booking",
    "calendar year of conception",
)


@dataclass(frozen=True)
class Target:
    """A national goal: `value` in the indicator's unit; good side given by `good_when`."""

    value: float
    good_when: str  # "at_or_below" or "at_or_above"
    label: str
    source: str
    # the period the goal is to be met by, and the period it was set against (plan
    # trajectories start there unless a plan gives its own baseline)
    period: str | None = None
    baseline_period: str | None = None

    def __post_init__(self) -> None:
        if self.good_when not in ("at_or_below", "at_or_above"):
            raise ValueError(f"Target.good_when must be 'at_or_below' or 'at_or_above', "
                             f"got {self.good_when!r}")


@dataclass(frozen=True)
class DataQualityMeasure:
    """A completeness measure shown beside the value (e.g. % smoking status not known).

    flag_at: the standard; values at or above it are flagged.
    name_at: values at or above it are named (listed) in data-quality reports.
    """

    name: str
    flag_at: float
    name_at: float


@dataclass(frozen=True)
class Indicator:
    """One indicator as the dashboard computes and describes it."""

    id: str
    fingertips_id: int | None
    name: str
    definition: str
    numerator: str
    denominator: str
    multiplier: int
    unit: str
    value_type: str
    polarity: str
    ci_method: str
    benchmark_method: str
    period_type: str
    frequency: str
    year_range: int
    source_table: str
    period_basis: str
    sex: str
    age: str
    data_quality: str
    disclosure: str
    source: str
    caveats: str
    rationale: str = ""
    fingertips_name: str | None = None  # Fingertips' own name, where ours differs
    pooled_from: str | None = None
    category_type: str = ""
    categories: tuple[str, ...] = ()
    target: Target | None = None
    dq_measure: DataQualityMeasure | None = None
    short_name: str = ""  # the name inside a sentence ("smoking at delivery"); see `phrase`

    def __post_init__(self) -> None:
        checks = [
            ("value_type", self.value_type, VALUE_TYPES),
            ("polarity", self.polarity, POLARITIES),
            ("ci_method", self.ci_method, tuple(CI_METHODS)),
            ("benchmark_method", self.benchmark_method, tuple(BENCHMARK_METHODS)),
            ("period_type", self.period_type, PERIOD_TYPES),
            ("frequency", self.frequency, FREQUENCIES),
            ("source_table", self.source_table, SOURCE_TABLES),
            ("period_basis", self.period_basis, PERIOD_BASES),
        ]
        for name, value, allowed in checks:
            if value not in allowed:
                raise ValueError(f"indicator {self.id!r}: {name} {value!r} is not one of {allowed}")
        if self.year_range not in (1, 3):
            raise ValueError(f"indicator {self.id!r}: year_range must be 1 or 3")
        if self.multiplier <= 0:
            raise ValueError(f"indicator {self.id!r}: multiplier must be positive")
        if bool(self.category_type) != bool(self.categories):
            raise ValueError(f"indicator {self.id!r}: category_type and categories go together")
        if self.target is not None:
            expected = {"Low is good": "at_or_below", "High is good": "at_or_above"}
            if expected.get(self.polarity) != self.target.good_when:
                raise ValueError(f"indicator {self.id!r}: a target's good side must follow "
                                 f"the polarity ({self.polarity!r})")

    @property
    def benchmark_levels(self) -> tuple[float, ...]:
        """Confidence levels used to judge Better/Similar/Worse (empty: not compared)."""
        return BENCHMARK_METHODS[self.benchmark_method]

    @property
    def phrase(self) -> str:
        """The indicator's name as it reads inside a sentence."""
        return self.short_name or self.name[0].lower() + self.name[1:]

    @property
    def ci_method_text(self) -> str:
        return CI_METHODS[self.ci_method]

    def as_metadata(self) -> dict:
        """Plain dict of every field (JSON-ready), for the store and the definitions page."""
        data = asdict(self)
        data["categories"] = list(self.categories)
        data["benchmark_levels"] = list(self.benchmark_levels)
        data["ci_method_text"] = self.ci_method_text
        return data


# Fields every percentage of Fingertips' kind shares: a Wilson interval, compared with
# England by overlapping 95% intervals, one financial year at a time unless given.
_PROPORTION = dict(multiplier=100, unit="%", value_type="Proportion", ci_method="wilson",
                   benchmark_method=BENCHMARK_95, period_type="Financial",
                   frequency="annually", year_range=1)


def proportion(**fields) -> Indicator:
    """An `Indicator` that is a percentage with the shared proportion fields filled in;
    `fields` gives the rest and may override any of them (e.g. a calendar period)."""
    return Indicator(**{**_PROPORTION, **fields})

