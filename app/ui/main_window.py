"""The main window: map in the middle, sites on the left, the tour on the right, the day below.

The window holds at most one open :class:`Project`. Every edit goes through an
undo command (``app.ui.undo``) that writes the project in one transaction; the
window redraws from the project when it says something changed, never from its
widgets. Long work (loading the region, optimising, importing, exporting) runs
in a :class:`Worker` shown in the status bar.
"""
from __future__ import annotations

import copy
import datetime as dt
import logging
from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow,
    QMessageBox, QPushButton, QScrollArea, QSplitter, QStackedWidget, QToolBar, QVBoxLayout, QWidget,
)

from app import APP_NAME
from app.errors import ProjectError, ProjectInUse, ProjectReadOnly
from app.model.entities import Bus, ParticipantGroup, Precedence, Site, SiteKind, SiteSource, Stop, StopKind, Tour
from app.model.plan import Plan
from app.store.project import SUFFIX, Project
from app.ui.errors import show_error
from app.ui.export_menu import install_export_menu
from app.ui.panels.ambassadors import AmbassadorsPanel
from app.ui.panels.itinerary import ItineraryTable
from app.ui.panels.sites import SiteEditor, SitesPanel
from app.ui.panels.stops import StopsPanel
from app.ui.panels.timeline import TimelineWidget
from app.ui.panels.tour_editor import FormScrollArea, TourEditor
from app.ui.panels.videos import VideosPanel
from app.ui.panels.warnings import WarningsPanel
from app.ui.settings import Settings
from app.ui.taskbar import TaskIndicator
from app.ui.undo import (
    AddEntity, AddMany, DeleteEntity, ProjectCommand, ReorderStops, SetPrecedence, SnapshotCommand, UpdateEntity,
)
from app.ui import jobs
from app.ui.process_job import run_in_process
from app.ui.workers import Worker
from routing.errors import UserError

log = logging.getLogger(__name__)

# Default dwell of a new visit stop, seconds.
DEFAULT_VISIT_S = 45 * 60


def make_map_canvas(parent: QWidget) -> QWidget:
    """The real map canvas (``app.ui.map``) or, if it cannot be imported, the stand-in."""
    try:
        try:
            from app.ui.map import MapCanvas  # type: ignore[attr-defined]
        except ImportError:
            from app.ui.map.canvas import MapCanvas  # type: ignore[no-redef]
    except ImportError as exc:
        log.warning("map canvas not available (%s): using the stand-in", exc)
        from app.ui.map_fallback import FallbackMapCanvas as MapCanvas
    canvas = MapCanvas(parent)
    canvas.setObjectName("mapCanvas")
    return canvas


def planning_available() -> bool:
    try:
        from app.services import planning  # noqa: F401
    except ImportError:
        return False
    return True


def _region_job(name: str, progress=None, cancel=None):
    from routing.regions import load_region

    return load_region(name, progress=progress, cancel=cancel)


class WelcomePage(QWidget):
    """Shown when no project is open: open the demo, a project, or create one."""

    open_demo = Signal()
    open_file = Signal()
    new_file = Signal()
    open_recent = Signal(str)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel(self.tr("Welcome to ZI Tour planner"))
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        text = QLabel(self.tr("Plan guided coach tours of industrial zones: place the sites on the map, "
                              "build a tour, optimise it and read the day."))
        text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Open the demo project"))
        self.demo_button.setToolTip(self.tr("A ready-made project on the industrial zones of Krems (Austria)"))
        self.open_button = QPushButton(self.tr("Open a project…"))
        self.new_button = QPushButton(self.tr("New project…"))
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.setToolTip(self.tr("Double-click a recent project to open it"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.addWidget(title)
        layout.addWidget(text)
        row = QHBoxLayout()
        for b in (self.demo_button, self.open_button, self.new_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Recent projects")))
        layout.addWidget(self.recent, 1)
        self.demo_button.clicked.connect(self.open_demo)
        self.open_button.clicked.connect(self.open_file)
        self.new_button.clicked.connect(self.new_file)
        self.recent.itemActivated.connect(lambda item: self.open_recent.emit(item.data(Qt.ItemDataRole.UserRole)))

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for p in paths:
            item = QListWidgetItem(f"{p.name} — {p.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(p))
            self.recent.addItem(item)


class MainWindow(QMainWindow):
    """The application window."""

    plan_ready = Signal(object)  # a Plan, after it is saved and shown
    region_ready = Signal(object)  # a Region, after the map shows it

    def __init__(self, settings: Optional[Settings] = None, lang: str = "fr"):
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.lang = lang
        self.project: Optional[Project] = None
        self.region = None
        self.region_name: Optional[str] = None
        self.tour_id: Optional[int] = None
        self.plan: Optional[Plan] = None
        self.sites_by_id: dict[int, Site] = {}
        self.undo_stack = QUndoStack(self)
        self._changed_tables: set[str] = set()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._apply_changes)
        self.plan_worker: Optional[Worker] = None
        self.region_worker: Optional[Worker] = None

        self.setWindowTitle(APP_NAME)
        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.tasks = TaskIndicator(self)
        self.statusBar().addPermanentWidget(self.tasks)
        self.counts_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts_label)
        self._connect()
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:  # first start: the whole screen (a map wants room), docks sized once it is shown
            self.resize(1400, 900)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
            QTimer.singleShot(0, self._size_docks)
        if state is not None:
            self.restoreState(state)
        # The panels' layout with a project open; the welcome page hides them and keeps it here.
        self._layout_state = self.saveState()
        self._panels_shown = True
        self._show_project_state()

    # ------------------------------------------------------------------ building
    def _build_central(self) -> None:
        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(self)
        self.map_page = QWidget(self)
        self.banner = QLabel(self.map_page)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px; border-bottom: 1px solid #e0c060;")
        self.banner.hide()
        self.canvas = make_map_canvas(self.map_page)
        layout = QVBoxLayout(self.map_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.canvas, 1)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.map_page)
        self.setCentralWidget(self.stack)

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        self.sites_panel = SitesPanel(self)
        self.site_editor = SiteEditor(self)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.sites_panel)
        split.addWidget(self.site_editor)
        split.setSizes([400, 400])
        self.sites_dock = self._dock("sitesDock", self.tr("Sites"), split, Qt.DockWidgetArea.LeftDockWidgetArea)

        self.tour_editor = TourEditor(self)
        self.stops_panel = StopsPanel(self)
        self.optimise_button = QPushButton(self.tr("Optimise"))
        self.optimise_button.setObjectName("optimiseButton")
        self.keep_order_button = QPushButton(self.tr("Keep the order, compute the times"))
        self.keep_order_button.setObjectName("keepOrderButton")
        # The form over the stops in a splitter: the stops table (what organisers work with most)
        # takes the height left; the form scrolls when a short window or the handle squeezes it.
        editor_scroll = FormScrollArea(self.tour_editor)
        editor_scroll.setObjectName("tourEditorScroll")
        self.tour_split = QSplitter(Qt.Orientation.Vertical)
        self.tour_split.setObjectName("tourSplitter")
        self.tour_split.addWidget(editor_scroll)
        self.tour_split.addWidget(self.stops_panel)
        self.tour_split.setStretchFactor(0, 0)
        self.tour_split.setStretchFactor(1, 1)
        self.tour_split.setCollapsible(0, False)
        self.tour_split.setCollapsible(1, False)
        self.tour_editor.tabs.currentChanged.connect(lambda _i: QTimer.singleShot(0, self._fit_tour_form))
        tour_box = QWidget()
        tour_layout = QVBoxLayout(tour_box)
        tour_layout.setContentsMargins(4, 4, 4, 4)
        tour_layout.addWidget(self.tour_split, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.optimise_button)
        buttons.addWidget(self.keep_order_button)
        tour_layout.addLayout(buttons)
        self.tour_dock = self._dock("tourDock", self.tr("Tour"), tour_box, Qt.DockWidgetArea.RightDockWidgetArea)

        self.itinerary = ItineraryTable(self)
        self.timeline = TimelineWidget(self)
        timeline_scroll = QScrollArea()
        timeline_scroll.setWidget(self.timeline)
        timeline_scroll.setWidgetResizable(True)
        self.warnings = WarningsPanel(self)
        self.ambassadors_panel = AmbassadorsPanel(self)
        self.videos_panel = VideosPanel(self)
        area = Qt.DockWidgetArea.BottomDockWidgetArea
        self.timeline_dock = self._dock("timelineDock", self.tr("Timeline"), timeline_scroll, area)
        self.itinerary_dock = self._dock("itineraryDock", self.tr("Itinerary"), self.itinerary, area)
        self.warnings_dock = self._dock("warningsDock", self.tr("Warnings"), self.warnings, area)
        self.ambassadors_dock = self._dock("ambassadorsDock", self.tr("Ambassadors"), self.ambassadors_panel, area)
        self.videos_dock = self._dock("videosDock", self.tr("Videos"), self.videos_panel, area)
        self.splitDockWidget(self.timeline_dock, self.itinerary_dock, Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.itinerary_dock, self.warnings_dock)
        self.tabifyDockWidget(self.warnings_dock, self.ambassadors_dock)
        self.tabifyDockWidget(self.ambassadors_dock, self.videos_dock)
        self.itinerary_dock.raise_()
        self._size_docks()

    def _size_docks(self) -> None:
        """Default dock sizes (a saved layout replaces them).

        The tour dock's stops table needs ~500 px of compact columns before the site
        names get any: 700 px leaves them ~180 px and the map still 600 px at 1600 px.
        Called again once the window has its real size: before that Qt clamps the
        docks to the provisional window width.
        """
        self.resizeDocks([self.sites_dock, self.tour_dock], [290, 700], Qt.Orientation.Horizontal)
        self.resizeDocks([self.timeline_dock], [260], Qt.Orientation.Vertical)
        self.resizeDocks([self.timeline_dock, self.itinerary_dock], [560, 700], Qt.Orientation.Horizontal)
        self._fit_tour_form()

    def _fit_tour_form(self) -> None:
        """Give the tour form (its shown tab) the height it asks for, and the stops table the rest;
        the table keeps its minimum (six rows) and the form scrolls when the dock is shorter."""
        total = sum(self.tour_split.sizes())
        if total <= 0:
            return
        form_px = self.tour_split.widget(0).sizeHint().height()
        form_px = max(0, min(form_px, total - self.stops_panel.minimumSizeHint().height()))
        self.tour_split.setSizes([form_px, total - form_px])

    def _action(self, name: str, text: str, slot: Callable, shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        A = self._action
        self.act_new = A("actNew", self.tr("&New project…"), self.new_project_dialog, QKeySequence.StandardKey.New,
                         self.tr("Create a new project file"))
        self.act_open = A("actOpen", self.tr("&Open project…"), self.open_project_dialog, QKeySequence.StandardKey.Open,
                          self.tr("Open a project file"))
        self.act_demo = A("actDemo", self.tr("Open the &demo project"), self.open_demo,
                          tip=self.tr("Build (once) and open the demo project on Krems"))
        self.act_close = A("actClose", self.tr("&Close project"), self.close_project, QKeySequence.StandardKey.Close,
                           self.tr("Close the project (every edit is already saved)"))
        self.act_quit = A("actQuit", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit,
                          self.tr("Quit ZI Tour planner"))
        self.act_undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setObjectName("actUndo")
        self.act_undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.act_undo.setToolTip(self.tr("Undo the last edit (Ctrl+Z)"))
        self.act_redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setObjectName("actRedo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_redo.setToolTip(self.tr("Redo the edit undone last (Ctrl+Shift+Z)"))
        self.act_find = A("actFind", self.tr("&Find a site"), self._focus_search, QKeySequence.StandardKey.Find,
                          self.tr("Search the sites list"))
        self.act_add_site = A("actAddSite", self.tr("&Add a site"), self.add_site_at_centre, "Ctrl+Shift+A",
                              self.tr("Add a site at the centre of the map (or right-click on the map)"))
        self.act_delete_site = A("actDeleteSite", self.tr("&Delete the site"), self._delete_current_site,
                                 tip=self.tr("Delete the selected site and its stops"))
        self.act_import_sites = A("actImportSites", self.tr("&Import sites…"), self.import_sites_dialog, "Ctrl+I",
                                  self.tr("Import sites from a CSV or GeoJSON file or from the region's map"))
        self.act_new_tour = A("actNewTour", self.tr("New &tour"), self.new_tour, "Ctrl+Shift+N",
                              self.tr("Create a tour with one bus"))
        self.act_add_stop = A("actAddStop", self.tr("Add the site as a &stop"), self.add_stop_from_selection, "Ctrl+T",
                              self.tr("Add the selected site to the tour's stops"))
        self.act_optimise = A("actOptimise", self.tr("&Optimise"), lambda: self.optimise(False), "F5",
                              self.tr("Find the best order and times for the tour's stops (F5)"))
        self.act_keep_order = A("actKeepOrder", self.tr("&Keep the order, compute the times"),
                                lambda: self.optimise(True), "Shift+F5",
                                self.tr("Compute the times of the stops in the order of the table (Shift+F5)"))
        self.act_cancel = A("actCancel", self.tr("Ca&ncel the running work"), self.tasks_cancel, "Esc",
                            self.tr("Stop the optimisation, import or export in progress"))
        self.act_fit = A("actFit", self.tr("&Fit the map to the tour"), self.fit_map, "Ctrl+0",
                         self.tr("Zoom the map to the tour's route"))
        self.act_regions = A("actRegions", self.tr("&Regions and coach…"), self.regions_dialog, "Ctrl+R",
                             self.tr("Choose the road region, import an extract, pick the coach profile"))
        self.act_about = A("actAbout", self.tr("&About ZI Tour planner"), self.about)
        self.act_help_keys = A("actKeys", self.tr("&Keyboard shortcuts"), self.show_shortcuts, "F1")
        self.lang_group = QActionGroup(self)
        self.act_fr = A("actFrench", "Français", lambda: self.set_language("fr"))
        self.act_en = A("actEnglish", "English", lambda: self.set_language("en"))
        for act, code in ((self.act_fr, "fr"), (self.act_en, "en")):
            act.setCheckable(True)
            act.setChecked(self.lang == code)
            self.lang_group.addAction(act)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(self.tr("&File"))
        m.setObjectName("menuFile")
        m.addActions([self.act_new, self.act_open, self.act_demo])
        self.recent_menu = m.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("menuRecent")
        m.addSeparator()
        m.addAction(self.act_close)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu(self.tr("&Edit"))
        m.setObjectName("menuEdit")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_find, self.act_add_site, self.act_delete_site, self.act_import_sites])
        m = bar.addMenu(self.tr("&Tour"))
        m.setObjectName("menuTour")
        m.addActions([self.act_new_tour, self.act_add_stop])
        m.addSeparator()
        m.addActions([self.act_optimise, self.act_keep_order, self.act_cancel])
        m = bar.addMenu(self.tr("&View"))
        m.setObjectName("menuView")
        m.addAction(self.act_fit)
        m.addSeparator()
        for dock in (self.sites_dock, self.tour_dock, self.timeline_dock, self.itinerary_dock, self.warnings_dock,
                     self.ambassadors_dock, self.videos_dock):
            m.addAction(dock.toggleViewAction())
        # Export, print preview, printing, partner pack: disabled until the tour has a plan.
        self.export_menu = install_export_menu(self, bar)
        m = bar.addMenu(self.tr("&Settings"))
        m.setObjectName("menuSettings")
        m.addAction(self.act_regions)
        lang_menu = m.addMenu(self.tr("&Language"))
        lang_menu.addActions([self.act_fr, self.act_en])
        m = bar.addMenu(self.tr("&Help"))
        m.setObjectName("menuHelp")
        m.addActions([self.act_help_keys, self.act_about])
        self._fill_recent_menu()

    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main toolbar"), self)
        tb.setObjectName("mainToolbar")
        tb.setIconSize(QSize(18, 18))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addActions([self.act_open, self.act_undo, self.act_redo])
        tb.addSeparator()
        tb.addActions([self.act_add_site, self.act_new_tour, self.act_add_stop])
        tb.addSeparator()
        tb.addActions([self.act_optimise, self.act_keep_order, self.act_fit])
        tb.addSeparator()
        # The export menu's action: it opens the export dialog (asks before replacing files).
        tb.addActions([self.act_regions, self.export_menu.act_export])
        self.addToolBar(tb)

    def _connect(self) -> None:
        self.welcome.open_demo.connect(self.open_demo)
        self.welcome.open_file.connect(self.open_project_dialog)
        self.welcome.new_file.connect(self.new_project_dialog)
        self.welcome.open_recent.connect(lambda p: self.open_project(Path(p)))
        # A click on a marker selects in the list and editor, never recentres the map under the mouse.
        self.canvas.site_selected.connect(lambda site_id: self.select_site(site_id, on_map=False))
        self.canvas.site_moved.connect(self.move_site)
        self.canvas.add_site_requested.connect(self.add_site)
        self.canvas.stop_clicked.connect(self.select_stop)
        self.sites_panel.site_selected.connect(self.select_site)
        self.sites_panel.add_requested.connect(self.add_site_at_centre)
        self.sites_panel.delete_requested.connect(self.delete_site)
        self.sites_panel.import_requested.connect(self.import_sites_dialog)
        self.sites_panel.add_stop_requested.connect(self.add_stop)
        self.site_editor.edited.connect(lambda b, a: self.push(UpdateEntity(self.project, b, a, self.tr("Edit site"))))
        self.site_editor.rejected.connect(lambda exc: show_error(self, exc))
        self.tour_editor.tour_selected.connect(self.set_tour)
        self.tour_editor.new_tour_requested.connect(self.new_tour)
        self.tour_editor.delete_tour_requested.connect(self.delete_tour)
        self.tour_editor.tour_edited.connect(lambda b, a: self.push(UpdateEntity(self.project, b, a, self.tr("Edit tour"))))
        self.tour_editor.bus_edited.connect(lambda b, a: self.push(UpdateEntity(self.project, b, a, self.tr("Edit bus"))))
        self.tour_editor.bus_added.connect(self.add_bus)
        self.tour_editor.bus_removed.connect(self.remove_bus)
        self.tour_editor.group_added.connect(self.add_group)
        self.tour_editor.group_removed.connect(self.remove_group)
        self.tour_editor.group_edited.connect(
            lambda b, a: self.push(UpdateEntity(self.project, b, a, self.tr("Edit group"))))
        self.stops_panel.precedence_requested.connect(self.add_precedence)
        self.stops_panel.precedence_removed.connect(self.remove_precedence)
        self.stops_panel.add_requested.connect(self.add_stop_from_selection)
        self.stops_panel.remove_requested.connect(self.remove_stop)
        self.stops_panel.stop_selected.connect(self._stop_row_selected)
        self.stops_panel.model.stop_edited.connect(lambda b, a: self.push(UpdateEntity(self.project, b, a, self.tr("Edit stop"))))
        self.stops_panel.model.reorder_requested.connect(self.reorder_stops)
        self.stops_panel.model.edit_rejected.connect(self._bad_value)
        self.optimise_button.clicked.connect(lambda: self.optimise(False))
        self.keep_order_button.clicked.connect(lambda: self.optimise(True))
        self.optimise_button.setToolTip(self.act_optimise.toolTip())
        self.keep_order_button.setToolTip(self.act_keep_order.toolTip())
        self.itinerary.site_selected.connect(self._select_site_on_map)
        self.warnings.warning_activated.connect(self.show_warning_target)
        self.ambassadors_panel.command_requested.connect(self.push)
        self.videos_panel.command_requested.connect(self.push)
        self.videos_panel.error.connect(lambda exc: show_error(self, exc))
        self.undo_stack.indexChanged.connect(lambda _i: self._apply_changes())

    # ------------------------------------------------------------------ project lifecycle
    def open_project(self, path: Path) -> bool:
        """Open ``path``; read-only with a banner if it is open elsewhere or cannot be written."""
        path = Path(path)
        if self.project is not None and self.project.path.resolve() == path.resolve():
            return True
        banner = ""
        try:
            project = Project.open(path)
        except (ProjectInUse, ProjectReadOnly) as exc:
            try:
                project = Project.open(path, read_only=True)
            except UserError as exc2:
                show_error(self, exc2)
                return False
            banner = exc.text(self.lang) + " " + self.tr("Opened read-only: your changes cannot be saved.")
        except UserError as exc:
            show_error(self, exc)
            if isinstance(exc, ProjectError) and not path.exists():
                self.settings.remove_recent(path)
                self._fill_recent_menu()
            return False
        self.set_project(project, banner)
        return True

    def set_project(self, project: Project, banner: str = "") -> None:
        self.close_project()
        self.project = project
        project.subscribe(self._project_changed)
        self.settings.add_recent(project.path)
        self._fill_recent_menu()
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))
        tours = project.tours()
        self.tour_id = tours[0].id if tours else None
        self.refresh_all()
        sites = project.sites()
        if sites:  # the editor shows something useful from the start
            self.select_site(sites[0].id, on_map=False)
        self._show_project_state()
        self.load_region(project.region_name)
        if self.plan is not None:
            self.fit_map()  # the canvas fits again once it has its final size

    def close_project(self) -> None:
        if self.project is None:
            return
        for worker in list(self.tasks.workers):
            worker.cancel()
        self.project.unsubscribe(self._project_changed)
        self.undo_stack.clear()
        try:
            self.project.close()
        except Exception as exc:  # noqa: BLE001 - closing must not stop the window
            log.warning("closing %s: %s", self.project.path, exc)
        self.project = None
        self.tour_id = None
        self.plan = None
        self.region = None
        self.region_name = None
        self.sites_by_id = {}
        self.canvas.clear()
        self._show_project_state()

    def _show_project_state(self) -> None:
        has = self.project is not None
        editable = has and not self.project.read_only
        self.stack.setCurrentWidget(self.map_page if has else self.welcome)
        if not has:
            self.welcome.set_recent([p for p in self.settings.recent_projects() if p.exists()])
            self.banner.hide()
        self._show_panels(has)
        for act in (self.act_close, self.act_fit, self.act_find):
            act.setEnabled(has)
        for act in (self.act_add_site, self.act_delete_site, self.act_import_sites, self.act_new_tour,
                    self.act_add_stop, self.act_optimise, self.act_keep_order):
            act.setEnabled(editable)
        self.optimise_button.setEnabled(editable)
        self.keep_order_button.setEnabled(editable)
        if hasattr(self.canvas, "set_editable"):
            self.canvas.set_editable(editable)
        for panel in (self.sites_panel, self.site_editor, self.tour_editor, self.stops_panel,
                      self.ambassadors_panel, self.videos_panel):
            panel.set_editable(editable)
        title = APP_NAME
        if has:
            title = f"{self.project.path.name} — {APP_NAME}"
            if self.project.read_only:
                title += " " + self.tr("(read-only)")
        self.setWindowTitle(title)
        self.export_menu.update_state()  # enabled only when the current tour has a plan

    def _docks(self) -> tuple[QDockWidget, ...]:
        return (self.sites_dock, self.tour_dock, self.timeline_dock, self.itinerary_dock, self.warnings_dock,
                self.ambassadors_dock, self.videos_dock)

    def _show_panels(self, show: bool) -> None:
        """The welcome page stands alone; the panels come back as the organiser left them."""
        if show == self._panels_shown:
            return
        if show:
            self.restoreState(self._layout_state)
        else:
            self._layout_state = self.saveState()
            for dock in self._docks():
                dock.hide()
        self._panels_shown = show

    # ------------------------------------------------------------------ change propagation
    def _project_changed(self, table: str, _row_id: Optional[int]) -> None:
        self._changed_tables.add(table)
        self._refresh_timer.start()

    def _apply_changes(self) -> None:
        tables, self._changed_tables = self._changed_tables, set()
        if self.project is None:
            return
        if tables & {"sites", "tours", "buses", "stops", "videos", "ambassadors", "ambassador_sites",
                     "participant_groups", "precedences"}:
            self.refresh_all()
        elif "plans" in tables and self.tour_id is not None:
            plan = self.project.plan(self.tour_id)
            if plan != self.plan:  # the window usually shows a plan before it is saved
                self.show_plan(plan)
        self.counts_label.setText(self._counts_text())

    def refresh_all(self) -> None:
        """Redraw every panel from the project (cheap: hundreds of rows)."""
        p = self.project
        if p is None:
            return
        sites = p.sites()
        self.sites_by_id = {s.id: s for s in sites}
        self.sites_panel.set_sites(sites)
        self.canvas.set_sites(sites)
        current_site = self.site_editor.site_id()
        self.site_editor.set_site(self.sites_by_id.get(current_site) if current_site else None)
        tours = p.tours()
        if self.tour_id not in {t.id for t in tours}:
            self.tour_id = tours[0].id if tours else None
        tour = next((t for t in tours if t.id == self.tour_id), None)
        buses = p.buses(tour.id) if tour else []
        groups = p.groups(tour.id) if tour else []
        self.tour_editor.set_tours(tours, tour, buses, sites, groups)
        stops = p.stops(tour.id) if tour else []
        self.stops_panel.set_stops(stops, self.sites_by_id, buses)
        self.stops_panel.set_precedences(p.precedences(tour.id) if tour else [])
        self.show_plan(p.plan(tour.id) if tour else None)
        self.counts_label.setText(self._counts_text())
        self._show_project_state()

    def show_plan(self, plan: Optional[Plan]) -> None:
        """Redraw only what shows the plan (map route, itinerary, timeline, warnings, people, videos)."""
        p = self.project
        if p is None:
            return
        self.plan = plan
        sites = list(self.sites_by_id.values())
        ambassadors = p.ambassadors()
        names = {a.id: a.name for a in ambassadors}
        videos = p.videos()
        self.canvas.set_plan(plan, self.sites_by_id)
        self.itinerary.set_plan(plan, self.sites_by_id, names)
        self.timeline.set_plan(plan, self.sites_by_id, {v.id: v.duration_s for v in videos})
        self.warnings.set_plan(plan)
        self.ambassadors_panel.set_data(p, ambassadors, sites, plan)
        self.videos_panel.set_data(p, videos, sites, plan)
        self.export_menu.update_state()

    def _counts_text(self) -> str:
        if self.project is None:
            return ""
        c = self.project.counts()
        return self.tr("%1 sites · %2 tours").replace("%1", str(c["sites"])).replace("%2", str(c["tours"]))

    # ------------------------------------------------------------------ undoable edits
    def push(self, command: ProjectCommand) -> bool:
        """Run ``command`` as one undo step; a refused edit is reported, not stacked."""
        if self.project is None:
            return False
        if self.project.read_only:
            show_error(self, ProjectReadOnly(
                f"{self.project.path} is open read-only: changes are not saved.",
                f"{self.project.path} est ouvert en lecture seule : les modifications ne sont pas enregistrées."))
            self.refresh_all()
            return False
        self.undo_stack.push(command)
        self._apply_changes()  # redraw now, so the caller sees the new rows
        if command.error is not None:
            show_error(self, command.error)
            self.refresh_all()
            return False
        return True

    def add_site(self, lon: float, lat: float, name: Optional[str] = None) -> Optional[int]:
        """Add a site at (lon, lat) degrees; returns its id."""
        if self.project is None:
            return None
        n = len(self.sites_by_id) + 1
        site = Site(name=name or self.tr("New site %1").replace("%1", str(n)), lon=float(lon), lat=float(lat),
                    kind=SiteKind.COMPANY, source=SiteSource.MANUAL)
        command = AddEntity(self.project, site, self.tr("Add site"))
        if self.push(command):
            self.select_site(site.id)
            return site.id
        return None

    def add_site_at_centre(self) -> None:
        if self.project is None:
            return
        lon, lat = self._map_centre()
        self.add_site(lon, lat)

    def _map_centre(self) -> tuple[float, float]:
        lonlat_at = getattr(self.canvas, "lonlat_at", None)
        if callable(lonlat_at) and getattr(self.canvas, "projection", None) is not None:
            return lonlat_at(self.canvas.viewport().rect().center())
        if self.region is not None:
            w, s, e, n = self.region.bounds
            return ((w + e) / 2, (s + n) / 2)
        if self.sites_by_id:
            sites = list(self.sites_by_id.values())
            return (sum(s.lon for s in sites) / len(sites), sum(s.lat for s in sites) / len(sites))
        return (4.85, 45.78)

    def move_site(self, site_id: int, lon: float, lat: float) -> None:
        if self.project is None or site_id not in self.sites_by_id:
            return
        before = self.sites_by_id[site_id]
        after = copy.deepcopy(before)
        after.lon, after.lat = float(lon), float(lat)
        self.push(UpdateEntity(self.project, before, after, self.tr("Move site")))

    def delete_site(self, site_id: int) -> None:
        if self.project is None or site_id not in self.sites_by_id:
            return
        self.push(DeleteEntity(self.project, Site, site_id, self.tr("Delete site")))

    def _delete_current_site(self) -> None:
        site_id = self.sites_panel.current_site_id()
        if site_id is not None:
            self.delete_site(site_id)

    def new_tour(self) -> Optional[int]:
        if self.project is None:
            return None
        depots = [s for s in self.sites_by_id.values() if s.kind is SiteKind.DEPOT]
        tour = Tour(name=self.tr("New tour %1").replace("%1", str(len(self.project.tours()) + 1)),
                    date=dt.date.today() + dt.timedelta(days=14),
                    start_site_id=depots[0].id if depots else None)
        bus = Bus(name=self.tr("Coach 1"), seats=50)

        def link(entity, added) -> None:
            if isinstance(entity, Bus):
                entity.tour_id = added[0].id

        # The tour and its first bus are one undo step and one transaction.
        command = AddMany(self.project, [tour, bus], self.tr("New tour"), link)
        if self.push(command):
            self.tour_id = tour.id
            self.refresh_all()
            return tour.id
        return None

    def delete_tour(self, tour_id: int) -> None:
        if self.project is None:
            return
        answer = QMessageBox.question(self, APP_NAME, self.tr("Delete this tour, its stops and its plan? "
                                                              "(Ctrl+Z brings it back)"))
        if answer == QMessageBox.StandardButton.Yes:
            self.push(DeleteEntity(self.project, Tour, tour_id, self.tr("Delete tour")))

    def set_tour(self, tour_id: Optional[int]) -> None:
        if tour_id == self.tour_id:
            return
        self.tour_id = tour_id
        self.refresh_all()
        if self.plan is not None:
            self.fit_map()

    def add_stop(self, site_id: int) -> Optional[int]:
        """Add ``site_id`` at the end of the current tour's stops; returns the stop id."""
        if self.project is None or site_id is None:
            return None
        if self.tour_id is None:
            if self.new_tour() is None:
                return None
        stops = self.project.stops(self.tour_id)
        site = self.sites_by_id.get(site_id)
        kind = StopKind.LUNCH if site and site.kind is SiteKind.RESTAURANT else StopKind.VISIT
        dwell = 60 * 60 if kind is StopKind.LUNCH else DEFAULT_VISIT_S
        stop = Stop(site_id=site_id, kind=kind, dwell_s=dwell, tour_id=self.tour_id,
                    position=max((s.position for s in stops), default=-1) + 1)
        if self.push(AddEntity(self.project, stop, self.tr("Add stop"))):
            self.stops_panel.select_stop(stop.id)
            return stop.id
        return None

    def add_stop_from_selection(self) -> None:
        site_id = self.sites_panel.current_site_id()
        if site_id is None:
            self.statusBar().showMessage(self.tr("Select a site in the list or on the map first."), 4000)
            return
        self.add_stop(site_id)

    def remove_stop(self, stop_id: int) -> None:
        if self.project is not None:
            self.push(DeleteEntity(self.project, Stop, stop_id, self.tr("Remove stop")))

    def reorder_stops(self, order: list[int]) -> None:
        if self.project is None or self.tour_id is None:
            return
        if order != [s.id for s in self.stops_panel.model.stops]:
            self.push(ReorderStops(self.project, self.tour_id, order, self.tr("Reorder stops")))

    def add_bus(self) -> Optional[int]:
        """Add a coach (12 m coach values, 50 seats) to the current tour; returns its id."""
        if self.project is None or self.tour_id is None:
            return None
        n = len(self.project.buses(self.tour_id)) + 1
        bus = Bus(name=self.tr("Coach %1").replace("%1", str(n)), seats=50, tour_id=self.tour_id)
        if self.push(AddEntity(self.project, bus, self.tr("Add coach"))):
            self.tour_editor.select_bus(bus.id)
            return bus.id
        return None

    def remove_bus(self, bus_id: int) -> None:
        """Remove a coach; its pinned stops and groups go back to "any coach" (undo restores them)."""
        if self.project is None or self.tour_id is None:
            return
        if len(self.project.buses(self.tour_id)) <= 1:
            self.statusBar().showMessage(self.tr("A tour keeps at least one coach."), 4000)
            return
        self.push(DeleteEntity(self.project, Bus, bus_id, self.tr("Remove coach")))

    def add_group(self) -> Optional[int]:
        """Add a participant group; its size is the tour's participants not yet in a group (else 10)."""
        if self.project is None or self.tour_id is None:
            return None
        tour = self.project.get(Tour, self.tour_id)
        groups = self.project.groups(self.tour_id)
        left = tour.participants - sum(g.size for g in groups)
        group = ParticipantGroup(name=self.tr("Group %1").replace("%1", str(len(groups) + 1)),
                                 size=left if left > 0 else 10, tour_id=self.tour_id)
        if self.push(AddEntity(self.project, group, self.tr("Add group"))):
            return group.id
        return None

    def remove_group(self, group_id: int) -> None:
        if self.project is not None:
            self.push(DeleteEntity(self.project, ParticipantGroup, group_id, self.tr("Remove group")))

    def add_precedence(self, before_stop_id: int, after_stop_id: int) -> bool:
        """Require stop ``before_stop_id`` to be served before ``after_stop_id`` (one undo step)."""
        if self.project is None or self.tour_id is None:
            return False
        from app.ui.panels.stops import would_cycle

        current = self.project.precedences(self.tour_id)
        if Precedence(before_stop_id, after_stop_id) in current:
            return False
        if would_cycle(current, before_stop_id, after_stop_id):
            show_error(self, UserError("These two stops already have the opposite order constraint.",
                                       "Ces deux arrêts ont déjà la contrainte d'ordre inverse."))
            return False
        return self.push(SetPrecedence(self.project, Precedence(before_stop_id, after_stop_id), True,
                                       self.tr("Add order constraint")))

    def remove_precedence(self, before_stop_id: int, after_stop_id: int) -> bool:
        if self.project is None:
            return False
        return self.push(SetPrecedence(self.project, Precedence(before_stop_id, after_stop_id), False,
                                       self.tr("Remove order constraint")))

    def _bad_value(self, text: str) -> None:
        QMessageBox.warning(self, APP_NAME, self.tr("This value cannot be read: %1\nTimes are written like 9 h 30 "
                                                    "and windows like 9 h 00–11 h 30.").replace("%1", text))

    # ------------------------------------------------------------------ selection
    def select_site(self, site_id: Optional[int], on_map: bool = True) -> None:
        """Select a site in the list and the editor, and (``on_map``) highlight and centre it on the map."""
        if site_id is None:
            return
        self.sites_panel.select_site(site_id)
        self.site_editor.set_site(self.sites_by_id.get(site_id))
        if on_map:
            self._select_site_on_map(site_id)

    def _select_site_on_map(self, site_id: Optional[int]) -> None:
        if site_id is not None:
            self.canvas.select_site(site_id)

    def select_stop(self, stop_id: int) -> None:
        """Select a stop in the table, its site in the list and on the map, and its numbered badge."""
        self.stops_panel.select_stop(stop_id)
        stop = next((s for s in self.stops_panel.model.stops if s.id == stop_id), None)
        if stop is not None:
            self.select_site(stop.site_id)
        if hasattr(self.canvas, "highlight_stop"):
            self.canvas.highlight_stop(stop_id)

    def _stop_row_selected(self, stop_id: int) -> None:
        stop = next((s for s in self.stops_panel.model.stops if s.id == stop_id), None)
        if stop is not None:
            self.sites_panel.select_site(stop.site_id)
            self.site_editor.set_site(self.sites_by_id.get(stop.site_id))
            self._select_site_on_map(stop.site_id)

    def show_warning_target(self, stop_id: Optional[int], site_id: Optional[int]) -> None:
        if stop_id is not None:
            self.select_stop(stop_id)
        elif site_id is not None:
            self.select_site(site_id)

    def _focus_search(self) -> None:
        self.sites_dock.show()
        self.sites_panel.search.setFocus()
        self.sites_panel.search.selectAll()

    def fit_map(self) -> None:
        if self.plan is not None and self.plan.buses:
            self.canvas.fit_to_plan()
        elif self.region is not None:
            self.canvas.fit_to_bounds(*self.region.bounds)

    # ------------------------------------------------------------------ long work
    def start_worker(self, worker: Worker, on_result: Callable[[Any], None],
                     on_error: Optional[Callable[[UserError], None]] = None) -> Worker:
        """Connect ``worker`` to the status bar and the handlers, then start it."""
        worker.signals.result.connect(on_result)
        worker.signals.error.connect(on_error or (lambda exc: show_error(self, exc)))
        worker.signals.cancelled.connect(lambda: self.statusBar().showMessage(self.tr("Cancelled."), 4000))
        self.tasks.track(worker)
        return worker.start()

    def tasks_cancel(self) -> None:
        if self.tasks.busy():
            self.tasks.cancel()

    def load_region(self, name: Optional[str]) -> None:
        """Load the project's road region in a worker; the map draws it when it arrives."""
        if not name:
            return
        self.region_name = name
        worker = Worker(_region_job, name, title=self.tr("Loading the region %1").replace("%1", name))
        self.region_worker = worker
        self.start_worker(worker, lambda region, n=name: self._region_loaded(n, region))

    def _region_loaded(self, name: str, region) -> None:
        if self.project is None or name != self.region_name:
            return
        self.region = region
        self.canvas.set_layers(region.layers)  # fits the whole region; the plan's fit follows
        self.canvas.set_sites(list(self.sites_by_id.values()))
        self.canvas.set_plan(self.plan, self.sites_by_id)
        if self.plan is not None and self.plan.buses:
            self.canvas.fit_to_plan()
        else:
            self.canvas.fit_to_bounds(*region.bounds)
        self.region_ready.emit(region)

    def optimise(self, keep_order: bool = False) -> Optional[Worker]:
        """Plan the current tour in a worker; the plan is saved and drawn when it comes back."""
        if self.project is None or self.tour_id is None:
            return None
        if not planning_available():
            show_error(self, UserError("The planner is not installed in this build.",
                                       "Le calcul des circuits n'est pas disponible dans cette version."))
            return None
        if self.plan_worker is not None and not self.plan_worker.done:
            self.statusBar().showMessage(self.tr("The tour is already being computed."), 4000)
            return self.plan_worker
        title = self.tr("Computing the times") if keep_order else self.tr("Optimising the tour")
        worker = Worker(run_in_process, jobs.plan_job, str(self.project.path), self.tour_id, keep_order, title=title)
        self.plan_worker = worker
        tour_id = self.tour_id
        self.start_worker(worker, lambda plan, t=tour_id: self._plan_computed(t, plan))
        return worker

    def _plan_computed(self, tour_id: int, plan: Plan) -> None:
        if self.project is None:
            return
        if not self.project.read_only:
            try:
                self.project.save_plan(plan)
            except UserError as exc:
                show_error(self, exc)
        if tour_id == self.tour_id:
            self.show_plan(plan)  # a read-only project keeps the plan only here
            self.canvas.fit_to_plan()
            self.itinerary_dock.raise_()
            served = sum(len(b.stops) for b in plan.buses)
            self.statusBar().showMessage(
                self.tr("Plan ready: %1 stops, %2 warnings.").replace("%1", str(served))
                .replace("%2", str(len(plan.warnings) + len(plan.dropped))), 6000)
            if plan.warnings or plan.dropped:
                self.warnings_dock.raise_()
        self.plan_ready.emit(plan)

    # ------------------------------------------------------------------ dialogs
    def _project_folder(self) -> str:
        if self.project is not None:
            return str(self.project.folder)
        last = self.settings.last_project()
        return str(last.parent) if last else str(Path.home())

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a project"), self._project_folder(),
                                              self.tr("ZI Tour projects (*.zitour);;All files (*)"))
        if path:
            self.open_project(Path(path))

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New project"), self._project_folder(),
                                              self.tr("ZI Tour projects (*.zitour)"))
        if not path:
            return
        path = Path(path)
        if path.suffix != SUFFIX:
            path = path.with_suffix(SUFFIX)
        self.close_project()
        try:
            project = Project.create(path, overwrite=path.exists())
        except UserError as exc:
            show_error(self, exc)
            return
        self.set_project(project)

    def open_demo(self) -> None:
        """Open the demo project, building it first (in a worker) if needed."""
        from routing.regions import data_dir

        path = data_dir() / "demo" / "demo-krems.zitour"
        if path.exists():
            self.open_project(path)
            return

        worker = Worker(run_in_process, jobs.build_demo_job, str(path), title=self.tr("Building the demo project"))
        self.start_worker(worker, lambda p: self.open_project(Path(p)))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects()
        for path in recent:
            act = self.recent_menu.addAction(f"{path.name} — {path.parent}")
            act.triggered.connect(lambda _c=False, p=path: self.open_project(p))
        self.recent_menu.setEnabled(bool(recent))

    def import_sites_dialog(self) -> None:
        if self.project is None or self.project.read_only:
            return
        from app.ui.dialogs.import_sites import ImportSitesDialog

        dialog = ImportSitesDialog(self, self.project, self.region)
        if dialog.exec() and dialog.run is not None:
            self.import_sites(dialog.run)

    def import_sites(self, run: Callable[[Project], Any]) -> bool:
        """Run an import (``run(project) -> ImportReport``) on the project as one undo step."""
        project = self.project
        command = SnapshotCommand(project, self.tr("Import sites"), ("sites",), lambda: run(project))
        if not self.push(command):
            return False
        report = command.result
        self.statusBar().showMessage(
            self.tr("Imported: %1 added, %2 updated, %3 rows rejected.").replace("%1", str(report.added))
            .replace("%2", str(report.updated)).replace("%3", str(len(report.rejected_rows))), 8000)
        return True

    def regions_dialog(self) -> None:
        from app.ui.dialogs.regions import RegionsDialog

        dialog = RegionsDialog(self)
        dialog.exec()

    def about(self) -> None:
        from app.ui.dialogs.about import show_about

        show_about(self)

    def show_shortcuts(self) -> None:
        lines = []
        for act in self.findChildren(QAction):
            if act.shortcut().isEmpty() or not act.text():
                continue
            lines.append(f"{act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}\t{act.text().replace('&', '')}")
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), "\n".join(sorted(set(lines))))

    def set_language(self, lang: str) -> None:
        self.settings.set_language(lang)
        if lang != self.lang:
            QMessageBox.information(self, APP_NAME, self.tr("The language changes the next time the application starts."))

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        state = self.saveState() if self._panels_shown else self._layout_state
        self.settings.save_window_state(self.saveGeometry(), state)
        self.settings.sync()
        self.close_project()
        super().closeEvent(event)
