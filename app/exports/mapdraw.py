"""Draw a base map from the region's own layers (no tile server) onto a PdfCanvas.

Projection: local equirectangular (x = lon·cos(lat₀), y = lat), accurate to well
under 1 % over a tour's few kilometres. Layers follow ``routing.layers.MapLayers``
(flat numpy arrays); only the lines touching the view are drawn.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np

from app.exports.context import ATTRIBUTION
from app.i18n import formats
from app.i18n.formats import NBSP

AREA_FILL = {"industrial": "#e6d6ee", "commercial": "#f2dcdc", "retail": "#f2dcdc", "residential": "#e6e3de",
             "water": "#aad3df", "park": "#cfe8c0", "forest": "#bcd9a8", "farmland": "#eef0d6", "parking": "#ececec"}
# (colour, width in mm, casing colour or None) per road class; unknown classes draw as "road"
ROAD_STYLE = {
    "motorway": ("#e892a2", 1.3, "#c2475f"), "trunk": ("#f9b29c", 1.2, "#c8704f"),
    "primary": ("#fcd6a4", 1.05, "#b58546"), "secondary": ("#f7fabf", 0.95, "#8f9654"),
    "tertiary": ("#ffffff", 0.85, "#9a9a9a"), "unclassified": ("#ffffff", 0.6, "#a8a8a8"),
    "residential": ("#ffffff", 0.6, "#a8a8a8"), "living_street": ("#ffffff", 0.5, "#b0b0b0"),
    "road": ("#ffffff", 0.5, "#b0b0b0"), "service": ("#ffffff", 0.3, "#b8b8b8"),
}
ROAD_ORDER = ["service", "road", "living_street", "residential", "unclassified", "tertiary", "secondary",
              "primary", "trunk", "motorway"]
BUS_COLOURS = ["#1f5fbf", "#c0392b", "#218c4a", "#8e44ad", "#d35400"]


@dataclass(frozen=True)
class Viewport:
    """Maps (lon, lat) to millimetres in a frame, same scale on both axes."""

    x: float
    y: float
    w: float
    h: float
    lon0: float
    lat0: float
    scale: float  # mm per projected degree
    kx: float  # cos(lat0)

    @classmethod
    def fit(cls, bounds: tuple[float, float, float, float], frame: tuple[float, float, float, float],
            margin: float = 0.08, min_span_m: float = 600.0) -> "Viewport":
        """The view showing ``bounds`` (W, S, E, N) in ``frame`` (x, y, w, h mm) with a margin."""
        w_, s_, e_, n_ = bounds
        lat0 = (s_ + n_) / 2
        kx = math.cos(math.radians(lat0))
        min_deg = min_span_m / 111_320.0
        span_x = max((e_ - w_) * kx, min_deg)
        span_y = max(n_ - s_, min_deg)
        x, y, fw, fh = frame
        scale = min(fw / (span_x * (1 + 2 * margin)), fh / (span_y * (1 + 2 * margin)))
        return cls(x, y, fw, fh, (w_ + e_) / 2, lat0, scale, kx)

    def project(self, lonlat: np.ndarray) -> np.ndarray:
        pts = np.asarray(lonlat, dtype=float).reshape(-1, 2)
        mx = self.x + self.w / 2 + (pts[:, 0] - self.lon0) * self.kx * self.scale
        my = self.y + self.h / 2 - (pts[:, 1] - self.lat0) * self.scale
        return np.column_stack([mx, my])

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        half_x = self.w / 2 / self.scale / self.kx
        half_y = self.h / 2 / self.scale
        return (self.lon0 - half_x, self.lat0 - half_y, self.lon0 + half_x, self.lat0 + half_y)

    @property
    def mm_per_m(self) -> float:
        return self.scale / 111_320.0


def select(layer: Any, bounds: tuple[float, float, float, float], kinds: Optional[set[int]] = None
           ) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates and offsets of the lines of ``layer`` whose box meets ``bounds``."""
    offsets = np.asarray(layer.offsets, dtype=np.int64)
    if len(offsets) < 2:
        return np.zeros((0, 2)), np.zeros(1, np.int64)
    coords = np.asarray(layer.coords, dtype=float)
    starts, ends = offsets[:-1], offsets[1:]
    nonempty = ends > starts
    idx = np.nonzero(nonempty)[0]
    lo = np.minimum.reduceat(coords, starts[idx], axis=0)
    hi = np.maximum.reduceat(coords, starts[idx], axis=0)
    w, s, e, n = bounds
    keep = (hi[:, 0] >= w) & (lo[:, 0] <= e) & (hi[:, 1] >= s) & (lo[:, 1] <= n)
    if kinds is not None:
        keep &= np.isin(np.asarray(layer.kind)[idx], list(kinds))
    chosen = idx[keep]
    if len(chosen) == 0:
        return np.zeros((0, 2)), np.zeros(1, np.int64)
    lengths = ends[chosen] - starts[chosen]
    parts = [coords[a:b] for a, b in zip(starts[chosen], ends[chosen])]
    return np.concatenate(parts), np.concatenate([[0], np.cumsum(lengths)])


def draw_base(canvas: Any, view: Viewport, layers: Any, detail: float = 1.0) -> None:
    """Background, land use, water, rail and roads by class. ``detail`` scales line widths."""
    canvas.rect(view.x, view.y, view.w, view.h, fill="#f5f3ee")
    if layers is None:
        return
    b = view.bounds
    areas = layers.areas
    for name in ("farmland", "forest", "park", "residential", "commercial", "retail", "industrial", "parking",
                 "water"):
        if name in areas.kinds:
            coords, offs = select(areas, b, {areas.kinds.index(name)})
            if len(offs) > 1:
                canvas.polylines(view.project(coords), offs, None, 0, fill=AREA_FILL[name])
    ww = layers.waterways
    coords, offs = select(ww, b)
    if len(offs) > 1:
        canvas.polylines(view.project(coords), offs, "#8cc3d8", 0.5 * detail)
    rail = layers.rail
    coords, offs = select(rail, b)
    if len(offs) > 1:
        pts = view.project(coords)
        canvas.polylines(pts, offs, "#8a8a8a", 0.6 * detail)
        canvas.polylines(pts, offs, "#ffffff", 0.3 * detail, dash=True)
    roads = layers.roads
    present = [k for k in ROAD_ORDER if k in roads.kinds] + [k for k in roads.kinds if k not in ROAD_ORDER]
    selected = {}
    for name in present:
        coords, offs = select(roads, b, {roads.kinds.index(name)})
        if len(offs) > 1:
            selected[name] = (view.project(coords), offs)
    for name, (pts, offs) in selected.items():  # casings first, so crossings look joined
        colour, width, casing = ROAD_STYLE.get(name, ROAD_STYLE["road"])
        if casing:
            canvas.polylines(pts, offs, casing, (width + 0.25) * detail)
    for name, (pts, offs) in selected.items():
        colour, width, _ = ROAD_STYLE.get(name, ROAD_STYLE["road"])
        canvas.polylines(pts, offs, colour, width * detail)


def draw_route(canvas: Any, view: Viewport, coords: Sequence[tuple[float, float]], colour: str,
               width_mm: float = 1.1) -> None:
    if len(coords) < 2:
        return
    pts = view.project(np.asarray(coords))
    canvas.polylines(pts, [0, len(pts)], "#ffffff", width_mm + 0.7)
    canvas.polylines(pts, [0, len(pts)], colour, width_mm)


def draw_marker(canvas: Any, view: Viewport, lon: float, lat: float, label: str, colour: str,
                radius_mm: float = 2.7, square: bool = False) -> None:
    (mx, my), = view.project(np.array([[lon, lat]]))
    if not (view.x <= mx <= view.x + view.w and view.y <= my <= view.y + view.h):
        return
    if square:
        canvas.rect(mx - radius_mm, my - radius_mm, 2 * radius_mm, 2 * radius_mm, fill="#222222",
                    stroke="#ffffff", width_mm=0.4)
    else:
        canvas.circle(mx, my, radius_mm, fill=colour, stroke="#ffffff", width_mm=0.4)
    size = 7.0 if len(label) <= 2 else 5.5
    canvas.text(mx - radius_mm * 1.5, my - radius_mm, radius_mm * 3, radius_mm * 2, label, size_pt=size, bold=True,
                color="#ffffff", align="center", valign="middle")


def draw_frame_notes(canvas: Any, view: Viewport) -> None:
    """Border, north arrow, scale bar and the OpenStreetMap attribution inside the frame."""
    canvas.rect(view.x, view.y, view.w, view.h, stroke="#555555", width_mm=0.3)
    draw_north_arrow(canvas, view)
    # scale bar: a round length near a fifth of the frame width
    target_m = view.w / 5 / view.mm_per_m
    nice = max(v for v in (50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000)
               if v <= max(50, target_m))
    bar = nice * view.mm_per_m
    x0, y0 = view.x + 4, view.y + view.h - 6
    canvas.rect(x0 - 1.5, y0 - 4.5, bar + 16, 7, fill="#ccffffff")
    canvas.rect(x0, y0, bar, 1.2, fill="#333333")
    label = f"{nice}{NBSP}m" if nice < 1000 else f"{formats.decimal(nice / 1000, 0 if nice % 1000 == 0 else 1, 'fr')}{NBSP}km"
    canvas.text(x0, y0 - 4.2, bar + 14, 4, label, size_pt=6.5, color="#333333")
    w = canvas.text_width(ATTRIBUTION, 6.5) + 3
    canvas.rect(view.x + view.w - w - 1, view.y + view.h - 5, w + 1, 5, fill="#ccffffff")
    canvas.text(view.x + view.w - w, view.y + view.h - 4.6, w, 4.5, ATTRIBUTION, size_pt=6.5, color="#333333")


NAMED_ROADS = ("primary", "secondary", "tertiary", "unclassified", "residential", "trunk")
MAX_STREET_LABELS = 40


def draw_street_names(canvas: Any, view: Viewport, layers: Any, size_pt: float = 5.5) -> None:
    """Street names along their roads: each name once, on the longest straight stretch of it that
    holds the name inside the frame, major roads first, never over another label."""
    if layers is None or not len(layers.roads):
        return
    roads = layers.roads
    names = roads.names
    b = view.bounds
    kinds = [roads.kinds.index(k) for k in NAMED_ROADS if k in roads.kinds]
    offsets = np.asarray(roads.offsets, dtype=np.int64)
    coords = np.asarray(roads.coords, dtype=float)
    kind = np.asarray(roads.kind)
    rank = {code: r for r, code in enumerate(kinds)}
    best: dict[str, tuple[float, int, float, float, float]] = {}  # name -> (length, rank, x, y, angle)
    for k in range(len(offsets) - 1):
        if kind[k] not in rank or not names[k]:
            continue
        line = coords[offsets[k]:offsets[k + 1]]
        if len(line) < 2 or line[:, 0].max() < b[0] or line[:, 0].min() > b[2] or line[:, 1].max() < b[1] \
                or line[:, 1].min() > b[3]:
            continue
        pts = view.project(line)
        found = _straight_stretch(pts, canvas.text_width(names[k], size_pt) + 2.0)
        if found is None:
            continue
        mx, my, angle, length = found
        if not (view.x + 3 <= mx <= view.x + view.w - 3 and view.y + 3 <= my <= view.y + view.h - 8):
            continue
        key = names[k]
        cand = (length, rank[kind[k]], mx, my, angle)
        if key not in best or (cand[1], -cand[0]) < (best[key][1], -best[key][0]):
            best[key] = cand
    placed: list[tuple[float, float, float]] = []  # (x, y, radius) of labels drawn
    order = sorted(best.items(), key=lambda item: (item[1][1], -item[1][0]))
    for name, (length, _r, x, y, angle) in order[:MAX_STREET_LABELS * 3]:
        radius = canvas.text_width(name, size_pt) / 2 + 1.5
        if any((x - px) ** 2 + (y - py) ** 2 < (radius + pr) ** 2 for px, py, pr in placed):
            continue
        canvas.label_along(x, y, angle, name, size_pt=size_pt)
        placed.append((x, y, radius))
        if len(placed) >= MAX_STREET_LABELS:
            break


def _straight_stretch(pts: np.ndarray, need_mm: float):
    """The middle, angle (degrees, text upright) and length of the stretch of the polyline ``pts``
    (mm) nearest its middle that is at least ``need_mm`` long and nearly straight (its chord at
    least 90 % of its length); None when the line has none."""
    if len(pts) < 2:
        return None
    seg = np.hypot(*np.diff(pts, axis=0).T)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    if s[-1] < need_mm:
        return None
    ends = np.searchsorted(s, s + need_mm)  # for each start i, the first j with s[j] - s[i] >= need
    best = None
    for i in range(len(pts) - 1):
        j = int(ends[i])
        if j >= len(pts):
            break
        chord = pts[j] - pts[i]
        span = s[j] - s[i]
        if np.hypot(*chord) < 0.9 * span:
            continue
        centre = abs((s[i] + s[j]) / 2 - s[-1] / 2)
        if best is None or centre < best[0]:
            best = (centre, i, j)
    if best is None:
        return None
    _, i, j = best
    (x0, y0), (x1, y1) = pts[i], pts[j]
    angle = float(np.degrees(np.arctan2(y1 - y0, x1 - x0)))
    if angle > 90:
        angle -= 180
    elif angle < -90:
        angle += 180
    return float((x0 + x1) / 2), float((y0 + y1) / 2), angle, float(s[j] - s[i])


def draw_north_arrow(canvas: Any, view: Viewport) -> None:
    """A north arrow in the frame's top right corner (the maps are drawn north up)."""
    cx, top = view.x + view.w - 7, view.y + 4
    canvas.rect(cx - 4, top - 1, 8, 11, fill="#ccffffff")
    canvas.polygon([(cx, top), (cx + 2.4, top + 6), (cx, top + 4.8)], fill="#222222")
    canvas.polygon([(cx, top), (cx - 2.4, top + 6), (cx, top + 4.8)], fill="#ffffff", stroke="#222222",
                   width_mm=0.15)
    canvas.text(cx - 3, top + 6, 6, 3.5, "N", size_pt=6.5, bold=True, color="#222222", align="center")
