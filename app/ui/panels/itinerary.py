"""The itinerary of a plan: one row per place the bus reaches, with arrive, depart and wait."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.model.entities import Ambassador, Site
from app.model.plan import Plan
from app.model.plan_view import itinerary_lines
from app.ui import fmt
from app.ui.labels import label

STOP_ROLE = Qt.ItemDataRole.UserRole


class ItineraryTable(QTableWidget):
    """Per bus: the departure from the depot, each planned stop in order, the return."""

    stop_selected = Signal(int)  # a stop id
    site_selected = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(0, 9, parent)
        self.setObjectName("itineraryTable")
        self.setHorizontalHeaderLabels([
            self.tr("Bus"), self.tr("#"), self.tr("Place"), self.tr("Kind"), self.tr("Arrive"), self.tr("Depart"),
            self.tr("Wait"), self.tr("Drive"), self.tr("Ambassador"),
        ])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.setWordWrap(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setToolTip(self.tr("The day as planned; click a row to show the stop on the map"))
        self.itemSelectionChanged.connect(self._selected)

    def set_plan(self, plan: Optional[Plan], sites: dict[int, Site], ambassadors: dict[int, Ambassador]) -> None:
        self.setRowCount(0)
        if plan is None:
            return
        rows: list[tuple] = []
        for line in itinerary_lines(plan, sites, ambassadors, fmt.language()):
            leg, r = line.leg_in, line.row
            ambassador = r.ambassador.name if r is not None and r.ambassador is not None else ""
            wait = fmt.duration(r.planned.wait_s) if r is not None and r.planned.wait_s >= 60 else ""
            rows.append((line.bus.bus_name, str(r.number) if r else "", line.place, label(line.kind),
                         fmt.clock(line.arrival) if line.arrival else "",
                         fmt.clock(line.departure) if line.departure else "", wait,
                         f"{fmt.duration(leg.duration_s)} · {fmt.distance(leg.distance_m)}" if leg else "",
                         ambassador, r.planned.stop_id if r else None, line.site_id))
        self.setColumnHidden(0, len(plan.buses) <= 1)  # the bus column only says something with several buses
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row[:9]):
                item = QTableWidgetItem(text)
                item.setData(STOP_ROLE, (row[9], row[10]))
                if c in (1, 4, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)

    def _selected(self) -> None:
        items = self.selectedItems()
        if not items:
            return
        stop_id, site_id = items[0].data(STOP_ROLE)
        if stop_id is not None:
            self.stop_selected.emit(stop_id)
        if site_id is not None:
            self.site_selected.emit(site_id)
