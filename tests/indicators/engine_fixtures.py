"""Small hand-made areas and raw tables shared by the engine tests, plus independent
reference calculations written straight from the formulas in docs (scipy only)."""

from __future__ import annotations

import math

import pandas as pd
from scipy.stats import chi2, norm

AREAS = pd.DataFrame(
    [
        ("E92000001", "England", "england", None),
        ("E12000001", "North East Region", "region", "E92000001"),
        ("E12000002", "North West Region", "region", "E92000001"),
        ("E06000001", "Hartlepool", "county_ua", "E12000001"),
        ("E06000002", "Middlesbrough", "county_ua", "E12000001"),
        ("E10000017", "Lancashire", "county_ua", "E12000002"),
        ("E07000117", "Burnley", "district", "E10000017"),
        ("E07000118", "Chorley", "district", "E10000017"),
        ("E06000008", "Blackburn with Darwen", "county_ua", "E12000002"),
    ],
    columns=["area_code", "area_name", "area_type", "parent_code"],
)


def births_deaths(rows: list[tuple]) -> pd.DataFrame:
    """rows of (area_code, year, live_births, stillbirths, infant, neonatal, postneonatal)."""
    return pd.DataFrame(rows, columns=["area_code", "year", "live_births", "stillbirths",
                                       "infant_deaths", "neonatal_deaths",
                                       "postneonatal_deaths"])


def z(confidence: float) -> float:
    return norm.ppf(1 - (1 - confidence) / 2)


def rate_reference(count: float, denominator: float, multiplier: float,
                   confidence: float) -> tuple[float, float, float]:
    """methods.md: exact Poisson below 10, Byar's otherwise; limits / denominator x mult."""
    if count < 10:
        lower = 0.0 if count == 0 else chi2.ppf((1 - confidence) / 2, 2 * count) / 2
        upper = chi2.ppf(confidence + (1 - confidence) / 2, 2 * count + 2) / 2
    else:
        zz = z(confidence)
        lower = count * (1 - 1 / (9 * count) - zz / (3 * math.sqrt(count))) ** 3
        upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + zz / (3 * math.sqrt(count + 1))) ** 3
    scale = multiplier / denominator
    return count * scale, lower * scale, upper * scale


def wilson_reference(x: float, n: float, confidence: float) -> tuple[float, float, float]:
    """methods.md: Wilson score interval, as percentages."""
    zz = z(confidence)
    spread = zz * math.sqrt(zz**2 + 4 * x * (1 - x / n))
    lower = (2 * x + zz**2 - spread) / (2 * (n + zz**2))
    upper = (2 * x + zz**2 + spread) / (2 * (n + zz**2))
    return x / n * 100, lower * 100, upper * 100


def one(values: pd.DataFrame, indicator_id: str, area_code: str, period: str,
        category: str = "") -> pd.Series:
    """The single row for indicator, area, period and category (fails if not exactly one)."""
    rows = values[(values["indicator_id"] == indicator_id) & (values["area_code"] == area_code)
                  & (values["period_label"] == period) & (values["category"] == category)]
    assert len(rows) == 1, f"expected one row, got {len(rows)}"
    return rows.iloc[0]
