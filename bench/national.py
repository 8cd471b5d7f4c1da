"""National-scale synthetic extracts for the benchmarks.

The geography is real: England, its 9 regions, every county/unitary authority and every
district of the 2023 hierarchy (FingertipsNext's `areas.csv`, read in place). The counts
are invented with a fixed seed at realistic levels (about 600,000 live births a year in
England, infant mortality near 4 per 1,000, smoking at delivery falling from 13% to 7%).
Counts are drawn for the lowest tier only (districts, and counties/UAs without districts)
and every parent row is the exact sum of its children, as an official return is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from data.readers import read_extract

AREAS_FILE = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "raw"
              / "fingertipsnext" / "areas.csv")
GEOGRAPHY = ("england", "region", "county_ua", "district")
TABLES = ("births_deaths", "satod", "deprivation", "breastfeeding")
# a national publication rather than a local extract: bench.fingertips_profile
PUBLISHED = ("fingertips",)
BIRTHS_COLUMNS = ["live_births", "stillbirths", "infant_deaths", "neonatal_deaths",
                  "postneonatal_deaths", "term_births_weight_known", "term_low_birth_weight"]
SATOD_COLUMNS = ["maternities", "smokers", "non_smokers", "status_unknown"]
DEPRIVATION_COLUMNS = ["live_births", "infant_deaths", "neonatal_deaths", "postneonatal_deaths",
                       "stillbirths"]
BREASTFEEDING_COLUMNS = ["births_first_feed_known", "first_feed_breastmilk", "infants_due_review",
                         "totally_breastfed", "partially_breastfed", "not_breastfed",
                         "status_unknown"]
SMALL_AREA_PREFIX = "E059"  # codes of the synthetic small areas: E05900000 on
# Relative infant mortality by IMD quintile (1 = most deprived): about twice the least deprived.
_GRADIENT = np.array([1.45, 1.15, 0.95, 0.85, 0.72])


def national_areas(regions: Sequence[str] | None = None, areas_file: Path = AREAS_FILE) -> pd.DataFrame:
    """England, regions, counties/UAs and districts of the 2023 hierarchy, canonical columns.

    regions: keep only these region codes (and what lies under them), for small runs.
    """
    extract = read_extract(areas_file, "areas")
    if extract.problems:
        raise ValueError(f"{areas_file}: {extract.problems[0]}")
    areas = extract.tables["areas"]
    areas = areas[areas["area_type"].isin(GEOGRAPHY)][["area_code", "area_name", "area_type",
                                                       "parent_code"]]
    if regions is not None:
        county = areas["area_type"].eq("county_ua") & areas["parent_code"].isin(regions)
        counties = set(areas.loc[county, "area_code"])
        keep = (areas["area_type"].eq("england") | areas["area_code"].isin(regions) | county
                | (areas["area_type"].eq("district") & areas["parent_code"].isin(counties)))
        areas = areas[keep]
    order = {t: i for i, t in enumerate(GEOGRAPHY)}
    return (areas.assign(_o=areas["area_type"].map(order)).sort_values(["_o", "area_code"])
            .drop(columns="_o").reset_index(drop=True))


def with_small_areas(areas: pd.DataFrame, count: int) -> pd.DataFrame:
    """`areas` plus `count` synthetic small areas (ward-sized, codes E05...), spread in turn
    over the county/UA above each lowest-tier area (a UA itself, a district's county).

    The dashboard's vocabulary has no ward type, so they are typed "district" and hang from
    a county/UA, as districts do: every page and query treats them as it would a real
    district, which is what ten times the areas measures. A county/UA given small areas is
    no longer a leaf, so its rows become the sums of its children's, as every parent's are.
    """
    if count <= 0:
        return areas
    type_of = dict(zip(areas["area_code"], areas["area_type"], strict=True))
    parent_of = dict(zip(areas["area_code"], areas["parent_code"], strict=True))
    homes = [code if type_of[code] == "county_ua" else parent_of[code] for code in leaf_codes(areas)]
    small = pd.DataFrame({"area_code": [f"{SMALL_AREA_PREFIX}{n:05d}" for n in range(count)],
                          "area_name": [f"Small area {n + 1}" for n in range(count)],
                          "area_type": "district",
                          "parent_code": [homes[n % len(homes)] for n in range(count)]})
    return pd.concat([areas, small], ignore_index=True)


def leaf_codes(areas: pd.DataFrame) -> list[str]:
    """Areas nobody lists as parent: districts, and counties/UAs without districts."""
    parents = set(areas["parent_code"].dropna())
    return [c for c in areas["area_code"] if c not in parents]


def add_parent_rows(leaves: pd.DataFrame, areas: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Leaf rows plus a row for every parent, summed tier by tier up to England."""
    parent_of = dict(zip(areas["area_code"], areas["parent_code"], strict=True))
    type_of = dict(zip(areas["area_code"], areas["area_type"], strict=True))
    rows = leaves
    for tier in ("district", "county_ua", "region"):
        children = rows[rows["area_code"].map(type_of) == tier]
        sums = (children.assign(area_code=children["area_code"].map(parent_of))
                .groupby(["area_code", *keys], as_index=False).sum())
        rows = pd.concat([rows, sums], ignore_index=True)
    return rows.sort_values(["area_code", *keys], ignore_index=True)


def _fy(start: np.ndarray | int) -> np.ndarray:
    start = np.asarray(start)
    return np.char.add(np.char.add(start.astype(str), "/"),
                       np.char.zfill(((start + 1) % 100).astype(str), 2))


class _Draws:
    """Leaf-level draws shared by the tables, so the tables agree with one another."""

    def __init__(self, leaves: list[str], years: np.ndarray, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.leaves, self.years = np.array(leaves), years
        n_leaf, n_year = len(leaves), len(years)
        size = self.rng.lognormal(np.log(1900), 0.55, n_leaf)
        # synthetic small areas (with_small_areas) are ward-sized: England's ~600,000
        # births over ~7,000 wards
        size[np.char.startswith(self.leaves.astype(str), SMALL_AREA_PREFIX)] *= 85 / 1900
        trend = 1.0 - 0.012 * (years - years[0])
        noise = np.exp(self.rng.normal(0, 0.02, (n_leaf, n_year)))
        self.births = np.rint(size[:, None] * trend[None, :] * noise).astype(np.int64)
        self.imr = 0.0042 * np.exp(self.rng.normal(0, 0.2, n_leaf))
        self.deprived = self.rng.beta(2, 3, n_leaf)  # share of births in the most deprived areas

    def grid(self, extra: int = 1) -> tuple[np.ndarray, np.ndarray]:
        codes = np.repeat(self.leaves, len(self.years) * extra)
        years = np.tile(np.repeat(self.years, extra), len(self.leaves))
        return codes, years


def _births_deaths(d: _Draws) -> pd.DataFrame:
    rng, births = d.rng, d.births
    infant = rng.poisson(births * d.imr[:, None])
    neonatal = rng.binomial(infant, 0.7)
    still = rng.poisson(births * 0.0038)
    term_known = rng.binomial(births, 0.93)
    codes, years = d.grid()
    values = [births, still, infant, neonatal, infant - neonatal, term_known,
              rng.binomial(term_known, 0.03)]
    return pd.DataFrame({"area_code": codes, "year": years,
                         **{c: v.ravel() for c, v in zip(BIRTHS_COLUMNS, values, strict=True)}})


def _satod(d: _Draws) -> pd.DataFrame:
    rng = d.rng
    expected = np.repeat(d.births * 0.985 / 4, 4, axis=1)  # (leaf, year x quarter)
    maternities = rng.poisson(expected)
    unknown_share = rng.uniform(0.005, 0.03, maternities.shape)
    unknown_share[rng.random(maternities.shape) < 0.01] = 0.12  # a few returns breach 10%
    unknown = rng.binomial(maternities, unknown_share)
    rate = np.repeat(0.13 - 0.004 * (d.years - d.years[0]), 4)[None, :] * (0.6 + d.deprived[:, None])
    smokers = rng.binomial(maternities - unknown, np.clip(rate, 0, 1))
    codes, years = d.grid(4)
    quarters = np.tile(np.arange(1, 5), len(d.leaves) * len(d.years))
    labels = np.char.add(np.char.add(_fy(years), " Q"), quarters.astype(str))
    quarterly = pd.DataFrame({"area_code": codes, "period": labels, "fy": _fy(years),
                              "maternities": maternities.ravel(), "smokers": smokers.ravel(),
                              "non_smokers": (maternities - unknown - smokers).ravel(),
                              "status_unknown": unknown.ravel()})
    annual = (quarterly.drop(columns="period").groupby(["area_code", "fy"], as_index=False).sum()
              .rename(columns={"fy": "period"}))
    return pd.concat([annual, quarterly.drop(columns="fy")], ignore_index=True)


def _deprivation(d: _Draws, births_deaths: pd.DataFrame) -> pd.DataFrame:
    rng = d.rng
    tilt = np.linspace(1.6, 0.4, 5)  # deprived areas have more births in quintile 1
    shares = rng.dirichlet(np.full(5, 8.0), len(d.leaves)) * (1 + (d.deprived[:, None] - 0.4) * tilt)
    shares = np.repeat(shares / shares.sum(axis=1, keepdims=True), len(d.years), axis=0)
    weights = shares * _GRADIENT
    weights /= weights.sum(axis=1, keepdims=True)
    leaves = births_deaths  # leaf rows, in the order of d.grid()
    births = rng.multinomial(leaves["live_births"].to_numpy(), shares)
    # a ward-sized area can have a quintile without births: no deaths may fall there
    empty = (births == 0).any(axis=1) & (births.sum(axis=1) > 0)
    weights[empty] = births[empty] * _GRADIENT / (births[empty] * _GRADIENT).sum(axis=1, keepdims=True)
    infant = rng.multinomial(leaves["infant_deaths"].to_numpy(), weights)
    neonatal = rng.binomial(infant, 0.7)
    still = rng.multinomial(leaves["stillbirths"].to_numpy(), weights)
    codes, years = d.grid(5)
    values = [births, infant, neonatal, infant - neonatal, still]
    return pd.DataFrame({"area_code": codes, "year": years,
                         "imd_quintile": np.tile(np.arange(1, 6), len(codes) // 5),
                         **{c: v.ravel() for c, v in zip(DEPRIVATION_COLUMNS, values, strict=True)}})


def _breastfeeding(d: _Draws) -> pd.DataFrame:
    rng, births = d.rng, d.births
    first_known = rng.binomial(births, 0.98)
    breastmilk = rng.binomial(first_known, np.clip(0.85 - 0.25 * d.deprived, 0, 1)[:, None])
    due = rng.poisson(births * 0.99)
    unknown = rng.binomial(due, rng.uniform(0.02, 0.05, due.shape))
    fed = rng.binomial(due - unknown, np.clip(0.6 - 0.3 * d.deprived, 0, 1)[:, None])
    totally = rng.binomial(fed, 0.62)
    codes, years = d.grid()
    values = [first_known, breastmilk, due, totally, fed - totally, due - unknown - fed, unknown]
    return pd.DataFrame({"area_code": codes, "period": _fy(years),
                         **{c: v.ravel() for c, v in zip(BREASTFEEDING_COLUMNS, values, strict=True)}})


def national_tables(areas: pd.DataFrame, tables: Sequence[str] = ("births_deaths", "satod"),
                    years: int = 15, last_year: int = 2023, seed: int = 2023) -> dict[str, pd.DataFrame]:
    """The extract tables (canonical columns) for every area in `areas`, with parent rows.

    births_deaths: area x calendar year; satod: area x financial year, plus its 4 quarters;
    deprivation: area x year x IMD quintile; breastfeeding: area x financial year.
    """
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise ValueError(f"unknown table(s) {sorted(unknown)}; choose from {TABLES}")
    draws = _Draws(leaf_codes(areas), np.arange(last_year - years + 1, last_year + 1), seed)
    births = _births_deaths(draws)
    built = {"births_deaths": (births, ["year"]), "satod": (_satod(draws), ["period"])}
    if "deprivation" in tables:
        built["deprivation"] = (_deprivation(draws, births), ["year", "imd_quintile"])
    if "breastfeeding" in tables:
        built["breastfeeding"] = (_breastfeeding(draws), ["period"])
    return {"areas": areas, **{name: add_parent_rows(frame, areas, keys)
                               for name, (frame, keys) in built.items() if name in tables}}


def write_national(folder: Path, tables: Sequence[str] = ("births_deaths", "satod"),
                   years: int = 15, last_year: int = 2023, regions: Sequence[str] | None = None,
                   seed: int = 2023, small_areas: int = 0) -> dict[str, Path]:
    """Write areas.csv and one CSV per table into `folder`; return {table: path}, areas first.

    small_areas: that many synthetic small areas added to the geography (`with_small_areas`).
    """
    from bench.fingertips_profile import write_profile

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    areas = with_small_areas(national_areas(regions), small_areas)
    frames = national_tables(areas, [t for t in tables if t not in PUBLISHED], years,
                             last_year, seed)
    paths = {}
    for name, frame in frames.items():
        paths[name] = folder / f"{name}.csv"
        frame.to_csv(paths[name], index=False, lineterminator="\n")
    if "fingertips" in tables:  # the whole Child and Maternal Health profile
        paths["fingertips"] = write_profile(folder / "fingertips.csv", areas,
                                            last_year=last_year)
    return paths


def csv_rows(paths: dict[str, Path]) -> dict[str, int]:
    """Data rows per file: records after the header (a Fingertips download's line breaks
    inside quoted names are not records)."""
    counts = {}
    for name, path in paths.items():
        with Path(path).open("rb") as handle:
            counts[name] = sum(1 for line in handle if not line.startswith(b'"')) - 1
    return counts
