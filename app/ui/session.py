"""The document session: the open project, the current tour, its plan, the region, the selection.

One :class:`Session` per window. It is the only holder of document state in the
interface: controllers change it, views subscribe to its typed signals and redraw
only what a signal names. The store's change notices (one per written row) are
gathered for one turn of the event loop and leave as :class:`Change` sets that
carry the tables touched and who started the edit (Anki's change sets with an
initiator), so a view can ignore the echo of its own edit.

Signals, from coarse to fine:

- ``project_changed(project | None)``: opened or closed (everything else follows).
- ``sites_changed(Change)``: the sites.
- ``tours_changed(Change)``: the list of tours or the current tour's own row.
- ``tour_changed(Change)``: what belongs to the current tour: buses, stops, groups,
  order constraints (and a switch to another tour).
- ``people_changed(Change)``: ambassadors, their sites, videos.
- ``plan_changed(plan | None)``: the current tour's plan (after a switch of tour too).
- ``region_changed(region | None)``: the road region the map and planner use.
- ``selection_changed(Selection)``: the site or stop the user picked, and where.
- ``current_tour_changed(tour id)``: another tour is shown (its rows and plan were sent first).
- ``editable_changed(bool)``: read-only or not.
- ``plan_status_changed(PlanStatus)``: the shown plan became outdated or up to date again
  (:mod:`app.services.plan_inputs`; recomputed on every change set that touches the plan's
  inputs, undo and redo included, and whenever the plan or the tour changes).
- ``edited(Change)``: every change set (the files controller checkpoints the file when idle).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from PySide6.QtCore import QObject, QTimer, Signal

from app.model.entities import Site
from app.model.plan import Plan
from app.services.plan_inputs import NO_PLAN, PlanStatus, plan_status

SITE_TABLES = frozenset({"sites"})
TOUR_LIST_TABLES = frozenset({"tours"})
TOUR_TABLES = frozenset({"buses", "stops", "participant_groups", "precedences"})
PEOPLE_TABLES = frozenset({"ambassadors", "ambassador_sites", "videos"})
PLAN_TABLES = frozenset({"plans"})
SETTINGS_TABLES = frozenset({"settings"})  # the project's road region lives there
# What a plan is computed from: a change set touching these may make the shown plan outdated.
PLAN_INPUT_TABLES = SITE_TABLES | TOUR_LIST_TABLES | TOUR_TABLES | PEOPLE_TABLES | PLAN_TABLES | SETTINGS_TABLES


@dataclass(frozen=True)
class Change:
    """Tables an edit wrote, and the object that started it (None: the store or an undo)."""

    tables: frozenset[str]
    initiator: Any = None

    def touches(self, tables: frozenset[str]) -> bool:
        return bool(self.tables & tables)


@dataclass(frozen=True)
class Selection:
    """What the user picked: a site and/or a stop, and the view they picked it in."""

    site_id: Optional[int] = None
    stop_id: Optional[int] = None
    source: Any = field(default=None, compare=False)


class Session(QObject):
    """The document state of one window (see the module docstring for its signals)."""

    project_changed = Signal(object)
    sites_changed = Signal(object)
    tours_changed = Signal(object)
    tour_changed = Signal(object)
    people_changed = Signal(object)
    plan_changed = Signal(object)
    region_changed = Signal(object)
    selection_changed = Signal(object)
    current_tour_changed = Signal(object)  # the id of the tour now shown (after its plan_changed)
    editable_changed = Signal(bool)
    plan_status_changed = Signal(object)  # PlanStatus
    edited = Signal(object)  # every change set, whatever it touched

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.project = None
        self.tour_id: Optional[int] = None
        self.plan: Optional[Plan] = None
        self.plan_status: PlanStatus = NO_PLAN
        self.region = None
        self.region_name: Optional[str] = None
        self.selection = Selection()
        self.sites_by_id: dict[int, Site] = {}
        self._pending: set[str] = set()
        self._initiator: Any = None
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)

    # ------------------------------------------------------------------ state
    @property
    def has_project(self) -> bool:
        return self.project is not None

    @property
    def editable(self) -> bool:
        return self.project is not None and not self.project.read_only

    @property
    def has_plan(self) -> bool:
        return self.plan is not None and bool(self.plan.buses)

    @property
    def plan_outdated(self) -> bool:
        """The shown plan may not match the tour any more (outdated, or saved before plans had fingerprints)."""
        return self.plan_status.stale

    def tour(self):
        """The current tour (a fresh read), or None."""
        if self.project is None or self.tour_id is None:
            return None
        return next((t for t in self.project.tours() if t.id == self.tour_id), None)

    # ------------------------------------------------------------------ lifecycle
    def open(self, project) -> None:
        """Make ``project`` the session's document (closing none: the files controller does that)."""
        self.project = project
        project.subscribe(self._store_changed)
        self.sites_by_id = {s.id: s for s in project.sites()}
        tours = project.tours()
        self.tour_id = tours[0].id if tours else None
        self.plan = project.plan(self.tour_id) if self.tour_id is not None else None
        self.region = None
        self.region_name = project.region_name
        self.selection = Selection()
        self._update_plan_status(emit=False)
        self.project_changed.emit(project)
        self.editable_changed.emit(self.editable)
        self.plan_changed.emit(self.plan)
        self.plan_status_changed.emit(self.plan_status)

    def close(self) -> None:
        """Forget the project (the caller closes the file)."""
        if self.project is None:
            return
        self.project.unsubscribe(self._store_changed)
        self._flush_timer.stop()
        self._pending.clear()
        self.project = None
        self.tour_id = None
        self.plan = None
        self.region = None
        self.region_name = None
        self.sites_by_id = {}
        self.selection = Selection()
        self.project_changed.emit(None)
        self.editable_changed.emit(False)
        self._update_plan_status()

    def set_tour(self, tour_id: Optional[int]) -> None:
        """Show another tour: its rows and its plan."""
        if tour_id == self.tour_id or self.project is None:
            return
        self.tour_id = tour_id
        self.tour_changed.emit(Change(TOUR_LIST_TABLES | TOUR_TABLES))
        self._reload_plan(force=True)
        self.current_tour_changed.emit(tour_id)

    def set_region(self, name: Optional[str], region) -> None:
        self.region_name = name
        self.region = region
        self.region_changed.emit(region)

    def set_plan(self, plan: Optional[Plan]) -> None:
        """Show ``plan`` as the current tour's (a read-only project keeps it only here)."""
        self.plan = plan
        self._update_plan_status()
        self.plan_changed.emit(plan)

    def select(self, site_id: Optional[int] = None, stop_id: Optional[int] = None, source: Any = None) -> None:
        self.selection = Selection(site_id, stop_id, source)
        self.selection_changed.emit(self.selection)

    # ------------------------------------------------------------------ change sets
    def begin_edit(self, initiator: Any) -> None:
        """The notices that follow belong to an edit started by ``initiator``."""
        self._initiator = initiator

    def _store_changed(self, table: str, _row_id: Optional[int]) -> None:
        self._pending.add(table)
        self._flush_timer.start()

    def flush(self) -> None:
        """Turn the gathered store notices into typed signals now (an edit's caller wants its rows)."""
        self._flush_timer.stop()
        tables, self._pending = frozenset(self._pending), set()
        initiator, self._initiator = self._initiator, None
        if self.project is None or not tables:
            return
        change = Change(tables, initiator)
        self.edited.emit(change)
        if change.touches(SITE_TABLES):
            self.sites_by_id = {s.id: s for s in self.project.sites()}
            self.sites_changed.emit(change)
        self._forget_deleted_selection()
        if change.touches(TOUR_LIST_TABLES):
            tours = self.project.tours()
            if self.tour_id not in {t.id for t in tours}:
                self.tour_id = tours[0].id if tours else None
            self.tours_changed.emit(change)
        if change.touches(TOUR_LIST_TABLES | TOUR_TABLES | SITE_TABLES):
            self.tour_changed.emit(change)
        if change.touches(PEOPLE_TABLES):
            self.people_changed.emit(change)
        if change.touches(PLAN_TABLES | TOUR_LIST_TABLES):
            self._reload_plan()
        if change.touches(PLAN_INPUT_TABLES):
            self._update_plan_status()

    def _forget_deleted_selection(self) -> None:
        """A site or stop deleted (or un-added by undo) is no longer selected."""
        sel = self.selection
        site_id = sel.site_id if sel.site_id in self.sites_by_id else None
        stop_id = sel.stop_id
        if stop_id is not None and (self.tour_id is None
                                    or stop_id not in {s.id for s in self.project.stops(self.tour_id)}):
            stop_id = None
        if (site_id, stop_id) != (sel.site_id, sel.stop_id):
            self.select(site_id, stop_id, sel.source)

    def refresh(self) -> None:
        """Every view shows the stored project again (after a refused edit left a form showing it)."""
        if self.project is None:
            return
        self._pending |= SITE_TABLES | TOUR_LIST_TABLES | TOUR_TABLES | PEOPLE_TABLES
        self._initiator = None
        self.flush()

    def _reload_plan(self, force: bool = False) -> None:
        plan = self.project.plan(self.tour_id) if self.project is not None and self.tour_id is not None else None
        if force or plan != self.plan:  # the window usually shows a plan before the store has it
            self.plan = plan
            self._update_plan_status()
            self.plan_changed.emit(plan)

    def _update_plan_status(self, emit: bool = True) -> None:
        """Compare the shown plan with the inputs as they are now (a few milliseconds)."""
        status = plan_status(self.project, self.tour_id, self.plan) if self.project is not None else NO_PLAN
        if status != self.plan_status:
            self.plan_status = status
            if emit:
                self.plan_status_changed.emit(status)
