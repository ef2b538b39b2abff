"""The base map: region layers pre-cut into zoom bands and spatial tiles, drawn with QPainter.

Level of detail, so that a 250,000-segment region pans and zooms smoothly:

* **Zoom bands** (:data:`BANDS`, by metres per pixel).  Each band keeps only the
  classes visible in it (minor roads disappear when zoomed out) and its geometry is
  simplified on a grid of one pixel at the band's finest zoom, so the number of
  segments painted stays roughly proportional to the pixels on screen.
* **Tiles.**  Lines are cut into pieces of at most 32 segments, grouped into square
  tiles (640 px at the band's coarsest zoom); one QPainterPath per (tile, layer, class),
  built once with numpy (see :func:`geometry.path_from_lines`).  A paint only touches
  the tiles intersecting the exposed rectangle.
* **Cosmetic pens** (widths in pixels, whatever the zoom), no antialiasing except very
  close in (below 0.3 m/px): aliased lines are 3-10x cheaper in Qt's raster engine
  (measured: 250k 1-px segments 33 ms aliased vs 170 ms antialiased; wide antialiased
  pens are far worse).  Road casings when zoomed in (< 1.5 m/px).

Bands are built lazily: the one needed by a paint first, the others on idle
(:meth:`BaseMap.build_step`, at most ~50 ms a step).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from . import geometry, style
from .projection import LocalProjection

# (min m/px, max m/px, simplification tolerance m)
BANDS: list[tuple[float, float, float]] = [
    (0.0, 1.5, 0.0),
    (1.5, 6.0, 1.5),
    (6.0, 24.0, 6.0),
    (24.0, 96.0, 24.0),
    (96.0, math.inf, 96.0),
]
TILE_PX = 320
# Antialiased wide lines cost 3-10x more in the raster engine; only worth it very close in.
AA_BELOW_M_PER_PX = 0.3
MAX_SEGMENTS_PER_PIECE = 32


def band_of(m_per_px: float) -> int:
    for i, (lo, hi, _tol) in enumerate(BANDS):
        if lo <= m_per_px < hi:
            return i
    return len(BANDS) - 1 if m_per_px >= BANDS[-1][0] else 0


@dataclass
class _Layer:
    """One layer, projected to scene metres and cut into pieces."""

    name: str                 # "roads", "rail", "waterways", "areas", "buildings"
    coords: np.ndarray
    offsets: np.ndarray
    kind: np.ndarray          # per piece, index into kinds
    kinds: list[str]
    names: np.ndarray         # per piece, object array of str
    closed: bool


@dataclass
class _Tile:
    paths: dict[tuple[str, str], QPainterPath] = field(default_factory=dict)
    # road name candidates: midpoint x, y (m), angle (deg), segment length (m), name
    label_xy: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    label_angle: np.ndarray = field(default_factory=lambda: np.zeros(0))
    label_len: np.ndarray = field(default_factory=lambda: np.zeros(0))
    label_name: list[str] = field(default_factory=list)
    segments: int = 0


@dataclass
class _Band:
    tiles: list[_Tile]
    bboxes: np.ndarray        # (T, 4) x_min, y_min, x_max, y_max of each tile's content
    segments: int             # segments held (for the benchmark's table)


def _max_m_per_px(layer: str, kind: str) -> float:
    """Coarsest zoom (m/px) at which ``kind`` of ``layer`` is drawn."""
    if layer == "roads":
        return style.road_style(kind).max_m_per_px
    if layer == "areas":
        return style.AREA_STYLE.get(kind, style.AREA_DEFAULT)[2]
    if layer == "buildings":
        return style.BUILDING_MAX_M_PER_PX
    if layer == "waterways":
        return style.WATERWAY_STYLE.get(kind, ("", 1.0, 4.0))[2]
    if layer == "rail":
        return style.RAIL_MAX_M_PER_PX.get(kind, 8.0)
    return 0.0


def _draw_order(kinds_by_layer: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(layer, kind) in painting order: areas, buildings, water lines, rail, roads."""
    order: list[tuple[str, str]] = []
    areas = kinds_by_layer.get("areas", [])
    order += [("areas", k) for k in style.AREA_ORDER if k in areas]
    order += [("areas", k) for k in areas if k not in style.AREA_ORDER and k != "water"]
    order += [("buildings", k) for k in kinds_by_layer.get("buildings", [])]
    order += [("waterways", k) for k in kinds_by_layer.get("waterways", [])]
    order += [("rail", k) for k in kinds_by_layer.get("rail", [])]
    roads = kinds_by_layer.get("roads", [])
    order += [("roads", k) for k in roads if k not in style.ROAD_ORDER]
    order += [("roads", k) for k in style.ROAD_ORDER if k in roads]
    return order


class BaseMap:
    """Draws a region's MapLayers (``routing.layers.MapLayers``) in scene metres."""

    def __init__(self, layers, projection: LocalProjection):
        self.projection = projection
        self._layers: dict[str, _Layer] = {}
        for name in ("areas", "buildings", "waterways", "rail", "roads"):
            src = getattr(layers, name)  # buildings may be None
            if src is None or len(src.offsets) < 2:
                continue
            closed = name in ("areas", "buildings")
            xy = projection.array_to_scene(np.asarray(src.coords, np.float64))
            offsets = np.asarray(src.offsets, np.int64)
            names = np.array(list(src.names) if len(src.names) == len(offsets) - 1
                             else [""] * (len(offsets) - 1), dtype=object)
            kind = np.asarray(src.kind)
            if closed:   # rings stay whole so they can be filled
                parent = np.arange(len(offsets) - 1)
            else:
                xy, offsets, parent = geometry.chunk_lines(xy, offsets, MAX_SEGMENTS_PER_PIECE)
            self._layers[name] = _Layer(name, xy, offsets, kind[parent], list(src.kinds),
                                        names[parent], closed)
        kinds_by_layer = {n: [l.kinds[i] for i in np.unique(l.kind)] for n, l in self._layers.items()}
        self._order = _draw_order(kinds_by_layer)
        self._bands: dict[int, _Band] = {}
        self._builders: dict[int, object] = {}
        self._pens: dict = {}
        self._road_label_cache: dict[tuple[int, int], list] = {}
        self._road_label_scale = -1.0
        self._area_label_cache: tuple[float, list] | None = None
        self._label_font = QFont()
        self._label_font.setPointSizeF(8.0)
        self._area_font = QFont()
        self._area_font.setPointSizeF(8.5)
        self._area_font.setItalic(True)
        self._area_font.setBold(True)
        self._fm = QFontMetricsF(self._label_font)
        self._afm = QFontMetricsF(self._area_font)
        self._area_labels = self._area_label_candidates()
        self.last_paint_segments = 0   # segments of the tiles drawn by the last paint (diagnostics)

    # ----------------------------------------------------------------- building
    def segment_count(self, layer: str = "roads") -> int:
        """Segments of ``layer`` in the source data (pieces share end points)."""
        l = self._layers.get(layer)
        return 0 if l is None else int(len(l.coords) - (len(l.offsets) - 1))

    def band(self, index: int) -> _Band:
        """The tiles of zoom band ``index``, built now if idle time has not built it yet."""
        b = self._bands.get(index)
        if b is None:
            steps = self._builders.pop(index, None) or self._band_steps(index)
            for _ in steps:
                pass
            b = self._bands[index]
        return b

    def build_step(self, prefer: int | None = None) -> bool:
        """Do a slice (tens of ms at most) of the work of building a band not built yet, the
        ``prefer``-red band first; False when every band is built.  For idle time, so that
        zooming into a new band never stalls the GUI."""
        order = list(range(len(BANDS)))
        if prefer is not None:   # the current band, then its neighbours
            order.sort(key=lambda i: abs(i - prefer))
        for i in order:
            if i in self._bands:
                continue
            steps = self._builders.get(i)
            if steps is None:
                steps = self._builders[i] = self._band_steps(i)
            try:
                next(steps)
            except StopIteration:
                self._builders.pop(i, None)
            return True
        return False

    def _band_steps(self, index: int):
        """Generator building band ``index``; each ``next()`` does a bounded slice of work."""
        lo, hi, tol = BANDS[index]
        tile_m = TILE_PX * hi if math.isfinite(hi) else math.inf
        groups: dict[tuple[int, int], _Tile] = {}
        boxes: dict[tuple[int, int], list[float]] = {}
        total = 0
        budget = 0
        for lname, layer in self._layers.items():
            for code, kname in enumerate(layer.kinds):
                if _max_m_per_px(lname, kname) <= lo:
                    continue
                sel = np.flatnonzero(layer.kind == code)
                if len(sel) == 0:
                    continue
                counts = np.diff(layer.offsets)[sel]
                sub_off = np.zeros(len(sel) + 1, np.int64)
                np.cumsum(counts, out=sub_off[1:])
                idx = np.repeat(layer.offsets[:-1][sel] - sub_off[:-1], counts) + np.arange(sub_off[-1])
                xy, off, kept = geometry.simplify_grid(layer.coords[idx], sub_off, tol, layer.closed)
                if len(kept) == 0:
                    continue
                names = layer.names[sel][kept]
                bb = geometry.line_bboxes(xy, off)
                if math.isfinite(tile_m):
                    cx = np.floor((bb[:, 0] + bb[:, 2]) / 2.0 / tile_m).astype(np.int64)
                    cy = np.floor((bb[:, 1] + bb[:, 3]) / 2.0 / tile_m).astype(np.int64)
                else:
                    cx = cy = np.zeros(len(kept), np.int64)
                # Sort the lines by tile once; every tile is then a contiguous run of lines,
                # and of elements in one big QDataStream buffer.
                order = np.lexsort((cy, cx))
                cnt = np.diff(off)[order]
                s_off = np.zeros(len(order) + 1, np.int64)
                np.cumsum(cnt, out=s_off[1:])
                pidx = np.repeat(off[:-1][order] - s_off[:-1], cnt) + np.arange(s_off[-1])
                sxy = xy[pidx]
                buf = geometry.element_buffer(sxy, s_off)
                sbb = bb[order]
                scx, scy = cx[order], cy[order]
                newtile = np.r_[True, (scx[1:] != scx[:-1]) | (scy[1:] != scy[:-1])]
                starts = np.flatnonzero(newtile)
                ends = np.r_[starts[1:], len(order)]
                tb = np.column_stack([np.minimum.reduceat(sbb[:, 0], starts),
                                      np.minimum.reduceat(sbb[:, 1], starts),
                                      np.maximum.reduceat(sbb[:, 2], starts),
                                      np.maximum.reduceat(sbb[:, 3], starts)])
                seg_per_tile = np.add.reduceat(cnt - 1, starts)
                labelled = lname == "roads" and index <= 1
                if labelled:
                    mid, ang, seglen = geometry.longest_segments(xy, off)
                    named = np.array([bool(n) for n in names], bool)[order]
                for u, (a, e) in enumerate(zip(starts, ends)):
                    t = (int(scx[a]), int(scy[a]))
                    tile = groups.get(t)
                    if tile is None:
                        tile = groups[t] = _Tile()
                        boxes[t] = [math.inf, math.inf, -math.inf, -math.inf]
                    tile.paths[(lname, kname)] = geometry.path_from_buffer(buf, s_off[a], s_off[e])
                    nseg = int(seg_per_tile[u])
                    tile.segments += nseg
                    total += nseg
                    bx = boxes[t]
                    bx[0] = min(bx[0], tb[u, 0])
                    bx[1] = min(bx[1], tb[u, 1])
                    bx[2] = max(bx[2], tb[u, 2])
                    bx[3] = max(bx[3], tb[u, 3])
                    if labelled:
                        lines = order[a:e][named[a:e]]
                        if len(lines):
                            tile.label_xy = np.vstack([tile.label_xy, mid[lines]])
                            tile.label_angle = np.r_[tile.label_angle, ang[lines]]
                            tile.label_len = np.r_[tile.label_len, seglen[lines]]
                            tile.label_name += [names[i] for i in lines]
                    budget += int(s_off[e] - s_off[a]) + 200
                    if budget > 40_000:      # about 20-30 ms of work: let the GUI breathe
                        budget = 0
                        yield
                budget += len(xy) // 4
                if budget > 40_000:
                    budget = 0
                    yield
        keys = list(groups)
        bbox = np.array([boxes[k] for k in keys]).reshape(-1, 4)
        self._bands[index] = _Band([groups[k] for k in keys], bbox, total)

    def _area_label_candidates(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Centroids (N, 2), sizes in metres (N,) and names of named industrial/commercial areas."""
        layer = self._layers.get("areas")
        if layer is None:
            return np.zeros((0, 2)), np.zeros(0), []
        want = np.array([bool(n) and layer.kinds[k] in style.LABELLED_AREAS
                         for n, k in zip(layer.names, layer.kind)], bool)
        sel = np.flatnonzero(want)
        if len(sel) == 0:
            return np.zeros((0, 2)), np.zeros(0), []
        cent = geometry.ring_centroids(layer.coords, layer.offsets)[sel]
        bb = geometry.line_bboxes(layer.coords, layer.offsets)[sel]
        size = np.minimum(bb[:, 2] - bb[:, 0], bb[:, 3] - bb[:, 1])
        # biggest zones first: they win label collisions
        order = np.argsort(-size, kind="stable")
        return cent[order], size[order], [layer.names[i] for i in sel[order]]

    # ----------------------------------------------------------------- painting
    def _pen(self, key: tuple[str, str], m_per_px: float, casing: bool = False) -> QPen | None:
        layer, kind = key
        close = m_per_px < style.CLOSE_M_PER_PX
        ck = (layer, kind, close, casing)
        pen = self._pens.get(ck)
        if pen is not None:
            return pen
        if layer == "roads":
            st = style.road_style(kind)
            if casing:
                pen = QPen(QColor(st.casing), st.width_close_px + 2.0)
            elif close:
                pen = QPen(QColor(st.colour), st.width_close_px)
            else:
                pen = QPen(QColor(style.ROAD_FAR_COLOUR.get(kind, st.colour)), st.width_px)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap if close else Qt.PenCapStyle.FlatCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin if close else Qt.PenJoinStyle.MiterJoin)
        elif layer == "rail":
            pen = QPen(QColor(style.RAIL_COLOUR), 1.5 if close else 1.0)
            pen.setDashPattern([6.0, 4.0])
        elif layer == "waterways":
            colour, width, _ = style.WATERWAY_STYLE.get(kind, ("#8fc3da", 1.0, 4.0))
            pen = QPen(QColor(colour), width if close or width <= 1 else max(1.0, width - 1.0))
        elif layer == "areas":
            outline = style.AREA_STYLE.get(kind, style.AREA_DEFAULT)[1]
            pen = QPen(QColor(outline), 1.0) if outline else QPen(Qt.PenStyle.NoPen)
        else:
            pen = QPen(Qt.PenStyle.NoPen)
        pen.setCosmetic(True)
        self._pens[ck] = pen
        return pen

    def paint(self, painter: QPainter, exposed: QRectF, m_per_px: float) -> None:
        """Draw the base map into ``exposed`` (scene metres) at ``m_per_px`` metres per pixel.

        ``painter`` carries the view transform (scene metres -> device pixels).
        """
        painter.fillRect(exposed, style.LAND)
        band = self.band(band_of(m_per_px))
        if len(band.tiles) == 0:
            return
        b = band.bboxes
        hit = np.flatnonzero((b[:, 0] <= exposed.right()) & (b[:, 2] >= exposed.left())
                             & (b[:, 1] <= exposed.bottom()) & (b[:, 3] >= exposed.top()))
        tiles = [band.tiles[i] for i in hit]
        self.last_paint_segments = sum(t.segments for t in tiles)
        close = m_per_px < style.CLOSE_M_PER_PX
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, m_per_px < AA_BELOW_M_PER_PX)
        no_pen = QPen(Qt.PenStyle.NoPen)
        for key in self._order:
            layer, kind = key
            if _max_m_per_px(layer, kind) <= m_per_px:
                continue
            paths = [p for t in tiles if (p := t.paths.get(key)) is not None]
            if not paths:
                continue
            if layer in ("areas", "buildings"):
                if layer == "areas":
                    fill = style.AREA_STYLE.get(kind, style.AREA_DEFAULT)[0]
                else:
                    fill = style.BUILDING_INDUSTRIAL_FILL if kind == "industrial" else style.BUILDING_FILL
                painter.setBrush(QBrush(QColor(fill)))
                painter.setPen(self._pen(key, m_per_px) if m_per_px < 12 else no_pen)
                for p in paths:
                    painter.drawPath(p)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                continue
            if layer == "roads" and close:
                # casings first so the road fill covers junctions cleanly
                painter.setPen(self._pen(key, m_per_px, casing=True))
                for p in paths:
                    painter.drawPath(p)
            painter.setPen(self._pen(key, m_per_px))
            for p in paths:
                painter.drawPath(p)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if m_per_px < style.AREA_LABEL_MAX_M_PER_PX:
            self._paint_area_labels(painter, exposed, m_per_px)
        if m_per_px < style.ROAD_NAME_MAX_M_PER_PX:
            self._paint_road_labels(painter, [int(i) for i in hit], band, m_per_px)

    # ----------------------------------------------------------------- labels
    @staticmethod
    def _halo_text(painter: QPainter, x: float, y: float, text: str, colour: QColor) -> None:
        painter.setPen(QColor(255, 255, 255, 220))
        for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            painter.drawText(QPointF(x + dx, y + dy), text)
        painter.setPen(colour)
        painter.drawText(QPointF(x, y), text)

    def _area_label_choice(self, m_per_px: float) -> list[tuple[float, float, str, float]]:
        """Labels of named zones at this zoom, chosen over the whole region (so panning never
        changes which labels win a collision): (x_m, y_m, name, width_px)."""
        if self._area_label_cache and self._area_label_cache[0] == m_per_px:
            return self._area_label_cache[1]
        cent, size, names = self._area_labels
        chosen: list[tuple[float, float, str, float]] = []
        placed: list[tuple[float, float, float, float]] = []
        for (x, y), s, name in zip(cent, size, names):
            w = self._afm.horizontalAdvance(name)
            if s / m_per_px < min(w, 120.0) * 0.6:
                continue      # the zone is too small on screen for its name
            px, py = x / m_per_px, y / m_per_px
            r = (px - w / 2 - 4, py - 10, px + w / 2 + 4, py + 10)
            if any(r[0] < q[2] and q[0] < r[2] and r[1] < q[3] and q[1] < r[3] for q in placed):
                continue
            placed.append(r)
            chosen.append((float(x), float(y), name, w))
        self._area_label_cache = (m_per_px, chosen)
        return chosen

    def _paint_area_labels(self, painter: QPainter, exposed: QRectF, m_per_px: float) -> None:
        t = painter.transform()
        margin = 200 * m_per_px
        area = exposed.adjusted(-margin, -margin, margin, margin)
        painter.save()
        painter.resetTransform()
        painter.setFont(self._area_font)
        colour = QColor("#5b3f6e")
        for x, y, name, w in self._area_label_choice(m_per_px):
            if not area.contains(QPointF(x, y)):
                continue
            p = t.map(QPointF(x, y))
            self._halo_text(painter, p.x() - w / 2, p.y() + 4, name, colour)
        painter.restore()

    def _paint_road_labels(self, painter: QPainter, tile_ids: list[int], band: _Band,
                           m_per_px: float) -> None:
        if m_per_px != self._road_label_scale:
            self._road_label_cache.clear()
            self._road_label_scale = m_per_px
        t = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setFont(self._label_font)
        colour = QColor("#333333")
        bi = id(band)
        for ti in tile_ids:
            labels = self._road_label_cache.get((bi, ti))
            if labels is None:
                labels = self._road_label_cache[(bi, ti)] = self._choose_road_labels(band.tiles[ti], m_per_px)
            for x, y, angle, name, w in labels:
                p = t.map(QPointF(x, y))
                painter.save()
                painter.translate(p)
                painter.rotate(angle)
                self._halo_text(painter, -w / 2, 3.5, name, colour)
                painter.restore()
        painter.restore()

    def _choose_road_labels(self, tile: _Tile, m_per_px: float) -> list:
        """Road names of one tile at this zoom: one per name, where the segment is long enough."""
        out = []
        seen: set[str] = set()
        placed: list[tuple[float, float]] = []
        order = np.argsort(-tile.label_len, kind="stable")
        for i in order:
            name = tile.label_name[i]
            if name in seen:
                continue
            w = self._fm.horizontalAdvance(name)
            if tile.label_len[i] / m_per_px < w + 8:
                continue
            x, y = tile.label_xy[i]
            px, py = x / m_per_px, y / m_per_px
            if any(abs(px - qx) < 60 and abs(py - qy) < 14 for qx, qy in placed):
                continue
            angle = float(tile.label_angle[i])
            if angle > 90:
                angle -= 180
            elif angle <= -90:
                angle += 180
            seen.add(name)
            placed.append((px, py))
            out.append((float(x), float(y), angle, name, w))
        return out
