"""Vectorised geometry for the base map: chunking, simplification, tiling, QPainterPath building.

All arrays use the flat layout of ``routing.layers``: line ``k`` is
``coords[offsets[k]:offsets[k + 1]]``.  Coordinates here are scene metres.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QIODevice
from PySide6.QtGui import QPainterPath

# QDataStream layout of a QPainterPath (stable since Qt 4): int32 count, then per element
# int32 type (0 moveTo, 1 lineTo), float64 x, float64 y; then int32 cStart, int32 fillRule.
# Building the bytes with numpy and letting Qt parse them is ~20x faster than calling
# moveTo/lineTo from Python for 100k+ points.
_ELEMENT = np.dtype([("t", ">i4"), ("x", ">f8"), ("y", ">f8")])


def line_lengths(offsets: np.ndarray) -> np.ndarray:
    """Number of points of each line."""
    return np.diff(offsets)


def chunk_lines(coords: np.ndarray, offsets: np.ndarray, max_segments: int = 32
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split lines into pieces of at most ``max_segments`` segments.

    Pieces share their end vertices so the drawing stays continuous.  Short pieces
    keep spatial tiles and culling effective on long OSM ways.
    Returns (coords, offsets, parent) where ``parent[j]`` is the source line of piece ``j``.
    """
    n_pts = np.diff(offsets)
    n_seg = np.maximum(n_pts - 1, 0)
    n_pieces = np.where(n_seg > 0, (n_seg + max_segments - 1) // max_segments, 0)
    parent = np.repeat(np.arange(len(n_pts)), n_pieces)
    if len(parent) == 0:
        return np.zeros((0, 2)), np.zeros(1, np.int64), parent
    first_piece = np.cumsum(n_pieces) - n_pieces
    j = np.arange(len(parent)) - first_piece[parent]          # piece number within its line
    start = offsets[:-1][parent] + j * max_segments
    seg = np.minimum(max_segments, n_seg[parent] - j * max_segments)
    count = seg + 1
    new_off = np.zeros(len(parent) + 1, np.int64)
    np.cumsum(count, out=new_off[1:])
    idx = np.repeat(start - new_off[:-1], count) + np.arange(new_off[-1])
    return coords[idx], new_off, parent


def simplify_grid(coords: np.ndarray, offsets: np.ndarray, tol_m: float, closed: bool = False
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop consecutive vertices that fall in the same ``tol_m`` grid cell (ends always kept).

    Lines whose ends fall in the same cell and keep no inner vertex vanish (they would be a
    dot at this zoom); rings keeping fewer than 4 vertices vanish too.
    Returns (coords, offsets, kept) with ``kept`` the indices of the surviving lines.
    """
    k = len(offsets) - 1
    if tol_m <= 0 or k == 0:
        return coords, offsets, np.arange(k)
    n = len(coords)
    cell = np.floor(coords / tol_m).astype(np.int64)
    line_of = np.repeat(np.arange(k), np.diff(offsets))
    is_first = np.zeros(n, bool)
    is_first[offsets[:-1][np.diff(offsets) > 0]] = True
    is_last = np.zeros(n, bool)
    is_last[offsets[1:][np.diff(offsets) > 0] - 1] = True
    moved = np.ones(n, bool)
    moved[1:] = np.any(cell[1:] != cell[:-1], axis=1)
    keep = is_first | is_last | moved
    counts = np.bincount(line_of[keep], minlength=k)
    if closed:
        good = counts >= 4
    else:
        first_cell = cell[offsets[:-1].clip(max=n - 1)]
        last_cell = cell[(offsets[1:] - 1).clip(min=0)]
        same = np.all(first_cell == last_cell, axis=1)
        good = (counts >= 2) & ~((counts == 2) & same)
    good &= np.diff(offsets) >= 2
    keep &= good[line_of]
    new_counts = np.bincount(line_of[keep], minlength=k)[good]
    new_off = np.zeros(len(new_counts) + 1, np.int64)
    np.cumsum(new_counts, out=new_off[1:])
    return coords[keep], new_off, np.flatnonzero(good)


def line_bboxes(coords: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """float64 (K, 4) x_min, y_min, x_max, y_max of each (non-empty) line."""
    starts = offsets[:-1]
    if len(starts) == 0:
        return np.zeros((0, 4))
    out = np.empty((len(starts), 4))
    out[:, 0] = np.minimum.reduceat(coords[:, 0], starts)
    out[:, 1] = np.minimum.reduceat(coords[:, 1], starts)
    out[:, 2] = np.maximum.reduceat(coords[:, 0], starts)
    out[:, 3] = np.maximum.reduceat(coords[:, 1], starts)
    return out


def element_buffer(coords: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """QDataStream elements (big-endian records) of lines: moveTo at each line start, lineTo after."""
    buf = np.empty(len(coords), _ELEMENT)
    buf["t"] = 1
    buf["t"][offsets[:-1][np.diff(offsets) > 0]] = 0
    buf["x"] = coords[:, 0]
    buf["y"] = coords[:, 1]
    return buf


_TAIL = np.array([0, 0], ">i4").tobytes()   # cStart, fillRule (OddEvenFill)


def path_from_buffer(buf: np.ndarray, start: int, end: int) -> QPainterPath:
    """A QPainterPath of the elements ``buf[start:end]`` (which must begin with a moveTo)."""
    n = int(end - start)
    path = QPainterPath()
    if n <= 0:
        return path
    raw = QByteArray(np.array([n], ">i4").tobytes() + buf[start:end].tobytes() + _TAIL)
    stream = QDataStream(raw, QIODevice.OpenModeFlag.ReadOnly)   # raw must outlive the stream
    stream >> path
    del stream
    return path


def path_from_lines(coords: np.ndarray, offsets: np.ndarray, lines: np.ndarray | None = None
                    ) -> QPainterPath:
    """One QPainterPath holding every line (or the selected ``lines``) as a subpath."""
    if lines is not None:
        counts = np.diff(offsets)[lines]
        starts = offsets[:-1][lines]
        sub_off = np.zeros(len(lines) + 1, np.int64)
        np.cumsum(counts, out=sub_off[1:])
        idx = np.repeat(starts - sub_off[:-1], counts) + np.arange(sub_off[-1])
        coords, offsets = coords[idx], sub_off
    return path_from_buffer(element_buffer(coords, offsets), 0, len(coords))


def longest_segments(coords: np.ndarray, offsets: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per line: midpoint (K, 2), angle in degrees (K,) and length in metres (K,) of its longest segment.

    Used to place road names along the road.
    """
    k = len(offsets) - 1
    if len(coords) < 2 or k == 0:
        return np.zeros((k, 2)), np.zeros(k), np.zeros(k)
    d = coords[1:] - coords[:-1]
    seg_len = np.hypot(d[:, 0], d[:, 1])
    # segments crossing from one line into the next are not part of any line
    seg_len[offsets[1:-1] - 1] = -1.0
    starts = offsets[:-1]
    ends = np.maximum(offsets[1:] - 1, starts)       # one past the last segment of each line
    best = np.zeros(k, np.int64)
    lengths = np.zeros(k)
    # Argmax per line without a Python loop: sort segments by (line, length), take each line's last.
    counts = ends - starts
    line_of = np.repeat(np.arange(k), counts)
    seg_idx = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
    if len(seg_idx):
        order = np.lexsort((seg_len[seg_idx], line_of))
        last_of_line = np.flatnonzero(np.r_[line_of[order][1:] != line_of[order][:-1], True])
        lines = line_of[order][last_of_line]
        best[lines] = seg_idx[order][last_of_line]
        lengths[lines] = seg_len[best[lines]]
    mid = (coords[best] + coords[np.minimum(best + 1, len(coords) - 1)]) / 2.0
    dd = coords[np.minimum(best + 1, len(coords) - 1)] - coords[best]
    angle = np.degrees(np.arctan2(dd[:, 1], dd[:, 0]))
    return mid, angle, np.maximum(lengths, 0.0)


def ring_centroids(coords: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """(K, 2) area-weighted centroids of closed rings (vertex mean for degenerate rings)."""
    k = len(offsets) - 1
    out = np.zeros((k, 2))
    if k == 0:
        return out
    x, y = coords[:, 0], coords[:, 1]
    cross = np.zeros(len(coords))
    cross[:-1] = x[:-1] * y[1:] - x[1:] * y[:-1]
    cross[offsets[1:] - 1] = 0.0       # no segment from one ring's last point to the next ring
    cx = np.zeros(len(coords))
    cy = np.zeros(len(coords))
    cx[:-1] = (x[:-1] + x[1:]) * cross[:-1]
    cy[:-1] = (y[:-1] + y[1:]) * cross[:-1]
    starts = offsets[:-1]
    a = np.add.reduceat(cross, starts) / 2.0
    sx = np.add.reduceat(cx, starts)
    sy = np.add.reduceat(cy, starts)
    mean = np.column_stack([np.add.reduceat(x, starts), np.add.reduceat(y, starts)]) / \
        np.diff(offsets)[:, None]
    ok = np.abs(a) > 1e-6
    out[ok, 0] = sx[ok] / (6.0 * a[ok])
    out[ok, 1] = sy[ok] / (6.0 * a[ok])
    out[~ok] = mean[~ok]
    return out
