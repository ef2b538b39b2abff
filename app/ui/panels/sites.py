"""The sites list (searchable) and the site editor (every fact of a site)."""
from __future__ import annotations

import copy
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

from app.model.entities import Site, SiteKind
from app.ui.labels import label
from app.services.slots import SlotsError, parse_slots, slots_text

ID_ROLE = Qt.ItemDataRole.UserRole


class SitesPanel(QWidget):
    """Search field, list of sites, add/delete/import buttons."""

    site_selected = Signal(int)
    add_requested = Signal()
    delete_requested = Signal(int)
    import_requested = Signal()
    add_stop_requested = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("siteSearch")
        self.search.setPlaceholderText(self.tr("Search sites…"))
        self.search.setToolTip(self.tr("Filter the list by name, kind, sector or address"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("siteList")
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setToolTip(self.tr("Sites of the project; double-click to add it as a stop of the tour"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setToolTip(self.tr("Add a site at the centre of the map (or right-click on the map)"))
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setToolTip(self.tr("Delete the selected site and its stops"))
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setToolTip(self.tr("Import sites from a CSV or GeoJSON file or from the region's map"))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.import_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._sites: list[Site] = []
        self.search.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemDoubleClicked.connect(lambda item: self.add_stop_requested.emit(item.data(ID_ROLE)))
        self.add_button.clicked.connect(self.add_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.delete_button.clicked.connect(self._delete)
        self._updating = False

    def set_sites(self, sites: list[Site]) -> None:
        current = self.current_site_id()
        self._updating = True
        try:
            self._sites = list(sites)
            self.list.clear()
            for site in self._sites:
                item = QListWidgetItem(f"{site.name} — {label(site.kind)}")
                item.setData(ID_ROLE, site.id)
                item.setToolTip(site.address or site.name)
                self.list.addItem(item)
            self._filter(self.search.text())
            if current is not None:
                self.select_site(current)
        finally:
            self._updating = False

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row, site in enumerate(self._sites):
            hay = " ".join((site.name, label(site.kind), site.sector, site.address, site.products)).lower()
            self.list.item(row).setHidden(bool(needle) and needle not in hay)

    def select_site(self, site_id: Optional[int]) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == site_id:
                if self.list.currentItem() is not item:
                    was, self._updating = self._updating, True  # programmatic: no site_selected echo
                    try:
                        self.list.setCurrentItem(item)
                    finally:
                        self._updating = was
                self.list.scrollToItem(item)
                return

    def current_site_id(self) -> Optional[int]:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def _current_changed(self, item: Optional[QListWidgetItem], _previous) -> None:
        if item is not None and not self._updating:
            self.site_selected.emit(item.data(ID_ROLE))

    def _delete(self) -> None:
        site_id = self.current_site_id()
        if site_id is not None:
            self.delete_requested.emit(site_id)

    def set_editable(self, editable: bool) -> None:
        for b in (self.add_button, self.delete_button, self.import_button):
            b.setEnabled(editable)


class _TextEdit(QPlainTextEdit):
    """A multi-line field that says when the user leaves it (QPlainTextEdit has no editingFinished)."""

    editingFinished = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


def _typed_or_kept(box: QDoubleSpinBox, stored: float) -> float:
    """The box's value if the user changed it, else the stored value at full precision."""
    return stored if round(stored, box.decimals()) == box.value() else box.value()


class SiteEditor(QScrollArea):
    """All facts of one site; each finished field edit emits ``edited(before, after)``.

    A field that cannot be read (the visit slots) emits ``rejected(SlotsError)``
    instead, and shows the site's stored value again: nothing is changed.
    """

    edited = Signal(object, object)
    rejected = Signal(object)  # a routing.errors.UserError to show
    gate_pick_requested = Signal(int)  # site id: the next click on the map sets its coach gate

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(self)
        form = QFormLayout(inner)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._site: Optional[Site] = None
        self._loading = False
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind in SiteKind:
            self.kind.addItem(label(kind), kind.value)
        # A narrow dock must not clip the form: the combo may be narrower than its longest item.
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(8)
        self.address = QLineEdit()
        self.lon = self._coord()
        self.lat = self._coord()
        self.sector = QLineEdit()
        self.products = QLineEdit()
        self.jobs = QLineEdit()
        self.salaries = QLineEdit()
        self.training = QLineEdit()
        self.contact_name = QLineEdit()
        self.contact_phone = QLineEdit()
        self.contact_email = QLineEdit()
        self.visit_capacity = QSpinBox()
        self.visit_capacity.setRange(0, 1000)
        self.visit_capacity.setSpecialValueText(self.tr("not set"))
        self.visit_slots = QLineEdit()
        self.visit_slots.setObjectName("visitSlots")
        self.visit_slots.setPlaceholderText(self.tr("any time, e.g. 9 h 00–10 h 00; 14 h 00–15 h 30"))
        self.visit_slots.setToolTip(self.tr("When the company hosts visits: a visit starts inside a slot, and "
                                            "each slot hosts one bus. Empty: any time."))
        self.gate = QLabel()
        self.gate.setObjectName("gateText")
        self.gate.setToolTip(self.tr("Where the bus enters the site (its gate or coach park); the planner drives "
                                     "there instead of the site's centre"))
        self.gate_button = QPushButton(self.tr("Set on the map"))
        self.gate_button.setObjectName("gateButton")
        self.gate_button.setToolTip(self.tr("Then click the gate on the map (Esc: cancel)"))
        self.gate_clear = QPushButton(self.tr("Remove"))
        self.gate_clear.setObjectName("gateClearButton")
        gate_row = QHBoxLayout()
        gate_row.addWidget(self.gate, 1)
        gate_row.addWidget(self.gate_button)
        gate_row.addWidget(self.gate_clear)
        self.coach_turns = QCheckBox(self.tr("possible here"))
        self.coach_turns.setObjectName("coachTurns")
        self.coach_turns.setToolTip(self.tr("The bus can turn round here (car park, yard). Ticked: the bus may arrive "
                                            "and leave in either direction. Not ticked: it stops with the site on its "
                                            "door side and drives on, looping round a block rather than turning in "
                                            "the street"))
        self.notes = _TextEdit()
        self.notes.setMaximumHeight(60)
        self.talking_points = _TextEdit()
        self.talking_points.setMaximumHeight(60)
        rows = [
            (self.tr("Name"), self.name), (self.tr("Kind"), self.kind), (self.tr("Address"), self.address),
            (self.tr("Longitude"), self.lon), (self.tr("Latitude"), self.lat), (self.tr("Bus gate"), gate_row),
            (self.tr("U-turn"), self.coach_turns),
            (self.tr("Sector"), self.sector),
            (self.tr("Products"), self.products), (self.tr("Jobs"), self.jobs), (self.tr("Salaries"), self.salaries),
            (self.tr("Training"), self.training), (self.tr("Contact"), self.contact_name),
            (self.tr("Phone"), self.contact_phone), (self.tr("E-mail"), self.contact_email),
            (self.tr("Group capacity"), self.visit_capacity), (self.tr("Visit slots"), self.visit_slots),
            (self.tr("Notes"), self.notes),
            (self.tr("Talking points"), self.talking_points),
        ]
        for text, widget in rows:
            form.addRow(text, widget)
        self.visit_capacity.setToolTip(self.tr("Largest group the site can host at once"))
        self.talking_points.setToolTip(self.tr("What the guide says on the bus about this site"))
        self.setWidget(inner)
        for w in (self.name, self.address, self.sector, self.products, self.jobs, self.salaries, self.training,
                  self.contact_name, self.contact_phone, self.contact_email, self.visit_slots):
            w.editingFinished.connect(self._commit)
        for w in (self.lon, self.lat, self.visit_capacity, self.notes, self.talking_points):
            w.editingFinished.connect(self._commit)
        self.kind.activated.connect(self._kind_chosen)
        self.coach_turns.toggled.connect(lambda _on: self._commit())
        self.gate_button.clicked.connect(lambda: self._site is not None and self.gate_pick_requested.emit(self._site.id))
        self.gate_clear.clicked.connect(self._clear_gate)
        self.set_site(None)

    @staticmethod
    def _coord() -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(-180.0, 180.0)
        box.setDecimals(6)
        box.setSingleStep(0.0005)
        return box

    def set_site(self, site: Optional[Site]) -> None:
        self._loading = True
        try:
            self._site = copy.deepcopy(site)
            self.widget().setEnabled(site is not None)
            s = site or Site(name="", lon=0.0, lat=0.0)
            self.name.setText(s.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(s.kind.value)))
            self.address.setText(s.address)
            self.lon.setValue(s.lon)
            self.lat.setValue(s.lat)
            for attr in ("sector", "products", "jobs", "salaries", "training", "contact_name", "contact_phone",
                         "contact_email"):
                getattr(self, attr).setText(getattr(s, attr))
            for field in (self.name, self.address, self.sector, self.products, self.jobs, self.salaries,
                          self.training, self.contact_name, self.contact_phone, self.contact_email):
                field.setCursorPosition(0)  # show the beginning of long texts, not their end
            self.visit_capacity.setValue(s.visit_capacity or 0)
            self.visit_slots.setText(slots_text(s.visit_slots))
            self.visit_slots.setCursorPosition(0)
            self.notes.setPlainText(s.notes)
            self.talking_points.setPlainText(s.talking_points)
            self.gate.setText(f"{s.gate_lon:.6f}, {s.gate_lat:.6f}" if s.gate_lon is not None and s.gate_lat is not None
                              else self.tr("none: the bus drives to the site's position"))
            self.gate_clear.setEnabled(s.gate_lon is not None)
            self.coach_turns.setChecked(s.coach_turns)
        finally:
            self._loading = False

    def site_id(self) -> Optional[int]:
        return self._site.id if self._site else None

    def current_values(self) -> Optional[Site]:
        """The site as the fields show it; raises SlotsError when the slots cannot be read."""
        if self._site is None:
            return None
        after = copy.deepcopy(self._site)
        after.name = self.name.text().strip() or self._site.name
        after.kind = SiteKind(self.kind.currentData())
        after.address = self.address.text().strip()
        # The boxes show 6 decimals: an untouched box keeps the stored coordinate to the last digit
        # (rewriting it rounded moved the site by a tenth of a millimetre and outdated every plan).
        after.lon = _typed_or_kept(self.lon, self._site.lon)
        after.lat = _typed_or_kept(self.lat, self._site.lat)
        for attr in ("sector", "products", "jobs", "salaries", "training", "contact_name", "contact_phone",
                     "contact_email"):
            setattr(after, attr, getattr(self, attr).text().strip())
        after.coach_turns = self.coach_turns.isChecked()
        after.visit_capacity = self.visit_capacity.value() or None
        after.visit_slots = parse_slots(self.visit_slots.text())
        after.notes = self.notes.toPlainText()
        after.talking_points = self.talking_points.toPlainText()
        return after

    def _commit(self) -> None:
        if self._loading or self._site is None:
            return
        try:
            after = self.current_values()
        except SlotsError as exc:
            self._loading = True  # show the stored slots again, without a second commit
            try:
                self.visit_slots.setText(slots_text(self._site.visit_slots))
            finally:
                self._loading = False
            self.rejected.emit(exc)
            return
        if after is not None and after != self._site:
            before = self._site
            self._site = copy.deepcopy(after)
            self.edited.emit(before, after)

    def _kind_chosen(self, _index: int) -> None:
        """A site made a depot is a place the bus turns round in (its yard): ticked with it, one edit."""
        if self._loading or self._site is None:
            return
        if SiteKind(self.kind.currentData()) is SiteKind.DEPOT and self._site.kind is not SiteKind.DEPOT:
            self._loading = True
            try:
                self.coach_turns.setChecked(True)
            finally:
                self._loading = False
        self._commit()

    def _clear_gate(self) -> None:
        if self._site is None or self._site.gate_lon is None:
            return
        before, after = self._site, copy.deepcopy(self._site)
        after.gate_lon = after.gate_lat = None
        self._site = copy.deepcopy(after)
        self.edited.emit(before, after)

    def set_editable(self, editable: bool) -> None:
        self.widget().setEnabled(editable and self._site is not None)
