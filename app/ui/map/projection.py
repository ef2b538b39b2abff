"""Lon/lat <-> scene coordinates of the map canvas.

The canvas uses a *local equirectangular projection in metres* centred on the
region: ``x_m = R * (lon - lon0) * cos(lat0)`` (east), ``y_m = -R * (lat - lat0)``
(Qt's y axis points down, so north is up on screen).  R = 6 371 008.8 m (mean
Earth radius).  One scene unit is one metre, so the scale bar and on-map
distances need no correction.  Over a region of a few tens of kilometres the
east-west scale error stays below about 0.5 % (it grows with ``tan(lat0)`` and
the north-south extent); this is a map for orientation, not for surveying.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

EARTH_RADIUS_M = 6_371_008.8
_DEG = math.pi / 180.0


@dataclass(frozen=True)
class LocalProjection:
    """Equirectangular projection around (lon0, lat0), degrees WGS84; scene units are metres."""

    lon0: float
    lat0: float

    @property
    def _kx(self) -> float:  # metres per degree of longitude at lat0
        return EARTH_RADIUS_M * _DEG * math.cos(self.lat0 * _DEG)

    @property
    def _ky(self) -> float:  # metres per degree of latitude
        return EARTH_RADIUS_M * _DEG

    @classmethod
    def around(cls, west: float, south: float, east: float, north: float) -> "LocalProjection":
        """The projection centred on a (west, south, east, north) box in degrees."""
        return cls((west + east) / 2.0, (south + north) / 2.0)

    def to_scene(self, lon: float, lat: float) -> tuple[float, float]:
        """(x_m, y_m) scene metres of a WGS84 point (y grows southwards)."""
        return ((lon - self.lon0) * self._kx, -(lat - self.lat0) * self._ky)

    def to_lonlat(self, x_m: float, y_m: float) -> tuple[float, float]:
        """(lon, lat) degrees of a scene point in metres."""
        return (self.lon0 + x_m / self._kx, self.lat0 - y_m / self._ky)

    def array_to_scene(self, lonlat: np.ndarray) -> np.ndarray:
        """float64 (N, 2) scene metres of an (N, 2) lon, lat array."""
        lonlat = np.asarray(lonlat, dtype=np.float64).reshape(-1, 2)
        out = np.empty_like(lonlat)
        out[:, 0] = (lonlat[:, 0] - self.lon0) * self._kx
        out[:, 1] = -(lonlat[:, 1] - self.lat0) * self._ky
        return out

    def bounds_to_scene(self, west: float, south: float, east: float, north: float
                        ) -> tuple[float, float, float, float]:
        """(x_min, y_min, x_max, y_max) scene metres of a lon/lat box."""
        x0, y1 = self.to_scene(west, south)
        x1, y0 = self.to_scene(east, north)
        return (x0, y0, x1, y1)


def layers_bounds(layers, names: tuple[str, ...] = ("roads", "rail", "waterways", "areas", "buildings")
                  ) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) degrees covering every coordinate of the named layers of a
    MapLayers, or None if they are empty."""
    boxes = []
    for name in names:
        layer = getattr(layers, name)  # buildings may be None
        if layer is None or len(layer.coords) == 0:
            continue
        c = np.asarray(layer.coords)
        boxes.append((c[:, 0].min(), c[:, 1].min(), c[:, 0].max(), c[:, 1].max()))
    if not boxes:
        return None
    b = np.array(boxes)
    return (float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max()))
