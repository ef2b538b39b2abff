"""Editing the project: every edit is one undo step, one transaction, started here.

Views emit what the user asked ("add a stop for this site", "these fields changed");
this controller builds the edit command (:mod:`app.services.commands`) with the
defaults of :mod:`app.services.editing`, pushes it on the undo stack, reports a
refused edit through the notifier (it never reaches the stack) and flushes the
session so the caller sees the new rows at once.
"""
from __future__ import annotations

import copy
from typing import Any, Callable, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QUndoStack

from app.errors import ProjectReadOnly
from app.model.entities import Ambassador, Bus, ParticipantGroup, Precedence, Site, Stop, Tour, VehicleSpec, Video
from app.model.rules import would_cycle
from app.services import editing as defaults
from app.services.commands import (
    AddEntity, AddMany, CallbackCommand, DeleteEntity, ProjectCommand, ReorderStops, SetPrecedence, SnapshotCommand,
    UpdateEntity, UpdateMany,
)
from app.ui import undo
from app.ui.notify import Notifier
from app.ui.session import Session
from routing.errors import UserError

# What the Undo menu calls each kind of update.
_EDIT_TEXT = {Ambassador: QT_TRANSLATE_NOOP("EditingController", "Edit ambassador"),
              Site: QT_TRANSLATE_NOOP("EditingController", "Edit site"),
              Tour: QT_TRANSLATE_NOOP("EditingController", "Edit tour"),
              Bus: QT_TRANSLATE_NOOP("EditingController", "Edit bus"),
              Stop: QT_TRANSLATE_NOOP("EditingController", "Edit stop"),
              ParticipantGroup: QT_TRANSLATE_NOOP("EditingController", "Edit group"),
              Video: QT_TRANSLATE_NOOP("EditingController", "Edit video")}


class EditingController(QObject):
    """Undoable edits of the session's project."""

    def __init__(self, session: Session, notifier: Notifier,
                 map_centre: Callable[[], Optional[tuple[float, float]]] = lambda: None,
                 parent: Optional[QObject] = None):
        """``map_centre()``: (lon, lat) of the map's centre, where "Add a site" puts a new one."""
        super().__init__(parent)
        self.session = session
        self.notifier = notifier
        self.map_centre = map_centre
        self.undo_stack = QUndoStack(self)
        # Undo and redo change the project too: their notices leave as change sets at once.
        self.undo_stack.indexChanged.connect(lambda _i: session.flush())
        session.project_changed.connect(lambda _p: self.undo_stack.clear())

    # ------------------------------------------------------------------ the one way in
    def push(self, command: ProjectCommand, initiator: Any = None) -> bool:
        """Run ``command`` as one undo step; a refused edit is reported, not stacked."""
        project = self.session.project
        if project is None:
            return False
        if project.read_only:
            self.notifier.error(ProjectReadOnly("store.read_only_no_save", path=str(project.path)))
            self.session.refresh()  # the form that asked shows the stored values again
            return False
        self.session.begin_edit(initiator)
        ok = undo.push(self.undo_stack, command)
        self.session.flush()  # redraw now, so the caller sees the new rows
        if not ok:
            self.notifier.error(command.error)
            self.session.refresh()
        return ok

    def update(self, before: Any, after: Any, initiator: Any = None) -> bool:
        """Replace an entity's fields (``before`` and ``after`` are whole copies)."""
        text = QCoreApplication.translate("EditingController", _EDIT_TEXT[type(before)])
        return self.push(UpdateEntity(self.session.project, before, after, text), initiator)

    # ------------------------------------------------------------------ sites
    def add_site(self, lon: float, lat: float, name: Optional[str] = None) -> Optional[int]:
        """Add a site at (lon, lat) degrees and select it; returns its id."""
        s = self.session
        if s.project is None:
            return None
        site = defaults.new_site(len(s.sites_by_id), lon, lat, name)
        if self.push(AddEntity(s.project, site, self.tr("Add site"))):
            s.select(site_id=site.id, source=self)
            return site.id
        return None

    def add_site_at_centre(self) -> None:
        s = self.session
        if s.project is None:
            return
        centre = self.map_centre() or defaults.place_without_map(
            list(s.sites_by_id.values()), s.region.bounds if s.region is not None else None)
        self.add_site(*centre)

    def move_site(self, site_id: int, lon: float, lat: float) -> None:
        before = self.session.sites_by_id.get(site_id)
        if self.session.project is None or before is None:
            return
        after = copy.deepcopy(before)
        after.lon, after.lat = float(lon), float(lat)
        self.push(UpdateEntity(self.session.project, before, after, self.tr("Move site")))

    def set_gate(self, site_id: int, lon: Optional[float], lat: Optional[float]) -> None:
        """Where the bus enters ``site_id`` (None, None: no gate, the bus drives to the site's position)."""
        before = self.session.sites_by_id.get(site_id)
        if self.session.project is None or before is None:
            return
        after = copy.deepcopy(before)
        after.gate_lon, after.gate_lat = (float(lon), float(lat)) if lon is not None else (None, None)
        self.push(UpdateEntity(self.session.project, before, after, self.tr("Set the bus gate")))

    def delete_site(self, site_id: int) -> None:
        if self.session.project is None or site_id not in self.session.sites_by_id:
            return
        self.push(DeleteEntity(self.session.project, Site, site_id, self.tr("Delete site")))

    def delete_selected_site(self) -> None:
        if self.session.selection.site_id is not None:
            self.delete_site(self.session.selection.site_id)

    def import_sites_dialog(self) -> None:
        s = self.session
        if not s.editable:
            return
        from app.ui.dialogs.import_sites import ImportSitesDialog

        window = self.notifier.parent()
        dialog = ImportSitesDialog(window, s.project, s.region)
        canvas = getattr(window, "canvas", None)
        if canvas is not None:  # the feature under the mouse, shown on the map
            dialog.feature_hovered.connect(lambda lon, lat: canvas.show_probe(lon, lat))
        if dialog.exec() and dialog.run is not None:
            self.import_sites(dialog.run)
        if canvas is not None:
            canvas.hide_probe()

    def import_sites(self, run: Callable[[Any], Any]) -> bool:
        """Run an import (``run(project) -> ImportReport``) on the project as one undo step."""
        project = self.session.project
        command = SnapshotCommand(project, self.tr("Import sites"), ("sites",), lambda: run(project))
        if not self.push(command):
            return False
        report = command.result
        self.notifier.status(
            self.tr("Imported: %1 added, %2 updated, %3 rows rejected.").replace("%1", str(report.added))
            .replace("%2", str(report.updated)).replace("%3", str(len(report.rejected_rows))), 8000)
        return True

    # ------------------------------------------------------------------ tours
    def new_tour(self) -> Optional[int]:
        s = self.session
        if s.project is None:
            return None
        tour, bus = defaults.new_tour(len(s.project.tours()), list(s.sites_by_id.values()))

        def link(entity, added) -> None:
            if isinstance(entity, Bus):
                entity.tour_id = added[0].id

        # The tour and its first bus are one undo step and one transaction.
        if self.push(AddMany(s.project, [tour, bus], self.tr("New tour"), link)):
            s.set_tour(tour.id)
            return tour.id
        return None

    def delete_tour(self, tour_id: int) -> None:
        if self.session.project is None:
            return
        if self.notifier.ask(self.tr("Delete this tour, its stops and its plan? (Ctrl+Z brings it back)")):
            self.push(DeleteEntity(self.session.project, Tour, tour_id, self.tr("Delete tour")))

    # ------------------------------------------------------------------ stops
    def add_stop(self, site_id: Optional[int]) -> Optional[int]:
        """Add ``site_id`` at the end of the current tour's stops (a tour is made if there is none)."""
        s = self.session
        if s.project is None or site_id not in s.sites_by_id:
            return None
        if s.tour_id is None and self.new_tour() is None:
            return None
        stop = defaults.new_stop(s.tour_id, s.sites_by_id.get(site_id), site_id, s.project.stops(s.tour_id))
        if self.push(AddEntity(s.project, stop, self.tr("Add stop"))):
            s.select(site_id=site_id, stop_id=stop.id, source=self)
            return stop.id
        return None

    def add_selected_site_as_stop(self) -> None:
        site_id = self.session.selection.site_id
        if site_id is None:
            self.notifier.status(self.tr("Select a site in the list or on the map first."), 4000)
            return
        self.add_stop(site_id)

    def remove_stop(self, stop_id: int) -> None:
        if self.session.project is not None:
            self.push(DeleteEntity(self.session.project, Stop, stop_id, self.tr("Remove stop")))

    def reorder_stops(self, order: list[int]) -> None:
        s = self.session
        if s.project is None or s.tour_id is None:
            return
        if order != [st.id for st in s.project.stops(s.tour_id)]:
            self.push(ReorderStops(s.project, s.tour_id, order, self.tr("Reorder stops")))

    def add_precedence(self, before_stop_id: int, after_stop_id: int) -> bool:
        """Require stop ``before_stop_id`` to be served before ``after_stop_id`` (one undo step)."""
        s = self.session
        if s.project is None or s.tour_id is None:
            return False
        current = s.project.precedences(s.tour_id)
        if Precedence(before_stop_id, after_stop_id) in current:
            return False
        if would_cycle(current, before_stop_id, after_stop_id):
            self.notifier.error(UserError("edit.precedence_cycle"))
            return False
        return self.push(SetPrecedence(s.project, Precedence(before_stop_id, after_stop_id), True,
                                       self.tr("Add order constraint")))

    def remove_precedence(self, before_stop_id: int, after_stop_id: int) -> bool:
        if self.session.project is None:
            return False
        return self.push(SetPrecedence(self.session.project, Precedence(before_stop_id, after_stop_id), False,
                                       self.tr("Remove order constraint")))

    # ------------------------------------------------------------------ ambassadors
    def add_ambassador(self) -> Optional[int]:
        project = self.session.project
        if project is None:
            return None
        ambassador = defaults.new_ambassador(len(project.ambassadors()))
        if self.push(AddEntity(project, ambassador, self.tr("Add ambassador"))):
            return ambassador.id
        return None

    def delete_ambassador(self, ambassador_id: int) -> None:
        if self.session.project is not None:
            self.push(DeleteEntity(self.session.project, Ambassador, ambassador_id, self.tr("Delete ambassador")))

    # ------------------------------------------------------------------ videos
    def delete_video(self, video_id: int) -> None:
        """Forget the video in the project (the file stays where it is)."""
        if self.session.project is not None:
            self.push(DeleteEntity(self.session.project, Video, video_id, self.tr("Remove video")))

    def add_videos(self, files: list[str], site_id: Optional[int], tasks) -> Any:
        """Read the files' durations in the background, then add them as one undo step; returns the task."""
        from app.services.videos import read_videos

        project = self.session.project
        if project is None or not files:
            return None
        return tasks.run(read_videos, list(files), project.folder, site_id, title=self.tr("Reading the videos"),
                         on_result=lambda videos: self.push(AddMany(project, videos, self.tr("Add videos"))))

    # ------------------------------------------------------------------ region and vehicle
    def set_region(self, name: str) -> bool:
        """Make ``name`` the project's road region (one undo step)."""
        project = self.session.project
        if project is None:
            return False
        before = project.region_name or ""
        return self.push(CallbackCommand(project, self.tr("Change region"), lambda: project.set_region_name(name),
                                         lambda: project.set_region_name(before)))

    def set_tour_vehicle(self, spec: VehicleSpec) -> bool:
        """Give every bus of the current tour the vehicle ``spec`` (one undo step)."""
        s = self.session
        if s.project is None or s.tour_id is None:
            return False
        befores = s.project.buses(s.tour_id)
        afters = [copy.deepcopy(b) for b in befores]
        for bus in afters:
            bus.vehicle = copy.deepcopy(spec)
        return self.push(UpdateMany(s.project, befores, afters, self.tr("Change bus")))

    # ------------------------------------------------------------------ buses and groups
    def add_bus(self) -> Optional[int]:
        """Add a bus (12 m coach values, 50 seats) to the current tour; returns its id."""
        s = self.session
        if s.project is None or s.tour_id is None:
            return None
        bus = defaults.new_bus(s.tour_id, len(s.project.buses(s.tour_id)))
        if self.push(AddEntity(s.project, bus, self.tr("Add bus"))):
            return bus.id
        return None

    def remove_bus(self, bus_id: int) -> None:
        """Remove a bus; its pinned stops and groups go back to "any bus" (undo restores them)."""
        s = self.session
        if s.project is None or s.tour_id is None:
            return
        if len(s.project.buses(s.tour_id)) <= 1:
            self.notifier.status(self.tr("A tour keeps at least one bus."), 4000)
            return
        self.push(DeleteEntity(s.project, Bus, bus_id, self.tr("Remove bus")))

    def add_group(self) -> Optional[int]:
        """Add a participant group; its size is the tour's participants not yet in a group (else 10)."""
        s = self.session
        tour = s.tour()
        if tour is None:
            return None
        group = defaults.new_group(tour, s.project.groups(tour.id))
        if self.push(AddEntity(s.project, group, self.tr("Add group"))):
            return group.id
        return None

    def remove_group(self, group_id: int) -> None:
        if self.session.project is not None:
            self.push(DeleteEntity(self.session.project, ParticipantGroup, group_id, self.tr("Remove group")))
