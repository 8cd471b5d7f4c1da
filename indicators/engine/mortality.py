"""Counts for the mortality rates from the `births_deaths`, `deprivation` and
`births_deaths_ethnicity` raw tables."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.catalogue import IMD_QUINTILES
from indicators.catalogue.model import ETHNIC_GROUPS, ETHNIC_NOT_KNOWN
from indicators.engine.frames import build_counts, empty_counts, numeric, require_columns
from indicators.names import AREA_CODE

# annual indicator id -> (numerator columns, denominator columns)
BIRTHS_DEATHS_RATES = {
    "infant_mortality": (["infant_deaths"], ["live_births"]),
    "neonatal_mortality": (["neonatal_deaths"], ["live_births"]),
    "postneonatal_mortality": (["postneonatal_deaths"], ["live_births"]),
    "stillbirth_rate": (["stillbirths"], ["live_births", "stillbirths"]),
}
DEPRIVATION_RATES = {"infant_mortality_imd": (["infant_deaths"], ["live_births"])}
ETHNIC_CATEGORIES = (*ETHNIC_GROUPS, ETHNIC_NOT_KNOWN)


def calendar_labels(frame: pd.DataFrame, table: str) -> pd.Series:
    """`year` as Fingertips writes a calendar year ("2023"), with a clear error otherwise."""
    years = pd.to_numeric(frame["year"], errors="coerce")
    bad = years.isna() | (years % 1 != 0)
    if bad.any():
        row = bad.idxmax()
        raise ValueError(f"raw table '{table}': year {frame['year'][row]!r} at row index "
                         f"{row!r} is not a whole calendar year")
    return years.astype(int).astype(str)


def births_deaths_counts(raw: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Annual counts rows for infant, neonatal, post-neonatal mortality and stillbirths."""
    table = raw.get("births_deaths")
    if table is None or table.empty:
        return empty_counts()
    columns = ["live_births", "stillbirths", "infant_deaths", "neonatal_deaths",
               "postneonatal_deaths"]
    require_columns(table, "births_deaths", [AREA_CODE, "year", *columns])
    frame = table.assign(**{column: numeric(table, column) for column in columns})
    labels = calendar_labels(frame, "births_deaths")
    parts = [build_counts(frame, indicator_id, labels, numerator, denominator)
             for indicator_id, (numerator, denominator) in BIRTHS_DEATHS_RATES.items()]
    return pd.concat(parts, ignore_index=True)


def deprivation_counts(raw: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Annual counts rows for infant mortality by IMD quintile (1 = most deprived)."""
    table = raw.get("deprivation")
    if table is None or table.empty:
        return empty_counts()
    require_columns(table, "deprivation",
                    [AREA_CODE, "year", "imd_quintile", "live_births", "infant_deaths"])
    frame = table.assign(live_births=numeric(table, "live_births"),
                         infant_deaths=numeric(table, "infant_deaths"))
    quintile = numeric(frame, "imd_quintile")
    bad = ~quintile.isin([1, 2, 3, 4, 5])
    if bad.any():
        row = bad.idxmax()
        raise ValueError(f"raw table 'deprivation': imd_quintile {table['imd_quintile'][row]!r} "
                         f"at row index {row!r} is not 1 to 5")
    categories = quintile.astype(int).map(dict(enumerate(IMD_QUINTILES, start=1)))
    labels = calendar_labels(frame, "deprivation")
    parts = [
        build_counts(frame, indicator_id, labels, numerator, denominator,
                     category_type="IMD quintile", category=categories)
        for indicator_id, (numerator, denominator) in DEPRIVATION_RATES.items()
    ]
    return pd.concat(parts, ignore_index=True)


def ethnicity_counts(raw: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Annual counts rows for infant mortality by ethnic group (`infant_mortality_ethnic`;
    the readers store each group in its ONS 2021 high-level name)."""
    table = raw.get("births_deaths_ethnicity")
    if table is None or table.empty:
        return empty_counts()
    require_columns(table, "births_deaths_ethnicity",
                    [AREA_CODE, "year", "ethnic_group", "live_births", "infant_deaths"])
    groups = table["ethnic_group"].astype(str)
    bad = ~groups.isin(ETHNIC_CATEGORIES)
    if bad.any():
        row = bad.idxmax()
        raise ValueError(f"raw table 'births_deaths_ethnicity': ethnic_group "
                         f"{table['ethnic_group'][row]!r} at row index {row!r} is not one of "
                         f"{list(ETHNIC_CATEGORIES)}")
    frame = table.assign(live_births=numeric(table, "live_births"),
                         infant_deaths=numeric(table, "infant_deaths"))
    labels = calendar_labels(frame, "births_deaths_ethnicity")
    return build_counts(frame, "infant_mortality_ethnic", labels, ["infant_deaths"],
                        ["live_births"], category_type="Ethnic group", category=groups)
