"""Scrolling never edits a value: spin boxes and combo boxes take the wheel only when focused.

Installed once on the application (:func:`install`). Over an unfocused spin box, date
or time field, or combo box, the wheel scrolls the form it sits in instead of changing
the value (organisers scroll long forms with the wheel; a capacity silently went from
15 to 11 that way). Those fields also stop taking focus from the wheel
(``Qt.StrongFocus``): a click or Tab focuses them, then the wheel may change them.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

GUARDED = (QAbstractSpinBox, QComboBox)


_POLISH, _WHEEL = QEvent.Type.Polish, QEvent.Type.Wheel


class WheelGuard(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()  # every event of the application passes here: the common case returns at once
        if kind != _POLISH and kind != _WHEEL:
            return False
        if kind == _POLISH and isinstance(obj, GUARDED):
            obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == _WHEEL and isinstance(obj, GUARDED) and not obj.hasFocus():
            area = _scroll_area(obj)
            if area is not None:  # the form scrolls, as if the field were not there
                QApplication.sendEvent(area.viewport(), event)
            return True
        return False


def _scroll_area(widget: QWidget):
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


_guard: list[WheelGuard] = []


def install(app: QApplication) -> None:
    """Guard every spin box and combo box of ``app`` (once)."""
    if not _guard:
        _guard.append(WheelGuard(app))
        app.installEventFilter(_guard[0])
