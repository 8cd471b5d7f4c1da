"""Read-only queries for the screens and the command line; each returns a DataFrame.
One module per screen's needs; the common ones are re-exported here."""

from data.queries.core import (
    AREA_COLUMNS,
    SAMPLE_USER,
    areas,
    indicator_choices,
    indicator_values,
    load_count,
    sample_data_in_use,
    value_count,
)

__all__ = [
    "AREA_COLUMNS",
    "SAMPLE_USER",
    "areas",
    "indicator_choices",
    "indicator_values",
    "load_count",
    "sample_data_in_use",
    "value_count",
]
