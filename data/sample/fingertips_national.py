"""The sample's synthetic national file: a Fingertips "download data" CSV for England, the
9 regions and all 153 upper-tier authorities, for every catalogue indicator that carries
a Fingertips ID, as a team would download it alongside its own extracts.

Values, confidence limits, comparisons and trends are computed from `national.py`'s counts
with the dashboard's own methods (the indicator engine) and laid out by the Fingertips
export (`data.export`), so the columns are exactly those of a real download. Every row's
value note starts with `SYNTHETIC_NOTE`, and the file name says synthetic too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from data.export import fingertips_frame, write_fingertips_csv
from indicators.catalogue import CATALOGUE
from indicators.engine import compute_indicator_values
from indicators.names import PERIOD
from indicators.source_words import SYNTHETIC_NOTE

from ._tables import Row
from .geography import AREAS_COLUMNS, areas_rows
from .national import national_rows

# raw table -> its period column
_TABLES = {"births_deaths": "year", "satod": PERIOD, "breastfeeding": PERIOD,
           "conceptions": "year"}
# tables with a second key the national file holds one value of
_ONE_CATEGORY = {"conceptions": ("age_group", "under18")}


def national_areas() -> pd.DataFrame:
    """England, its regions and every upper-tier authority (the sample's area list), as
    the engine reads areas."""
    return pd.DataFrame(areas_rows(), columns=list(AREAS_COLUMNS))


def national_frame(local: Mapping[str, list[Row]], last_year: int) -> pd.DataFrame:
    """The national file's rows (text, Fingertips' columns) from the sample's local rows
    (`local`: raw table -> rows as the sample writes them)."""
    raw = {table: _national_table(table, local[table], key, last_year)
           for table, key in _TABLES.items() if table in local}
    areas = national_areas()
    values = compute_indicator_values(raw, areas)
    published = [i for i in CATALOGUE if i.fingertips_id is not None]
    frame = pd.concat([fingertips_frame(values, areas, indicator) for indicator in published],
                      ignore_index=True)
    notes = frame["Value note"]
    frame["Value note"] = SYNTHETIC_NOTE + notes.where(notes == "", "; " + notes)
    return frame


def _national_table(table: str, rows: list[Row], key: str, last_year: int) -> pd.DataFrame:
    if table not in _ONE_CATEGORY:
        return pd.DataFrame(national_rows(table, rows, key, last_year))
    column, wanted = _ONE_CATEGORY[table]
    kept = [{c: v for c, v in row.items() if c != column} for row in rows
            if row[column] == wanted]
    return pd.DataFrame(national_rows(table, kept, key, last_year)).assign(**{column: wanted})


def write_national(path: Path, local: Mapping[str, list[Row]], last_year: int) -> Path:
    write_fingertips_csv(national_frame(local, last_year), path)
    return path
