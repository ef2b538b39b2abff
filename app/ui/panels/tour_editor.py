"""The tour chooser and editor: the tour (date, depots, times, audience), its buses and its groups.

Three tabs: "Tour" (the day), "Buses" (one or more buses: name, seats, operator,
driver, vehicle profile) and "Groups" (who travels, optionally on which bus). A
summary under the tabs sets the participants against the seats of every bus.
The editor never writes the project: it emits ``*_edited(before, after)``,
``*_added()`` and ``*_removed(id)`` and the window turns them into undo commands.
"""
from __future__ import annotations

import dataclasses
import copy
import datetime as dt
from typing import Optional, Sequence

from PySide6.QtCore import QDate, QSize, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QFrame, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QSpinBox, QTableWidget, QTableWidgetItem,
    QTabWidget, QTimeEdit, QVBoxLayout, QWidget,
)

from app.model.rules import people_on_board, seat_numbers
from app.model.entities import (
    Audience, Bus, Objective, ParticipantGroup, Site, SiteKind, Tour, VehicleSpec, vehicle_presets,
)
from app.ui import fmt
from app.ui.date_field import DateField
from app.ui.panels.driver_rules import DriverRulesForm
from app.ui.labels import label

GROUP_COL_NAME, GROUP_COL_SIZE, GROUP_COL_BUS = range(3)
FORM_MIN_LINES = 9  # text lines of the tour form that a short dock still shows


class FormScrollArea(QScrollArea):
    """Scrolls a form vertically only: as wide as the form needs, as tall as it asks when there is room.

    Put in a splitter over the stops table it lets a short window squeeze the form (which
    then scrolls) instead of the table. Its minimum width is the form's own, without room for
    the scroll bar: the window's minimum width (1400 px fits) stays what it was before the
    scroll area; only a form both squeezed and at its narrowest loses a scroll bar's width.
    """

    def __init__(self, widget: QWidget, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def sizeHint(self) -> QSize:
        return self.widget().sizeHint() + QSize(self.verticalScrollBar().sizeHint().width(), 0)

    def minimumSizeHint(self) -> QSize:
        # the tabs and the first rows (tour, date, depots) always show; the rest scrolls
        return QSize(self.widget().minimumSizeHint().width(), FORM_MIN_LINES * self.fontMetrics().height())


class PageSizedTabs(QTabWidget):
    """Tabs as tall as the page shown (QTabWidget asks for its tallest page: the buses')."""

    def _fit(self, base: QSize, page_height) -> QSize:
        pages = [self.widget(i) for i in range(self.count())]
        current = self.currentWidget()
        if current is None:
            return base
        chrome = base.height() - max(page_height(p) for p in pages)  # tab bar and frame
        return QSize(base.width(), chrome + page_height(current))

    def sizeHint(self) -> QSize:
        return self._fit(super().sizeHint(), lambda p: p.sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return self._fit(super().minimumSizeHint(), lambda p: p.minimumSizeHint().height())


class TourEditor(QWidget):
    tour_selected = Signal(int)
    new_tour_requested = Signal()
    delete_tour_requested = Signal(int)
    tour_edited = Signal(object, object)  # before, after
    bus_edited = Signal(object, object)  # before, after (Bus)
    bus_added = Signal()  # "add a coach" pressed: the window adds one with the 12 m coach defaults
    bus_removed = Signal(int)  # bus id
    vehicle_for_all = Signal(object)  # a VehicleSpec for every bus of the tour
    group_edited = Signal(object, object)  # before, after (ParticipantGroup)
    group_added = Signal()
    group_removed = Signal(int)  # group id

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self._vehicle_name = ""
        self._tour: Optional[Tour] = None
        self._buses: list[Bus] = []
        self._bus: Optional[Bus] = None  # the coach shown in the form (a copy)
        self._groups: list[ParticipantGroup] = []
        self._loading = False
        self._editable = True
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

        self.tabs = PageSizedTabs(self)
        self.tabs.setObjectName("tourTabs")
        self.tabs.addTab(self._build_tour_tab(), self.tr("Tour"))
        self.tabs.addTab(self._build_bus_tab(), self.tr("Buses"))
        self.tabs.addTab(self._build_group_tab(), self.tr("Groups"))
        self.tabs.currentChanged.connect(lambda _i: self.tabs.updateGeometry())
        self.capacity = QLabel()
        self.capacity.setObjectName("capacityLabel")
        self.capacity.setWordWrap(True)
        self.capacity.setToolTip(self.tr("People on board (the groups, or the tour's participants when it has "
                                         "no group) against the seats of every bus"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addWidget(self.capacity)

        self.chooser.activated.connect(lambda i: self.tour_selected.emit(self.chooser.itemData(i)))
        self.new_button.clicked.connect(self.new_tour_requested)
        self.delete_button.clicked.connect(self._delete)
        self.set_tours([], None, [], [], [])

    # -- building -----------------------------------------------------------------
    def _build_tour_tab(self) -> QWidget:
        page = QWidget()
        self.name = QLineEdit()
        self.date = DateField()
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
        # Six compact rows (depots on one, audience and head count on one): the stops table under
        # the editor is what organisers work with most and needs the dock's height.
        self.form = QFormLayout(page)
        self.form.setContentsMargins(6, 4, 6, 4)
        self.form.setVerticalSpacing(3)
        for box in (self.start_depot, self.end_depot):  # long site names must not widen the dock
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.date_label, 1)
        times = QHBoxLayout()
        times.addWidget(self.departure)
        # the departure is a meeting time (the bus leaves then) unless it is only the earliest one
        self.departure_floating = QCheckBox(self.tr("at the earliest (floating time)"))
        self.departure_floating.setObjectName("departureFloating")
        self.departure_floating.setToolTip(self.tr(
            "Unticked: the meeting time, the bus leaves then and waits where a company opens later. "
            "Ticked: the bus may leave later when that makes the day shorter, never earlier"))
        self.departure.setToolTip(self.tr("When the bus leaves (the meeting time), or its earliest departure "
                                          "when 'at the earliest' is ticked"))
        self.departure_floating.toggled.connect(lambda _on: self._commit())
        times.addWidget(self.departure_floating)
        times.addWidget(QLabel(self.tr("return by")))
        times.addWidget(self.return_)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Date"), date_row)
        depots = QHBoxLayout()
        depots.addWidget(self.start_depot, 1)
        depots.addWidget(QLabel(self.tr("End depot")))
        depots.addWidget(self.end_depot, 1)
        people = QHBoxLayout()
        people.addWidget(self.audience, 1)
        people.addWidget(QLabel(self.tr("Participants")))
        people.addWidget(self.participants)
        self.form.addRow(self.tr("Start depot"), depots)
        self.form.addRow(self.tr("Leave at"), times)
        self.form.addRow(self.tr("Audience"), people)
        self.form.addRow(self.tr("Optimise for"), self.objective)
        self.start_depot.setToolTip(self.tr("Where the bus leaves from"))
        self.end_depot.setToolTip(self.tr("Where the bus ends the day (empty: back to the start)"))
        self.participants.setToolTip(self.tr("People on the tour, to check against the seats"))
        self.name.editingFinished.connect(self._commit)
        self.date.editingFinished.connect(self._commit)
        self.date.dateChanged.connect(self._show_date)
        for w in (self.start_depot, self.end_depot, self.audience, self.objective):
            w.activated.connect(lambda _i: self._commit())
        for w in (self.departure, self.return_, self.participants):
            w.editingFinished.connect(self._commit)
        return page

    def _build_bus_tab(self) -> QWidget:
        page = QWidget()
        self.bus_list = QListWidget()
        self.bus_list.setObjectName("busList")
        self.bus_list.setMaximumHeight(60)
        self.bus_list.setToolTip(self.tr("The buses of the tour; choose one to edit it"))
        self.add_bus_button = QPushButton(self.tr("Add a bus"))
        self.add_bus_button.setObjectName("addBusButton")
        self.add_bus_button.setToolTip(self.tr("Add a bus to the tour (12 m bus values, 50 seats)"))
        self.remove_bus_button = QPushButton(self.tr("Remove the bus"))
        self.remove_bus_button.setObjectName("removeBusButton")
        self.remove_bus_button.setToolTip(self.tr("Remove the chosen bus; its stops and groups go to any bus"))
        self.bus_name = QLineEdit()
        self.seats = QSpinBox()
        self.seats.setRange(1, 100)
        self.operator = QLineEdit()
        self.driver = QLineEdit()
        self.driver_phone = QLineEdit()
        self.vehicle_height = self._dspin(2.0, 5.0, 0.05, 2, " m")
        self.vehicle_weight = self._dspin(1.0, 44.0, 0.5, 1, " t")
        self.vehicle_width = self._dspin(1.5, 3.0, 0.05, 2, " m")
        self.vehicle_length = self._dspin(4.0, 25.0, 0.5, 1, " m")
        self.speed_factor = self._dspin(0.01, 5.0, 0.05, 2, "")
        # the project file's own bounds (app/store/codec.py): a stored value is never clamped by an edit
        self.town_speed_factor = self._dspin(0.01, 5.0, 0.05, 2, "")
        self.signal_delay = self._dspin(0.0, 600.0, 1.0, 1, " s")
        self.stop_allowance = self._dspin(0.0, 3600.0, 5.0, 1, " s")
        self.vehicle_height.setToolTip(self.tr("Height of the bus: lower bridges are avoided"))
        self.vehicle_weight.setToolTip(self.tr("Weight of the loaded bus: weaker roads are avoided"))
        self.vehicle_width.setToolTip(self.tr("Width of the bus: narrower roads are avoided"))
        self.vehicle_length.setToolTip(self.tr("Length of the bus: shorter limits are avoided"))
        self.speed_factor.setToolTip(self.tr("Share of the car speed the bus drives at (0.85: 15 % slower)"))
        self.town_speed_factor.setToolTip(self.tr("Share of the speed limit the bus holds on town roads of 31-50 km/h"))
        self.signal_delay.setToolTip(self.tr("Mean wait at each traffic signal the bus passes"))
        self.stop_allowance.setToolTip(self.tr("Time added to every leg for pulling out of a stop and into the next"))
        self.vehicle_preset = QComboBox()
        self.vehicle_preset.setObjectName("vehiclePreset")
        self.vehicle_preset.setToolTip(self.tr("Fill the height, weight, width, length and speed of a usual vehicle"))
        self.presets = vehicle_presets()
        self.vehicle_preset.addItem(self.tr("Model…"), None)
        for i, spec in enumerate(self.presets):
            self.vehicle_preset.addItem(spec.name, i)
        self.vehicle_all_button = QPushButton(self.tr("For every bus"))
        self.vehicle_all_button.setObjectName("vehicleAllButton")
        self.vehicle_all_button.setToolTip(self.tr("Give every bus of the tour this vehicle"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_bus_button)
        buttons.addWidget(self.remove_bus_button)
        buttons.addStretch(1)
        seats_row = QHBoxLayout()
        seats_row.addWidget(self.seats)
        seats_row.addWidget(QLabel(self.tr("operator")))
        seats_row.addWidget(self.operator, 1)
        driver_row = QHBoxLayout()
        driver_row.addWidget(self.driver, 1)
        driver_row.addWidget(QLabel(self.tr("phone")))
        driver_row.addWidget(self.driver_phone, 1)
        size_row = QHBoxLayout()
        for text, w in ((self.tr("height"), self.vehicle_height), (self.tr("width"), self.vehicle_width),
                        (self.tr("length"), self.vehicle_length)):
            size_row.addWidget(QLabel(text))
            size_row.addWidget(w)
        drive_row = QHBoxLayout()
        drive_row.addWidget(QLabel(self.tr("weight")))
        drive_row.addWidget(self.vehicle_weight)
        drive_row.addWidget(QLabel(self.tr("speed factor")))
        drive_row.addWidget(self.speed_factor)
        times_row = QHBoxLayout()
        for text, w in ((self.tr("in town"), self.town_speed_factor), (self.tr("per signal"), self.signal_delay),
                        (self.tr("per stop"), self.stop_allowance)):
            times_row.addWidget(QLabel(text))
            times_row.addWidget(w)
        preset_row = QHBoxLayout()
        preset_row.addWidget(self.vehicle_preset, 1)
        preset_row.addWidget(self.vehicle_all_button)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.bus_name)
        form.addRow(self.tr("Seats"), seats_row)
        form.addRow(self.tr("Driver"), driver_row)
        form.addRow(self.tr("Vehicle"), size_row)
        form.addRow("", drive_row)
        form.addRow(self.tr("Driving times"), times_row)
        self.bus_form = form
        form.addRow("", preset_row)
        box = QVBoxLayout(page)
        box.addWidget(self.bus_list)
        box.addLayout(buttons)
        box.addLayout(form)
        # one set of rest rules for the tour, every bus keeps them
        rules_title = QLabel(self.tr("Driver breaks (every bus of the tour)"))
        rules_title.setStyleSheet("font-weight: bold;")
        self.driver_rules = DriverRulesForm()
        self.driver_rules.rules_edited.connect(lambda _rules: self._commit())
        box.addWidget(rules_title)
        box.addWidget(self.driver_rules)
        self.bus_list.currentRowChanged.connect(self._bus_row_changed)
        self.add_bus_button.clicked.connect(self.bus_added)
        self.remove_bus_button.clicked.connect(self._remove_bus)
        for w in (self.bus_name, self.seats, self.operator, self.driver, self.driver_phone, self.vehicle_height,
                  self.vehicle_weight, self.vehicle_width, self.vehicle_length, self.speed_factor,
                  self.town_speed_factor, self.signal_delay, self.stop_allowance):
            w.editingFinished.connect(self._commit_bus)
        self.vehicle_preset.activated.connect(self._vehicle_preset_chosen)
        self.vehicle_all_button.clicked.connect(lambda: self._bus is not None and self.vehicle_for_all.emit(
            copy.deepcopy(self.bus_values().vehicle)))
        return page

    @staticmethod
    def _dspin(low: float, high: float, step: float, decimals: int, suffix: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(low, high)
        box.setSingleStep(step)
        box.setDecimals(decimals)
        box.setSuffix(suffix)
        return box

    def _build_group_tab(self) -> QWidget:
        page = QWidget()
        self.groups_table = QTableWidget(0, 3)
        self.groups_table.setObjectName("groupsTable")
        self.groups_table.setHorizontalHeaderLabels([self.tr("Group"), self.tr("People"), self.tr("Bus")])
        self.groups_table.verticalHeader().hide()
        self.groups_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.groups_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.groups_table.horizontalHeader()
        header.setSectionResizeMode(GROUP_COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.groups_table.setColumnWidth(GROUP_COL_SIZE, 70)
        self.groups_table.setColumnWidth(GROUP_COL_BUS, 130)
        self.groups_table.setToolTip(self.tr("Who travels: a class, a job centre's team… Double-click to edit; "
                                             "a group may be put on a given bus"))
        self.add_group_button = QPushButton(self.tr("Add a group"))
        self.add_group_button.setObjectName("addGroupButton")
        self.remove_group_button = QPushButton(self.tr("Remove the group"))
        self.remove_group_button.setObjectName("removeGroupButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_group_button)
        buttons.addWidget(self.remove_group_button)
        buttons.addStretch(1)
        box = QVBoxLayout(page)
        box.addWidget(self.groups_table, 1)
        box.addLayout(buttons)
        self.groups_table.itemChanged.connect(self._group_item_changed)
        self.add_group_button.clicked.connect(self.group_added)
        self.remove_group_button.clicked.connect(self._remove_group)
        return page

    # -- loading ----------------------------------------------------------------
    def set_tours(self, tours: list[Tour], current: Optional[Tour], buses: Sequence[Bus], sites: list[Site],
                  groups: Sequence[ParticipantGroup] = ()) -> None:
        """Show ``current`` (one of ``tours``) with its ``buses`` and ``groups``; depots are chosen among ``sites``."""
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
            self.departure_floating.setChecked(not t.departure_fixed)
            self.driver_rules.set_rules(t.driver_rules)
            self._set_buses(list(buses))
            self._set_groups(list(groups))
            self._show_capacity()
        finally:
            self._loading = False
        self._update_enabled()

    def _set_buses(self, buses: list[Bus]) -> None:
        keep = self._bus.id if self._bus is not None else None
        self._buses = [copy.deepcopy(b) for b in buses]
        self.bus_list.clear()
        for b in self._buses:
            item = QListWidgetItem(self.tr("%1 — %2 seats").replace("%1", b.name).replace("%2", str(b.seats)))
            item.setData(Qt.ItemDataRole.UserRole, b.id)
            self.bus_list.addItem(item)
        ids = [b.id for b in self._buses]
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        self.bus_list.setCurrentRow(row)
        self._show_bus(self._buses[row] if row >= 0 else None)

    def _show_bus(self, bus: Optional[Bus]) -> None:
        self._bus = copy.deepcopy(bus)
        self._vehicle_name = ""  # set when a model is chosen for this bus
        b = bus or Bus()
        was, self._loading = self._loading, True
        try:
            self.bus_name.setText(b.name if bus else "")
            self.seats.setValue(b.seats)
            self.operator.setText(b.operator)
            self.driver.setText(b.driver)
            self.driver_phone.setText(b.driver_phone)
            self._show_vehicle(b.vehicle)
        finally:
            self._loading = was

    def _show_vehicle(self, v: VehicleSpec) -> None:
        self.vehicle_height.setValue(v.height_m)
        self.vehicle_weight.setValue(v.weight_t)
        self.vehicle_width.setValue(v.width_m)
        self.vehicle_length.setValue(v.length_m)
        self.speed_factor.setValue(v.speed_factor)
        self.town_speed_factor.setValue(v.town_speed_factor)
        self.signal_delay.setValue(v.signal_delay_s)
        self.stop_allowance.setValue(v.stop_allowance_s)

    def _set_groups(self, groups: list[ParticipantGroup]) -> None:
        self._groups = [copy.deepcopy(g) for g in groups]
        table = self.groups_table
        table.blockSignals(True)
        try:
            table.setRowCount(len(self._groups))
            for row, g in enumerate(self._groups):
                name = QTableWidgetItem(g.name)
                name.setData(Qt.ItemDataRole.UserRole, g.id)
                size = QTableWidgetItem()
                size.setData(Qt.ItemDataRole.EditRole, int(g.size))
                table.setItem(row, GROUP_COL_NAME, name)
                table.setItem(row, GROUP_COL_SIZE, size)
                # Reuse the row's combo: a replaced cell widget lingers until deleteLater runs.
                box = table.cellWidget(row, GROUP_COL_BUS)
                if not isinstance(box, QComboBox):
                    box = QComboBox()
                    box.setToolTip(self.tr("The bus this group travels on (Any: the planner chooses)"))
                    box.activated.connect(lambda _i, r=row: self._commit_group(r))
                    table.setCellWidget(row, GROUP_COL_BUS, box)
                box.blockSignals(True)
                box.clear()
                box.addItem(self.tr("Any"), None)
                for b in self._buses:
                    box.addItem(b.name, b.id)
                box.setCurrentIndex(max(0, box.findData(g.bus_id)) if g.bus_id is not None else 0)
                box.blockSignals(False)
        finally:
            table.blockSignals(False)

    def _show_date(self) -> None:
        d = self.date.date()
        self.date_label.setText(fmt.long_date(dt.date(d.year(), d.month(), d.day())))

    def _show_capacity(self) -> None:
        if self._tour is None:
            self.capacity.setText("")
            return
        tour = self.current_values() or self._tour
        people, n_buses, seats = seat_numbers(tour, self._buses, self._groups)
        if n_buses == 1:
            text = self.tr("%1 participants for 1 bus, %3 seats")
        else:
            text = self.tr("%1 participants for %2 buses, %3 seats")
        text = text.replace("%1", str(people)).replace("%2", str(n_buses)).replace("%3", str(seats))
        problems = []
        if people > seats:
            problems.append(self.tr("too many people for the seats"))
        on_board_by_bus = people_on_board(tour, self._buses, self._groups)  # as the planner seats them
        for b in self._buses:
            on_board = on_board_by_bus.get(b.id, 0)
            if on_board > b.seats:
                problems.append(self.tr("%1: %2 people for %3 seats").replace("%1", b.name)
                                .replace("%2", str(on_board)).replace("%3", str(b.seats)))
        if problems:
            text += " — " + "; ".join(problems)
            self.capacity.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.capacity.setStyleSheet("color: #2e7d32;")
        self.capacity.setText(text)

    # -- queries ---------------------------------------------------------------
    def current_bus_id(self) -> Optional[int]:
        return self._bus.id if self._bus is not None else None

    def select_bus(self, bus_id: int) -> None:
        """Show bus ``bus_id`` in the form (and its tab)."""
        for row, b in enumerate(self._buses):
            if b.id == bus_id:
                self.bus_list.setCurrentRow(row)
                self.tabs.setCurrentIndex(1)
                return

    def buses(self) -> list[Bus]:
        return [copy.deepcopy(b) for b in self._buses]

    def groups(self) -> list[ParticipantGroup]:
        return [copy.deepcopy(g) for g in self._groups]

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
        after.departure_fixed = not self.departure_floating.isChecked()
        after.driver_rules = self.driver_rules.rules()
        return after

    def _commit(self) -> None:
        if self._loading or self._tour is None:
            return
        after = self.current_values()
        if after != self._tour:
            before, self._tour = self._tour, copy.deepcopy(after)
            self._show_capacity()
            self.tour_edited.emit(before, after)

    def bus_values(self) -> Optional[Bus]:
        """The shown bus with the form's values."""
        if self._bus is None:
            return None
        after = copy.deepcopy(self._bus)
        after.name = self.bus_name.text().strip() or self._bus.name
        after.seats = self.seats.value()
        after.operator = self.operator.text().strip()
        after.driver = self.driver.text().strip()
        after.driver_phone = self.driver_phone.text().strip()
        after.vehicle.height_m = round(self.vehicle_height.value(), 2)
        after.vehicle.weight_t = round(self.vehicle_weight.value(), 1)
        after.vehicle.width_m = round(self.vehicle_width.value(), 2)
        after.vehicle.length_m = round(self.vehicle_length.value(), 1)
        after.vehicle.speed_factor = round(self.speed_factor.value(), 2)
        after.vehicle.town_speed_factor = round(self.town_speed_factor.value(), 2)
        after.vehicle.signal_delay_s = round(self.signal_delay.value(), 1)
        after.vehicle.stop_allowance_s = round(self.stop_allowance.value(), 1)
        if self._vehicle_name:
            after.vehicle.name = self._vehicle_name
        return after

    def _commit_bus(self) -> None:
        if self._loading or self._bus is None:
            return
        after = self.bus_values()
        if after != self._bus:
            before, self._bus = self._bus, copy.deepcopy(after)
            self.bus_edited.emit(before, after)

    def _vehicle_preset_chosen(self, index: int) -> None:
        choice = self.vehicle_preset.itemData(index)
        self.vehicle_preset.setCurrentIndex(0)  # a menu of models, not a state
        if self._bus is None or choice is None:
            return
        # a model fills the size and the open-road speed; the bus keeps its time settings
        current = self.bus_values().vehicle
        spec = dataclasses.replace(self.presets[choice], town_speed_factor=current.town_speed_factor,
                                   signal_delay_s=current.signal_delay_s, stop_allowance_s=current.stop_allowance_s)
        self._loading = True
        try:
            self._show_vehicle(spec)
        finally:
            self._loading = False
        self._vehicle_name = spec.name
        self._commit_bus()

    def _bus_row_changed(self, row: int) -> None:
        if self._loading:
            return
        self._show_bus(self._buses[row] if 0 <= row < len(self._buses) else None)
        self._update_enabled()

    def _remove_bus(self) -> None:
        if self._bus is not None and len(self._buses) > 1:
            self.bus_removed.emit(self._bus.id)

    def _group_row_values(self, row: int) -> Optional[ParticipantGroup]:
        if not 0 <= row < len(self._groups):
            return None
        before = self._groups[row]
        after = copy.deepcopy(before)
        name = self.groups_table.item(row, GROUP_COL_NAME)
        size = self.groups_table.item(row, GROUP_COL_SIZE)
        box = self.groups_table.cellWidget(row, GROUP_COL_BUS)
        if name is not None and name.text().strip():
            after.name = name.text().strip()
        if size is not None:
            try:
                after.size = max(0, int(size.data(Qt.ItemDataRole.EditRole)))
            except (TypeError, ValueError):
                pass
        if box is not None:
            after.bus_id = box.currentData()
        return after

    def _commit_group(self, row: int) -> None:
        if self._loading:
            return
        after = self._group_row_values(row)
        if after is not None and after != self._groups[row]:
            before, self._groups[row] = self._groups[row], copy.deepcopy(after)
            self._show_capacity()
            self.group_edited.emit(before, after)

    def _group_item_changed(self, item: QTableWidgetItem) -> None:
        self._commit_group(item.row())

    def current_group_id(self) -> Optional[int]:
        row = self.groups_table.currentRow()
        return self._groups[row].id if 0 <= row < len(self._groups) else None

    def _remove_group(self) -> None:
        group_id = self.current_group_id()
        if group_id is not None:
            self.group_removed.emit(group_id)

    def _delete(self) -> None:
        if self._tour is not None:
            self.delete_tour_requested.emit(self._tour.id)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update_enabled()

    def _update_enabled(self) -> None:
        on = self._editable and self._tour is not None
        self.new_button.setEnabled(self._editable)
        for w in (self.delete_button, self.name, self.date, self.start_depot, self.end_depot, self.departure,
                  self.return_, self.departure_floating, self.audience, self.objective, self.participants,
                  self.add_bus_button, self.add_group_button, self.remove_group_button):
            w.setEnabled(on)
        self.driver_rules.set_editable(on)
        has_bus = on and self._bus is not None
        for w in (self.bus_name, self.seats, self.operator, self.driver, self.driver_phone, self.vehicle_height,
                  self.vehicle_weight, self.vehicle_width, self.vehicle_length, self.speed_factor,
                  self.town_speed_factor, self.signal_delay, self.stop_allowance,
                  self.vehicle_preset, self.vehicle_all_button):
            w.setEnabled(has_bus)
        self.remove_bus_button.setEnabled(has_bus and len(self._buses) > 1)
        self.groups_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked if on else QAbstractItemView.EditTrigger.NoEditTriggers)
        for row in range(self.groups_table.rowCount()):
            box = self.groups_table.cellWidget(row, GROUP_COL_BUS)
            if box is not None:
                box.setEnabled(on)
