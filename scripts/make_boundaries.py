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


BASE_MAP = ROOT / "assets" / "topojson" / "world_110m.json"
BASE_LAYERS = ("coastlines", "countries", "lakes", "ocean", "rivers", "subunits")


def write_base_map(regions: dict) -> None:
    """The base map plotly's geo traces ask for (``config.topojsonURL`` + world_110m.json)
    before they draw, made here so that no map needs the internet: England's outline as
    its land, and empty layers under the other names plotly knows. The dashboard keeps
    every base layer hidden; the areas are drawn from the boundary layers."""
    import topojson
    from shapely.geometry import mapping, shape
    from shapely.ops import unary_union

    england = unary_union([shape(f["geometry"]).buffer(0) for f in regions["features"]])
    land = topojson.Topology({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": mapping(england)}]},
        object_name="land", prequantize=1e5).to_dict()
    for name in BASE_LAYERS:
        land["objects"][name] = {"type": "GeometryCollection", "geometries": []}
    BASE_MAP.parent.mkdir(parents=True, exist_ok=True)
    BASE_MAP.write_text(json.dumps(land, separators=(",", ":")), encoding="utf-8")
    print(f"base map: {BASE_MAP.stat().st_size / 1024:.0f} kB -> {BASE_MAP}")


def main(raw_dir: Path) -> None:
    for layer, name in SOURCES.items():
        collection = json.loads((raw_dir / name).read_text(encoding="utf-8"))
        info = write_layer(generalise(collection, DEFAULT_TOLERANCE[layer]),
                           SHIPPED_DIR / f"{layer}.geo.json")
        print(f"{layer}: {info.features} areas, {info.size_bytes / 1024:.0f} kB -> {info.path}")
    write_base_map(json.loads((SHIPPED_DIR / "region.geo.json").read_text(encoding="utf-8")))


if __name__ == "__main__":
    # shared/ sits beside the project (../shared), or beside the worktrees' folder
    candidates = [base / "shared" / "data" / "raw" / "ons-boundaries"
                  for base in (ROOT.parent, ROOT.parent.parent)]
    default = next((c for c in candidates if c.is_dir()), candidates[0])
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
