"""Read an OpenStreetMap extract (.osm, .osm.gz, .osm.bz2, .osm.pbf) with pyosmium.

One streaming pass (plus osmium's relation pre-pass for multipolygons) collects:
drivable road ways with their raw coach-relevant restrictions, the base-map layers,
and the named industrial / commercial features. Ways referencing nodes missing from
the file, or nodes outside the requested box, are cut there: the contiguous pieces
of >= 2 nodes are kept, and the import report counts them.
"""
from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from routing import osm_tags as T
from routing.errors import Message, RegionError
from routing.layers import (AREA_KINDS, BUILDING_KINDS, RAIL_KINDS, ROAD_KINDS, WATERWAY_KINDS,
                            LayerBuilder, MapLayers)
from routing.progress import CancelToken, ProgressCallback, check, report

Bbox = tuple[float, float, float, float]  # west, south, east, north (degrees)

SUFFIXES = (".osm", ".osm.gz", ".osm.bz2", ".osm.pbf", ".pbf", ".xml", ".osm.xml")

FEATURE_BUILDINGS = {"industrial", "warehouse", "factory", "manufacture", "commercial", "office", "retail"}
# offices that are companies (not tax offices, lawyers...)
FEATURE_OFFICES = {"company", "industrial", "logistics", "research", "energy_supplier", "engineer",
                   "telecommunication", "it"}
_AREA_KIND = {
    ("landuse", "industrial"): "industrial", ("landuse", "commercial"): "commercial",
    ("landuse", "retail"): "retail", ("landuse", "residential"): "residential",
    ("natural", "water"): "water", ("landuse", "reservoir"): "water", ("landuse", "basin"): "water",
    ("waterway", "riverbank"): "water", ("leisure", "park"): "park", ("landuse", "grass"): "park",
    ("landuse", "recreation_ground"): "park", ("landuse", "village_green"): "park",
    ("landuse", "forest"): "forest", ("natural", "wood"): "forest", ("landuse", "farmland"): "farmland",
    ("landuse", "meadow"): "farmland", ("landuse", "orchard"): "farmland",
    ("landuse", "vineyard"): "farmland", ("amenity", "parking"): "parking",
}
_ROAD_LAYER_KIND = {"motorway_link": "motorway", "trunk_link": "trunk", "primary_link": "primary",
                    "secondary_link": "secondary", "tertiary_link": "tertiary"}


@dataclass
class RoadWays:
    """Drivable ways: one row per OSM way (attributes), one piece per kept run of nodes."""

    osm_id: array = field(default_factory=lambda: array("q"))
    cls: array = field(default_factory=lambda: array("B"))
    oneway: array = field(default_factory=lambda: array("b"))
    maxspeed_fwd_kph: array = field(default_factory=lambda: array("f"))
    maxspeed_bwd_kph: array = field(default_factory=lambda: array("f"))
    maxheight_m: array = field(default_factory=lambda: array("f"))
    maxweight_t: array = field(default_factory=lambda: array("f"))
    maxwidth_m: array = field(default_factory=lambda: array("f"))
    maxlength_m: array = field(default_factory=lambda: array("f"))
    width_m: array = field(default_factory=lambda: array("f"))       # the road's physical width (``width``)
    access_fwd: array = field(default_factory=lambda: array("B"))   # flat (W, len(ACCESS_KEYS)), drawing direction
    access_bwd: array = field(default_factory=lambda: array("B"))   # ... against it (``key:backward`` or ``key``)
    hgv: array = field(default_factory=lambda: array("B"))
    service: array = field(default_factory=lambda: array("B"))      # SERVICE_VALUES code
    structure: array = field(default_factory=lambda: array("B"))    # STRUCT_TUNNEL | STRUCT_BRIDGE bits
    names: list = field(default_factory=list)
    # pieces
    piece_way: array = field(default_factory=lambda: array("i"))
    piece_offsets: array = field(default_factory=lambda: array("q", [0]))
    node_ref: array = field(default_factory=lambda: array("q"))
    node_lon: array = field(default_factory=lambda: array("d"))
    node_lat: array = field(default_factory=lambda: array("d"))
    # tagged nodes that matter to a coach: OSM id -> (CONTROL_* code, BARRIER_* code, access codes, maxheight m)
    node_rules: dict = field(default_factory=dict)
    # turn restrictions binding a coach: (RESTRICTION_NO|ONLY, from way id, via node id or -1,
    # [via way ids], to way id), OSM ids; resolved against the graph by graph_build
    restrictions: list = field(default_factory=list)
    # OSM ids of nodes where a way was cut (a node missing from the file or outside the box):
    # the road goes on there in reality, so a coach may not treat it as a dead end
    cut_ends: set = field(default_factory=set)


@dataclass
class RawFeature:
    osm_type: str
    osm_id: int
    name: str
    kind: str
    lon: float
    lat: float
    tags: dict


@dataclass
class RawExtract:
    """Everything read from an OSM file, before the graph is built."""

    source: Path
    bounds: Bbox
    roads: RoadWays
    layers: MapLayers
    features: list[RawFeature]
    report: dict


def _error(path: Path, problem: Message) -> RegionError:
    return RegionError("file.problem", file=path.name, problem=problem)


def feature_kind(tags) -> str | None:
    """The ``key=value`` that makes a named object a candidate site, or None."""
    get = tags.get
    lu = get("landuse")
    if lu in ("industrial", "commercial", "retail"):
        return f"landuse={lu}"
    if get("man_made") == "works":
        return "man_made=works"
    if get("industrial"):
        return f"industrial={get('industrial')}"
    b = get("building")
    if b in FEATURE_BUILDINGS:
        return f"building={b}"
    if get("office") in FEATURE_OFFICES:
        return f"office={get('office')}"
    if get("craft"):
        return f"craft={get('craft')}"
    return None


def representative_point(lons: list[float], lats: list[float]) -> tuple[float, float]:
    """A point inside a closed ring: its centroid if inside, else the middle of the widest
    inside span of the horizontal line through the centroid (always inside)."""
    n = len(lons)
    a = cx = cy = 0.0
    for i in range(n - 1):
        cross = lons[i] * lats[i + 1] - lons[i + 1] * lats[i]
        a += cross
        cx += (lons[i] + lons[i + 1]) * cross
        cy += (lats[i] + lats[i + 1]) * cross
    if abs(a) < 1e-18:
        return sum(lons) / n, sum(lats) / n
    cx, cy = cx / (3 * a), cy / (3 * a)
    xs = []
    for i in range(n - 1):
        y0, y1 = lats[i], lats[i + 1]
        if (y0 <= cy < y1) or (y1 <= cy < y0):
            xs.append(lons[i] + (cy - y0) / (y1 - y0) * (lons[i + 1] - lons[i]))
    xs.sort()
    spans = [(xs[i], xs[i + 1]) for i in range(0, len(xs) - 1, 2)]
    if any(x0 <= cx <= x1 for x0, x1 in spans) or not spans:
        return cx, cy
    x0, x1 = max(spans, key=lambda s: s[1] - s[0])
    return (x0 + x1) / 2, cy


def _estimate_objects(path: Path) -> float:
    """Rough object count from the file size, only for a monotonic progress fraction."""
    size = max(1, path.stat().st_size)
    name = path.name.lower()
    per_obj = 12 if name.endswith(".pbf") else (15 if name.endswith((".gz", ".bz2")) else 110)
    return size / per_obj


def read_osm(path: Path, bbox: Bbox | None = None, progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None, buildings: bool = True) -> RawExtract:
    """Read ``path`` and return its roads, layers and features (see module docstring).

    ``buildings``: keep building outlines for the base map (they dominate a large import;
    named industrial buildings are candidate sites either way).

    Raises RegionError naming the file for unreadable / non-OSM / truncated input or a
    box outside the data. Raises Cancelled when ``cancel`` is set."""
    import osmium  # imported here: only the import path needs libosmium

    path = Path(path)
    if not path.exists():
        raise _error(path, Message("file.not_found"))
    if path.is_dir():
        raise _error(path, Message("region.osm.is_folder"))
    if path.stat().st_size == 0:
        raise _error(path, Message("file.empty"))
    if not path.name.lower().endswith(SUFFIXES):
        raise _error(path, Message("region.osm.bad_suffix"))
    if bbox is not None:
        w, s, e, n = bbox
        if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):
            raise _error(path, Message("region.osm.bad_box", box=str(bbox)))

    # Area assembly (multipolygon relations) needs a file sorted by id, as Geofabrik / osmium
    # extracts are; API and JOSM exports may not be: then read again without it (closed ways only).
    for use_areas in (True, False):
        try:
            state = _read_pass(osmium, path, bbox, use_areas, progress, cancel, buildings)
            break
        except RuntimeError as exc:  # libosmium: XML syntax, gzip/bz2/pbf corruption...
            if use_areas and "out of order" in str(exc):
                continue
            raise _error(path, Message("region.osm.not_osm", detail=str(exc))) from None
        except osmium.InvalidLocationError as exc:  # a coordinate written "4,84": not OSM's form
            raise _error(path, Message("region.osm.bad_location", detail=str(exc))) from None
        except (OSError, ValueError) as exc:
            raise _error(path, Message("file.unreadable", detail=str(exc))) from None
    roads, builders, features, rep, header_box, (minlon, minlat, maxlon, maxlat) = state
    road_layer, rail, water, areas, buildings = builders

    rep["features"] = len(features)
    if rep["tagged_nodes"] == 0 and rep["ways"] == 0 and rep["relations"] == 0:
        raise _error(path, Message("region.osm.no_data"))
    if bbox is not None:
        data_box = header_box
        if data_box is None and math.isfinite(minlon):
            data_box = (minlon, minlat, maxlon, maxlat)
        if data_box is not None and rep["road_ways"] == 0:
            w, s, e, n = bbox
            if e < data_box[0] or w > data_box[2] or n < data_box[1] or s > data_box[3]:
                raise _error(path, Message("region.osm.box_outside", box=str(bbox), data_box=_fmt_box(data_box)))
    if rep["road_ways"] == 0:
        raise _error(path, Message("region.osm.no_road_in_box") if bbox else Message("region.osm.no_road_in_file"))
    if bbox is not None:
        bounds = tuple(float(x) for x in bbox)
        rep["bounds_from"] = "box"
    elif header_box is not None:
        bounds = header_box
        rep["bounds_from"] = "file"
    else:                                       # no <bounds>: the data's own extent, not an edge of the map
        bounds = (minlon, minlat, maxlon, maxlat)
        rep["bounds_from"] = "data"
    layers = MapLayers(roads=road_layer.build(), rail=rail.build(), waterways=water.build(),
                       areas=areas.build(), buildings=buildings.build())
    report(progress, 0.7, "OpenStreetMap data read")
    return RawExtract(path, bounds, roads, layers, features, rep)


def _read_pass(osmium, path: Path, bbox: Bbox | None, use_areas: bool,
               progress: ProgressCallback | None, cancel: CancelToken | None, with_buildings: bool = True):
    """One read of the file; see :func:`read_osm`. Raises RuntimeError from libosmium."""
    roads = RoadWays()
    road_layer = LayerBuilder(ROAD_KINDS)
    rail = LayerBuilder(RAIL_KINDS)
    water = LayerBuilder(WATERWAY_KINDS)
    areas = LayerBuilder(AREA_KINDS, polygons=True)
    buildings = LayerBuilder(BUILDING_KINDS, polygons=True)
    features: list[RawFeature] = []
    rep = {"tagged_nodes": 0, "ways": 0, "relations": 0, "road_ways": 0, "road_ways_cut_missing_nodes": 0,
           "road_ways_dropped_missing_nodes": 0, "road_ways_cut_at_box": 0, "road_ways_outside_box": 0,
           "non_drivable_highways": 0, "turn_restrictions": 0, "turn_restrictions_other_vehicles": 0,
           "turn_restrictions_malformed": 0, "barriers": 0, "features": 0,
           "multipolygons_assembled": use_areas}
    if bbox is not None:
        w_, s_, e_, n_ = bbox

        def inside(lon: float, lat: float) -> bool:
            return w_ <= lon <= e_ and s_ <= lat <= n_
    else:
        def inside(lon: float, lat: float) -> bool:
            return True

    def polygon(osm_type: str, osm_id: int, tags, rings_nodes) -> None:
        akind = None
        for k in ("landuse", "natural", "leisure", "amenity", "waterway"):
            v = tags.get(k)
            if v is not None and (k, v) in _AREA_KIND:
                akind = _AREA_KIND[(k, v)]
                break
        b = tags.get("building") if with_buildings else None
        name = tags.get("name", "")
        fkind = feature_kind(tags) if name else None
        if akind is None and b is None and fkind is None:
            return
        rings = []
        for ring in rings_nodes():
            lons = [nd.lon for nd in ring]
            lats = [nd.lat for nd in ring]
            if len(lons) >= 4 and any(inside(x, y) for x, y in zip(lons, lats)):
                rings.append((lons, lats))
        if not rings:
            return
        for lons, lats in rings:
            if akind is not None:
                areas.add(akind, lons, lats, name)
            if b is not None:
                bk = ("industrial" if b in ("industrial", "warehouse", "factory", "manufacture")
                      else "commercial" if b in ("commercial", "retail", "office") else "other")
                buildings.add(bk, lons, lats, name)
        if fkind is not None:
            lons, lats = max(rings, key=lambda r: len(r[0]))
            lon, lat = representative_point(lons, lats)
            features.append(RawFeature(osm_type, osm_id, name, fkind, lon, lat, {t.k: t.v for t in tags}))

    estimate = _estimate_objects(path)
    count = 0
    minlon = minlat = math.inf
    maxlon = maxlat = -math.inf
    header_box = None
    acc_keys = T.ACCESS_KEYS
    node_rules = roads.node_rules
    fp = osmium.FileProcessor(str(path)).with_locations()
    if use_areas:
        fp = fp.with_areas()
    fp = fp.with_filter(osmium.filter.EmptyTagFilter())
    try:
        hb = fp.header.box()
        if hb.valid():
            header_box = (hb.bottom_left.lon, hb.bottom_left.lat, hb.top_right.lon, hb.top_right.lat)
    except Exception:  # no header box: fine
        header_box = None
    for obj in fp:
        count += 1
        if count % 20000 == 0:
            check(cancel)
            report(progress, 0.7 * min(1.0, count / estimate), "Reading OpenStreetMap data")
        if obj.is_node():
            rep["tagged_nodes"] += 1
            tags = obj.tags
            if "highway" in tags or "barrier" in tags or "crossing" in tags or "maxheight" in tags:
                td = {t.k: t.v for t in tags}
                control, barrier = T.control_code(td), T.barrier_code(td)
                height = T.parse_length_m(td.get("maxheight"))
                if control or barrier or not math.isnan(height):
                    rep["barriers"] += bool(barrier)
                    node_rules[obj.id] = (control, barrier, tuple(T.access_code(td.get(k)) for k in acc_keys), height)
            name = tags.get("name")
            if name:
                kind = feature_kind(tags)
                if kind:
                    loc = obj.location
                    if loc.valid() and inside(loc.lon, loc.lat):
                        features.append(RawFeature("node", obj.id, name, kind, loc.lon, loc.lat,
                                                   {t.k: t.v for t in tags}))
        elif obj.is_way():
            rep["ways"] += 1
            tags = obj.tags
            if "highway" in tags:
                td = {t.k: t.v for t in tags}
                cls = T.highway_class(td)
                if cls is None:
                    rep["non_drivable_highways"] += 1
                    continue
                # cut the way at missing nodes and at nodes outside the box
                runs: list[list[tuple[int, float, float]]] = [[]]
                missing = outside = False
                after_cut = False
                for nd in obj.nodes:
                    loc = nd.location
                    if not loc.valid() or not inside(loc.lon, loc.lat):
                        if loc.valid():
                            outside = True
                        else:
                            missing = True
                        if runs[-1]:
                            roads.cut_ends.add(runs[-1][-1][0])
                            runs.append([])
                        after_cut = True
                        continue
                    if after_cut and not runs[-1]:
                        roads.cut_ends.add(nd.ref)
                    after_cut = False
                    runs[-1].append((nd.ref, loc.lon, loc.lat))
                runs = [r for r in runs if len(r) >= 2]
                if missing:
                    rep["road_ways_cut_missing_nodes" if runs else "road_ways_dropped_missing_nodes"] += 1
                if outside:
                    rep["road_ways_cut_at_box" if runs else "road_ways_outside_box"] += 1
                if not runs:
                    continue
                rep["road_ways"] += 1
                wi = len(roads.osm_id)
                roads.osm_id.append(obj.id)
                roads.cls.append(T.CLASS_CODE[cls])
                roads.oneway.append(T.oneway_code(td))
                ms = td.get("maxspeed")
                roads.maxspeed_fwd_kph.append(T.parse_maxspeed_kph(td.get("maxspeed:forward", ms), cls))
                roads.maxspeed_bwd_kph.append(T.parse_maxspeed_kph(td.get("maxspeed:backward", ms), cls))
                mh = [T.parse_length_m(td.get("maxheight")), T.parse_length_m(td.get("maxheight:physical"))]
                mh = [v for v in mh if not math.isnan(v)]
                roads.maxheight_m.append(min(mh) if mh else T.NAN)
                roads.maxweight_t.append(T.parse_weight_t(td.get("maxweight")))
                roads.maxwidth_m.append(T.parse_length_m(td.get("maxwidth")))
                roads.maxlength_m.append(T.parse_length_m(td.get("maxlength")))
                roads.width_m.append(T.parse_length_m(td.get("width")))
                roads.access_fwd.extend(T.directional_access(td, "forward"))
                roads.access_bwd.extend(T.directional_access(td, "backward"))
                roads.hgv.append(T.access_code(td.get("hgv")))
                roads.service.append(T.service_code(td))
                roads.structure.append(T.structure_code(td))
                name = td.get("name") or td.get("ref") or ""
                roads.names.append(name)
                layer_kind = _ROAD_LAYER_KIND.get(cls, cls)
                for run in runs:
                    roads.piece_way.append(wi)
                    refs, lons, lats = zip(*run)
                    roads.node_ref.extend(refs)
                    roads.node_lon.extend(lons)
                    roads.node_lat.extend(lats)
                    roads.piece_offsets.append(len(roads.node_ref))
                    road_layer.add(layer_kind, list(lons), list(lats), name)
                    minlon = min(minlon, min(lons)); maxlon = max(maxlon, max(lons))
                    minlat = min(minlat, min(lats)); maxlat = max(maxlat, max(lats))
                continue
            rw = tags.get("railway")
            ww = tags.get("waterway")
            target, kind = None, None
            if rw in RAIL_KINDS:
                target, kind = rail, rw
            elif ww in WATERWAY_KINDS:
                target, kind = water, ww
            if target is not None:
                lons, lats = [], []
                for nd in obj.nodes:
                    if nd.location.valid():
                        lons.append(nd.location.lon)
                        lats.append(nd.location.lat)
                if any(inside(x, y) for x, y in zip(lons, lats)):
                    target.add(kind, lons, lats, tags.get("name", ""))
            elif not use_areas and obj.is_closed() and len(obj.nodes) >= 4:
                nodes = obj.nodes
                if all(nd.location.valid() for nd in nodes):
                    polygon("way", obj.id, tags, lambda: [[nd.location for nd in nodes]])
        elif obj.is_relation():
            rep["relations"] += 1
            if obj.tags.get("type") == "restriction":
                rep["turn_restrictions"] += 1
                _read_restriction(obj, roads, rep)
        elif obj.is_area():
            polygon("way" if obj.from_way() else "relation", obj.orig_id(), obj.tags, obj.outer_rings)
    return ((roads, (road_layer, rail, water, areas, buildings), features, rep, header_box,
             (minlon, minlat, maxlon, maxlat)))


def _read_restriction(rel, roads: RoadWays, rep: dict) -> None:
    """Keep a ``type=restriction`` relation that binds a coach (see ``osm_tags.restriction_of``)."""
    td = {t.k: t.v for t in rel.tags}
    kind = T.restriction_of(td)
    if not kind:
        rep["turn_restrictions_other_vehicles"] += 1
        return
    frm, to, via_node, via_ways = [], [], [], []
    for m in rel.members:
        if m.role == "from" and m.type == "w":
            frm.append(m.ref)
        elif m.role == "to" and m.type == "w":
            to.append(m.ref)
        elif m.role == "via" and m.type == "n":
            via_node.append(m.ref)
        elif m.role == "via" and m.type == "w":
            via_ways.append(m.ref)
    if len(frm) != 1 or len(to) != 1 or len(via_node) + bool(via_ways) != 1 or len(via_node) > 1:
        rep["turn_restrictions_malformed"] += 1
        return
    roads.restrictions.append((kind, frm[0], via_node[0] if via_node else -1, via_ways, to[0]))


def _fmt_box(box) -> str:
    return ",".join(f"{v:.4f}" for v in box)
