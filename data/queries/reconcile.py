"""Reconciliation of local against published figures, for the intelligence team.

Where an area has both a computed value (from its own counts, or a complete aggregate of
its children) and a published one (a Fingertips download, the ONS tables) for the same
indicator, period and category, both are listed with the differences in count,
denominator and value, and whether the published 95% interval contains our value. A
published comparison with England or the region that disagrees with the one worked out
here from the blended values is listed too, never silently replaced.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select

from data.queries.cache import memoised
from data.queries.core import rows_frame
from data.schema import area, indicator_value, superseded_value
from indicators.names import (
    AREA_CODE,
    AREA_NAME,
    CATEGORY,
    CATEGORY_TYPE,
    COMPARED_ENGLAND,
    COMPARED_REGION,
    COUNT,
    DENOMINATOR,
    INDICATOR_ID,
    LOWER95,
    PERIOD_LABEL,
    UPPER95,
    VALUE,
    VALUE_NOTE,
)
from indicators.source_words import source_words
from indicators.stats.compare import FINGERTIPS_DOWNLOAD_WORDS

KEY = [INDICATOR_ID, AREA_CODE, PERIOD_LABEL, CATEGORY_TYPE, CATEGORY]
SIDE = [COUNT, DENOMINATOR, VALUE, LOWER95, UPPER95, "provenance", "publisher",
        "source_file", "source_date", VALUE_NOTE]
RECONCILE_COLUMNS = [
    INDICATOR_ID, AREA_CODE, AREA_NAME, PERIOD_LABEL, CATEGORY_TYPE, CATEGORY,
    "shown", "computed_count", "published_count", "count_difference",
    "computed_denominator", "published_denominator", "denominator_difference",
    "computed_value", "published_value", "value_difference", "published_lower95",
    "published_upper95", "published_ci_contains_ours", "publisher", "computed_source",
    "published_source",
]
DISAGREEMENT_COLUMNS = [INDICATOR_ID, AREA_CODE, AREA_NAME, PERIOD_LABEL,
                        CATEGORY_TYPE, CATEGORY, "benchmark", "ours", "published",
                        "publisher", "published_source"]


def _select(table, indicator_id: str | None, keys: pd.DataFrame | None = None):
    columns = [table.c[c] for c in (*KEY, *SIDE)]
    query = select(*columns)
    if indicator_id is not None:
        query = query.where(table.c.indicator_id == indicator_id)
    if keys is not None:
        query = query.where(table.c.area_code.in_(sorted(keys[AREA_CODE].unique())),
                            table.c.indicator_id.in_(sorted(keys[INDICATOR_ID].unique())))
    return query


@memoised
def reconciliation(engine: Engine, indicator_id: str | None = None) -> pd.DataFrame:
    """Pairs of a computed and a published value for the same indicator, area, period and
    category (RECONCILE_COLUMNS); differences are computed minus published."""
    with engine.connect() as connection:
        result = connection.execute(_select(superseded_value, indicator_id))
        passed_over = rows_frame(result.all(), result.keys())
        if passed_over.empty:
            return pd.DataFrame(columns=RECONCILE_COLUMNS)
        result = connection.execute(_select(indicator_value, indicator_id, passed_over))
        shown = rows_frame(result.all(), result.keys())
        names = dict(connection.execute(select(area.c.code, area.c.name)).all())
    shown = shown.merge(passed_over[KEY].drop_duplicates(), on=KEY)
    candidates = pd.concat([shown.assign(shown=True), passed_over.assign(shown=False)],
                           ignore_index=True)
    computed = candidates[candidates["provenance"] == "computed"]
    published = candidates[candidates["provenance"] == "published"]
    pairs = computed.merge(published, on=KEY, suffixes=("_c", "_p"))
    if pairs.empty:
        return pd.DataFrame(columns=RECONCILE_COLUMNS)
    for column in (COUNT, DENOMINATOR, VALUE, LOWER95, UPPER95):
        for side in ("_c", "_p"):
            pairs[column + side] = pairs[column + side].astype("float64")
    contains = (pairs["lower95_p"] <= pairs["value_c"]) & (pairs["value_c"] <= pairs["upper95_p"])
    known = pairs[["lower95_p", "upper95_p", "value_c"]].notna().all(axis=1)
    out = pd.DataFrame({
        **{c: pairs[c] for c in KEY},
        AREA_NAME: pairs[AREA_CODE].map(names).fillna(pairs[AREA_CODE]),
        "shown": np.where(pairs["shown_c"], "computed", np.where(pairs["shown_p"], "published",
                                                                 "neither")),
        "computed_count": pairs["count_c"], "published_count": pairs["count_p"],
        "count_difference": pairs["count_c"] - pairs["count_p"],
        "computed_denominator": pairs["denominator_c"],
        "published_denominator": pairs["denominator_p"],
        "denominator_difference": pairs["denominator_c"] - pairs["denominator_p"],
        "computed_value": pairs["value_c"], "published_value": pairs["value_p"],
        "value_difference": pairs["value_c"] - pairs["value_p"],
        "published_lower95": pairs["lower95_p"], "published_upper95": pairs["upper95_p"],
        "published_ci_contains_ours": np.where(known, np.where(contains, "Yes", "No"),
                                               "Not known"),
        "publisher": pairs["publisher_p"],
        "computed_source": [source_words(*r) for r in zip(
            pairs["provenance_c"], pairs["publisher_c"], pairs["source_file_c"],
            pairs["source_date_c"], pairs["value_note_c"], strict=True)],
        "published_source": [source_words(*r) for r in zip(
            pairs["provenance_p"], pairs["publisher_p"], pairs["source_file_p"],
            pairs["source_date_p"], pairs["value_note_p"], strict=True)],
    })
    return out.sort_values([INDICATOR_ID, AREA_NAME, PERIOD_LABEL, CATEGORY_TYPE,
                            CATEGORY], kind="stable", ignore_index=True)[RECONCILE_COLUMNS]


def _base(word: object) -> str | None:
    if word is None or (isinstance(word, float) and np.isnan(word)) or str(word).strip() == "":
        return None
    text = FINGERTIPS_DOWNLOAD_WORDS.get(str(word).strip(), str(word).strip())
    return text.split(" (")[0]


@memoised
def comparison_disagreements(engine: Engine, indicator_id: str | None = None) -> pd.DataFrame:
    """Published values whose publisher's comparison with England or the region differs
    from ours (worked out from the blended values by Fingertips' rule)."""
    columns = [indicator_value.c[c] for c in (
        *KEY, COMPARED_ENGLAND, COMPARED_REGION, "published_compared_england",
        "published_compared_region", "publisher", "source_file", "source_date")]
    query = select(*columns).where(indicator_value.c.provenance == "published")
    if indicator_id is not None:
        query = query.where(indicator_value.c.indicator_id == indicator_id)
    with engine.connect() as connection:
        result = connection.execute(query)
        rows = rows_frame(result.all(), result.keys())
        names = dict(connection.execute(select(area.c.code, area.c.name)).all())
    parts = []
    for benchmark, ours, theirs in (("England", COMPARED_ENGLAND, "published_compared_england"),
                                    ("Region", COMPARED_REGION, "published_compared_region")):
        if rows.empty:
            break
        mine, published = rows[ours].map(_base), rows[theirs].map(_base)
        differ = published.notna() & (mine != published)
        part = rows[differ]
        parts.append(pd.DataFrame({
            **{c: part[c] for c in KEY}, "benchmark": benchmark, "ours": part[ours],
            "published": part[theirs], "publisher": part["publisher"],
            "published_source": [source_words("published", p, f, d) for p, f, d in zip(
                part["publisher"], part["source_file"], part["source_date"], strict=True)],
        }))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=DISAGREEMENT_COLUMNS)
    out[AREA_NAME] = out[AREA_CODE].map(names).fillna(out[AREA_CODE])
    return out.sort_values([INDICATOR_ID, AREA_NAME, PERIOD_LABEL], kind="stable",
                           ignore_index=True)[DISAGREEMENT_COLUMNS]
