"""The itinerary of a plan: one row per place the bus reaches, with arrive, depart and wait."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.model.entities import Site
from app.model.plan import Plan
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
            self.tr("Wait"), self.tr("Drive"), self.tr("Presenter"),
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

    def set_plan(self, plan: Optional[Plan], sites: dict[int, Site], ambassadors: dict[int, str]) -> None:
        self.setRowCount(0)
        if plan is None:
            return
        rows: list[tuple] = []
        for bus in plan.buses:
            start = sites.get(bus.start_site_id)
            rows.append((bus.bus_name, "", start.name if start else "", label("start"), "", fmt.clock(bus.departure),
                         "", "", "", None, bus.start_site_id))
            for i, ps in enumerate(bus.stops):
                leg = bus.legs[i] if i < len(bus.legs) else None
                site = sites.get(ps.site_id)
                name = site.name if site else (ps.name or label(ps.kind))
                drive = f"{fmt.duration(leg.duration_s)} · {fmt.distance(leg.distance_m)}" if leg else ""
                rows.append((bus.bus_name, str(ps.sequence), name, label(ps.kind), fmt.clock(ps.arrival),
                             fmt.clock(ps.departure), fmt.duration(ps.wait_s) if ps.wait_s >= 60 else "", drive,
                             ambassadors.get(ps.presenter_id, "") if ps.presenter_id else "", ps.stop_id, ps.site_id))
            end = sites.get(bus.end_site_id)
            last = bus.legs[-1] if bus.legs else None
            drive = f"{fmt.duration(last.duration_s)} · {fmt.distance(last.distance_m)}" if last else ""
            rows.append((bus.bus_name, "", end.name if end else "", label("end"), fmt.clock(bus.return_), "", "",
                         drive, "", None, bus.end_site_id))
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
