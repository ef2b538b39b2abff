"""The "Export" menu: export dialog, print preview and printing, partner pack.

``install_export_menu(window, menu_bar)`` adds the menu to a main window. The
window is only read through :class:`ExportHost`: the current project and tour
(methods ``current_project()`` / ``current_tour_id()`` when it has them, else the
attributes ``project`` / ``tour_id``), and optionally ``plan`` (the current tour's
plan), ``region`` (its ``layers`` are drawn, so the maps need no second load),
``settings`` (``.q`` is a QSettings) and ``start_worker(worker, on_result, on_error)``
(to show the export in the status bar).

Without a plan every action is disabled, with the tooltip "Optimise the tour
first". The state is refreshed by :meth:`ExportMenu.update_state`: the main
window calls it whenever it redraws after a project, tour or plan change; it is
also called on the window's signals that exist (``plan_ready``, the undo stack,
the tour selector, the title), before the menu opens, and again before an
action runs (a shortcut may fire with the menu closed).
"""
from __future__ import annotations

import logging
from typing import Any, Optional, Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from app.ui import errors as ui_errors
from app.ui import printing
from routing.errors import UserError

log = logging.getLogger(__name__)


class ExportHost(Protocol):
    """What the menu needs from the main window (either the methods or the attributes)."""

    def current_project(self) -> Any: ...  # the open app.store.project.Project, or None

    def current_tour_id(self) -> Optional[int]: ...  # the tour shown, or None


def current_project(window: Any) -> Any:
    method = getattr(window, "current_project", None)
    return method() if callable(method) else getattr(window, "project", None)


def current_tour_id(window: Any) -> Optional[int]:
    method = getattr(window, "current_tour_id", None)
    return method() if callable(method) else getattr(window, "tour_id", None)


def has_plan(window: Any) -> bool:
    """True when the window's current tour has a computed plan with at least one bus."""
    project, tour_id = current_project(window), current_tour_id(window)
    if project is None or tour_id is None:
        return False
    method = getattr(window, "current_plan", None)
    if callable(method):
        plan = method()
    elif hasattr(window, "plan"):
        plan = window.plan  # the main window keeps the current tour's plan here
    else:
        try:
            plan = project.plan(tour_id)
        except Exception:  # noqa: BLE001 - a closed project has no plan to export
            return False
    return plan is not None and bool(getattr(plan, "buses", ()))


def window_layers(window: Any) -> Any:
    """The map layers the window already loaded, or None (the export then loads them)."""
    region = getattr(window, "region", None)
    return getattr(region, "layers", None) if region is not None else None


class ExportMenu(QMenu):
    """The Export menu and its actions (attributes ``act_*``)."""

    def __init__(self, window: QWidget, parent: Optional[QWidget] = None):
        super().__init__(self.tr("Export"), parent or window)
        self.setObjectName("menuExport")
        self.window_ = window
        self.setToolTipsVisible(True)  # the disabled actions say why
        self._printer = None  # one printer per session, so the chosen printer is kept
        self.act_export = self._action("actExportDialog", self.tr("Export…"), self.export_dialog, "Ctrl+E",
                                       self.tr("Write the tour's documents (PDF, GPX, calendar…) to a folder"))
        self.act_preview_itinerary = self._action(
            "actPreviewItinerary", self.tr("Print preview of the itinerary…"),
            lambda: self.preview(printing.ITINERARY), None, self.tr("See the itinerary's pages before printing"))
        self.act_print_itinerary = self._action(
            "actPrintItinerary", self.tr("Print the itinerary…"), lambda: self.print_(printing.ITINERARY),
            QKeySequence.StandardKey.Print, self.tr("Print the route map and the day, bus by bus"))
        self.addSeparator()
        self.act_preview_sheets = self._action(
            "actPreviewSheets", self.tr("Print preview of the stop sheets…"),
            lambda: self.preview(printing.SHEETS), None, self.tr("See the ambassadors' stop sheets before printing"))
        self.act_print_sheets = self._action(
            "actPrintSheets", self.tr("Print the stop sheets…"), lambda: self.print_(printing.SHEETS), None,
            self.tr("Print one sheet per stop for the ambassadors"))
        self.addSeparator()
        self.act_pack = self._action("actPartnerPack", self.tr("Partner pack…"), self.pack_dialog, None,
                                     self.tr("A zip of the exports with a README, to send to the partners"))
        self.tips = {a: a.toolTip() for a in self.plan_actions()}
        self.aboutToShow.connect(self.update_state)
        self._connect_window(window)
        self.update_state()

    def _action(self, name: str, text: str, slot, shortcut: Any, tip: str) -> QAction:
        action = QAction(text, self.window_)  # owned by the window: shortcuts work with the menu closed
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window_.addAction(action)
        self.addAction(action)
        return action

    def plan_actions(self) -> list[QAction]:
        return [self.act_export, self.act_preview_itinerary, self.act_print_itinerary, self.act_preview_sheets,
                self.act_print_sheets, self.act_pack]

    def _connect_window(self, window: Any) -> None:
        for signal in (getattr(window, "plan_ready", None), getattr(window, "windowTitleChanged", None),
                       getattr(getattr(window, "undo_stack", None), "indexChanged", None),
                       getattr(getattr(window, "tour_editor", None), "tour_selected", None)):
            if signal is not None:
                try:
                    signal.connect(lambda *_a: self.update_state())
                except (AttributeError, TypeError, RuntimeError):
                    log.debug("export menu: cannot follow %r", signal)

    # ------------------------------------------------------------------ state
    def update_state(self) -> bool:
        """Enable the actions when the current tour has a plan; returns that state."""
        w = self.window_
        enabled = has_plan(w)
        if enabled:
            reason = ""
        elif current_project(w) is None:
            reason = self.tr("Open a project and optimise a tour first")
        else:
            reason = self.tr("Optimise the tour first")
        for action in self.plan_actions():
            if action.isEnabled() != enabled:
                action.setEnabled(enabled)
            tip = self.tips[action] if enabled else reason
            if action.toolTip() != tip:
                action.setToolTip(tip)
                action.setStatusTip(tip)
        return enabled

    def _ready(self) -> bool:
        # A shortcut may fire between two refreshes: check again.
        if self.update_state():
            return True
        status_bar = getattr(self.window_, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(self.act_export.toolTip(), 4000)
        return False

    def _context(self):
        """The export context of the current tour (GUI thread), or None after showing why."""
        from app.services.export import build_context

        layers = window_layers(self.window_)
        try:
            if layers is not None:
                return build_context(current_project(self.window_), current_tour_id(self.window_), layers=layers)
            return build_context(current_project(self.window_), current_tour_id(self.window_))
        except UserError as exc:
            ui_errors.show_error(self.window_, exc)
            return None

    # ------------------------------------------------------------------ actions
    def make_export_dialog(self, pack_mode: bool = False):
        """The export dialog for the current tour (not shown), or None without a plan."""
        if not self._ready():
            return None
        from app.ui.export_dialog import ExportDialog

        return ExportDialog(current_project(self.window_), current_tour_id(self.window_), self.window_,
                            layers=window_layers(self.window_),
                            start_worker=getattr(self.window_, "start_worker", None), pack_mode=pack_mode)

    def export_dialog(self, pack_mode: bool = False) -> None:
        dialog = self.make_export_dialog(pack_mode)
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()

    def pack_dialog(self) -> None:
        self.export_dialog(pack_mode=True)

    def printer(self):
        if self._printer is None:
            self._printer = printing.make_printer()
        return self._printer

    def preview(self, document: str) -> None:
        if not self._ready():
            return
        ctx = self._context()
        if ctx is not None:
            printing.print_preview(ctx, document, self.window_, self.printer())

    def print_(self, document: str) -> None:
        if not self._ready():
            return
        ctx = self._context()
        if ctx is not None:
            printing.print_document(ctx, document, self.window_, self.printer())


def _take_shortcut(window: QWidget, mine: QAction) -> None:
    """Two actions with one shortcut in a window make it ambiguous (neither fires): the Export
    menu's actions keep theirs and any older action of the window with the same one loses it."""
    key = mine.shortcut()
    if key.isEmpty():
        return
    for other in window.findChildren(QAction):
        if other is not mine and key in other.shortcuts():
            log.info("export menu: %s takes %s from %s", mine.objectName(), key.toString(), other.objectName())
            other.setShortcuts([k for k in other.shortcuts() if k != key])


def install_export_menu(window: QWidget, menu_bar: Optional[QMenuBar] = None) -> QMenu:
    """Add the "Export" menu to ``menu_bar`` (default: the window's) and return it (an :class:`ExportMenu`).

    Placed before a "Settings" or "Help" menu when there is one, else at the end."""
    bar = menu_bar if menu_bar is not None else window.menuBar()
    menu = ExportMenu(window, bar)
    for action in menu.plan_actions():
        _take_shortcut(window, action)
    before = None
    for act in bar.actions():
        m = act.menu()
        if m is not None and m.objectName() in ("menuSettings", "menuHelp"):
            before = act
            break
    if before is not None:
        bar.insertMenu(before, menu)
    else:
        bar.addMenu(menu)
    return menu
