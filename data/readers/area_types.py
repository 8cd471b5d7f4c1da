"""Area types: the fixed vocabulary and the spellings suppliers use for it."""

from __future__ import annotations

import re

AREA_TYPES = ("england", "region", "county_ua", "district", "icb", "sub_icb")

_SPELLINGS = {
    "england": ["england", "country", "nation", "e92"],
    "region": ["region", "regions", "english region", "government office region", "gor",
               "region statistical", "rgn", "e12"],
    "county_ua": ["county ua", "county and ua", "counties and uas", "county and unitary authority",
                  "counties and unitary authorities", "upper tier local authority",
                  "upper tier la", "utla", "cty ua", "ctyua", "unitary authority", "county",
                  "metropolitan district", "london borough", "upper tier"],
    "district": ["district", "districts", "non metropolitan district", "lower tier local authority",
                 "lower tier la", "ltla", "lad", "local authority district",
                 "district and ua", "districts and uas", "districts and unitary authorities",
                 "lower tier"],
    "icb": ["icb", "icbs", "integrated care board", "integrated care boards", "nhs icb",
            "nhs integrated care board", "nhs integrated care boards"],
    "sub_icb": ["sub icb", "sub icbs", "sub icb location", "sub icb locations", "sicbl",
                "nhs sub icb location", "nhs sub integrated care boards",
                "sub integrated care board", "ccg", "clinical commissioning group"],
}

_LOOKUP = {spelling: canonical for canonical, words in _SPELLINGS.items() for spelling in words}


def _normalise(text: str) -> str:
    text = text.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def canonical_area_type(text: str) -> str | None:
    """The canonical area type for a supplier's spelling, or None if not recognised."""
    return _LOOKUP.get(_normalise(text))


EXPECTED = "an area type: one of " + ", ".join(AREA_TYPES) + " (or a common spelling of one)"
