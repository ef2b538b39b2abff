"""The tour chooser and editor: date, depots, times, audience, participants against seats, bus."""
from __future__ import annotations

import copy
import datetime as dt
from typing import Optional

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QTimeEdit,
    QVBoxLayout, QWidget,
)

from app.model.entities import Audience, Bus, Objective, Site, SiteKind, Tour
from app.ui import fmt
from app.ui.labels import label


class TourEditor(QWidget):
    tour_selected = Signal(int)
    new_tour_requested = Signal()
    delete_tour_requested = Signal(int)
    tour_edited = Signal(object, object)  # before, after
    bus_edited = Signal(object, object)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self._tour: Optional[Tour] = None
        self._bus: Optional[Bus] = None
        self._loading = False
        self.chooser = QComboBox(self)
        self.chooser.setObjectName("tourChooser")
        self.chooser.setToolTip(self.tr("The tour being edited"))
        self.new_button = QPushButton(self.tr("New tour"), self)
        self.new_button.setToolTip(self.tr("Create a tour with one bus (Ctrl+Shift+N)"))
        self.delete_button = QPushButton(self.tr("Delete tour"), self)
        self.delete_button.setToolTip(self.tr("Delete this tour, its stops and its plan"))
        top = QHBoxLayout()
        top.addWidget(self.chooser, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)

        self.name = QLineEdit()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date_label = QLabel()
        self.start_depot = QComboBox()
        self.end_depot = QComboBox()
        self.departure = QTimeEdit()
        self.departure.setDisplayFormat("H:mm")
        self.return_ = QTimeEdit()
        self.return_.setDisplayFormat("H:mm")
        self.audience = QComboBox()
        for a in Audience:
            self.audience.addItem(label(a), a.value)
        self.objective = QComboBox()
        for o in Objective:
            self.objective.addItem(label(o), o.value)
        self.participants = QSpinBox()
        self.participants.setRange(0, 500)
        self.bus_name = QLineEdit()
        self.seats = QSpinBox()
        self.seats.setRange(1, 100)
        self.capacity = QLabel()
        self.capacity.setObjectName("capacityLabel")
        self.form = QFormLayout()
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.date_label, 1)
        times = QHBoxLayout()
        times.addWidget(self.departure)
        times.addWidget(QLabel(self.tr("return by")))
        times.addWidget(self.return_)
        bus_row = QHBoxLayout()
        bus_row.addWidget(self.bus_name, 1)
        bus_row.addWidget(QLabel(self.tr("seats")))
        bus_row.addWidget(self.seats)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Date"), date_row)
        self.form.addRow(self.tr("Start depot"), self.start_depot)
        self.form.addRow(self.tr("End depot"), self.end_depot)
        self.form.addRow(self.tr("Leave at"), times)
        self.form.addRow(self.tr("Audience"), self.audience)
        self.form.addRow(self.tr("Participants"), self.participants)
        self.form.addRow(self.tr("Bus"), bus_row)
        self.form.addRow("", self.capacity)
        self.form.addRow(self.tr("Optimise for"), self.objective)
        self.start_depot.setToolTip(self.tr("Where the bus leaves from"))
        self.end_depot.setToolTip(self.tr("Where the bus ends the day (empty: back to the start)"))
        self.participants.setToolTip(self.tr("People on the tour, to check against the seats"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.form)

        self.chooser.activated.connect(lambda i: self.tour_selected.emit(self.chooser.itemData(i)))
        self.new_button.clicked.connect(self.new_tour_requested)
        self.delete_button.clicked.connect(self._delete)
        self.name.editingFinished.connect(self._commit)
        self.date.editingFinished.connect(self._commit)
        self.date.dateChanged.connect(self._show_date)
        for w in (self.start_depot, self.end_depot, self.audience, self.objective):
            w.activated.connect(lambda _i: self._commit())
        for w in (self.departure, self.return_, self.participants):
            w.editingFinished.connect(self._commit)
        self.bus_name.editingFinished.connect(self._commit_bus)
        self.seats.editingFinished.connect(self._commit_bus)
        self.set_tours([], None, None, [], [])

    # -- loading ----------------------------------------------------------------
    def set_tours(self, tours: list[Tour], current: Optional[Tour], bus: Optional[Bus], sites: list[Site],
                  all_buses: list[Bus]) -> None:
        self._loading = True
        try:
            self.chooser.clear()
            for t in tours:
                self.chooser.addItem(f"{t.name} — {fmt.long_date(t.date)}", t.id)
            if current is not None:
                self.chooser.setCurrentIndex(self.chooser.findData(current.id))
            depots = [s for s in sites if s.kind is SiteKind.DEPOT] or sites
            for box, none_text in ((self.start_depot, self.tr("(none)")), (self.end_depot, self.tr("(same as start)"))):
                box.clear()
                box.addItem(none_text, None)
                for s in depots:
                    box.addItem(s.name, s.id)
            self._tour = copy.deepcopy(current)
            self._bus = copy.deepcopy(bus)
            t = current or Tour(name="", date=dt.date.today())
            self.name.setText(t.name)
            self.date.setDate(QDate(t.date.year, t.date.month, t.date.day))
            self._show_date()
            self.start_depot.setCurrentIndex(max(0, self.start_depot.findData(t.start_site_id)))
            self.end_depot.setCurrentIndex(max(0, self.end_depot.findData(t.end_site_id)))
            self.departure.setTime(QTime(t.earliest_departure.hour, t.earliest_departure.minute))
            self.return_.setTime(QTime(t.latest_return.hour, t.latest_return.minute))
            self.audience.setCurrentIndex(max(0, self.audience.findData(t.audience.value)))
            self.objective.setCurrentIndex(max(0, self.objective.findData(t.objective.value)))
            self.participants.setValue(t.participants)
            self.bus_name.setText(bus.name if bus else "")
            self.seats.setValue(bus.seats if bus else 50)
            self._seats_total = sum(b.seats for b in all_buses) if all_buses else (bus.seats if bus else 0)
            self._show_capacity()
            for w in (self.name, self.date, self.start_depot, self.end_depot, self.departure, self.return_,
                      self.audience, self.objective, self.participants, self.delete_button):
                w.setEnabled(current is not None)
            self.bus_name.setEnabled(bus is not None)
            self.seats.setEnabled(bus is not None)
        finally:
            self._loading = False

    def _show_date(self) -> None:
        d = self.date.date()
        self.date_label.setText(fmt.long_date(dt.date(d.year(), d.month(), d.day())))

    def _show_capacity(self) -> None:
        if self._tour is None:
            self.capacity.setText("")
            return
        people, seats = self.participants.value(), self._seats_total
        text = self.tr("%1 participants for %2 seats").replace("%1", str(people)).replace("%2", str(seats))
        if people > seats:
            text += " — " + self.tr("too many people for the seats")
            self.capacity.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.capacity.setStyleSheet("color: #2e7d32;")
        self.capacity.setText(text)

    # -- committing ---------------------------------------------------------------
    def current_values(self) -> Optional[Tour]:
        if self._tour is None:
            return None
        after = copy.deepcopy(self._tour)
        after.name = self.name.text().strip() or self._tour.name
        d = self.date.date()
        after.date = dt.date(d.year(), d.month(), d.day())
        after.start_site_id = self.start_depot.currentData()
        after.end_site_id = self.end_depot.currentData()
        q1, q2 = self.departure.time(), self.return_.time()
        after.earliest_departure = dt.time(q1.hour(), q1.minute())
        after.latest_return = dt.time(q2.hour(), q2.minute())
        after.audience = Audience(self.audience.currentData())
        after.objective = Objective(self.objective.currentData())
        after.participants = self.participants.value()
        return after

    def _commit(self) -> None:
        if self._loading or self._tour is None:
            return
        after = self.current_values()
        if after != self._tour:
            before, self._tour = self._tour, copy.deepcopy(after)
            self._show_capacity()
            self.tour_edited.emit(before, after)

    def _commit_bus(self) -> None:
        if self._loading or self._bus is None:
            return
        after = copy.deepcopy(self._bus)
        after.name = self.bus_name.text().strip() or self._bus.name
        after.seats = self.seats.value()
        if after != self._bus:
            before, self._bus = self._bus, copy.deepcopy(after)
            self.bus_edited.emit(before, after)

    def _delete(self) -> None:
        if self._tour is not None:
            self.delete_tour_requested.emit(self._tour.id)

    def set_editable(self, editable: bool) -> None:
        for w in (self.new_button, self.delete_button, self.name, self.date, self.start_depot, self.end_depot,
                  self.departure, self.return_, self.audience, self.objective, self.participants,
                  self.bus_name, self.seats):
            w.setEnabled(editable and (w is self.new_button or self._tour is not None))
