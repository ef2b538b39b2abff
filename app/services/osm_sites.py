"""Named industrial features read straight from an OSM extract (pyosmium).

The routing engine's ``Region.named_features()`` is the normal source of OSM
sites; this small reader serves the demo builder and tests, which must not
wait for a region to be compiled. It returns objects with the same fields as
``routing.region.NamedFeature`` (osm_type, osm_id, name, kind, lon, lat, tags),
plus the nearest point of a road a coach may stop on (``road_lon``/``road_lat``,
``road_distance_m``), used as the site's coach gate.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import osmium
import shapely
from shapely import wkb

from routing.errors import RegionError

# (key, value or None for any value) that make a named feature a candidate site.
SITE_TAGS: tuple[tuple[str, Optional[str]], ...] = (
    ("landuse", "industrial"),
    ("building", "industrial"),
    ("man_made", "works"),
    ("office", "company"),
    ("craft", None),
    ("industrial", None),
    ("amenity", "restaurant"),
    ("amenity", "bus_station"),
)

# Roads a coach can stop beside to let a group off (no motorways, no tracks).
GATE_ROADS = frozenset(
    {"primary", "secondary", "tertiary", "unclassified", "residential", "service", "living_street",
     "primary_link", "secondary_link", "tertiary_link"}
)
_NO_GATE_SERVICE = frozenset({"parking_aisle", "driveway", "drive-through", "emergency_access"})


@dataclass(frozen=True)
class OsmFeature:
    """A named feature of the extract, ``lon``/``lat`` a point inside it (WGS84 degrees)."""

    osm_type: str  # "node" | "way" | "relation"
    osm_id: int
    name: str
    kind: str  # "man_made=works", ...
    lon: float
    lat: float
    tags: dict[str, str] = field(default_factory=dict)
    road_lon: Optional[float] = None  # nearest point of a road a coach can stop on
    road_lat: Optional[float] = None
    road_distance_m: Optional[float] = None

    @property
    def ref(self) -> str:
        """``"way/83825269"``: the OSM reference stored as a site's ``source_ref``."""
        return f"{self.osm_type}/{self.osm_id}"


def _kind(tags: dict[str, str]) -> Optional[str]:
    for key, value in SITE_TAGS:
        if key in tags and (value is None or tags[key] == value):
            return f"{key}={tags[key]}"
    return None


class _Reader(osmium.SimpleHandler):
    def __init__(self) -> None:
        super().__init__()
        self.wkb = osmium.geom.WKBFactory()
        self.found: list[tuple[str, int, str, str, object, dict[str, str]]] = []
        self.roads: list[object] = []

    def node(self, n) -> None:  # noqa: ANN001 - pyosmium object
        if "name" not in n.tags:
            return
        tags = {t.k: t.v for t in n.tags}
        kind = _kind(tags)
        if kind:
            self.found.append(("node", n.id, tags["name"], kind, shapely.Point(n.location.lon, n.location.lat), tags))

    def way(self, w) -> None:  # noqa: ANN001
        hw = w.tags.get("highway")
        if hw in GATE_ROADS and w.tags.get("service") not in _NO_GATE_SERVICE and w.tags.get("access") not in ("private", "no"):
            try:
                self.roads.append(wkb.loads(self.wkb.create_linestring(w), hex=True))
            except RuntimeError:  # a way with missing nodes at the extract's edge
                pass

    def area(self, a) -> None:  # noqa: ANN001
        if "name" not in a.tags:
            return
        tags = {t.k: t.v for t in a.tags}
        kind = _kind(tags)
        if not kind:
            return
        try:
            geom = wkb.loads(self.wkb.create_multipolygon(a), hex=True)
        except RuntimeError:
            return
        osm_type = "way" if a.from_way() else "relation"
        self.found.append((osm_type, a.orig_id(), tags["name"], kind, geom, tags))


def _metres(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def read_osm_features(path: Path | str) -> list[OsmFeature]:
    """All named site-like features of the OSM file at ``path``, sorted by (type, id).

    Raises :class:`RegionError` naming the file when it cannot be read.
    """
    path = Path(path)
    if not path.is_file():
        raise RegionError("import.osm.not_found", file=str(path))
    reader = _Reader()
    try:
        reader.apply_file(str(path), locations=True)
    except (RuntimeError, ValueError) as exc:  # libosmium: XML syntax, an illegal id, corruption
        raise RegionError("import.osm.unreadable", file=str(path), detail=str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - osmium's own classes (a bad location): still the file's fault
        if type(exc).__module__.startswith("osmium"):
            raise RegionError("import.osm.unreadable", file=str(path), detail=str(exc)) from None
        raise
    tree = shapely.STRtree(reader.roads) if reader.roads else None
    out = []
    for osm_type, osm_id, name, kind, geom, tags in reader.found:
        point = geom if geom.geom_type == "Point" else geom.representative_point()
        road_lon = road_lat = dist = None
        if tree is not None:
            # nearest in degrees is close enough to pick the road; the distance is then measured in metres
            road = reader.roads[int(tree.nearest(point))]
            on_road = road.interpolate(road.project(point))
            road_lon, road_lat = round(on_road.x, 7), round(on_road.y, 7)
            dist = _metres(point.x, point.y, road_lon, road_lat)
        out.append(OsmFeature(osm_type, osm_id, name, kind, round(point.x, 7), round(point.y, 7), tags,
                              road_lon, road_lat, dist))
    out.sort(key=lambda f: (f.osm_type, f.osm_id))
    return out
