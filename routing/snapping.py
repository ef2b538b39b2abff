"""Where a site meets the coach's road: nearest road points, with the rules a driver would apply.

A site is attached to the nearest point of a road a coach may stop on, except that

* motorways, trunk roads and their links, tunnels and bridges are skipped unless the site
  lies on them (within ``ON_ROAD_M``): a company beside a dual carriageway is reached from
  its service road, not by stopping on the hard shoulder;
* a road across a railway or a waterway (river, canal, stream) or through a lake from the
  site is skipped when a road on the site's own side exists within the snap distance: the
  coach would otherwise stop on the wrong bank.

Pure numpy + scipy's kd-tree on a local metric projection of the region.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ON_ROAD_M = 10.0
BARRIER_RAIL_KINDS = ("rail", "narrow_gauge")
BARRIER_WATER_KINDS = ("river", "canal", "stream")


@dataclass
class Candidate:
    distance_m: float
    point: int          # geometry point id starting the segment
    t: float            # position along that segment, 0..1


class SegmentIndex:
    """kd-tree over road segments (midpoints) of the links selected by a mask."""

    def __init__(self, x: np.ndarray, y: np.ndarray, starts: np.ndarray):
        from scipy.spatial import cKDTree
        self.x, self.y, self.starts = x, y, starts
        ax, ay, bx, by = x[starts], y[starts], x[starts + 1], y[starts + 1]
        self.tree = cKDTree(np.column_stack([(ax + bx) / 2, (ay + by) / 2]))
        self.half = float(np.hypot(bx - ax, by - ay).max() / 2) if len(starts) else 0.0

    def nearest(self, px: float, py: float, radius: float | None = None) -> list[Candidate]:
        """Road points nearest to (px, py), best first: the exact nearest, and with ``radius``
        every segment within it (one candidate per segment)."""
        d0, _ = self.tree.query([px, py])
        r = max(d0, radius or 0.0) + self.half + 1e-6 if radius is not None else d0 + self.half + 1e-6
        cand = np.asarray(self.tree.query_ball_point([px, py], r), dtype=np.int64)
        p = self.starts[cand]
        x, y = self.x, self.y
        ax, ay, bx, by = x[p], y[p], x[p + 1], y[p + 1]
        dx, dy = bx - ax, by - ay
        l2 = dx * dx + dy * dy
        t = np.where(l2 > 0, ((px - ax) * dx + (py - ay) * dy) / np.where(l2 > 0, l2, 1), 0.0)
        t = np.clip(t, 0.0, 1.0)
        d = np.hypot(ax + t * dx - px, ay + t * dy - py)
        order = np.argsort(d, kind="stable")
        if radius is None:
            order = order[:1]
        else:
            order = order[d[order] <= max(radius, d[order[0]] if len(order) else 0.0)]
        return [Candidate(float(d[k]), int(p[k]), float(t[k])) for k in order]


class CrossingIndex:
    """Railway and waterway lines and lake shores a connector from a site must not cross."""

    def __init__(self, layers, to_xy):
        segs = []
        for layer, kinds in ((layers.rail, BARRIER_RAIL_KINDS), (layers.waterways, BARRIER_WATER_KINDS)):
            if layer is not None and len(layer):
                segs.append(_segments(layer, [layer.kinds.index(k) for k in kinds if k in layer.kinds], to_xy))
        areas = layers.areas
        if areas is not None and len(areas) and "water" in areas.kinds:
            segs.append(_segments(areas, [areas.kinds.index("water")], to_xy))
        segs = [s for s in segs if len(s)]
        self.seg = np.vstack(segs) if segs else np.zeros((0, 4))
        self.tree = None
        if len(self.seg):
            from scipy.spatial import cKDTree
            s = self.seg
            self.tree = cKDTree(np.column_stack([(s[:, 0] + s[:, 2]) / 2, (s[:, 1] + s[:, 3]) / 2]))
            self.half = float(np.hypot(s[:, 2] - s[:, 0], s[:, 3] - s[:, 1]).max() / 2)

    def crosses(self, px: float, py: float, qx: float, qy: float) -> bool:
        """True if the straight line from P to Q crosses a railway, a waterway or a shore."""
        if self.tree is None:
            return False
        mx, my = (px + qx) / 2, (py + qy) / 2
        r = np.hypot(qx - px, qy - py) / 2 + self.half + 1e-6
        idx = np.asarray(self.tree.query_ball_point([mx, my], r), dtype=np.int64)
        if len(idx) == 0:
            return False
        s = self.seg[idx]
        return bool(_intersect(px, py, qx, qy, s[:, 0], s[:, 1], s[:, 2], s[:, 3]).any())


def _segments(layer, kind_codes: list[int], to_xy) -> np.ndarray:
    """(n, 4) segments x0, y0, x1, y1 of the layer's lines of the given kinds."""
    if not kind_codes:
        return np.zeros((0, 4))
    kind = np.asarray(layer.kind)
    off = np.asarray(layer.offsets)
    coords = np.asarray(layer.coords)
    keep = np.flatnonzero(np.isin(kind, kind_codes))
    if len(keep) == 0:
        return np.zeros((0, 4))
    starts = np.concatenate([np.arange(off[k], off[k + 1] - 1) for k in keep])
    if len(starts) == 0:
        return np.zeros((0, 4))
    x, y = to_xy(coords[:, 0], coords[:, 1])
    return np.column_stack([x[starts], y[starts], x[starts + 1], y[starts + 1]])


def _intersect(px, py, qx, qy, ax, ay, bx, by) -> np.ndarray:
    """Proper intersection of segment PQ with each segment AB (touching ends do not count)."""
    def orient(ox, oy, ux, uy, vx, vy):
        return (ux - ox) * (vy - oy) - (uy - oy) * (vx - ox)
    d1 = orient(ax, ay, bx, by, px, py)
    d2 = orient(ax, ay, bx, by, qx, qy)
    d3 = orient(px, py, qx, qy, ax, ay)
    d4 = orient(px, py, qx, qy, bx, by)
    return (d1 * d2 < 0) & (d3 * d4 < 0)


def kerb_side(ax: float, ay: float, bx: float, by: float, px: float, py: float) -> int:
    """+1 when P lies left of the direction A -> B, -1 right, 0 on the line."""
    c = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
    return 1 if c > 1e-9 else (-1 if c < -1e-9 else 0)
