"""Widgets laid over the map viewport: the OSM attribution and the scale bar.

They are children of the view (not of its viewport), so scrolling the map never smears
them, and they let the mouse through to the map.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QLabel, QWidget

SCALE_BAR_MAX_PX = 130


def nice_scale_length(m_per_px: float, max_px: float = SCALE_BAR_MAX_PX) -> tuple[float, float]:
    """(length_m, length_px) of the longest round scale bar (1, 2 or 5 x 10^k metres) fitting max_px."""
    if not (m_per_px > 0 and math.isfinite(m_per_px)):
        return (0.0, 0.0)
    limit = m_per_px * max_px
    exp = 10.0 ** math.floor(math.log10(limit))
    for f in (5.0, 2.0, 1.0):
        if f * exp <= limit + 1e-9:
            return (f * exp, f * exp / m_per_px)
    return (exp, exp / m_per_px)


def format_distance(length_m: float) -> str:
    """"500 m", "2 km", "0.5 m": SI units read the same in French and English."""
    if length_m >= 1000:
        km = length_m / 1000
        return f"{km:g} km"
    if length_m >= 1:
        return f"{length_m:g} m"
    return f"{length_m:.1g} m"


class AttributionLabel(QLabel):
    """"© OpenStreetMap contributors", always visible in the bottom-right corner."""

    def __init__(self, text: str, parent: QWidget):
        super().__init__(text, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setStyleSheet("QLabel { background: rgba(255,255,255,200); color: #333;"
                           " padding: 1px 4px; font-size: 9pt; }")
        self.adjustSize()


class ScaleBar(QWidget):
    """A round-numbered scale bar; call :meth:`set_scale` with metres per pixel."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.length_m = 0.0
        self.length_px = 0.0
        self.text = ""
        self._font = QFont()
        self._font.setPointSizeF(8.5)
        self.resize(SCALE_BAR_MAX_PX + 16, 28)

    def sizeHint(self) -> QSize:
        return QSize(SCALE_BAR_MAX_PX + 16, 28)

    def set_scale(self, m_per_px: float) -> None:
        length_m, length_px = nice_scale_length(m_per_px)
        if (length_m, round(length_px, 2)) != (self.length_m, round(self.length_px, 2)):
            self.length_m, self.length_px = length_m, length_px
            self.text = format_distance(length_m)
            self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(QRectF(0, 0, self.length_px + 14, self.height()), QColor(255, 255, 255, 190))
        x0, x1, y = 7.0, 7.0 + self.length_px, self.height() - 7.0
        p.setPen(QPen(QColor("#222"), 2.0))
        p.drawLine(QPointF(x0, y), QPointF(x1, y))
        p.drawLine(QPointF(x0, y - 6), QPointF(x0, y))
        p.drawLine(QPointF(x1, y - 6), QPointF(x1, y))
        p.setFont(self._font)
        w = QFontMetrics(self._font).horizontalAdvance(self.text)
        p.drawText(QPointF((x0 + x1 - w) / 2, y - 5), self.text)
        p.end()
