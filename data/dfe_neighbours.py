"""The Department for Education's children's services statistical neighbours, keyed by GSS
codes: read the DfE workbook (authorities named, numbered by DfE "LA number"), match each
current authority to its ONS code by name, and write the `neighbours` extract the
dashboard ships (`data/reference/statistical_neighbours.csv`, made by
scripts/make_neighbours.py).

The DfE workbook names authorities, not codes; a few of its names differ from ONS's
(``NAME_ALIASES``). Rows for authorities that no longer exist (Cumbria,
Northamptonshire, the pre-2019 Dorset councils: DfE lists them under "Old SNs") are left
out and reported, as is any name that matches no current authority."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators.names import AREA_CODE, AREA_NAME

GROUP = "DfE statistical neighbours (May 2025)"
ATTRIBUTION = ("Source: Department for Education, children's services statistical neighbour "
               "benchmarking (May 2025), licensed under the Open Government Licence v3.0")
SHIPPED = Path(__file__).resolve().parent / "reference" / "statistical_neighbours.csv"
COLUMNS = ["group", AREA_CODE, AREA_NAME, "rank", "neighbour_code", "neighbour_name",
           "closeness"]
NEIGHBOURS_PER_AREA = 10

# DfE spelling -> ONS (Counties and Unitary Authorities, December 2023) spelling.
NAME_ALIASES = {
    "durham": "county durham",
    "bedford borough": "bedford",
    "herefordshire": "herefordshire county of",
}


def normalised(name: str) -> str:
    """Lower case, punctuation and "St." dots dropped, spaces single: "Bristol, City of" and
    "Bristol City of" are one name, "Kingston Upon Hull" and "Kingston upon Hull" too."""
    text = " ".join(re.sub(r"[^0-9a-z]+", " ", str(name).lower()).split())
    return NAME_ALIASES.get(text, text)


@dataclass
class Built:
    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def read_dfe_groups(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The workbook's current groups (one row per authority: LA number, name, SN1..SN10 and
    their closeness words) and the rows under its "Old SNs:" heading."""
    sheet = pd.read_excel(path, sheet_name="LA SN Groups", header=2)
    sheet = sheet.rename(columns={"LA num": "la_number", "LA Name": "la_name"})
    marker = sheet.index[sheet["la_name"].astype(str).str.strip() == "Old SNs:"]
    cut = marker[0] if len(marker) else len(sheet)
    current, old = sheet.iloc[:cut], sheet.iloc[cut + 1:] if len(marker) else sheet.iloc[0:0]
    return current.dropna(subset=["la_number"]), old.dropna(subset=["la_number"])


def build(workbook: Path, current_areas: pd.DataFrame) -> Built:
    """`current_areas`: area_code, area_name of today's upper-tier authorities (ONS).
    Every current DfE authority and every neighbour it names must match one of them."""
    codes = {normalised(n): c for c, n in zip(current_areas[AREA_CODE],
                                              current_areas[AREA_NAME], strict=True)}
    names = dict(zip(current_areas[AREA_CODE], current_areas[AREA_NAME], strict=True))
    current, old = read_dfe_groups(workbook)
    notes = [f"left out: {row.la_name} (DfE {int(row.la_number)}), no longer an authority"
             for row in old.itertuples(index=False)]
    by_number: dict[int, str] = {}
    unmatched = []
    for row in current.itertuples(index=False):
        code = codes.get(normalised(row.la_name))
        if code is None:
            unmatched.append(f"{row.la_name} (DfE {int(row.la_number)})")
        else:
            by_number[int(row.la_number)] = code
    if unmatched:
        raise ValueError("no ONS code for: " + "; ".join(unmatched))
    rows = []
    for row in current.to_dict("records"):
        area_code = by_number[int(row["la_number"])]
        for rank in range(1, NEIGHBOURS_PER_AREA + 1):
            number = row[f"SN{rank}"]
            closeness = row["SNP" if rank == 1 else f"SNP.{rank - 1}"]
            if pd.isna(number) or int(number) not in by_number:
                raise ValueError(f"{row['la_name']}: neighbour {rank} is DfE {number}, "
                                 "not a current authority")
            code = by_number[int(number)]
            rows.append({"group": GROUP, AREA_CODE: area_code, AREA_NAME: names[area_code],
                         "rank": rank, "neighbour_code": code, "neighbour_name": names[code],
                         "closeness": str(closeness).strip()})
    missing = sorted(set(names) - set(by_number.values()))
    notes += [f"no DfE group for {names[c]} ({c})" for c in missing]
    frame = pd.DataFrame(rows, columns=COLUMNS).sort_values([AREA_CODE, "rank"])
    return Built(frame.reset_index(drop=True), notes)


def current_upper_tier(boundaries_geojson: dict) -> pd.DataFrame:
    """English counties and unitary authorities from an ONS CTYUA boundary file's
    properties (its code and name fields end in CD and NM)."""
    first = boundaries_geojson["features"][0]["properties"]
    code = next(k for k in first if k.upper().endswith("CD"))
    name = code[:-2] + "NM"
    rows = [(f["properties"][code], f["properties"][name]) for f in boundaries_geojson["features"]
            if str(f["properties"][code]).startswith("E")]
    return pd.DataFrame(rows, columns=[AREA_CODE, AREA_NAME])
