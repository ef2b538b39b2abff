"""Ambassadors: people, when they can be on board, the sites they present, who is on each leg."""
from __future__ import annotations

import copy
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QHBoxLayout, QHeaderView, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.model.entities import Ambassador, Availability, Site
from app.model.plan import Plan
from app.ui import fmt
from routing.errors import UserError

ID_ROLE = Qt.ItemDataRole.UserRole


def availability_text(items: list[Availability]) -> str:
    """"mardi 16 juin 2026 13 h 00–17 h 00; 9 h 00–12 h 00" (a day only where one is set)."""
    parts = []
    for a in items:
        span = fmt.clock_range(a.start, a.end)
        parts.append(f"{fmt.long_date(a.day)} {span}" if a.day else span)
    return "; ".join(parts)


def parse_availability(text: str, default_year: Optional[int] = None) -> list[Availability]:
    """"16/06/2026 13h-17h; mardi 16 juin 9 h–12 h; 14 h–17 h" -> availabilities (a day is optional;
    without a year, ``default_year``); ValueError naming the part that cannot be read."""
    out = []
    for part in fmt.split_ranges(text):
        day_text, span = fmt.split_day(part)
        try:
            day = fmt.parse_day(day_text, default_year) if day_text else None
            out.append(Availability(*fmt.parse_clock_range(span), day))
        except ValueError:
            raise ValueError(part) from None
    return out


class AmbassadorsPanel(QWidget):
    edited = Signal(object, object)  # before, after (Ambassador)
    add_requested = Signal()
    delete_requested = Signal(int)  # ambassador id
    rejected = Signal(object)  # a UserError: what the user typed cannot be read

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.project = None
        self._amb: Optional[Ambassador] = None
        self._loading = False
        self.list = QListWidget()
        self.list.setObjectName("ambassadorList")
        self.add_button = QPushButton(self.tr("Add ambassador"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected ambassador"))
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        lv.addLayout(row)
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.availability = QLineEdit()
        self.availability.setToolTip(self.tr("When they can be on board, e.g. 9 h 00–12 h 00; mardi 16 juin 14 h–17 h; 16/06/2026 9 h–12 h"))
        self.sites = QListWidget()
        self.sites.setToolTip(self.tr("Tick the sites this ambassador can present"))
        form_box = QWidget()
        form = QFormLayout(form_box)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Organisation"), self.organisation)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Available"), self.availability)
        form.addRow(self.tr("Presents"), self.sites)
        self.legs = QTableWidget(0, 3)
        self.legs.setObjectName("ambassadorLegs")
        self.legs.setHorizontalHeaderLabels([self.tr("Leg"), self.tr("When"), self.tr("On board")])
        self.legs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.legs.verticalHeader().hide()
        self.legs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.legs.setToolTip(self.tr("Who is on board on each leg of the plan"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(form_box)
        split.addWidget(self.legs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.list.currentItemChanged.connect(lambda item, _p: self._show(item.data(ID_ROLE) if item else None))
        self.add_button.clicked.connect(self._add)
        self.delete_button.clicked.connect(self._delete)
        for w in (self.name, self.organisation, self.phone, self.email, self.availability):
            w.editingFinished.connect(self._commit)
        self.sites.itemChanged.connect(lambda _i: self._commit())
        self._ambassadors: list[Ambassador] = []
        self._site_list: list[Site] = []

    def set_data(self, project, ambassadors: list[Ambassador], sites: list[Site], plan: Optional[Plan]) -> None:
        self.project = project
        current = self._amb.id if self._amb else None
        self._ambassadors = ambassadors
        self._site_list = sites
        self._loading = True
        try:
            self.list.clear()
            for a in ambassadors:
                item = QListWidgetItem(f"{a.name} — {a.organisation}" if a.organisation else a.name)
                item.setData(ID_ROLE, a.id)
                self.list.addItem(item)
        finally:
            self._loading = False
        ids = [a.id for a in ambassadors]
        if current in ids:
            self.list.setCurrentRow(ids.index(current))
        self._show(current if current in ids else None)
        self._fill_legs(plan, {a.id: a.name for a in ambassadors}, {s.id: s.name for s in sites})

    def select_ambassador(self, ambassador_id: Optional[int]) -> None:
        """Show ``ambassador_id`` in the form (a new one, just added)."""
        ids = [a.id for a in self._ambassadors]
        if ambassador_id in ids:
            self.list.setCurrentRow(ids.index(ambassador_id))
            self._show(ambassador_id)

    def _fill_legs(self, plan: Optional[Plan], names: dict[int, str], site_names: dict[int, str]) -> None:
        self.legs.setRowCount(0)
        if plan is None:
            return
        rows = []
        for bus in plan.buses:
            for leg in bus.legs:
                a = site_names.get(leg.from_site_id, "?")
                b = site_names.get(leg.to_site_id, "?")
                people = ", ".join(names.get(i, f"#{i}") for i in leg.ambassador_ids) or "—"
                rows.append((f"{a} → {b}", f"{fmt.clock(leg.departure)}–{fmt.clock(leg.arrival)}", people))
        self.legs.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.legs.setItem(r, c, QTableWidgetItem(text))

    def _show(self, amb_id: Optional[int]) -> None:
        if self._loading:
            return
        self._loading = True
        try:
            amb = next((a for a in self._ambassadors if a.id == amb_id), None)
            self._amb = copy.deepcopy(amb)
            a = amb or Ambassador(name="")
            self.name.setText(a.name)
            self.organisation.setText(a.organisation)
            self.phone.setText(a.phone)
            self.email.setText(a.email)
            self.availability.setText(availability_text(a.availability))
            self.sites.clear()
            for s in self._site_list:
                item = QListWidgetItem(s.name)
                item.setData(ID_ROLE, s.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if s.id in a.site_ids else Qt.CheckState.Unchecked)
                self.sites.addItem(item)
            for w in (self.name, self.organisation, self.phone, self.email, self.availability, self.sites):
                w.setEnabled(amb is not None and self._editable)
        finally:
            self._loading = False

    _editable = True

    def _commit(self) -> None:
        if self._loading or self._amb is None or self.project is None:
            return
        after = copy.deepcopy(self._amb)
        after.name = self.name.text().strip() or self._amb.name
        after.organisation = self.organisation.text().strip()
        after.phone = self.phone.text().strip()
        after.email = self.email.text().strip()
        try:
            after.availability = parse_availability(self.availability.text())
        except ValueError as exc:
            self.availability.setStyleSheet("background: #fde0e0;")
            self.rejected.emit(UserError("edit.availability_unreadable", part=str(exc), ambassador=after.name))
            return
        self.availability.setStyleSheet("")
        after.site_ids = {self.sites.item(i).data(ID_ROLE) for i in range(self.sites.count())
                          if self.sites.item(i).checkState() == Qt.CheckState.Checked}
        if after != self._amb:
            before, self._amb = self._amb, copy.deepcopy(after)
            self.edited.emit(before, after)

    def _add(self) -> None:
        if self.project is not None:
            self.add_requested.emit()

    def _delete(self) -> None:
        if self.project is not None and self._amb is not None:
            self.delete_requested.emit(self._amb.id)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.add_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
