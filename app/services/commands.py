"""Undoable edits of a project, in plain Python: every change the interface makes is one of these.

The interface wraps them for Qt's undo stack (``app.ui.undo``); nothing here knows Qt.

Each command's redo and undo run as ONE project transaction, so the file on disk
always holds a whole step, never half of one (undo after a crash is not needed:
the file shows exactly the last completed step). Ids survive undo/redo: a row
brought back gets its old id, so later commands that name it stay valid.
"""
from __future__ import annotations

import logging
import sqlite3
from typing import Any, Callable, Optional

from app.model.entities import (
    Ambassador, Bus, FollowUp, Participant, ParticipantGroup, Precedence, Site, Stop, Tour, Video,
)
from app.store.project import DAY_LOG_TABLES, ROW_TABLES, Project
from app.store.refusals import sqlite_refusal
from routing.errors import UserError

log = logging.getLogger(__name__)

# Parents before children: the order rows are written back in (settings and the tour day's
# logbook are not undo state).
TABLE_ORDER = tuple(t for t in ROW_TABLES if t != "settings" and t not in DAY_LOG_TABLES)
TABLE_OF = {Site: "sites", Video: "videos", Ambassador: "ambassadors", Tour: "tours", Bus: "buses",
            Stop: "stops", ParticipantGroup: "participant_groups", Participant: "participants",
            FollowUp: "follow_ups"}


def snapshot(project: Project, tables: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
    """All rows of ``tables`` (small: a project holds hundreds of rows, not millions)."""
    return {t: project.rows(t) for t in tables}


def restore_rows(project: Project, table: str, rows: list[dict[str, Any]]) -> None:
    """Write ``rows`` back with their own keys (see :meth:`Project.restore_rows`)."""
    project.restore_rows(table, rows)


class ProjectCommand:
    """Base: ``_redo``/``_undo`` run in one transaction.

    ``text`` names the step for the Undo menu. A failed redo sets ``error`` and
    ``failed`` (the step did not happen: the undo stack must drop it).
    """

    def __init__(self, project: Project, text: str):
        self.project = project
        self.text = text
        self.error: Optional[UserError] = None
        self.failed = False

    def redo(self) -> None:
        try:
            with self.project.transaction():
                self._redo()
        except UserError as exc:
            self.error = exc
            self.failed = True
        except sqlite3.Error as exc:  # the file refused the edit (a row that vanished, a full disk...)
            log.warning("edit %r refused by the store: %s", self.text, exc)
            self.error = UserError("store.edit_refused", edit=self.text, detail=sqlite_refusal(exc))
            self.failed = True

    def undo(self) -> None:
        try:
            with self.project.transaction():
                self._undo()
        except UserError as exc:
            self.error = exc
            log.warning("undo of %r failed: %s", self.text, exc)
            raise

    def _redo(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _undo(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class AddEntity(ProjectCommand):
    """Add a site, tour, bus, stop, video, group or ambassador."""

    def __init__(self, project: Project, entity: Any, text: str):
        super().__init__(project, text)
        self.entity = entity
        self.kind = type(entity)
        self.table = TABLE_OF[self.kind]
        self._rows: Optional[dict[str, list[dict]]] = None

    def _redo(self) -> None:
        if self._rows is None:
            self.project.add(self.entity)
            tables = (self.table, "ambassador_sites") if self.kind is Ambassador else (self.table,)
            self._rows = {t: self._own_rows(t) for t in tables}
        else:  # the same row again, with its old id
            for table in TABLE_ORDER:
                if table in self._rows:
                    restore_rows(self.project, table, self._rows[table])

    def _own_rows(self, table: str) -> list[dict]:
        if table == "ambassador_sites":
            return self.project.rows(table, ambassador_id=self.entity.id)
        return self.project.rows(table, id=self.entity.id)

    def _undo(self) -> None:
        self.project.delete(self.kind, self.entity.id)

    @property
    def entity_id(self) -> Optional[int]:
        return self.entity.id


class UpdateEntity(ProjectCommand):
    """Replace an entity's fields (``before`` and ``after`` are full copies)."""

    def __init__(self, project: Project, before: Any, after: Any, text: str):
        super().__init__(project, text)
        self.before = before
        self.after = after

    def _redo(self) -> None:
        self.project.update(self.after)

    def _undo(self) -> None:
        self.project.update(self.before)


class UpdateMany(ProjectCommand):
    """Replace several entities' fields as one step (``befores`` and ``afters`` are whole copies, in pairs)."""

    def __init__(self, project: Project, befores: list, afters: list, text: str):
        super().__init__(project, text)
        self.befores, self.afters = list(befores), list(afters)

    def _redo(self) -> None:
        for entity in self.afters:
            self.project.update(entity)

    def _undo(self) -> None:
        for entity in self.befores:
            self.project.update(entity)


class DeleteEntity(ProjectCommand):
    """Delete a row and whatever the schema cascades; undo brings all of it back."""

    def __init__(self, project: Project, kind: type, entity_id: int, text: str):
        super().__init__(project, text)
        self.kind = kind
        self.entity_id = entity_id
        # Plans and day logs are large; only a tour's deletion removes them.
        self.tables = TABLE_ORDER + DAY_LOG_TABLES if kind is Tour else tuple(t for t in TABLE_ORDER if t != "plans")
        self._before: Optional[dict[str, list[dict]]] = None

    def _redo(self) -> None:
        self._before = snapshot(self.project, self.tables)
        self.project.delete(self.kind, self.entity_id)

    def _undo(self) -> None:
        assert self._before is not None
        for table in self.tables:
            restore_rows(self.project, table, self._before[table])


class ReorderStops(ProjectCommand):
    """Set the organiser's order of a tour's stops (``Stop.position``)."""

    def __init__(self, project: Project, tour_id: int, order: list[int], text: str):
        super().__init__(project, text)
        self.tour_id = tour_id
        self.order = list(order)
        self.before = {s.id: s.position for s in project.stops(tour_id)}

    def _apply(self, positions: dict[int, int]) -> None:
        for stop in self.project.stops(self.tour_id):
            if stop.id in positions and stop.position != positions[stop.id]:
                stop.position = positions[stop.id]
                self.project.update(stop)

    def _redo(self) -> None:
        self._apply({stop_id: index for index, stop_id in enumerate(self.order)})

    def _undo(self) -> None:
        self._apply(self.before)


class CallbackCommand(ProjectCommand):
    """A step given as two functions (for edits without a dedicated command)."""

    def __init__(self, project: Project, text: str, do: Callable[[], None], undo: Callable[[], None]):
        super().__init__(project, text)
        self._do, self._un = do, undo

    def _redo(self) -> None:
        self._do()

    def _undo(self) -> None:
        self._un()


class AddMany(ProjectCommand):
    """Add several entities as one step (a tour with its bus, an import of sites).

    ``link(entity, added)`` may set foreign keys from the entities added before it
    (e.g. the bus's ``tour_id``). Redo after undo writes the same rows, same ids.
    """

    def __init__(self, project: Project, entities: list, text: str,
                 link: Optional[Callable[[Any, list], None]] = None):
        super().__init__(project, text)
        self.entities = list(entities)
        self.link = link
        self._rows: Optional[dict[str, list[dict]]] = None

    def _redo(self) -> None:
        if self._rows is None:
            added: list = []
            for entity in self.entities:
                if self.link is not None:
                    self.link(entity, added)
                added.append(self.project.add(entity))
            self._rows = {}
            for entity in self.entities:
                table = TABLE_OF[type(entity)]
                self._rows.setdefault(table, []).extend(self.project.rows(table, id=entity.id))
                if isinstance(entity, Ambassador):
                    self._rows.setdefault("ambassador_sites", []).extend(
                        self.project.rows("ambassador_sites", ambassador_id=entity.id))
        else:
            for table in TABLE_ORDER:
                if table in self._rows:
                    restore_rows(self.project, table, self._rows[table])

    def _undo(self) -> None:
        for entity in reversed(self.entities):
            self.project.delete(type(entity), entity.id)


def replace_table(project: Project, table: str, rows: list[dict[str, Any]]) -> None:
    """Make ``table`` hold exactly ``rows`` (whole rows): delete the others, upsert these.

    Rows whose key stays are updated in place, not deleted: a delete would cascade to their children.
    """
    columns = project.key_columns(table)
    kept = {tuple(r[c] for c in columns) for r in rows}
    project.delete_rows(table, [r for r in project.rows(table) if tuple(r[c] for c in columns) not in kept])
    project.restore_rows(table, rows)


class SnapshotCommand(ProjectCommand):
    """An edit done by a service in one go (an import): undo/redo swap whole table states.

    ``do()`` runs once, inside the command's transaction; ``tables`` must cover
    every table it writes (the rows it adds have no children yet, so replacing
    the table cascades nothing).
    """

    def __init__(self, project: Project, text: str, tables: tuple[str, ...], do: Callable[[], Any]):
        super().__init__(project, text)
        self.tables = tables
        self._do = do
        self.result: Any = None
        self._before: Optional[dict] = None
        self._after: Optional[dict] = None

    def _redo(self) -> None:
        if self._after is None:
            self._before = snapshot(self.project, self.tables)
            self.result = self._do()
            self._after = snapshot(self.project, self.tables)
        else:
            for table in self.tables:
                replace_table(self.project, table, self._after[table])

    def _undo(self) -> None:
        assert self._before is not None
        for table in self.tables:
            replace_table(self.project, table, self._before[table])


class SetPrecedence(ProjectCommand):
    """Add (``add=True``) or remove the order constraint "stop A before stop B"."""

    def __init__(self, project: Project, precedence: Precedence, add: bool, text: str):
        super().__init__(project, text)
        self.precedence = precedence
        self.add = add

    def _apply(self, present: bool) -> None:
        if present:
            self.project.add_precedence(self.precedence)
        else:
            self.project.remove_precedence(self.precedence)

    def _redo(self) -> None:
        self._apply(self.add)

    def _undo(self) -> None:
        self._apply(not self.add)
