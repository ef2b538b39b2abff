"""A SYNTHETIC region (random roads, zones, water) for map benchmarks and tests.

Not real geography: random smooth walks around invented towns, placed near Krems
(Austria) so coordinates look plausible.  ``synthetic_layers(scale=1.0)`` holds a
little over 250,000 road segments, the level-of-detail target of the map canvas.
"""
from __future__ import annotations

import numpy as np

from routing.layers import (AREA_KINDS, BUILDING_KINDS, RAIL_KINDS, ROAD_KINDS, WATERWAY_KINDS,
                            MapLayers, Polygons, Polylines)

from .projection import LocalProjection

CENTRE = (15.63, 48.40)          # lon, lat
SIZE_M = (36_000.0, 24_000.0)    # east-west, north-south extent of the synthetic region

# class: (ways at scale 1, points per way, segment length m, clustered in towns, named share)
_ROADS = {
    "motorway": (4, 400, 60.0, False, 1.0),
    "trunk": (8, 250, 50.0, False, 1.0),
    "primary": (40, 150, 40.0, False, 1.0),
    "secondary": (120, 100, 40.0, False, 0.9),
    "tertiary": (400, 40, 35.0, True, 0.8),
    "unclassified": (1000, 20, 30.0, True, 0.3),
    "residential": (13000, 12, 25.0, True, 0.7),
    "service": (8000, 8, 15.0, True, 0.0),
    "living_street": (1000, 6, 20.0, True, 0.5),
}


def _walks(rng, n: int, pts: int, seg_m: float, starts: np.ndarray, wiggle: float = 0.12
           ) -> np.ndarray:
    """(n, pts, 2) smooth random walks in metres from ``starts`` (n, 2)."""
    heading = rng.uniform(0, 2 * np.pi, (n, 1)) + np.cumsum(rng.normal(0, wiggle, (n, pts - 1)), axis=1)
    steps = np.stack([np.cos(heading), np.sin(heading)], axis=-1) * seg_m
    out = np.empty((n, pts, 2))
    out[:, 0] = starts
    out[:, 1:] = starts[:, None, :] + np.cumsum(steps, axis=1)
    return out


def _rings(rng, centres: np.ndarray, radius_m: np.ndarray, vertices: int) -> np.ndarray:
    """(n, vertices + 1, 2) closed irregular rings in metres."""
    n = len(centres)
    ang = np.sort(rng.uniform(0, 2 * np.pi, (n, vertices)), axis=1)
    r = radius_m[:, None] * rng.uniform(0.6, 1.0, (n, vertices))
    ring = centres[:, None, :] + np.stack([np.cos(ang) * r, np.sin(ang) * r], axis=-1)
    return np.concatenate([ring, ring[:, :1]], axis=1)


def _pack(cls, proj: LocalProjection, groups: list[tuple[str, np.ndarray, list[str]]], kinds: list[str]):
    """Flat arrays from [(kind, (n, pts, 2) metres, names)]."""
    coords, offsets, kind, names = [], [0], [], []
    for kname, arr, nm in groups:
        n, pts, _ = arr.shape
        flat = arr.reshape(-1, 2)
        lonlat = np.column_stack([proj.to_lonlat(flat[:, 0], flat[:, 1])[0],
                                  proj.to_lonlat(flat[:, 0], flat[:, 1])[1]])
        coords.append(lonlat)
        offsets.extend((offsets[-1] + pts * np.arange(1, n + 1)).tolist())
        kind += [kinds.index(kname)] * n
        names += nm
    return cls(np.vstack(coords), np.asarray(offsets, np.int64), np.asarray(kind, np.uint8), list(kinds), names)


def synthetic_layers(scale: float = 1.0, seed: int = 7) -> MapLayers:
    """SYNTHETIC MapLayers; ``scale`` multiplies the number of features (1.0: ~260k road segments)."""
    rng = np.random.default_rng(seed)
    proj = LocalProjection(*CENTRE)
    half = np.array(SIZE_M) / 2.0
    towns = rng.uniform(-half * 0.85, half * 0.85, (25, 2))

    def count(n: int) -> int:
        return max(1, int(round(n * scale)))

    def around_towns(n: int, sigma: float) -> np.ndarray:
        return towns[rng.integers(0, len(towns), n)] + rng.normal(0, sigma, (n, 2))

    roads = []
    for kname, (n, pts, seg, clustered, named) in _ROADS.items():
        n = count(n)
        starts = around_towns(n, 1500.0) if clustered else rng.uniform(-half, half, (n, 2))
        arr = _walks(rng, n, pts, seg, starts, 0.05 if kname in ("motorway", "trunk") else 0.12)
        nm = [f"{kname.title()} Street {i}" if rng.random() < named else "" for i in range(n)]
        roads.append((kname, arr, nm))

    rail = [("rail", _walks(rng, count(6), 300, 80.0, rng.uniform(-half, half, (count(6), 2)), 0.03),
             [""] * count(6))]
    river = np.stack([np.linspace(-half[0], half[0], 400), 3000 * np.sin(np.linspace(0, 5, 400))], axis=1)
    streams = _walks(rng, count(200), 60, 40.0, rng.uniform(-half, half, (count(200), 2)))
    waterways = [("river", river[None], ["Synthetic River"]), ("stream", streams, [""] * count(200))]

    def zone(kname: str, n: int, radius: tuple[float, float], clustered: bool, prefix: str):
        n = count(n)
        c = around_towns(n, 1200.0) if clustered else rng.uniform(-half, half, (n, 2))
        return (kname, _rings(rng, c, rng.uniform(*radius, n), 10),
                [f"{prefix} {i}" if prefix else "" for i in range(n)])

    river_poly = np.concatenate([river + [0, -80], river[::-1] + [0, 80], river[:1] + [0, -80]])
    areas = [
        zone("forest", 150, (600, 2500), False, ""),
        zone("farmland", 150, (500, 1500), False, ""),
        zone("park", 300, (80, 400), True, ""),
        zone("commercial", 200, (80, 350), True, "Commercial Park"),
        zone("industrial", 400, (150, 700), True, "Industrial Zone"),
        ("water", river_poly[None], ["Synthetic River"]),
        zone("water", 20, (100, 500), False, ""),
    ]
    nb = count(40_000)
    bc = around_towns(nb, 1500.0)
    w = rng.uniform(6, 25, (nb, 1))
    box = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]], float)
    buildings = bc[:, None, :] + box[None] * w[:, :, None]
    return MapLayers(
        roads=_pack(Polylines, proj, roads, ROAD_KINDS),
        rail=_pack(Polylines, proj, rail, RAIL_KINDS),
        waterways=_pack(Polylines, proj, waterways, WATERWAY_KINDS),
        areas=_pack(Polygons, proj, areas, AREA_KINDS),
        buildings=_pack(Polygons, proj, [("other", buildings, [""] * nb)], BUILDING_KINDS),
    )
