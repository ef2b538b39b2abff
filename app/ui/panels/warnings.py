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
_OLD_COLOUR = "#8a8a8a"  # the warnings of a plan that no longer matches the tour


class WarningsPanel(QListWidget):
    warning_activated = Signal(object, object)  # stop_id | None, site_id | None

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("warningsList")
        self.setWordWrap(True)
        self.setToolTip(self.tr("Click a warning to show its stop on the map"))
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        self._plan: Optional[Plan] = None
        self.outdated = False  # the plan no longer matches the tour: its warnings are the old plan's

    def set_plan(self, plan: Optional[Plan]) -> None:
        self._plan = plan
        self._fill()

    def set_outdated(self, outdated: bool) -> None:
        """Say (first line, warnings greyed) that the warnings belong to a plan that no longer matches the tour."""
        if outdated != self.outdated:
            self.outdated = outdated
            self._fill()

    def _fill(self) -> None:
        self.clear()
        plan = self._plan
        if plan is None:
            return
        if self.outdated:
            note = QListWidgetItem(self.tr("These warnings are the old plan's, which may no longer match the tour: "
                                           "optimise again to see the current ones."))
            note.setData(IDS_ROLE, (None, None))
            font = note.font()
            font.setBold(True)
            note.setFont(font)
            self.addItem(note)
        lang = fmt.language()
        for dropped in plan.dropped:
            self._add(self.tr("Not served:") + " " + dropped.reason.text(lang), "error", dropped.stop_id, dropped.site_id)
        for w in plan.warnings:
            self._add(w.message.text(lang), w.severity, w.stop_id, w.site_id)
        if not plan.dropped and not plan.warnings:
            item = QListWidgetItem(self.tr("The old plan had no warnings.") if self.outdated
                                   else self.tr("No warnings: every stop is served on time."))
            item.setData(IDS_ROLE, (None, None))
            self.addItem(item)

    def warning_texts(self) -> list[str]:
        """The lines shown, in order (for tests and screen readers)."""
        return [self.item(i).text() for i in range(self.count())]

    def _add(self, text: str, severity: str, stop_id, site_id) -> None:
        if self.outdated:
            text = self.tr("(old plan)") + " " + text
        item = QListWidgetItem(text)
        item.setData(IDS_ROLE, (stop_id, site_id))
        item.setForeground(QBrush(QColor(_OLD_COLOUR if self.outdated else _COLOURS.get(severity, "#000000"))))
        self.addItem(item)

    def _clicked(self, item: QListWidgetItem) -> None:
        stop_id, site_id = item.data(IDS_ROLE)
        if stop_id is not None or site_id is not None:
            self.warning_activated.emit(stop_id, site_id)
