"""The one place exports touch Qt: a tiny drawing surface in millimetres over QPainter.

It paints on a :class:`QPdfWriter` (A4 files) or on any QPagedPaintDevice the GUI
hands in (a QPrinter for print preview and direct printing), so the PDF modules
draw once for both. QtGui only, never QtWidgets. Text is real text (selectable,
extractable) in DejaVu Sans, embedded by Qt as a subset.

Coordinates are millimetres from the page's top-left corner; font sizes are points.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator, Optional, Sequence

import numpy as np
from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QFontDatabase, QFontMetricsF, QGuiApplication, QPageLayout,
                           QPageSize, QPagedPaintDevice, QPainter, QPainterPath, QPdfWriter, QPen, QPolygonF)

from app.exports.french import for_print, without_emoji

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
RESOLUTION_DPI = 300
A4_W_MM, A4_H_MM = 210.0, 297.0

_app: Optional[QGuiApplication] = None
_family: Optional[str] = None


def ensure_gui() -> str:
    """Make sure a QGuiApplication exists (painting text needs one) and fonts are loaded.

    Creates an offscreen one when the process has none and no display. Returns the
    font family to use.
    """
    global _app, _family
    if QGuiApplication.instance() is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication(["zitour-export"])
    if _family is None:
        family = ""
        for name in FONT_FILES:
            path = FONT_DIR / name
            if path.exists():
                fid = QFontDatabase.addApplicationFont(str(path))
                fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
                family = family or (fams[0] if fams else "")
        # an embeddable system font if DejaVu is missing (Qt picks one for the generic family)
        _family = family or QFont().defaultFamily()
    return _family


def _color(value: str | None) -> QColor:
    # Qt reads 8-digit colours as #AARRGGBB (alpha first), unlike CSS
    return QColor(value) if value else QColor(0, 0, 0, 0)


class PdfCanvas:
    """Millimetre drawing surface over an active QPainter."""

    def __init__(self, device: QPagedPaintDevice, painter: QPainter):
        self.device = device
        self.painter = painter
        self.family = ensure_gui()
        self.emoji_dropped = False  # some text had emoji the fonts cannot print: left out
        self._k = device.logicalDpiX() / 25.4  # device units per millimetre
        rect = device.pageLayout().paintRectPixels(device.resolution())
        self.width_mm = rect.width() / self._k
        self.height_mm = rect.height() / self._k
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)

    # -- opening -------------------------------------------------------------------
    @classmethod
    @contextlib.contextmanager
    def pdf_file(cls, path: Path, title: str = "", creator: str = "ZI Tour planner",
                 author: str = "") -> Iterator["PdfCanvas"]:
        """An A4 portrait PDF at ``path``, no margins (the modules lay out their own)."""
        ensure_gui()
        writer = QPdfWriter(str(path))
        writer.setResolution(RESOLUTION_DPI)
        writer.setTitle(title)
        writer.setCreator(creator)
        writer.setAuthor(author or creator)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"cannot write PDF {path}")
        try:
            yield cls(writer, painter)
        finally:
            painter.end()

    @classmethod
    @contextlib.contextmanager
    def on_device(cls, device: QPagedPaintDevice) -> Iterator["PdfCanvas"]:
        """Paint on a device the caller set up (e.g. a QPrinter from the print dialog)."""
        ensure_gui()
        painter = QPainter()
        if not painter.begin(device):
            raise OSError("cannot paint on the printer")
        try:
            yield cls(device, painter)
        finally:
            painter.end()

    def new_page(self) -> None:
        self.device.newPage()

    # -- helpers -------------------------------------------------------------------
    def _u(self, mm: float) -> float:
        return mm * self._k

    def _rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(self._u(x), self._u(y), self._u(w), self._u(h))

    def _font(self, size_pt: float, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(size_pt)
        font.setBold(bold)
        font.setItalic(italic)
        return font

    def _pen(self, color: str | None, width_mm: float, dash: bool = False) -> QPen:
        if not color:
            return QPen(Qt.PenStyle.NoPen)
        pen = QPen(_color(color))
        pen.setWidthF(self._u(width_mm))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if dash:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    # -- text ----------------------------------------------------------------------
    _ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "right": Qt.AlignmentFlag.AlignRight,
              "center": Qt.AlignmentFlag.AlignHCenter}

    def text_height(self, text: str, width_mm: float, size_pt: float = 10, bold: bool = False,
                    italic: bool = False) -> float:
        """Height in mm ``text`` needs when wrapped to ``width_mm``."""
        if not text:
            return 0.0
        text = without_emoji(for_print(text))[0]
        fm = QFontMetricsF(self._font(size_pt, bold, italic), self.device)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        r = fm.boundingRect(QRectF(0, 0, self._u(width_mm), 1e7), flags, text)
        return r.height() / self._k

    def text_width(self, text: str, size_pt: float = 10, bold: bool = False) -> float:
        fm = QFontMetricsF(self._font(size_pt, bold), self.device)
        return fm.horizontalAdvance(text) / self._k

    def text(self, x: float, y: float, w: float, h: float, text: str, size_pt: float = 10, bold: bool = False,
             italic: bool = False, color: str = "#000000", align: str = "left", valign: str = "top",
             elide: bool = False) -> float:
        """Draw ``text`` wrapped in the box; returns the height used (mm, at most ``h``).

        Text that does not fit is cut at the box's bottom (the caller sized the box).
        With ``elide`` the text stays on one line and ends with "…" when too long
        (for one-line lists, where a wrapped line would run into the next row)."""
        if not text:
            return 0.0
        text = for_print(text)  # phone numbers and amounts in one piece, e-mails breakable
        text, dropped = without_emoji(text)
        self.emoji_dropped |= dropped
        p = self.painter
        font = self._font(size_pt, bold, italic)
        p.setFont(font)
        if elide:
            fm = QFontMetricsF(font, self.device)
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight, self._u(w))
        p.setPen(QPen(_color(color)))  # setPen(QColor) leaks a None reference in PySide6 6.12
        v = {"top": Qt.AlignmentFlag.AlignTop, "middle": Qt.AlignmentFlag.AlignVCenter,
             "bottom": Qt.AlignmentFlag.AlignBottom}[valign]
        flags = int(self._ALIGN[align] | v | (0 if elide else Qt.TextFlag.TextWordWrap))
        p.save()
        p.setClipRect(self._rect(x, y, w, h + 0.5))
        used = p.boundingRect(self._rect(x, y, w, 1e4), flags, text).height() / self._k
        p.drawText(self._rect(x, y, w, h), flags, text)
        p.restore()
        return min(used, h)

    # -- shapes ----------------------------------------------------------------------
    def line(self, x1: float, y1: float, x2: float, y2: float, color: str = "#000000", width_mm: float = 0.2,
             dash: bool = False) -> None:
        self.painter.setPen(self._pen(color, width_mm, dash))
        self.painter.drawLine(QPointF(self._u(x1), self._u(y1)), QPointF(self._u(x2), self._u(y2)))

    def rect(self, x: float, y: float, w: float, h: float, fill: str | None = None, stroke: str | None = None,
             width_mm: float = 0.2, radius_mm: float = 0.0) -> None:
        p = self.painter
        p.setPen(self._pen(stroke, width_mm))
        p.setBrush(QBrush(_color(fill)) if fill else Qt.BrushStyle.NoBrush)
        if radius_mm:
            p.drawRoundedRect(self._rect(x, y, w, h), self._u(radius_mm), self._u(radius_mm))
        else:
            p.drawRect(self._rect(x, y, w, h))

    def circle(self, x: float, y: float, r: float, fill: str | None = None, stroke: str | None = None,
               width_mm: float = 0.2) -> None:
        p = self.painter
        p.setPen(self._pen(stroke, width_mm))
        p.setBrush(QBrush(_color(fill)) if fill else Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(self._u(x), self._u(y)), self._u(r), self._u(r))

    def polylines(self, coords_mm: np.ndarray, offsets: Sequence[int], color: str, width_mm: float,
                  fill: str | None = None, dash: bool = False) -> None:
        """Many lines (or closed rings when ``fill``) in one go: line k is coords[offsets[k]:offsets[k+1]]."""
        p = self.painter
        p.setPen(self._pen(color, width_mm, dash))
        p.setBrush(QBrush(_color(fill)) if fill else Qt.BrushStyle.NoBrush)
        pts = np.asarray(coords_mm, dtype=float) * self._k
        path = QPainterPath()
        for a, b in zip(offsets[:-1], offsets[1:]):
            if b - a < 2:
                continue
            poly = QPolygonF([QPointF(float(px), float(py)) for px, py in pts[a:b]])
            if fill:
                path.addPolygon(poly)
                path.closeSubpath()
            else:
                path.addPolygon(poly)
        p.drawPath(path)

    def cells(self, x: float, y: float, size_mm: float, matrix: Sequence[Sequence[int]], color: str = "#000000") -> None:
        """Fill the dark cells of a boolean matrix (a QR code); runs are merged so no hairlines show."""
        p = self.painter
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(_color(color)))
        path = QPainterPath()
        for r, row in enumerate(matrix):
            c = 0
            n = len(row)
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    path.addRect(self._rect(x + start * size_mm, y + r * size_mm, (c - start) * size_mm, size_mm))
                else:
                    c += 1
        path.setFillRule(Qt.FillRule.WindingFill)
        p.drawPath(path)

    def label_along(self, x: float, y: float, angle_deg: float, text: str, size_pt: float = 6.0,
                    color: str = "#444444", halo: str = "#ffffff", italic: bool = False) -> None:
        """``text`` centred on (x, y) mm, turned ``angle_deg`` clockwise (a street's name along it),
        with a halo so it reads over lines and areas."""
        p = self.painter
        font = self._font(size_pt, False, italic)
        fm = QFontMetricsF(font, self.device)
        w, asc = fm.horizontalAdvance(text), fm.ascent() - fm.descent() / 2
        path = QPainterPath()
        path.addText(QPointF(-w / 2, asc / 2), font, text)
        p.save()
        p.translate(self._u(x), self._u(y))
        p.rotate(angle_deg)
        halo_pen = QPen(_color(halo))
        halo_pen.setWidthF(self._u(0.5))
        halo_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.strokePath(path, halo_pen)
        p.fillPath(path, QBrush(_color(color)))
        p.restore()

    def polygon(self, points_mm: Sequence[tuple[float, float]], fill: str, stroke: str | None = None,
                width_mm: float = 0.2) -> None:
        p = self.painter
        p.setPen(self._pen(stroke, width_mm))
        p.setBrush(QBrush(_color(fill)))
        p.drawPolygon(QPolygonF([QPointF(self._u(x), self._u(y)) for x, y in points_mm]))

    @contextlib.contextmanager
    def clipped(self, x: float, y: float, w: float, h: float) -> Iterator[None]:
        self.painter.save()
        self.painter.setClipRect(self._rect(x, y, w, h))
        try:
            yield
        finally:
            self.painter.restore()
