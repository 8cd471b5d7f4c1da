"""Write the DfE children's services statistical neighbours as a `neighbours` extract keyed
by GSS codes: data/reference/statistical_neighbours.csv.

    .venv/bin/python scripts/make_neighbours.py [RAW_DIR]

RAW_DIR (default: shared/data/raw beside the project) holds dfe-statistical-neighbours/
sn_may_2025.xlsx, the ONS Counties and UAs December 2023 boundaries (today's codes and
names) and the ONS April 2019 lower-to-upper tier lookup (to report the authorities whose
code changed since: reorganised or renamed). Prints what was left out and why."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data.dfe_neighbours import ATTRIBUTION, SHIPPED, build, current_upper_tier, normalised  # noqa: E402

CTYUA = ("ons-boundaries/Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC_"
         "4952317392296043005.geo.json")
UTLA_2019 = "ons-lookups/177.csv"


def main(raw: Path) -> None:
    current = current_upper_tier(json.loads((raw / CTYUA).read_text(encoding="utf-8")))
    built = build(raw / "dfe-statistical-neighbours" / "sn_may_2025.xlsx", current)
    older = pd.read_csv(raw / UTLA_2019, encoding="utf-8-sig")[["UTLA19CD", "UTLA19NM"]]
    older = dict(zip(older["UTLA19NM"].map(normalised), older["UTLA19CD"], strict=False))
    for code, name in current.itertuples(index=False):
        if older.get(normalised(name)) not in (None, code):
            print(f"matched by name: {name} is {code} (it was {older[normalised(name)]} in 2019)")
    for note in built.notes:
        print(note)
    SHIPPED.parent.mkdir(parents=True, exist_ok=True)
    built.frame.to_csv(SHIPPED, index=False, lineterminator="\n")
    areas = built.frame["area_code"].nunique()
    print(f"{areas} authorities, {len(built.frame)} rows -> {SHIPPED}\n{ATTRIBUTION}")


if __name__ == "__main__":
    candidates = [base / "shared" / "data" / "raw" for base in (ROOT.parent, ROOT.parent.parent)]
    default = next((c for c in candidates if c.is_dir()), candidates[0])
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
