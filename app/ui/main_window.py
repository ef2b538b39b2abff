"""The main window: the layout only. Map in the middle, sites on the left, the tour on the right,
the day below.

The document lives in the :class:`~app.ui.session.Session`; what commands do lives in
the controllers (:mod:`app.ui.controllers`); which view redraws on what lives in
:mod:`app.ui.views`; menus and shortcuts in :mod:`app.ui.actions`; the docks and map
tool of the current use in :mod:`app.ui.modes`. The window builds the widgets, hands
them out, and keeps the layout (dock sizes, the welcome page, the saved state).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget, QLabel, QMainWindow, QMenu, QScrollArea, QSplitter,
    QStackedWidget, QToolBar, QVBoxLayout, QWidget,
)

from app import APP_NAME
from app.ui import views
from app.ui.actions import ActionRegistry
from app.ui.controllers.editing import EditingController
from app.ui.controllers.exporting import ExportingController
from app.ui.controllers.files import FilesController
from app.ui.controllers.people import PeopleController
from app.ui.controllers.planning import PlanningController
from app.ui.controllers.preferences import PreferencesController
from app.ui.modes.switch import ModeSwitch
from app.ui.notify import Notifier
from app.ui.panels.ambassadors import AmbassadorsPanel
from app.ui.panels.itinerary import ItineraryTable
from app.ui.panels.map_page import MapPage, counts_text
from app.ui.panels.scrolling import scrolling
from app.ui.panels.plan_banner import PlanStatusBanner
from app.ui.panels.sites import SiteEditor, SitesPanel
from app.ui.panels.timeline import TimelineWidget
from app.ui.panels.tour_dock import TourDock
from app.ui.panels.videos import VideosPanel
from app.ui.panels.warnings import WarningsPanel
from app.ui.panels.welcome import WelcomePage
from app.ui.session import Session
from app.ui.settings import Settings
from app.ui.taskbar import TaskIndicator
from app.ui.tasks import TaskRunner


@dataclass
class Controllers:
    """What views and dialogs may call: the session's controllers, the task runner, the notifier."""

    session: Session
    notifier: Notifier
    tasks: Any
    files: FilesController
    editing: EditingController
    planning: PlanningController
    exporting: ExportingController


class MainWindow(QMainWindow):
    """The application window."""

    def __init__(self, settings: Optional[Settings] = None, lang: str = "fr", *, notifier: Optional[Notifier] = None,
                 tasks: Any = None):
        """``notifier`` and ``tasks``: stand-ins for tests (a recording notifier, a synchronous runner)."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.settings = settings or Settings()
        self.lang = lang
        self.session = Session(self)
        self.notifier = notifier or Notifier(self, self.statusBar())
        self.tasks = tasks or TaskRunner(self.notifier, self)
        self._build_central()
        self._build_docks()
        editing = EditingController(self.session, self.notifier, self.canvas.centre_lonlat, self)
        files = FilesController(self.session, self.settings, self.notifier, self.tasks, editing, self)
        self.c = Controllers(self.session, self.notifier, self.tasks, files, editing,
                             PlanningController(self.session, self.tasks, self.notifier, self),
                             ExportingController(self.session, self.tasks, self.notifier, self.settings, self))
        self.preferences = PreferencesController(self.settings, self.notifier, lang, self)
        self.people = PeopleController(self.session, editing, self.notifier, self.settings, self)
        self.modes = ModeSwitch(self)
        self.actions = ActionRegistry(self, self.session, {
            "window": self, "files": files, "editing": editing, "planning": self.c.planning,
            "exporting": self.c.exporting, "tasks": self.tasks, "preferences": self.preferences,
            "modes": self.modes, "people": self.people})
        self._build_menus_and_toolbar()
        self.task_indicator = TaskIndicator(self)
        self.tasks.started.connect(self.task_indicator.track)
        self.statusBar().addPermanentWidget(self.task_indicator)
        self.counts_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts_label)
        self._bind()
        self.modes.start()
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:  # first start: the whole screen (a map wants room), docks sized once it is shown
            avail = self.screen().availableGeometry()  # never larger than a laptop's screen
            self.resize(min(1400, avail.width()), min(900, avail.height()))
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
            QTimer.singleShot(0, self.size_docks)
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
        self.map_page = MapPage(self)
        self.canvas = self.map_page.canvas
        self.stack.addWidget(scrolling(self.welcome))
        self.stack.addWidget(self.map_page)
        self.setCentralWidget(self.stack)

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea,
              min_width: int = 200) -> QDockWidget:
        """A dock whose content scrolls when a laptop screen gives it less than the content's minimum."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        widget = scrolling(widget)
        widget.setMinimumWidth(min_width)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        self.sites_panel, self.site_editor = SitesPanel(self), SiteEditor(self)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.sites_panel)
        split.addWidget(self.site_editor)
        split.setSizes([400, 400])
        self.sites_dock = self._dock("sitesDock", self.tr("Sites"), split, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tour_box = TourDock(self)
        self.tour_editor, self.stops_panel = self.tour_box.tour_editor, self.tour_box.stops_panel
        self.optimise_button, self.keep_order_button = self.tour_box.optimise_button, self.tour_box.keep_order_button
        self.tour_dock = self._dock("tourDock", self.tr("Tour"), self.tour_box, Qt.DockWidgetArea.RightDockWidgetArea,
                                    min_width=320)
        self.itinerary, self.timeline, self.warnings = ItineraryTable(self), TimelineWidget(self), WarningsPanel(self)
        self.ambassadors_panel, self.videos_panel = AmbassadorsPanel(self), VideosPanel(self)
        timeline_scroll = QScrollArea()
        timeline_scroll.setWidget(self.timeline)
        timeline_scroll.setWidgetResizable(True)
        area = Qt.DockWidgetArea.BottomDockWidgetArea
        self.timeline_dock = self._dock("timelineDock", self.tr("Timeline"), timeline_scroll, area)
        self.plan_banner = PlanStatusBanner(self)  # above the itinerary while the plan is outdated
        itinerary_box = QWidget()
        box_layout = QVBoxLayout(itinerary_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(0)
        box_layout.addWidget(self.plan_banner)
        box_layout.addWidget(self.itinerary, 1)
        self.itinerary_dock = self._dock("itineraryDock", self.tr("Itinerary"), itinerary_box, area)
        self.warnings_dock = self._dock("warningsDock", self.tr("Warnings"), self.warnings, area)
        self.ambassadors_dock = self._dock("ambassadorsDock", self.tr("Ambassadors"), self.ambassadors_panel, area)
        self.videos_dock = self._dock("videosDock", self.tr("Videos"), self.videos_panel, area)
        self.splitDockWidget(self.timeline_dock, self.itinerary_dock, Qt.Orientation.Horizontal)
        for first, second in ((self.itinerary_dock, self.warnings_dock), (self.warnings_dock, self.ambassadors_dock),
                              (self.ambassadors_dock, self.videos_dock)):
            self.tabifyDockWidget(first, second)
        self.itinerary_dock.raise_()
        self.size_docks()

    def size_docks(self) -> None:
        """Default dock sizes, shares of the window (a saved layout replaces them); called again once
        the window has its real size, since Qt clamps the docks to the provisional width."""
        w = max(self.width(), 800)
        self.resizeDocks([self.sites_dock, self.tour_dock], [min(290, max(220, w // 5)), min(700, max(380, w * 2 // 5))],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.timeline_dock], [min(260, max(150, self.height() * 3 // 10))], Qt.Orientation.Vertical)
        self.resizeDocks([self.timeline_dock, self.itinerary_dock], [560, 700], Qt.Orientation.Horizontal)
        self.tour_box.fit_form()

    def _build_menus_and_toolbar(self) -> None:
        undo, redo = self.actions.adopt_undo(self.c.editing.undo_stack)
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        self.recent_menu.setObjectName("menuRecent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        pieces = {"undo": undo, "redo": redo, "recent": self.recent_menu,
                  "language": self.actions.language_menu(self.lang),
                  "docks": [d.toggleViewAction() for d in self.docks()]}
        self.menus = self.actions.build_menus(self.menuBar(), pieces)
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setIconSize(QSize(18, 18))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions.build_toolbar(toolbar, pieces)
        self.addToolBar(toolbar)
        self._fill_recent_menu()

    def _bind(self) -> None:
        s, c = self.session, self.c
        views.bind_canvas(self.canvas, s, c)
        views.bind_sites(self.sites_panel, self.site_editor, s, c)
        views.bind_tour(self.tour_editor, self.stops_panel, s, c)
        views.bind_plan_views(self.itinerary, self.timeline, self.warnings, self.ambassadors_panel,
                              self.videos_panel, s, c)
        views.bind_plan_status(self.plan_banner, self.canvas, self.timeline, self.warnings, s, c)
        for button, action in ((self.optimise_button, "actOptimise"), (self.keep_order_button, "actKeepOrder")):
            button.clicked.connect(self.actions[action].trigger)
            button.setToolTip(self.actions[action].toolTip())
            button.setEnabled(self.actions[action].isEnabled())
            self.actions[action].enabledChanged.connect(button.setEnabled)
        views.bind_welcome(self.welcome, c)
        c.files.recent_changed.connect(self._fill_recent_menu)
        c.files.banner_changed.connect(self.map_page.set_banner)
        self.map_page.regions_requested.connect(c.files.regions_dialog)
        for signal in (s.project_changed, s.region_changed):  # no region yet: say where to get one
            signal.connect(lambda *_a: self.map_page.show_region_hint(s.has_project and not s.region_name))
        c.planning.plan_ready.connect(self._plan_arrived)
        s.project_changed.connect(lambda _p: self._show_project_state())
        for signal in (s.project_changed, s.sites_changed, s.tours_changed):
            signal.connect(lambda *_a: self.counts_label.setText(self._counts_text()))

    def docks(self) -> tuple[QDockWidget, ...]:
        return (self.sites_dock, self.tour_dock, self.timeline_dock, self.itinerary_dock, self.warnings_dock,
                self.ambassadors_dock, self.videos_dock)

    def editors(self) -> tuple[QWidget, ...]:
        """The panels that edit the project (the mode makes them read-only)."""
        return (self.sites_panel, self.site_editor, self.tour_editor, self.stops_panel, self.ambassadors_panel,
                self.videos_panel)

    # ------------------------------------------------------------------ what the layout shows
    def _show_project_state(self) -> None:
        project = self.session.project
        self.stack.setCurrentIndex(1 if project is not None else 0)
        if project is None:
            self.welcome.set_recent([p for p in self.settings.recent_projects() if p.exists()])
        self._show_panels(project is not None)
        title = APP_NAME
        if project is not None:
            title = f"{project.path.name} — {APP_NAME}"
            if project.read_only:
                title += " " + self.tr("(read-only)")
        self.setWindowTitle(title)
        if self.session.has_plan:
            self.fit_map()  # the canvas fits again once it has its final size

    def _show_panels(self, show: bool) -> None:
        """The welcome page stands alone; the panels come back as the organiser left them."""
        if show == self._panels_shown:
            return
        if show:
            self.restoreState(self._layout_state)
        else:
            self._layout_state = self.saveState()
            for dock in self.docks():
                dock.hide()
        self._panels_shown = show

    def _plan_arrived(self, plan) -> None:
        if plan.tour_id != self.session.tour_id:
            return
        self.canvas.fit_to_plan()
        (self.warnings_dock if plan.warnings or plan.dropped else self.itinerary_dock).raise_()

    def _counts_text(self) -> str:
        n = self.session.project.counts() if self.session.project is not None else None
        return counts_text(n["sites"], n["tours"]) if n else ""

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects()
        for path in recent:
            act = self.recent_menu.addAction(f"{path.name} — {path.parent}")
            act.triggered.connect(lambda _c=False, p=path: self.c.files.open_project(p))
        self.recent_menu.setEnabled(bool(recent))

    # ------------------------------------------------------------------ the window's own commands
    def focus_site_search(self) -> None:
        self.sites_dock.show()
        self.sites_panel.search.setFocus()
        self.sites_panel.search.selectAll()

    def fit_map(self) -> None:
        if self.session.has_plan:
            self.canvas.fit_to_plan()
        elif self.session.region is not None:
            self.canvas.fit_to_bounds(*self.session.region.bounds)

    def closeEvent(self, event: QCloseEvent) -> None:
        state = self.saveState() if self._panels_shown else self._layout_state
        self.settings.save_window_state(self.saveGeometry(), state)
        self.settings.sync()
        self.tasks.cancel_all()  # a demo still being built must not open into a closed window
        self.c.files.close_project()
        super().closeEvent(event)

