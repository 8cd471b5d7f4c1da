"""What the action plan reader adds to the checked rows: a short reference to each action.

An action's text can run to a paragraph, longer than a stored row key may be, so rows are
stored under a reference made from the text: the same words give the same reference, and
a reworded action is a new one (the revision report shows it as such)."""

from __future__ import annotations

import hashlib

import pandas as pd


def action_ref(text: object) -> str | None:
    """'A' and the first 10 hex digits of the SHA-256 of the action's words."""
    if not isinstance(text, str):
        return None
    words = " ".join(text.split())
    return "A" + hashlib.sha256(words.encode("utf-8")).hexdigest()[:10]


def add_action_refs(table: pd.DataFrame) -> pd.DataFrame:
    """The table with an `action_ref` column beside `action`."""
    refs = table["action"].map(action_ref)
    return table.assign(action_ref=refs.astype(object))
