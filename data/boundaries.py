"""Area boundaries for the map: generalising ONS GeoJSON to a size a page loads quickly, and
reading a layer (a team's own vintage from the instance folder, else the one shipped).

A layer is a GeoJSON FeatureCollection of English areas whose features carry only
`area_code` and `area_name`; coordinates are WGS84 longitude/latitude rounded to 4
decimal places (about 10 m, far below what a page can show)."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from indicators.names import AREA_CODE, AREA_NAME

ATTRIBUTION = ("Source: Office for National Statistics licensed under the Open Government "
               "Licence v.3.0; Contains OS data (c) Crown copyright and database right")
SHIPPED_DIR = Path(__file__).resolve().parent / "reference" / "boundaries"
LAYERS = ("county_ua", "district", "region")
# Tolerance of the topology-preserving simplification, in degrees (0.004 is about 300 m
# north-south): each shipped layer comes to a few hundred kB.
DEFAULT_TOLERANCE = {"county_ua": 0.004, "district": 0.004, "region": 0.006}
DIGITS = 4
MIN_RING_AREA = 1e-8  # square degrees, about 80 square metres in England


class BoundaryError(ValueError):
    """A boundary file that cannot be used, with the reason in words."""


@dataclass(frozen=True)
class LayerInfo:
    path: Path
    features: int
    size_bytes: int


def layer_path(instance_dir: Path | None, layer: str) -> Path:
    """The team's loaded vintage of `layer` if there is one, else the shipped file."""
    if layer not in LAYERS:
        raise BoundaryError(f"layer must be one of {', '.join(LAYERS)}; got {layer!r}")
    if instance_dir is not None:
        own = instance_dir / "boundaries" / f"{layer}.geo.json"
        if own.is_file():
            return own
    return SHIPPED_DIR / f"{layer}.geo.json"


def load_layer(instance_dir: Path | None, layer: str) -> dict:
    """The layer's FeatureCollection (read once per file version)."""
    path = layer_path(instance_dir, layer)
    return _read(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _read(path: str, _mtime_ns: int) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def feature_names(collection: dict) -> dict[str, str]:
    """Area code -> name of every feature of a layer."""
    return {f["id"]: f["properties"][AREA_NAME] for f in collection["features"]}


def bounds(collection: dict, codes: set[str]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the features with these codes; None if none is there."""
    xs: list[float] = []
    ys: list[float] = []
    for feature in collection["features"]:
        if feature["id"] in codes:
            geometry = feature["geometry"]
            polygons = (geometry["coordinates"] if geometry["type"] == "MultiPolygon"
                        else [geometry["coordinates"]])
            for polygon in polygons:
                for x, y in polygon[0]:
                    xs.append(x)
                    ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _code_field(properties: Mapping[str, object], code_field: str | None) -> str:
    if code_field:
        if code_field not in properties:
            raise BoundaryError(f"the features have no property {code_field!r}; they have "
                                f"{', '.join(properties)}")
        return code_field
    for name in properties:  # ONS names its code property like CTYUA23CD, LAD24CD, RGN23CD
        if name.upper().endswith("CD"):
            return name
    raise BoundaryError("no area code property found (ONS files name it like LAD24CD); "
                        "give --code-field")


def _english_features(collection: dict, code_field: str | None) -> tuple[list[dict], str, str]:
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise BoundaryError("not a GeoJSON FeatureCollection")
    features = collection.get("features") or []
    if not features:
        raise BoundaryError("the FeatureCollection has no features")
    code = _code_field(features[0].get("properties") or {}, code_field)
    name = code[:-2] + "NM"
    english = [f for f in features if str((f.get("properties") or {}).get(code, "")).startswith("E")]
    if not english:
        raise BoundaryError(f"no feature has an English area code (E...) in {code!r}")
    return english, code, name


def generalise(collection: dict, tolerance: float, code_field: str | None = None) -> dict:
    """The English features of an ONS boundary FeatureCollection, simplified so that
    neighbouring areas keep their shared edges (TopoJSON arcs simplified once, by
    Douglas-Peucker, then turned back into GeoJSON), with only area_code and area_name."""
    import topojson  # only the loaders need it, not the dashboard

    features, code, name = _english_features(collection, code_field)
    plain = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": f["geometry"],
         "properties": {AREA_CODE: f["properties"][code],
                        AREA_NAME: str(f["properties"].get(name) or f["properties"][code])}}
        for f in features]}
    topology = topojson.Topology(plain, prequantize=False, toposimplify=tolerance,
                                 prevent_oversimplify=True)
    simplified = json.loads(topology.to_geojson())
    out = []
    for feature in simplified["features"]:
        geometry = feature["geometry"]
        geometry = _polygons(geometry) if geometry and geometry.get("coordinates") else None
        if geometry is None:
            continue
        out.append({"type": "Feature", "id": feature["properties"][AREA_CODE],
                    "properties": feature["properties"], "geometry": geometry})
    out.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": out}


def _rounded(coordinates):
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [round(float(c), DIGITS) for c in coordinates]
    return [_rounded(part) for part in coordinates]


def _ring(points: list) -> list | None:
    """A rounded ring without repeated points; None when fewer than 3 corners or no area
    are left (simplification and rounding can shrink a small island to a line)."""
    kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if kept[0] != kept[-1]:
        kept.append(kept[0])
    return kept if len(kept) >= 4 and abs(_signed_area(kept)) > MIN_RING_AREA else None


def _signed_area(ring: list) -> float:
    """Shoelace formula: positive when the ring runs anticlockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def _wound(rings: list[list], outer: bool) -> list:
    """Outer rings clockwise, holes anticlockwise: the winding d3 (and so plotly's geo
    traces) reads as "inside"; the other way round fills the rest of the globe."""
    return [r if (_signed_area(r) < 0) == outer else r[::-1] for r in rings]


def _polygons(geometry: dict) -> dict | None:
    """The geometry rounded, as a MultiPolygon of its polygons that still have an outer ring."""
    parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    polygons = []
    for polygon in parts:
        rings = [_ring(ring) for ring in _rounded(polygon)]
        if rings and rings[0] is not None:
            holes = [r for r in rings[1:] if r is not None]
            polygons.append([*_wound([rings[0]], outer=True), *_wound(holes, outer=False)])
    return {"type": "MultiPolygon", "coordinates": polygons} if polygons else None


def write_layer(collection: dict, path: Path) -> LayerInfo:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return LayerInfo(path, len(collection["features"]), len(text.encode()))


def load_boundaries(source: Path, layer: str, instance_dir: Path, tolerance: float | None = None,
                    code_field: str | None = None) -> LayerInfo:
    """`python -m data boundaries`: generalise a team's boundary file (another vintage) and
    keep it in the instance folder, where the map reads it in place of the shipped layer.
    A bad file raises BoundaryError and leaves the current layer as it was."""
    if layer not in LAYERS:
        raise BoundaryError(f"layer must be one of {', '.join(LAYERS)}; got {layer!r}")
    try:
        collection = json.loads(source.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BoundaryError(f"{source.name}: not readable as GeoJSON ({error})") from error
    generalised = generalise(collection, tolerance or DEFAULT_TOLERANCE[layer], code_field)
    target = instance_dir / "boundaries" / f"{layer}.geo.json"
    partial = target.with_suffix(".partial")
    info = write_layer(generalised, partial)
    partial.replace(target)  # a reader sees the old layer or the new, never half a file
    return LayerInfo(target, info.features, info.size_bytes)
