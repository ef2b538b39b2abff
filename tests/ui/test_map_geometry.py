"""Pure pieces of the map canvas: projection, level-of-detail geometry, scale bar numbers."""
from __future__ import annotations

import math

import numpy as np
import pytest



def haversine_m(lon1, lat1, lon2, lat2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def test_projection_is_metres_and_round_trips():
    from app.ui.map.projection import LocalProjection

    proj = LocalProjection(15.62, 48.40)
    for lon, lat in [(15.60, 48.39), (15.67, 48.41), (15.5, 48.45)]:
        x, y = proj.to_scene(lon, lat)
        assert proj.to_lonlat(x, y) == pytest.approx((lon, lat), abs=1e-12)
        d = haversine_m(15.62, 48.40, lon, lat)
        assert math.hypot(x, y) == pytest.approx(d, rel=0.005)
    assert proj.to_scene(15.62, 48.41)[1] < 0          # north is up (negative y)


def test_chunk_and_simplify_keep_lines_whole(qapp):
    from app.ui.map import geometry

    rng = np.random.default_rng(1)
    lengths = rng.integers(2, 200, 300)
    offsets = np.r_[0, np.cumsum(lengths)]
    coords = np.cumsum(rng.normal(0, 10, (offsets[-1], 2)), axis=0)
    c2, o2, parent = geometry.chunk_lines(coords, offsets, 32)
    assert (np.diff(o2) - 1).max() <= 32
    # same segments: each piece's segments are consecutive source segments of its parent
    assert int((np.diff(o2) - 1).sum()) == int((lengths - 1).sum())
    for k in (0, 5, 299):
        pieces = np.flatnonzero(parent == k)
        joined = np.vstack([c2[o2[p]:o2[p + 1]][(0 if i == 0 else 1):] for i, p in enumerate(pieces)])
        assert np.array_equal(joined, coords[offsets[k]:offsets[k + 1]])
    s, so, kept = geometry.simplify_grid(coords, offsets, 25.0)
    assert len(s) < len(coords)
    for j, k in enumerate(kept[:50]):          # ends survive simplification
        assert np.array_equal(s[so[j]], coords[offsets[k]])
        assert np.array_equal(s[so[j + 1] - 1], coords[offsets[k + 1] - 1])
    path = geometry.path_from_lines(coords, offsets)
    assert path.elementCount() == len(coords)
    assert path.elementAt(offsets[7]).isMoveTo() and path.elementAt(offsets[7] + 1).isLineTo()
    assert path.elementAt(12).x == pytest.approx(coords[12, 0])


def test_scale_bar_round_numbers():
    from app.ui.map.overlays import format_distance, nice_scale_length

    for m_per_px in (0.07, 0.3, 1.0, 2.7, 13.0, 48.0, 333.0):
        length_m, px = nice_scale_length(m_per_px, 130)
        mant = length_m / 10 ** math.floor(math.log10(length_m))
        assert round(mant, 9) in (1.0, 2.0, 5.0)
        assert 130 / 2.5 - 1e-9 <= px <= 130 + 1e-9
    assert format_distance(500) == "500 m"
    assert format_distance(2000) == "2 km"


def test_synthetic_region_has_250k_road_segments_and_lod_reduces_them(qapp):
    from app.ui.map.basemap import BaseMap, band_of
    from app.ui.map.projection import LocalProjection
    from app.ui.map.synthetic import CENTRE, synthetic_layers

    layers = synthetic_layers(1.0)
    bm = BaseMap(layers, LocalProjection(*CENTRE))
    assert bm.segment_count("roads") >= 250_000
    coarse = bm.band(band_of(50.0))
    assert coarse.segments < bm.segment_count("roads") / 2
