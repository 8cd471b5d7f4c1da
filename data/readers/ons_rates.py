"""ONS prints its own rates beside the counts in the child mortality workbook's Table_3;
the dashboard computes the rates from the counts with its own methods. At load time the
two are compared for every area, and a difference beyond ONS's rounding (one decimal) is
reported as a load note naming the area and both figures: a check, not a refusal."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.engine.mortality import births_deaths_counts
from indicators.names import COUNT, DENOMINATOR, INDICATOR_ID, VALUE
from indicators.stats.rates import crude_rate

# ONS's rate column (normalised header) -> the catalogue's annual indicator of that rate
PRINTED_RATES = {
    "infant_mortality_rate": "infant_mortality",
    "neonatal_mortality_rate": "neonatal_mortality",
    "postneonatal_mortality_rate": "postneonatal_mortality",
    "stillbirth_rate": "stillbirth_rate",
}
WORDS = {"infant_mortality": "infant mortality rate", "neonatal_mortality":
         "neonatal mortality rate", "postneonatal_mortality": "postneonatal mortality rate",
         "stillbirth_rate": "stillbirth rate"}
# Printed to one decimal: half a unit of the last place, and a little for floating point.
ROUNDING = 0.05 + 1e-9


def printed_rate_notes(counts: pd.DataFrame, printed: pd.DataFrame, sheet: str) -> list[str]:
    """One note per area and rate where our rate differs from ONS's printed one by more
    than rounding. `counts` are the sheet's rows as read (area_code, year, the count
    columns, all text); `printed` has, on the same index, `area_name` and ONS's printed
    rate columns (`PRINTED_RATES`' keys; ':' or blank where ONS prints none)."""
    if counts.empty:
        return []
    rows = births_deaths_counts({"births_deaths": counts.reset_index(drop=True)})
    ours = crude_rate(rows[COUNT], rows[DENOMINATOR])[VALUE].to_numpy()
    position = np.tile(np.arange(len(counts)), len(rows) // len(counts))
    notes = []
    for column, indicator_id in PRINTED_RATES.items():
        if column not in printed.columns:
            continue
        mine = rows[INDICATOR_ID].to_numpy() == indicator_id
        theirs = pd.to_numeric(printed[column], errors="coerce").to_numpy()[position[mine]]
        computed = ours[mine]
        differs = ~np.isnan(theirs) & ~np.isnan(computed) & (np.abs(computed - theirs) > ROUNDING)
        for at in np.flatnonzero(differs):
            row = position[mine][at]
            notes.append(f"{sheet}: {printed['area_name'].iloc[row]} ({counts['area_code'].iloc[row]})"
                         f" {WORDS[indicator_id]} printed by ONS as {theirs[at]:.1f}, computed "
                         f"from its counts as {computed[at]:.2f} per 1,000")
    return notes
