"""Generalise the ONS boundary files into the layers the map ships with.

    .venv/bin/python scripts/make_boundaries.py [RAW_DIR]

RAW_DIR defaults to shared/data/raw/ons-boundaries beside the project. Writes
data/reference/boundaries/{county_ua,district,region}.geo.json (English areas only, with the
ONS attribution inside each file)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data.boundaries import DEFAULT_TOLERANCE, SHIPPED_DIR, generalise, write_layer  # noqa: E402

SOURCES = {
    "county_ua": "Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC_"
                 "4952317392296043005.geo.json",
    "district": "Local_Authority_Districts_May_2024_Boundaries__UK_BSC_-5684348521832897108.geo.json",
    "region": "Regions_December_2023_Boundaries_EN_BUC_1958740832896680092.geo.json",
}


def main(raw_dir: Path) -> None:
    for layer, name in SOURCES.items():
        collection = json.loads((raw_dir / name).read_text(encoding="utf-8"))
        info = write_layer(generalise(collection, DEFAULT_TOLERANCE[layer]),
                           SHIPPED_DIR / f"{layer}.geo.json")
        print(f"{layer}: {info.features} areas, {info.size_bytes / 1024:.0f} kB -> {info.path}")


if __name__ == "__main__":
    # shared/ sits beside the project (../shared), or beside the worktrees' folder
    candidates = [base / "shared" / "data" / "raw" / "ons-boundaries"
                  for base in (ROOT.parent, ROOT.parent.parent)]
    default = next((c for c in candidates if c.is_dir()), candidates[0])
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
