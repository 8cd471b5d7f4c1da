"""Extract readers: read any extract file, check it, and hand back canonical tables.

See docs/extracts.md for the extract types and docs/architecture.md for the contract.
"""

from .areas import validate_area_codes
from .cells import SUPPRESSION_MARKERS
from .extract import Extract, Problem
from .read import read_extract
from .sources import KEY_COLUMNS, SOURCE_TYPES, TABLES, detect_source

__all__ = [
    "KEY_COLUMNS",
    "SOURCE_TYPES",
    "SUPPRESSION_MARKERS",
    "TABLES",
    "Extract",
    "Problem",
    "detect_source",
    "read_extract",
    "validate_area_codes",
]
