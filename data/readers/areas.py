"""Areas extracts: the FingertipsNext hierarchy layout, and area codes known to the store."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from indicators.names import AREA_CODE, AREA_NAME, AREA_TYPE, ENGLAND, PARENT_CODE

from .extract import Extract, Problem

# FingertipsNext's area file (Children, AreaCode, AreaName, Level, HierarchyType,
# AreaType, AreaTypeCode): its type codes, and the parent type each type hangs from
_NEXT_TYPES = {
    "england": "england",
    "regions": "region",
    "counties-and-unitary-authorities": "county_ua",
    "districts-and-unitary-authorities": "district",
    "nhs-integrated-care-boards": "icb",
    "nhs-sub-integrated-care-boards": "sub_icb",
}
_PARENT_TYPE = {"region": "england", "county_ua": "region", "district": "county_ua",
                "icb": "england", "sub_icb": "icb"}


def is_fingertipsnext_layout(columns: set[str]) -> bool:
    return {"children", AREA_CODE, "areatypecode"} <= columns


def from_fingertipsnext(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Canonical areas text frame from the FingertipsNext layout, plus notes.

    Parents come from the ``Children`` lists: each area's parent is the listing
    area of the type above it (districts under counties, counties and UAs under
    regions, regions under England, sub-ICBs under ICBs). ICBs hang from NHS
    regions there, which are outside our vocabulary, so they go under England.
    Rows of other types (GPs, PCNs, NHS regions, combined authorities) are left out.
    """
    types = raw["areatypecode"].str.strip().str.lower().map(_NEXT_TYPES)
    left_out = Counter(raw.loc[types.isna(), AREA_TYPE])
    kept = raw.loc[types.notna()].copy()
    kept[AREA_TYPE] = types[types.notna()]
    type_of = dict(zip(kept[AREA_CODE], kept[AREA_TYPE], strict=True))
    listed_by: dict[str, list[str]] = {}
    for parent, children in zip(kept[AREA_CODE], kept["children"], strict=True):
        for child in filter(None, (c.strip() for c in children.split("|"))):
            listed_by.setdefault(child, []).append(parent)

    def parent_of(code: str, area_type: str) -> str:
        wanted = _PARENT_TYPE.get(area_type)
        candidates = [p for p in listed_by.get(code, []) if type_of.get(p) == wanted]
        if candidates:
            return candidates[0]
        if wanted == "england" and ENGLAND in type_of:
            return ENGLAND
        return ""

    kept[PARENT_CODE] = [parent_of(c, t) for c, t in
                           zip(kept[AREA_CODE], kept[AREA_TYPE], strict=True)]
    notes = [f"left out {count} row(s) of area type '{name}' (not one of the dashboard's area "
             "types)" for name, count in sorted(left_out.items())]
    return kept[[AREA_CODE, AREA_NAME, AREA_TYPE, PARENT_CODE, "source_row"]], notes


def validate_area_codes(extract: Extract, known_codes: set[str]) -> list[Problem]:
    """Problems for area (and parent) codes that are neither in ``known_codes`` nor in
    an areas table of this same extract. Rows of a table are reported in file order."""
    known = set(known_codes)
    if "areas" in extract.tables:
        known.update(extract.tables["areas"][AREA_CODE].dropna())
    file = Path(extract.path).name
    problems: list[Problem] = []
    for name, frame in extract.tables.items():
        columns = ([AREA_CODE] + ([PARENT_CODE] if name == "areas" else [])
                   + (["neighbour_code"] if name == "neighbours" else []))
        for column in columns:
            if column not in frame.columns:
                continue
            unknown = frame[column].notna() & ~frame[column].isin(known)
            for code, row in zip(frame.loc[unknown, column], frame.loc[unknown, "source_row"],
                                 strict=True):
                problems.append(Problem(
                    file, int(row), column, str(code),
                    "an area code present in the area table (load an areas extract that "
                    "includes it, or correct the code)"))
    return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))
