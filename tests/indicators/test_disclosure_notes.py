"""Hidden child-death cells all carry the same note: a note that told small counts from the
cells hidden to protect them would give the small ones away."""

from __future__ import annotations

from data.readers import read_extract
from data.sample import write_sample
from indicators.engine import compute_indicator_values


def test_every_hidden_child_death_value_has_one_wording(tmp_path):
    files = {p.stem: p for p in write_sample(tmp_path, last_year=2024)}
    raw = {name: frame for stem in ("areas", "births_deaths", "cdop")
           for name, frame in read_extract(files[stem]).tables.items()}
    values = compute_indicator_values(raw, raw["areas"])
    hidden = values[values["indicator_id"].str.startswith("cdop_") & values["value"].isna()
                    & values["count"].isna()]
    assert len(hidden) > 0
    assert hidden["value_note"].nunique() == 1
