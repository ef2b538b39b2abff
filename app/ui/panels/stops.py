"""The stops table of a tour: add from sites, edit kind/dwell/windows/lock/bus, drag to reorder.

Below the table, the tour's order constraints ("A before B"), added from the table's
context menu ("Must come before…") and removed with a button. They sit in a small
expandable section (about three rows when open, folded while there are none) so the
table, which organisers work with most, keeps the height.
"""
from __future__ import annotations

import copy
import json
from typing import Any, Optional

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFrame, QHBoxLayout, QHeaderView, QListWidget, QListWidgetItem, QMenu,
    QPushButton, QStyledItemDelegate, QTableView, QToolButton, QVBoxLayout, QWidget,
)

from app.model.rules import would_cycle
from app.model.entities import Bus, LockKind, Precedence, Site, Stop, StopKind, TimeWindow
from app.ui import fmt
from app.ui.labels import label

MIME = "application/x-zitour-stop-ids"
(COL_NUM, COL_SITE, COL_KIND, COL_DWELL, COL_WINDOWS, COL_ARRIVAL_ONLY, COL_REQUIRED, COL_PRIORITY, COL_LOCK,
 COL_BUS) = range(10)
ANY_BUS = -1  # the coach combo's "Any" (None does not survive every QVariant round trip)
ROW_HEIGHT_PX = 24  # the stops table's row height
MIN_VISIBLE_ROWS = 6  # the table never gets fewer rows than this: the rest of the dock scrolls or folds
PRECEDENCE_ROWS = 3  # height of the open order-constraints list, in rows


def windows_text(windows: list[TimeWindow]) -> str:
    return "; ".join(fmt.clock_range(w.start, w.end) for w in windows)


def parse_windows(text: str) -> list[TimeWindow]:
    """"9 h 00–11 h 30; 14 h–16 h" -> windows; ValueError when unreadable."""
    return [TimeWindow(*fmt.parse_clock_range(part)) for part in fmt.split_ranges(text)]


class StopsModel(QAbstractTableModel):
    """Rows = the tour's stops in the organiser's order."""

    stop_edited = Signal(object, object)  # before, after
    reorder_requested = Signal(list)  # stop ids in the new order
    edit_rejected = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.stops: list[Stop] = []
        self.sites: dict[int, Site] = {}
        self.buses: list[Bus] = []
        self.editable = True
        self.headers = [self.tr("#"), self.tr("Site"), self.tr("Kind"), self.tr("Min."),
                        self.tr("Time windows"), self.tr("Arr. only"), self.tr("Req."), self.tr("Prio."),
                        self.tr("Lock"), self.tr("Bus")]

    def set_stops(self, stops: list[Stop], sites: dict[int, Site], buses: Optional[list[Bus]] = None) -> None:
        self.beginResetModel()
        self.stops = list(stops)
        self.sites = sites
        if buses is not None:
            self.buses = list(buses)
        self.endResetModel()

    def bus_name(self, bus_id: Optional[int]) -> str:
        """The bus's name, "Any" for None (a bus deleted meanwhile shows its id)."""
        if bus_id is None:
            return self.tr("Any")
        return next((b.name for b in self.buses if b.id == bus_id), f"#{bus_id}")

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.stops)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            tips = {COL_DWELL: self.tr("Minutes spent at the stop"),
                    COL_PRIORITY: self.tr("Priority of an optional stop, 1 to 10"),
                    COL_WINDOWS: self.tr("When the company receives the group, e.g. 9 h 00–11 h 30; "
                                         "14 h 00–16 h 00: the whole visit fits in it (see Arr. only)"),
                    COL_ARRIVAL_ONLY: self.arrival_only_tip(),
                    COL_REQUIRED: self.tr("Required stops are always served; optional ones by priority"),
                    COL_LOCK: self.tr("Keep this stop first, last or at its position when optimising"),
                    COL_BUS: self.tr("The bus that must serve this stop (Any: the planner chooses)")}
            return tips.get(section)
        return None

    def flags(self, index):
        base = super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        if self.editable and index.column() in (COL_KIND, COL_DWELL, COL_WINDOWS, COL_PRIORITY, COL_LOCK, COL_BUS):
            base |= Qt.ItemFlag.ItemIsEditable
        if self.editable and index.column() == COL_REQUIRED:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        if (self.editable and index.column() == COL_ARRIVAL_ONLY
                and self.stops[index.row()].kind is not StopKind.DRIVE_BY):  # no visit to fit in a window
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        stop = self.stops[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_REQUIRED:
            return Qt.CheckState.Checked if stop.required else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_ARRIVAL_ONLY and stop.kind != StopKind.DRIVE_BY:
            return Qt.CheckState.Checked if stop.arrival_only else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_ARRIVAL_ONLY:
            return self.arrival_only_tip(stop)
        if role == Qt.ItemDataRole.UserRole:
            return stop.id
        site = self.sites.get(stop.site_id)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_SITE and site is not None:
            return site.name
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if col == COL_NUM:
            return index.row() + 1
        if col == COL_SITE:
            return site.name if site else f"#{stop.site_id}"
        if col == COL_KIND:
            return label(stop.kind) if role == Qt.ItemDataRole.DisplayRole else stop.kind
        if col == COL_DWELL:
            return round(stop.dwell_s / 60)
        if col == COL_WINDOWS:
            return windows_text(stop.windows)
        if col == COL_PRIORITY:
            return stop.priority
        if col == COL_LOCK:
            if role == Qt.ItemDataRole.EditRole:
                return stop.lock
            text = label(stop.lock)
            return f"{text} {stop.lock_index}" if stop.lock is LockKind.INDEX and stop.lock_index else text
        if col == COL_BUS:
            if role == Qt.ItemDataRole.EditRole:
                return ANY_BUS if stop.bus_id is None else stop.bus_id
            return self.bus_name(stop.bus_id)
        return None

    def setData(self, index, value: Any, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.editable:
            return False
        before = self.stops[index.row()]
        after = copy.deepcopy(before)
        col = index.column()
        try:
            if col == COL_REQUIRED and role == Qt.ItemDataRole.CheckStateRole:
                after.required = Qt.CheckState(value) == Qt.CheckState.Checked
            elif col == COL_ARRIVAL_ONLY and role == Qt.ItemDataRole.CheckStateRole:
                after.arrival_only = Qt.CheckState(value) == Qt.CheckState.Checked
            elif role != Qt.ItemDataRole.EditRole:
                return False
            elif col == COL_KIND:
                after.kind = StopKind(value)
                if after.kind is StopKind.DRIVE_BY:
                    after.dwell_s = 0
            elif col == COL_DWELL:
                after.dwell_s = max(0, int(value)) * 60
            elif col == COL_WINDOWS:
                after.windows = parse_windows(str(value))
            elif col == COL_PRIORITY:
                after.priority = min(10, max(1, int(value)))
            elif col == COL_LOCK:
                after.lock = LockKind(value)
                after.lock_index = index.row() + 1 if after.lock is LockKind.INDEX else None
            elif col == COL_BUS:
                bus_id = None if value is None or int(value) == ANY_BUS else int(value)
                if bus_id is not None and bus_id not in {b.id for b in self.buses}:
                    raise ValueError(value)
                after.bus_id = bus_id
            else:
                return False
        except ValueError:
            self.edit_rejected.emit(str(value))
            return False
        if after != before:
            self.stop_edited.emit(before, after)
        return True

    def arrival_only_tip(self, stop: Optional[Stop] = None) -> str:
        """What the "arrival only" option means, and what it is for ``stop``."""
        if stop is not None and stop.kind is StopKind.DRIVE_BY:
            return self.tr("A drive-by has no visit: its time window is when the bus passes")
        if stop is not None and stop.arrival_only:
            return self.tr("Only the arrival must fall in the time window: the visit may go on after it ends")
        if stop is not None:
            return self.tr("The whole visit fits in the time window (the default, as a company's opening "
                           "hours mean); tick to ask only for the arrival in the window")
        return self.tr("Arrival only in the window: unticked (the default), the whole visit, arrival to "
                       "departure, fits in the time window; ticked, only the arrival must fall in it")

    # -- drag and drop reorder ------------------------------------------------
    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        rows = sorted({i.row() for i in indexes})
        data = QMimeData()
        data.setData(MIME, QByteArray(json.dumps([self.stops[r].id for r in rows]).encode()))
        return data

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.editable or not data.hasFormat(MIME):
            return False
        moved = json.loads(bytes(data.data(MIME)).decode())
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.stops)
        self.reorder_requested.emit(self.moved_order(moved, row))
        return False  # the project change redraws the table; Qt must not remove rows itself

    def moved_order(self, moved: list[int], row: int) -> list[int]:
        """The stop ids with ``moved`` placed before the row that is at ``row`` now."""
        ids = [s.id for s in self.stops]
        anchor = ids[row] if row < len(ids) else None
        while anchor in moved:
            row += 1
            anchor = ids[row] if row < len(ids) else None
        rest = [i for i in ids if i not in moved]
        at = rest.index(anchor) if anchor is not None else len(rest)
        return rest[:at] + moved + rest[at:]


class _EnumDelegate(QStyledItemDelegate):
    def __init__(self, enum, parent=None):
        super().__init__(parent)
        self.enum = enum

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        for member in self.enum:
            box.addItem(label(member), member.value)
        return box

    def setEditorData(self, editor, index):
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(getattr(value, "value", value))))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class _BusDelegate(QStyledItemDelegate):
    """The bus column's editor: "Any" and the tour's buses."""

    def __init__(self, model: StopsModel, parent=None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.addItem(self.model.bus_name(None), ANY_BUS)
        for bus in self.model.buses:
            box.addItem(bus.name, bus.id)
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class StopsPanel(QWidget):
    """The table plus its buttons and the order constraints."""

    add_requested = Signal()
    remove_requested = Signal(int)
    stop_selected = Signal(int)
    precedence_requested = Signal(int, int)  # before stop id, after stop id
    precedence_removed = Signal(int, int)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self._programmatic = False  # True while a redraw, not the user, moves the selection
        self.model = StopsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("stopsTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT_PX)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.horizontalHeader()
        # Compact columns and a site name at least 170 px wide (the tooltip shows all of it):
        # a narrow dock scrolls sideways rather than squeezing the names to nothing.
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_WINDOWS, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for col, width in ((COL_NUM, 28), (COL_SITE, 170), (COL_KIND, 104), (COL_DWELL, 44), (COL_ARRIVAL_ONLY, 60),
                           (COL_REQUIRED, 46), (COL_PRIORITY, 52), (COL_LOCK, 60), (COL_BUS, 72)):
            self.view.setColumnWidth(col, width)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.view.setItemDelegateForColumn(COL_KIND, _EnumDelegate(StopKind, self.view))
        self.view.setItemDelegateForColumn(COL_LOCK, _EnumDelegate(LockKind, self.view))
        self.view.setItemDelegateForColumn(COL_BUS, _BusDelegate(self.model, self.view))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self._context_menu: Optional[QMenu] = None
        self.precedences: list[Precedence] = []
        self.precedence_list = QListWidget(self)
        self.precedence_list.setObjectName("precedenceList")
        # About three rows: a list of "A before B" lines scrolls, it must not eat the table's height.
        row_px = self.precedence_list.fontMetrics().height() + 2
        self.precedence_list.setFixedHeight(PRECEDENCE_ROWS * row_px + 2 * self.precedence_list.frameWidth() + 2)
        self.precedence_list.setFrameShape(QFrame.Shape.StyledPanel)
        self.precedence_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.precedence_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.precedence_list.setToolTip(self.tr("Stops that must be served before others (right-click a stop "
                                                "in the table: Must come before…)"))
        self.precedence_toggle = QToolButton(self)
        self.precedence_toggle.setObjectName("precedenceToggle")
        self.precedence_toggle.setCheckable(True)
        self.precedence_toggle.setAutoRaise(True)
        self.precedence_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.precedence_toggle.setToolTip(self.precedence_list.toolTip())
        self._precedences_folded_by_user = False
        self.remove_precedence_button = QPushButton(self.tr("Remove the constraint"), self)
        self.remove_precedence_button.setObjectName("removePrecedenceButton")
        self.remove_precedence_button.setToolTip(self.tr("Remove the order constraint chosen in the list"))
        self.view.setToolTip(self.tr("Drag a row to change the order; double-click a cell to edit it; "
                                     "right-click for the order constraints"))
        self.add_button = QPushButton(self.tr("Add selected site"), self)
        self.add_button.setToolTip(self.tr("Add the site selected in the list or on the map as a stop (Ctrl+T)"))
        self.remove_button = QPushButton(self.tr("Remove stop"), self)
        self.remove_button.setToolTip(self.tr("Remove the selected stop from the tour"))
        self.up_button = QPushButton(self.tr("Up"), self)
        self.up_button.setToolTip(self.tr("Move the selected stop up"))
        self.down_button = QPushButton(self.tr("Down"), self)
        self.down_button.setToolTip(self.tr("Move the selected stop down"))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        constraints = QHBoxLayout()
        constraints.addWidget(self.precedence_toggle)
        constraints.addStretch(1)
        constraints.addWidget(self.remove_precedence_button)
        layout.addLayout(constraints)
        layout.addWidget(self.precedence_list)
        # Header + MIN_VISIBLE_ROWS rows + a horizontal scroll bar: the window's splitter cannot squeeze it more.
        self.view.setMinimumHeight(self.view.horizontalHeader().sizeHint().height() + MIN_VISIBLE_ROWS * ROW_HEIGHT_PX
                                   + self.view.horizontalScrollBar().sizeHint().height() + 2 * self.view.frameWidth())
        self.precedence_toggle.toggled.connect(self._precedence_toggled)
        self.remove_precedence_button.clicked.connect(self._remove_precedence)
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

    def set_stops(self, stops: list[Stop], sites: dict[int, Site], buses: Optional[list[Bus]] = None) -> None:
        """Show ``stops``, keeping the selected one; a redraw never counts as the user choosing a stop."""
        current = self.current_stop_id()
        was, self._programmatic = self._programmatic, True
        try:
            self.model.set_stops(stops, sites, buses)
            if current is not None:
                self.select_stop(current)
        finally:
            self._programmatic = was
        self._show_precedences()

    def set_precedences(self, precedences: list[Precedence]) -> None:
        """The tour's "A before B" constraints (only those between its stops are shown)."""
        self.precedences = list(precedences)
        self._show_precedences()

    def _stop_text(self, stop_id: int) -> str:
        for row, stop in enumerate(self.model.stops):
            if stop.id == stop_id:
                site = self.model.sites.get(stop.site_id)
                return f"{row + 1}. {site.name if site else '#' + str(stop.site_id)}"
        return f"#{stop_id}"

    def _show_precedences(self) -> None:
        ids = {s.id for s in self.model.stops}
        self.precedence_list.clear()
        for p in self.precedences:
            if p.before_stop_id in ids and p.after_stop_id in ids:
                text = self.tr("%1 before %2").replace("%1", self._stop_text(p.before_stop_id)).replace(
                    "%2", self._stop_text(p.after_stop_id))
                item = QListWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, (p.before_stop_id, p.after_stop_id))
                self.precedence_list.addItem(item)
        self.remove_precedence_button.setEnabled(self.model.editable and self.precedence_list.count() > 0)
        self._show_precedence_section()

    def _show_precedence_section(self) -> None:
        """Folded while there is no constraint; open when there are some, unless the user folded it."""
        count = self.precedence_list.count()
        title = self.tr("Order constraints")  # a literal of its own: Qt's lupdate skips calls inside f-strings
        self.precedence_toggle.setText(f"{title} ({count})")
        opened = count > 0 and not self._precedences_folded_by_user
        self.precedence_toggle.blockSignals(True)
        self.precedence_toggle.setChecked(opened)
        self.precedence_toggle.blockSignals(False)
        self._fold_precedences(opened)

    def _fold_precedences(self, opened: bool) -> None:
        self.precedence_toggle.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.precedence_list.setVisible(opened)
        self.remove_precedence_button.setVisible(opened)

    def _precedence_toggled(self, opened: bool) -> None:
        self._precedences_folded_by_user = not opened
        self._fold_precedences(opened)

    def _remove_precedence(self) -> None:
        item = self.precedence_list.currentItem()
        if item is None and self.precedence_list.count() == 1:
            item = self.precedence_list.item(0)
        if item is not None:
            before, after = item.data(Qt.ItemDataRole.UserRole)
            self.precedence_removed.emit(before, after)

    # -- context menu ---------------------------------------------------------------
    def build_context_menu(self, row: int) -> QMenu:
        """The stops table's context menu for ``row``: "Must come before…" every other stop.

        Stops that would contradict the constraints already there (a cycle) or that are
        already after this one are listed but disabled.
        """
        if self._context_menu is not None:
            self._context_menu.deleteLater()
        menu = QMenu(self)
        self._context_menu = menu
        if not 0 <= row < len(self.model.stops):
            return menu
        stop = self.model.stops[row]
        sub = menu.addMenu(self.tr("Must come before…"))
        sub.setObjectName("mustPrecedeMenu")
        sub.setToolTip(self.tr("This stop must be served before the stop you choose (on any bus)"))
        existing = {(p.before_stop_id, p.after_stop_id) for p in self.precedences}
        for other in self.model.stops:
            if other.id == stop.id:
                continue
            action = QAction(self._stop_text(other.id), sub)
            action.setData(other.id)
            action.setEnabled(self.model.editable and (stop.id, other.id) not in existing
                              and not would_cycle(self.precedences, stop.id, other.id))
            action.triggered.connect(lambda _c=False, a=stop.id, b=other.id: self.precedence_requested.emit(a, b))
            sub.addAction(action)
        sub.setEnabled(self.model.editable and len(self.model.stops) > 1)
        return menu

    def last_context_menu(self) -> Optional[QMenu]:
        """The context menu shown last (tests trigger its actions)."""
        return self._context_menu

    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        self.build_context_menu(index.row()).popup(self.view.viewport().mapToGlobal(pos))

    def current_stop_id(self) -> Optional[int]:
        index = self.view.currentIndex()
        return self.model.stops[index.row()].id if index.isValid() and index.row() < len(self.model.stops) else None

    def select_stop(self, stop_id: int) -> None:
        """Select ``stop_id``'s row (programmatic: no ``stop_selected`` echo)."""
        was, self._programmatic = self._programmatic, True
        try:
            for row, stop in enumerate(self.model.stops):
                if stop.id == stop_id:
                    self.view.selectRow(row)
                    return
        finally:
            self._programmatic = was

    def _row_changed(self, current, _previous) -> None:
        if current.isValid() and not self._programmatic:
            self.stop_selected.emit(self.model.stops[current.row()].id)

    def _remove(self) -> None:
        stop_id = self.current_stop_id()
        if stop_id is not None:
            self.remove_requested.emit(stop_id)

    def _move(self, delta: int) -> None:
        stop_id = self.current_stop_id()
        if stop_id is None:
            return
        ids = [s.id for s in self.model.stops]
        i = ids.index(stop_id)
        j = i + delta
        if 0 <= j < len(ids):
            ids[i], ids[j] = ids[j], ids[i]
            self.model.reorder_requested.emit(ids)

    def set_editable(self, editable: bool) -> None:
        self.model.editable = editable
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            b.setEnabled(editable)
        self.remove_precedence_button.setEnabled(editable and self.precedence_list.count() > 0)
