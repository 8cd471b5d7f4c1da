"""The walk up the area hierarchy every page shares: an area, the region it sits in, England."""

from __future__ import annotations

import pandas as pd

from indicators.names import AREA_CODE, AREA_TYPE, ENGLAND, PARENT_CODE

REGION = "region"


def region_of(areas: pd.DataFrame, area_code: str) -> str | None:
    """The region `area_code` sits in: its parents walked up (a district's county, then the
    county's region) to the first area of type region. None for England, a region, an area
    whose parents are not stored, or a loop in the parent codes. `areas`: the frame of
    ``data.queries.core.areas`` (area_code, area_type, parent_code)."""
    by_code = areas.set_index(AREA_CODE)
    if area_code not in by_code.index:
        return None
    seen, parent = {area_code}, by_code.at[area_code, PARENT_CODE]
    while isinstance(parent, str) and parent in by_code.index and parent not in seen:
        if by_code.at[parent, AREA_TYPE] == REGION:
            return parent
        seen.add(parent)
        parent = by_code.at[parent, PARENT_CODE]
    return None


def comparator_chain(areas: pd.DataFrame, area_code: str) -> list[str]:
    """`area_code`, its region (when it has one) and England (when stored and not the area
    itself): the lines a trend is drawn beside."""
    chain = [area_code, *filter(None, [region_of(areas, area_code)])]
    if ENGLAND not in chain and ENGLAND in set(areas[AREA_CODE]):
        chain.append(ENGLAND)
    return chain
