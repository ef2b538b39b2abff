"""Content that scrolls instead of forcing its minimum size on a small screen."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QScrollArea, QWidget


def scrolling(widget: QWidget) -> QAbstractScrollArea:
    """``widget`` in a frameless scroll area (itself if it scrolls already)."""
    if isinstance(widget, QAbstractScrollArea):
        return widget
    scroll = QScrollArea()
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    return scroll
