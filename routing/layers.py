"""Map layers of a region as flat numpy arrays, cheap to draw in bulk without a tile server.

Line or ring ``k`` is ``coords[offsets[k]:offsets[k + 1]]`` (lon, lat in degrees WGS84);
``kind[k]`` indexes the layer's ``kinds`` list; ``names[k]`` is "" when unnamed.
Polygons hold one closed outer ring each (inner rings are not kept).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

ROAD_KINDS = ["motorway", "trunk", "primary", "secondary", "tertiary", "unclassified",
              "residential", "service", "living_street", "road"]
RAIL_KINDS = ["rail", "light_rail", "tram", "subway", "narrow_gauge", "monorail"]
WATERWAY_KINDS = ["river", "canal", "stream", "drain", "ditch"]
AREA_KINDS = ["industrial", "commercial", "retail", "residential", "water", "park", "forest",
              "farmland", "parking"]
BUILDING_KINDS = ["industrial", "commercial", "other"]


@dataclass
class Polylines:
    """Lines (roads, rail, waterways); see the module docstring for the layout."""

    coords: np.ndarray                 # float64 (M, 2) lon, lat
    offsets: np.ndarray                # int64 (K + 1,)
    kind: np.ndarray                   # uint8 (K,)
    kinds: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def line(self, k: int) -> np.ndarray:
        """Coordinates (n, 2) of line ``k``."""
        return self.coords[self.offsets[k]:self.offsets[k + 1]]

    @classmethod
    def empty(cls, kinds: list[str]) -> "Polylines":
        return cls(np.zeros((0, 2)), np.zeros(1, np.int64), np.zeros(0, np.uint8), list(kinds), [])


@dataclass
class Polygons(Polylines):
    """Closed outer rings (areas, buildings); same layout as :class:`Polylines`."""


@dataclass
class MapLayers:
    """Everything a base map of the region needs."""

    roads: Polylines
    rail: Polylines
    waterways: Polylines
    areas: Polygons
    buildings: Polygons | None = None


class LayerBuilder:
    """Accumulates lines of one layer during an OSM read, then freezes them to arrays."""

    def __init__(self, kinds: list[str], polygons: bool = False):
        self.kinds = list(kinds)
        self._code = {k: i for i, k in enumerate(kinds)}
        self._polygons = polygons
        self._lon: list[float] = []
        self._lat: list[float] = []
        self._offsets: list[int] = [0]
        self._kind: list[int] = []
        self._names: list[str] = []

    def add(self, kind: str, lons: list[float], lats: list[float], name: str = "") -> None:
        """Add one line (or ring, closed here if needed); lines of < 2 points are ignored."""
        if len(lons) < 2 or (self._polygons and len(lons) < 3):
            return
        self._lon.extend(lons)
        self._lat.extend(lats)
        if self._polygons and (lons[0] != lons[-1] or lats[0] != lats[-1]):
            self._lon.append(lons[0])
            self._lat.append(lats[0])
        self._offsets.append(len(self._lon))
        self._kind.append(self._code[kind])
        self._names.append(name.replace("\x00", ""))

    def build(self) -> Polylines:
        cls = Polygons if self._polygons else Polylines
        coords = np.column_stack([np.asarray(self._lon, np.float64), np.asarray(self._lat, np.float64)])
        return cls(coords.reshape(-1, 2), np.asarray(self._offsets, np.int64),
                   np.asarray(self._kind, np.uint8), self.kinds, self._names)
