"""Every command of the window, declared once: id, words, shortcut, enablement rule, handler.

One :class:`ActionRegistry` per window turns the :data:`ACTIONS` table into
QActions owned by the window (shortcuts work with menus closed), evaluates each
action's rule on the :class:`~app.ui.session.Session` whenever the session
changes, and builds the menus and the toolbar from :data:`MENUS` and
:data:`TOOLBAR`. A shortcut belongs to one action only (the registry refuses a
second claim), so no module takes another's shortcuts.

Handlers are named ``"controller.method"`` and looked up in the controllers the
window hands to the registry; words are marked for Qt's translator in the
``MainWindow`` context (the French catalog keeps them there).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QToolBar, QWidget

from app.ui.session import Session

CONTEXT = "MainWindow"
Rule = Callable[[Session], bool]


def has_project(s: Session) -> bool:
    return s.has_project


def editable(s: Session) -> bool:
    return s.editable


def has_plan(s: Session) -> bool:
    return s.has_plan


def has_tour(s: Session) -> bool:
    return s.has_project and s.tour_id is not None


def can_replan(s: Session) -> bool:
    return s.editable and s.has_plan


@dataclass(frozen=True)
class ActionSpec:
    """One command: ``handler`` is ``"controller.method"``; ``rule`` None means always enabled."""

    id: str
    text: str
    handler: str
    shortcut: Any = None
    tip: str = ""
    rule: Optional[Rule] = None
    disabled_tip: str = ""  # what the tooltip says while the rule is false


# The toolbar's shorter words (the menus keep the whole text): at 1366 px every button shows.
SHORT = {
    "actPlaceSites": QT_TRANSLATE_NOOP("MainWindow", "Place sites"),
    "actAddStop": QT_TRANSLATE_NOOP("MainWindow", "Make it a stop"),
    "actFit": QT_TRANSLATE_NOOP("MainWindow", "Fit"),
    "actTourDay": QT_TRANSLATE_NOOP("MainWindow", "Tour day"),
}


S = QKeySequence.StandardKey
_OPEN_FIRST = QT_TRANSLATE_NOOP("MainWindow", "Open a project and optimise a tour first")
_PLAN_FIRST = QT_TRANSLATE_NOOP("MainWindow", "Optimise the tour first")

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("actNew", QT_TRANSLATE_NOOP("MainWindow", "&New project…"), "files.new_project_dialog", S.New,
               QT_TRANSLATE_NOOP("MainWindow", "Create a new project file")),
    ActionSpec("actOpen", QT_TRANSLATE_NOOP("MainWindow", "&Open project…"), "files.open_project_dialog", S.Open,
               QT_TRANSLATE_NOOP("MainWindow", "Open a project file")),
    ActionSpec("actDemo", QT_TRANSLATE_NOOP("MainWindow", "Open the &demo project"), "files.open_demo", None,
               QT_TRANSLATE_NOOP("MainWindow", "Build (once) and open the demo project on Krems")),
    ActionSpec("actSaveCopy", QT_TRANSLATE_NOOP("MainWindow", "Save a &copy…"), "files.save_copy_dialog", None,
               QT_TRANSLATE_NOOP("MainWindow", "Write the whole project into another file, to hand to a partner"),
               has_project),
    ActionSpec("actClose", QT_TRANSLATE_NOOP("MainWindow", "&Close project"), "files.close_project", S.Close,
               QT_TRANSLATE_NOOP("MainWindow", "Close the project (every edit is already saved)"), has_project),
    ActionSpec("actQuit", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), "window.close", S.Quit,
               QT_TRANSLATE_NOOP("MainWindow", "Quit ZI Tour planner")),
    ActionSpec("actFind", QT_TRANSLATE_NOOP("MainWindow", "&Find a site"), "window.focus_site_search", S.Find,
               QT_TRANSLATE_NOOP("MainWindow", "Search the sites list"), has_project),
    ActionSpec("actAddSite", QT_TRANSLATE_NOOP("MainWindow", "&Add a site"), "editing.add_site_at_centre",
               "Ctrl+Shift+A",
               QT_TRANSLATE_NOOP("MainWindow", "Add a site at the centre of the map (or right-click on the map)"),
               editable),
    ActionSpec("actPlaceSites", QT_TRANSLATE_NOOP("MainWindow", "&Place sites on the map"), "modes.place_sites",
               "Ctrl+Shift+P",
               QT_TRANSLATE_NOOP("MainWindow", "Each click on the map adds a site there; Esc when done (Ctrl+Shift+P)"),
               editable),
    ActionSpec("actDeleteSite", QT_TRANSLATE_NOOP("MainWindow", "&Delete the site"), "editing.delete_selected_site",
               None, QT_TRANSLATE_NOOP("MainWindow", "Delete the selected site and its stops"), editable),
    ActionSpec("actImportSites", QT_TRANSLATE_NOOP("MainWindow", "&Import sites…"), "editing.import_sites_dialog",
               "Ctrl+I",
               QT_TRANSLATE_NOOP("MainWindow", "Import sites from a CSV or GeoJSON file or from the region's map"),
               editable),
    ActionSpec("actNewTour", QT_TRANSLATE_NOOP("MainWindow", "New &tour"), "editing.new_tour", "Ctrl+Shift+N",
               QT_TRANSLATE_NOOP("MainWindow", "Create a tour with one bus"), editable),
    ActionSpec("actAddStop", QT_TRANSLATE_NOOP("MainWindow", "Add the site as a &stop"),
               "editing.add_selected_site_as_stop", "Ctrl+T",
               QT_TRANSLATE_NOOP("MainWindow", "Add the selected site to the tour's stops"), editable),
    ActionSpec("actOptimise", QT_TRANSLATE_NOOP("MainWindow", "&Optimise"), "planning.optimise", "F5",
               QT_TRANSLATE_NOOP("MainWindow", "Find the best order and times for the tour's stops (F5)"), editable),
    ActionSpec("actKeepOrder", QT_TRANSLATE_NOOP("MainWindow", "&Keep the order, compute the times"),
               "planning.keep_order", "Shift+F5",
               QT_TRANSLATE_NOOP("MainWindow", "Compute the times of the stops in the order of the table (Shift+F5)"),
               editable),
    ActionSpec("actReplanNow", QT_TRANSLATE_NOOP("MainWindow", "Re-plan from &now"), "planning.replan_now", None,
               QT_TRANSLATE_NOOP("MainWindow", "Keep the stops already done, plan the rest from the present time"),
               can_replan, _PLAN_FIRST),
    ActionSpec("actTourDay", QT_TRANSLATE_NOOP("MainWindow", "Tour &day (aboard the bus)"), "modes.tour_day",
               "Ctrl+J",
               QT_TRANSLATE_NOOP("MainWindow", "Run the planned tour on the bus: where we are, what comes next, "
                                               "the videos, the actual times (Ctrl+J)"), has_plan, _PLAN_FIRST),
    ActionSpec("actCancel", QT_TRANSLATE_NOOP("MainWindow", "Ca&ncel the running work"), "tasks.cancel_all", "Esc",
               QT_TRANSLATE_NOOP("MainWindow", "Stop the optimisation, import or export in progress")),
    ActionSpec("actFit", QT_TRANSLATE_NOOP("MainWindow", "&Fit the map to the tour"), "window.fit_map", "Ctrl+0",
               QT_TRANSLATE_NOOP("MainWindow", "Zoom the map to the tour's route"), has_project),
    ActionSpec("actRegions", QT_TRANSLATE_NOOP("MainWindow", "Road &regions…"), "files.regions_dialog",
               "Ctrl+R", QT_TRANSLATE_NOOP("MainWindow", "Choose the project's road region or import an OSM extract")),
    ActionSpec("actExportDialog", QT_TRANSLATE_NOOP("MainWindow", "Export…"), "exporting.export_dialog", "Ctrl+E",
               QT_TRANSLATE_NOOP("MainWindow", "Write the tour's documents (PDF, GPX, calendar…) to a folder"),
               has_plan, _PLAN_FIRST),
    ActionSpec("actPreviewItinerary", QT_TRANSLATE_NOOP("MainWindow", "Print preview of the itinerary…"),
               "exporting.preview_itinerary", None,
               QT_TRANSLATE_NOOP("MainWindow", "See the itinerary's pages before printing"), has_plan, _PLAN_FIRST),
    ActionSpec("actPrintItinerary", QT_TRANSLATE_NOOP("MainWindow", "Print the itinerary…"),
               "exporting.print_itinerary", S.Print,
               QT_TRANSLATE_NOOP("MainWindow", "Print the route map and the day, bus by bus"), has_plan, _PLAN_FIRST),
    ActionSpec("actPreviewSheets", QT_TRANSLATE_NOOP("MainWindow", "Print preview of the stop sheets…"),
               "exporting.preview_sheets", None,
               QT_TRANSLATE_NOOP("MainWindow", "See the ambassadors' stop sheets before printing"), has_plan,
               _PLAN_FIRST),
    ActionSpec("actPrintSheets", QT_TRANSLATE_NOOP("MainWindow", "Print the stop sheets…"),
               "exporting.print_sheets", None,
               QT_TRANSLATE_NOOP("MainWindow", "Print one sheet per stop for the ambassadors"), has_plan, _PLAN_FIRST),
    ActionSpec("actBooklets", QT_TRANSLATE_NOOP("MainWindow", "Ambassadors' &booklets…"), "exporting.booklets_dialog",
               None, QT_TRANSLATE_NOOP("MainWindow", "One PDF per ambassador: the stops they present, in order, "
                                                     "with their times and the companies' facts"), has_plan, _PLAN_FIRST),
    ActionSpec("actEventGrid", QT_TRANSLATE_NOOP("MainWindow", "&Event grid…"), "planning.event_grid", None,
               QT_TRANSLATE_NOOP("MainWindow", "Companies × time: each bus's receptions; drag one to move that visit"),
               has_plan, _PLAN_FIRST),
    ActionSpec("actParticipants", QT_TRANSLATE_NOOP("MainWindow", "&Participants and follow-ups…"),
               "people.participants_dialog", None,
               QT_TRANSLATE_NOOP("MainWindow", "Who registered and came, who presented, the feedback and what "
                                               "came of the tour (recruitments, training, internships)"), has_tour,
               QT_TRANSLATE_NOOP("MainWindow", "Choose a tour first")),
    ActionSpec("actBilan", QT_TRANSLATE_NOOP("MainWindow", "Season &report…"), "people.bilan_dialog", None,
               QT_TRANSLATE_NOOP("MainWindow", "The season's figures across tours and project files: PDF with "
                                               "charts and CSV tables for the funders")),
    ActionSpec("actPartnerPack", QT_TRANSLATE_NOOP("MainWindow", "Partner pack…"), "exporting.pack_dialog", None,
               QT_TRANSLATE_NOOP("MainWindow", "A zip of the exports with a README, to send to the partners"),
               has_plan, _PLAN_FIRST),
    ActionSpec("actAbout", QT_TRANSLATE_NOOP("MainWindow", "&About ZI Tour planner"), "preferences.about"),
    ActionSpec("actKeys", QT_TRANSLATE_NOOP("MainWindow", "&Keyboard shortcuts"), "preferences.show_shortcuts", "F1"),
    ActionSpec("actFrench", "Français", "preferences.set_language_fr"),
    ActionSpec("actEnglish", "English", "preferences.set_language_en"),
)

# Menus: (object name, title, entries); "-" a separator, "@name" a piece the window supplies
# (the recent-projects submenu, the docks' toggles, the language submenu, undo and redo).
MENUS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("menuFile", QT_TRANSLATE_NOOP("MainWindow", "&File"),
     ("actNew", "actOpen", "actDemo", "@recent", "-", "actSaveCopy", "-", "actBilan", "-", "actClose", "-",
      "actQuit")),
    ("menuEdit", QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
     ("@undo", "@redo", "-", "actFind", "actPlaceSites", "actAddSite", "actDeleteSite", "actImportSites")),
    ("menuTour", QT_TRANSLATE_NOOP("MainWindow", "&Tour"),
     ("actNewTour", "actAddStop", "-", "actOptimise", "actKeepOrder", "actReplanNow", "actCancel", "-",
      "actEventGrid", "actTourDay", "-", "actParticipants")),
    ("menuView", QT_TRANSLATE_NOOP("MainWindow", "&View"), ("actFit", "-", "@docks")),
    ("menuExport", QT_TRANSLATE_NOOP("MainWindow", "Export"),
     ("actExportDialog", "actPreviewItinerary", "actPrintItinerary", "-", "actPreviewSheets", "actPrintSheets",
      "actBooklets", "-", "actPartnerPack")),
    ("menuSettings", QT_TRANSLATE_NOOP("MainWindow", "&Settings"), ("actRegions", "@language")),
    ("menuHelp", QT_TRANSLATE_NOOP("MainWindow", "&Help"), ("actKeys", "actAbout")),
)

TOOLBAR: tuple[str, ...] = ("actOpen", "@undo", "@redo", "-", "actPlaceSites", "actAddSite", "actNewTour", "actAddStop", "-",
                            "actOptimise", "actKeepOrder", "actFit", "-", "actRegions", "actExportDialog", "-",
                            "actTourDay")


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def finish_pending_edit() -> None:
    """Let the field being typed in commit what it holds (it commits when it loses focus)."""
    focus = QApplication.focusWidget()
    if focus is not None:
        focus.clearFocus()  # editingFinished is emitted from the focus-out, before this returns
        focus.setFocus()


class ActionRegistry(QObject):
    """The window's QActions, by id; enablement follows the session."""

    def __init__(self, window: QWidget, session: Session, targets: Mapping[str, Any],
                 specs: Sequence[ActionSpec] = ACTIONS):
        super().__init__(window)
        self.window = window
        self.session = session
        self.specs = {spec.id: spec for spec in specs}
        self.actions: dict[str, QAction] = {}
        self._shortcuts: dict[str, str] = {}
        for spec in specs:
            self._create(spec, targets)
        for signal in (session.project_changed, session.plan_changed, session.editable_changed,
                       session.tour_changed, session.tours_changed):
            signal.connect(lambda *_a: self.update())
        self.update()

    def _create(self, spec: ActionSpec, targets: Mapping[str, Any]) -> None:
        owner, _, method = spec.handler.partition(".")
        slot = getattr(targets[owner], method)
        action = QAction(tr(spec.text), self.window)
        action.setObjectName(spec.id)
        if spec.shortcut is not None:
            action.setShortcuts(QKeySequence.keyBindings(spec.shortcut) if isinstance(spec.shortcut, S)
                                else [QKeySequence(spec.shortcut)])
        action.triggered.connect(lambda _checked=False, f=slot: f())
        if spec.id in SHORT:
            action.setIconText(tr(SHORT[spec.id]))
        self.adopt(action, tr(spec.tip) if spec.tip else "")

    def adopt(self, action: QAction, tip: str = "") -> QAction:
        """Take a QAction made elsewhere (undo, redo) into the registry; its shortcuts are claimed."""
        for key in action.shortcuts():
            name = key.toString()
            if name in self._shortcuts:
                raise ValueError(f"shortcut {name} of {action.objectName()} is taken by {self._shortcuts[name]}")
            self._shortcuts[name] = action.objectName()
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self.window.addAction(action)
        self.actions[action.objectName()] = action
        return action

    def adopt_undo(self, stack: QUndoStack) -> tuple[QAction, QAction]:
        """Undo and redo of ``stack``; their text follows the step they undo or redo.

        A field being typed in holds an edit not yet on the stack: undo and redo first let
        it finish (the field loses focus and commits), so Ctrl+Z undoes that edit, never
        an earlier, unrelated one."""
        undo = QAction(self.window)
        undo.setObjectName("actUndo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = QAction(self.window)
        redo.setObjectName("actRedo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

        def follow() -> None:
            for action, label, text, able in (
                    (undo, QT_TRANSLATE_NOOP("MainWindow", "&Undo %1"), stack.undoText(), stack.canUndo()),
                    (redo, QT_TRANSLATE_NOOP("MainWindow", "&Redo %1"), stack.redoText(), stack.canRedo())):
                words = QCoreApplication.translate("MainWindow", label).replace("%1", text).strip()
                action.setText(words)
                action.setEnabled(able)
            # The toolbar shows the short word only: its buttons never move as the step's name changes.
            undo.setIconText(QCoreApplication.translate("MainWindow", "Undo"))
            redo.setIconText(QCoreApplication.translate("MainWindow", "Redo"))

        def run(step) -> None:
            finish_pending_edit()
            step()

        undo.triggered.connect(lambda _c=False: run(stack.undo))
        redo.triggered.connect(lambda _c=False: run(stack.redo))
        for signal in (stack.indexChanged, stack.cleanChanged, stack.undoTextChanged, stack.redoTextChanged):
            signal.connect(lambda *_a: follow())
        follow()
        self.adopt(undo, QCoreApplication.translate("MainWindow", "Undo the last edit (Ctrl+Z)"))
        self.adopt(redo, QCoreApplication.translate("MainWindow", "Redo the edit undone last (Ctrl+Shift+Z)"))
        return undo, redo

    def language_menu(self, current: str) -> QMenu:
        """The Language submenu, its entry for ``current`` checked."""
        menu = QMenu(QCoreApplication.translate("MainWindow", "&Language"), self.window)
        menu.setObjectName("menuLanguage")
        group = QActionGroup(menu)
        for action_id, code in (("actFrench", "fr"), ("actEnglish", "en")):
            action = self.actions[action_id]
            action.setCheckable(True)
            action.setChecked(current == code)
            group.addAction(action)
            menu.addAction(action)
        return menu

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def update(self) -> None:
        """Evaluate every rule on the session; a disabled action's tooltip says why."""
        for action_id, spec in self.specs.items():
            if spec.rule is None:
                continue
            action = self.actions[action_id]
            enabled = bool(spec.rule(self.session))
            if action.isEnabled() != enabled:
                action.setEnabled(enabled)
            if spec.disabled_tip:
                why = spec.disabled_tip if self.session.has_project else _OPEN_FIRST
                tip = tr(spec.tip) if enabled else tr(why)
                if action.toolTip() != tip:
                    action.setToolTip(tip)
                    action.setStatusTip(tip)

    # ------------------------------------------------------------------ menus and toolbar
    def _fill(self, container, entries: Sequence[str], pieces: Mapping[str, Any]) -> None:
        for entry in entries:
            if entry == "-":
                container.addSeparator()
            elif entry.startswith("@"):
                piece = pieces[entry[1:]]
                if isinstance(piece, QMenu):
                    container.addMenu(piece)
                elif isinstance(piece, QAction):
                    container.addAction(piece)
                else:
                    container.addActions(list(piece))
            else:
                container.addAction(self.actions[entry])

    def build_menus(self, bar: QMenuBar, pieces: Mapping[str, Any]) -> dict[str, QMenu]:
        menus = {}
        for name, title, entries in MENUS:
            menu = bar.addMenu(tr(title))
            menu.setObjectName(name)
            menu.setToolTipsVisible(True)  # disabled actions say why
            self._fill(menu, entries, pieces)
            menus[name] = menu
        return menus

    def build_toolbar(self, toolbar: QToolBar, pieces: Mapping[str, Any]) -> None:
        self._fill(toolbar, TOOLBAR, pieces)
