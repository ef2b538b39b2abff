"""The day report on screen: planned against actual, per stop and per leg, with the export button."""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from app.model.plan import BusPlan
from app.tourday.report import leg_actuals, stop_actuals
from app.ui import fmt


def _clock(when) -> str:
    return fmt.clock(when) if when is not None else "—"


def _delta(seconds: Optional[float]) -> str:
    if seconds is None:
        return ""
    if abs(seconds) < 60:
        return "0"
    sign = "+" if seconds > 0 else "−"
    return sign + fmt.duration(abs(seconds))


class DayReportDialog(QDialog):
    """Two tables (stops, legs) of one bus's day; ``export`` writes the CSV and GPX files."""

    def __init__(self, bus: BusPlan, events: list, depot_name: str, export: Callable[[], None],
                 parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("dayReportDialog")
        self.setWindowTitle(self.tr("Day report — %1").replace("%1", bus.bus_name))
        self.resize(900, 520)
        status = {"done": self.tr("done"), "arrived": self.tr("there now"), "passed": self.tr("passed"),
                  "passed_without_stopping": self.tr("passed without stopping"), "skipped": self.tr("skipped"),
                  "not_reached": self.tr("not reached")}
        self.stops = QTableWidget(self)
        self.stops.setObjectName("dayReportStops")
        headers = [self.tr("Stop"), self.tr("Planned arrival"), self.tr("Arrival"), self.tr("Gap"),
                   self.tr("Planned departure"), self.tr("Departure"), self.tr("Gap"), self.tr("State"),
                   self.tr("On board")]
        rows = stop_actuals(bus, events)
        self._fill(self.stops, headers, [
            [s.name, _clock(s.planned_arrival), _clock(s.arrival), _delta(s.arrival_delay_s),
             _clock(s.planned_departure), _clock(s.departure), _delta(s.departure_delay_s),
             status.get(s.status, s.status), "" if s.headcount is None else str(s.headcount)] for s in rows])
        self.legs = QTableWidget(self)
        self.legs.setObjectName("dayReportLegs")
        legs = leg_actuals(bus, events, depot_name)
        self._fill(self.legs, [self.tr("From"), self.tr("To"), self.tr("Planned"), self.tr("Driven"), self.tr("Gap")], [
            [g.from_name, g.to_name, fmt.duration(g.planned_s),
             fmt.duration(g.actual_s) if g.actual_s is not None else "—",
             _delta(None if g.actual_s is None else g.actual_s - g.planned_s)] for g in legs])
        tabs = QTabWidget(self)
        tabs.addTab(self.stops, self.tr("Stops"))
        tabs.addTab(self.legs, self.tr("Legs"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = QPushButton(self.tr("Export (CSV, GPX)…"), self)
        self.export_button.setObjectName("dayReportExport")
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    @staticmethod
    def _fill(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.resizeColumnsToContents()
