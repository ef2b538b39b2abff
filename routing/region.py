"""A loaded region: bounds, base-map layers, named features and coach networks.

Built from a compiled file (:mod:`routing.compiled`) with numpy only: this module and
what it imports never load osmnx, geopandas, networkx or shapely.
"""
from __future__ import annotations

from routing.errors import Message, RegionError

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from routing.compiled import decode_strings, encode_strings, read_compiled
from routing.layers import MapLayers, Polygons, Polylines
from routing.profile import COACH_12M, VehicleProfile

DEFAULT_ENGINE = "auto"   # routing.network.CoachNetwork's engine: "auto", "dijkstra" or "cch"
LAYER_NAMES = ("roads", "rail", "waterways", "areas", "buildings")
GRAPH_ARRAYS = ("node_osm_id", "node_lon", "node_lat", "node_control", "node_barrier", "node_access", "node_maxheight_m", "node_cut",
                "link_u", "link_v", "link_way", "geom", "geom_offsets", "geom_node_id",
                "way_osm_id", "way_class", "way_oneway", "way_maxspeed_fwd_kph",
                "way_maxspeed_bwd_kph", "way_maxheight_m", "way_maxweight_t", "way_maxwidth_m",
                "way_maxlength_m", "way_width_m", "way_access_fwd", "way_access_bwd", "way_hgv", "way_service",
                "way_structure", "restr_kind", "restr_from", "restr_via_node", "restr_to",
                "restr_via_offsets", "restr_via_ways")


@dataclass(frozen=True)
class NamedFeature:
    """A named industrial / commercial object of the map: a candidate site."""

    osm_type: str   # "node" | "way" | "relation"
    osm_id: int
    name: str
    kind: str       # e.g. "landuse=industrial", "building=industrial", "man_made=works", "office=company"
    lon: float      # representative point inside the feature, degrees WGS84
    lat: float
    tags: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def layers_to_arrays(layers: MapLayers) -> tuple[dict, dict[str, np.ndarray]]:
    """(header part, arrays) storing ``layers`` in the compiled format."""
    meta, arrays = {}, {}
    for lname in LAYER_NAMES:
        layer = getattr(layers, lname)
        if layer is None:
            continue
        meta[lname] = {"kinds": list(layer.kinds), "count": len(layer.names),
                       "polygons": isinstance(layer, Polygons)}
        arrays[f"{lname}_coords"] = np.asarray(layer.coords, np.float64).reshape(-1, 2)
        arrays[f"{lname}_offsets"] = np.asarray(layer.offsets, np.int64)
        arrays[f"{lname}_kind"] = np.asarray(layer.kind, np.uint8)
        arrays[f"{lname}_names"] = encode_strings(layer.names)
    return meta, arrays


def _layers_from_arrays(meta: dict, arrays: dict[str, np.ndarray]) -> MapLayers:
    built = {}
    for lname in LAYER_NAMES:
        m = meta.get(lname)
        if m is None:
            built[lname] = None
            continue
        cls = Polygons if m.get("polygons") else Polylines
        built[lname] = cls(arrays[f"{lname}_coords"], arrays[f"{lname}_offsets"], arrays[f"{lname}_kind"],
                           list(m["kinds"]), decode_strings(arrays[f"{lname}_names"], m["count"]))
    return MapLayers(**built)


class Region:
    """A compiled region loaded in memory.

    ``bounds`` is (west, south, east, north) in degrees; ``graph`` holds the raw road
    graph arrays (see :mod:`routing.graph_build`); ``report`` the import counts."""

    def __init__(self, header: dict, arrays: dict[str, np.ndarray], path: Path | None = None):
        self.path = path
        self.header = header
        self.name: str = header["name"]
        self.bounds: tuple[float, float, float, float] = tuple(header["bounds"])
        self.report: dict = header.get("report", {})
        self.source: str = header.get("source", "")
        self.graph = {k: arrays[k] for k in GRAPH_ARRAYS}
        self.way_names: list[str] = decode_strings(arrays["way_names"], len(self.graph["way_osm_id"]))
        self.layers: MapLayers = _layers_from_arrays(header["layers"], arrays)
        self._features_raw = header.get("features", [])
        self._networks: dict[tuple[VehicleProfile, str], object] = {}

    @classmethod
    def load(cls, path: Path) -> "Region":
        """Load a compiled region file (numpy only)."""
        header, arrays = read_compiled(Path(path))
        try:
            return cls(header, arrays, Path(path))
        except (KeyError, ValueError, TypeError, IndexError) as exc:  # well-formed file, wrong content
            raise RegionError("file.problem", file=Path(path).name,
                              problem=Message("region.compiled.damaged", detail=repr(exc))) from None

    def network(self, profile: VehicleProfile = COACH_12M, engine: str | None = None):
        """The road network as driven by ``profile`` (cached per profile); ``engine``: see
        :class:`routing.network.CoachNetwork` (default ``DEFAULT_ENGINE``)."""
        key = (profile, engine or DEFAULT_ENGINE)
        net = self._networks.get(key)
        if net is None:
            from routing import network_cache
            from routing.network import CoachNetwork
            # a large region's network takes seconds to build: kept on disk between sessions
            large = len(self.graph["link_u"]) >= network_cache.CACHE_MIN_LINKS
            cached_as = network_cache.cache_key(self, profile, key[1]) if large else None
            net = network_cache.load(self, profile, key[1], cached_as) if cached_as else None
            if net is None:
                net = CoachNetwork(self, profile, engine=key[1])
                if cached_as:
                    net.prepare_snapping()
                    network_cache.save(net, self, profile, key[1], cached_as)
            self._networks[key] = net
        return net

    def named_features(self) -> list[NamedFeature]:
        """Named industrial / commercial features (nodes, ways, relations) for site import."""
        return [NamedFeature(f["osm_type"], int(f["osm_id"]), f["name"], f["kind"], float(f["lon"]),
                             float(f["lat"]), dict(f.get("tags", {}))) for f in self._features_raw]

    def contains(self, lon: float, lat: float) -> bool:
        """True if (lon, lat) lies within the region's bounds."""
        w, s, e, n = self.bounds
        return w <= lon <= e and s <= lat <= n

    def __repr__(self) -> str:
        return (f"Region({self.name!r}, nodes={len(self.graph['node_lon'])}, "
                f"links={len(self.graph['link_u'])})")
