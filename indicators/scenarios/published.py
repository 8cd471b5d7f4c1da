"""The Department of Health's 2007 modelling of the infant mortality gap, for reference.

The gap is between the routine and manual socio-economic group and the whole
population (England and Wales, 2002-04 baseline); modelling updated in 2009 found that
focused interventions would contribute approximately 16 percentage points to narrowing
it. The contributions below are as quoted in the Leicester, Leicestershire and Rutland
infant mortality action plan; they are national figures about a different gap and are
shown beside the local estimates, never combined with them.
"""

from __future__ import annotations

DH_2007_SOURCE = ("Department of Health (2007) Implementation Plan for Reducing Health "
                  "Inequalities in Infant Mortality: A Good Practice Guide (modelling updated "
                  "2009), as quoted in the Leicester, Leicestershire and Rutland infant "
                  "mortality action plan")

# risk factor -> (scenario key or "", percentage points of the gap narrowed)
DH_2007_CONTRIBUTIONS: tuple[tuple[str, str, float], ...] = (
    ("Reducing under-18 conceptions", "mother_under_20", 1.0),
    ("Reducing maternal obesity", "obesity_booking", 2.8),
    ("Breastfeeding in the routine and manual group", "not_breastfed", 4.0),
    ("Preventing sudden infant death syndrome", "bed_sharing", 1.4),
    ("Reducing child poverty", "", 3.0),
    ("Reducing overcrowding", "", 1.4),
)
DH_2007_TOTAL_POINTS = 16.0
