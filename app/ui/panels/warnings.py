"""The optimiser's warnings and dropped stops, each one selecting its stop on the map."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.model.plan import Plan
from app.ui import fmt

IDS_ROLE = Qt.ItemDataRole.UserRole
_COLOURS = {"error": "#b00020", "warning": "#8a5a00", "info": "#1f4e79"}


class WarningsPanel(QListWidget):
    warning_activated = Signal(object, object)  # stop_id | None, site_id | None

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("warningsList")
        self.setWordWrap(True)
        self.setToolTip(self.tr("Click a warning to show its stop on the map"))
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)

    def set_plan(self, plan: Optional[Plan]) -> None:
        self.clear()
        if plan is None:
            return
        lang = fmt.language()
        for dropped in plan.dropped:
            self._add(self.tr("Not served:") + " " + dropped.reason.text(lang), "error", dropped.stop_id, dropped.site_id)
        for w in plan.warnings:
            self._add(w.message.text(lang), w.severity, w.stop_id, w.site_id)
        if self.count() == 0:
            item = QListWidgetItem(self.tr("No warnings: every stop is served on time."))
            item.setData(IDS_ROLE, (None, None))
            self.addItem(item)

    def _add(self, text: str, severity: str, stop_id, site_id) -> None:
        item = QListWidgetItem(text)
        item.setData(IDS_ROLE, (stop_id, site_id))
        item.setForeground(QBrush(QColor(_COLOURS.get(severity, "#000000"))))
        self.addItem(item)

    def _clicked(self, item: QListWidgetItem) -> None:
        stop_id, site_id = item.data(IDS_ROLE)
        if stop_id is not None or site_id is not None:
            self.warning_activated.emit(stop_id, site_id)
