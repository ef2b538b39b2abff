"""The ``.zitour`` project file: one SQLite database, the single source of truth.

Opening is careful: a file that is not ours, is corrupted, comes from a newer
version or cannot be written is refused with a clear message *before* anything
is written, so it stays byte-for-byte untouched. A project is shared with partners,
so its file is untrusted input: its schema must be exactly the one its format version
defines (no trigger, view or unknown table, column or index), its tables within
:mod:`app.store.limits` and its references whole (:mod:`app.store.schema`), else it is
refused with a :class:`~app.errors.ProjectUntrusted` carrying the path, the way out being
:func:`app.store.clean.clean_copy`; every row read is checked by :mod:`app.store.codec`
(a bad value raises :class:`~app.errors.DamagedValue` naming table, row and column).
A second program opening the same project is told it is in use (an exclusive
``flock`` on the file, released by the OS even after a crash). Every edit is one
transaction; a group of edits (an import, an undo step) can share one with
:meth:`Project.transaction`.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import os
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, TypeVar

import sqlite_utils

from app.errors import DamagedValue, ProjectError, ProjectInUse, ProjectReadOnly
from app.model.entities import (
    Ambassador, Bus, FollowUp, Participant, ParticipantGroup, Precedence, Site, Stop, Tour, TourOutcome, Video,
)
from app.model.plan import Plan
from app.store import codec, schema
from app.store.lock import FileLock, LockBusy
from app.store.migrations import APPLICATION_ID, CURRENT_VERSION, migrate, schema_version

SQLITE_MAGIC = b"SQLite format 3\x00"
SUFFIX = ".zitour"

log = logging.getLogger(__name__)

# Text that is not UTF-8 (a flipped byte) is read, not raised on by the driver: the codec then
# refuses it by table, row and column (its undecodable bytes are lone surrogates).
read_text = functools.partial(str, encoding="utf-8", errors="surrogateescape")

E = TypeVar("E")
Listener = Callable[[str, Optional[int]], None]

# entity type -> (table, to_row, from_row)
_TABLES: dict[type, tuple[str, Callable[[Any], dict], Callable[[dict], Any]]] = {
    Site: ("sites", codec.site_to_row, codec.site_from_row),
    Video: ("videos", codec.video_to_row, codec.video_from_row),
    Tour: ("tours", codec.tour_to_row, codec.tour_from_row),
    Bus: ("buses", codec.bus_to_row, codec.bus_from_row),
    Stop: ("stops", codec.stop_to_row, codec.stop_from_row),
    ParticipantGroup: ("participant_groups", codec.group_to_row, codec.group_from_row),
    Participant: ("participants", codec.participant_to_row, codec.participant_from_row),
    FollowUp: ("follow_ups", codec.follow_up_to_row, codec.follow_up_from_row),
}

# Every table the generic row API (:meth:`Project.rows` and friends) may touch, parents
# before children: the order rows are written back in so foreign keys always find their target.
ROW_TABLES: tuple[str, ...] = ("settings", "sites", "videos", "ambassadors", "ambassador_sites", "tours", "buses",
                               "stops", "participant_groups", "participants", "follow_ups", "tour_outcomes",
                               "precedences", "plans", "day_events", "day_track")
# The tour day's logbook: written as it happens, never undone (a tour's deletion takes it along).
DAY_LOG_TABLES: tuple[str, ...] = ("day_events", "day_track")


def _in_use(path: Path) -> Exception:
    return ProjectInUse("store.in_use", file=str(path))


def _writable(path: Path) -> bool:
    """True if ``path`` can be written *and* is not marked read-only.

    ``os.access`` alone says yes to root for a ``chmod 0444`` file; the mode's
    write bits say what the user meant, so both must agree.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def check_project_file(path: Path, validate: bool = True) -> int:
    """Check, without writing anything, that ``path`` is a project we can open.

    Returns its schema version. Raises :class:`ProjectError` naming the file and
    the reason otherwise. With ``validate`` (opening always does) the file is also held to
    its format (:func:`app.store.schema.validate`: schema, limits, references), raising a
    :class:`~app.errors.ProjectUntrusted` subclass; :func:`app.store.clean.clean_copy` reads a
    file that fails only that.
    """
    name = str(path)
    if not path.exists():
        raise ProjectError("file.no_such_file", file=name)
    if path.is_dir():
        raise ProjectError("store.is_folder", file=name)
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ProjectError("store.unreadable", file=name, detail=str(exc.strerror))
    if head != SQLITE_MAGIC:
        raise ProjectError("store.not_sqlite", file=name)
    # immutable=1: SQLite creates no journal, WAL or lock file and writes nothing. But when a
    # -wal file exists (the project is open elsewhere, or a crash left it) the latest
    # commits, maybe even the schema and application id, live there: read through it.
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        conn.text_factory = read_text
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise ProjectError("store.foreign_sqlite", file=name)
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise ProjectError("store.corrupted", file=name, detail=str(check))
            if version > CURRENT_VERSION:
                raise ProjectError("store.newer_format", file=name, version=version, supported=CURRENT_VERSION)
            if validate:
                # At the file's own version, before a migration (or anything else) writes to it.
                schema.validate(conn, version, name)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ProjectError("store.corrupted", file=name, detail=str(exc))
    except UnicodeDecodeError:  # SQLite's own report of the damage holds bytes that are no text
        raise ProjectError("store.corrupted", file=name, detail="quick_check") from None
    return version


class Project:
    """An open ``.zitour`` project. Use :meth:`create` or :meth:`open`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: Optional[FileLock], read_only: bool):
        self.path = path
        self.read_only = read_only
        self._conn = conn
        self._lock = lock
        conn.text_factory = read_text
        self.db = sqlite_utils.Database(conn)
        self._damaged_plans_logged: set[int] = set()
        self._listeners: list[Listener] = []
        self._depth = 0
        self._pending: list[tuple[str, Optional[int]]] = []

    # -- opening and closing --------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, overwrite: bool = False) -> "Project":
        """Create a new, empty project at ``path``."""
        path = Path(path)
        if path.exists():
            if not overwrite:
                raise ProjectError("store.exists", file=str(path))
            # Never delete a project another program has open (it would keep writing to a ghost file).
            if path.is_file():
                busy = FileLock(path)
                try:
                    busy.acquire()
                except LockBusy:
                    raise _in_use(path) from None
                except OSError:
                    pass  # unreadable: unlink below decides
                busy.release()
            path.unlink()
            for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                extra.unlink(missing_ok=True)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise ProjectError("store.cannot_create", file=str(path), detail=str(exc))
        lock = FileLock(path)
        lock.acquire()
        cls._configure(conn)
        migrate(conn)
        project = cls(path, conn, lock, read_only=False)
        project.set_setting("created_at", dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
        return project

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False) -> "Project":
        """Open an existing project, migrating its schema forward if needed.

        Raises :class:`ProjectInUse` when another program has it open,
        :class:`ProjectReadOnly` when it cannot be written (retry with
        ``read_only=True``), a :class:`~app.errors.ProjectUntrusted` (``.path`` set) when
        the file is not what its format defines — :class:`~app.errors.ForeignSchema` (a
        trigger, a view, an unknown table, column or index, a changed table),
        :class:`~app.errors.ProjectTooLarge`, :class:`~app.errors.DamagedValue` (a reference
        to a missing row) — checked before anything is written, migrations included (offer
        :func:`app.store.clean.clean_copy`), :class:`ProjectError` for anything else.
        """
        path = Path(path)
        if read_only:
            version = check_project_file(path)
            uri = f"{path.resolve().as_uri()}?mode=ro"
            wal = path.with_name(path.name + "-wal")
            if not os.access(path.parent, os.W_OK) or not wal.exists():
                # WAL readers need to create -shm; a read-only folder forbids it. And with no
                # -wal file nobody is writing the project: reading it as immutable leaves no
                # -wal/-shm files behind (a read-only connection cannot delete them on close).
                uri += "&immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            if version < CURRENT_VERSION:
                # An older format is read through an up-to-date copy in memory: the file
                # itself is never migrated (nor touched) by a read-only open.
                memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                conn.backup(memory)
                conn.close()
                migrate(memory)
                conn = memory
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA trusted_schema = OFF")
            return cls(path, conn, None, read_only=True)
        # Lock first: "in use" is the true reason when another program has it, and the
        # checks below then never read a file that program is writing.
        lock: Optional[FileLock] = None
        if path.is_file():
            lock = FileLock(path)
            try:
                lock.acquire()
            except LockBusy:
                raise _in_use(path) from None
            except OSError:
                lock = None  # unreadable: check_project_file says why
        try:
            check_project_file(path)
            if not _writable(path) or not _writable(path.parent):
                raise ProjectReadOnly("store.read_only_file", file=str(path))
            if lock is None:  # pragma: no cover - the check above reads the file, so it can be locked
                lock = FileLock(path)
                lock.acquire()
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            cls._configure(conn)
            migrate(conn)
        except sqlite3.Error as exc:
            if lock is not None:
                lock.release()
            raise ProjectError("store.cannot_open", file=str(path), detail=str(exc))
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(path, conn, lock, read_only=False)

    @staticmethod
    def _configure(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA trusted_schema = OFF")  # the schema was checked; this is one more fence
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed edit
        conn.execute("PRAGMA busy_timeout = 2000")
        # a deleted row's bytes are overwritten, not left in free pages: removing a participant
        # removes their name from the file (the project holds personal data)
        conn.execute("PRAGMA secure_delete = ON")

    def checkpoint(self) -> None:
        """Move every committed edit from the write-ahead log into the ``.zitour`` file itself,
        so a copy of that one file taken now holds them (the app calls it when idle)."""
        if self._conn is not None and not self.read_only:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Checkpoint the WAL into the file and release the lock."""
        if self._conn is None:
            return
        try:
            if not self.read_only:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self._conn)

    @property
    def folder(self) -> Path:
        """The folder relative paths (videos) are resolved against."""
        return self.path.resolve().parent

    # -- change notification and transactions -----------------------------------
    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(table, id)`` after each committed change (id None: many rows)."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    @contextlib.contextmanager
    def transaction(self) -> Iterator["Project"]:
        """Group edits into one transaction (nested calls share the outer one)."""
        self._ensure_writable()
        self._depth += 1
        try:
            with self.db.atomic():
                yield self
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._pending.clear()
            raise
        self._depth -= 1
        if self._depth == 0:
            pending, self._pending = self._pending, []
            for table, row_id in pending:
                for listener in list(self._listeners):
                    listener(table, row_id)

    def _changed(self, table: str, row_id: Optional[int]) -> None:
        self._pending.append((table, row_id))

    def _ensure_writable(self) -> None:
        if self.read_only:
            raise ProjectReadOnly("store.opened_read_only", file=str(self.path))

    # -- copies ----------------------------------------------------------------
    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the whole project in one file at ``target`` (SQLite's backup API:
        edits still in the write-ahead log are included); ``target`` must not be open."""
        target = Path(target)
        source = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
        return target

    # -- reading through the codec ---------------------------------------------------
    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """A damaged value read inside names this project's file."""
        try:
            yield
        except DamagedValue as exc:
            if exc.path is None:
                raise exc.in_file(self.path) from None
            raise

    # -- settings ------------------------------------------------------------
    def setting(self, key: str, default: Optional[str] = None) -> Optional[str]:
        row = self._conn.execute("SELECT key, value FROM settings WHERE key = ?", (key,)).fetchone()
        if not row:
            return default
        with self._reading():
            return codec.setting_from_row({"key": row[0], "value": row[1]})

    def set_setting(self, key: str, value: str) -> None:
        codec.check_for_write("settings", {"key": key, "value": value})
        with self.transaction():
            self.db["settings"].upsert({"key": key, "value": value}, pk="key")
            self._changed("settings", None)

    @property
    def region_name(self) -> Optional[str]:
        """The road region (name or compiled file) the project plans on."""
        return self.setting("region")

    def set_region_name(self, name: str) -> None:
        """Plan this project on the road region ``name`` ("" for none)."""
        self.set_setting("region", name)

    # -- generic entity access ---------------------------------------------------
    def add(self, entity: E) -> E:
        """Insert ``entity`` and set its ``id``; returns it."""
        if isinstance(entity, Ambassador):
            return self._add_ambassador(entity)  # type: ignore[return-value]
        table, to_row, _ = _TABLES[type(entity)]
        row = to_row(entity)
        codec.check_for_write(table, row)
        with self.transaction():
            entity.id = self.db[table].insert(row).last_pk  # type: ignore[attr-defined]
            self._changed(table, entity.id)  # type: ignore[attr-defined]
        return entity

    def update(self, entity: Any) -> None:
        """Write ``entity``'s fields over its row."""
        if entity.id is None:
            raise ValueError("cannot update an entity that was never added")
        if isinstance(entity, Ambassador):
            self._update_ambassador(entity)
            return
        table, to_row, _ = _TABLES[type(entity)]
        row = to_row(entity)
        codec.check_for_write(table, row)
        with self.transaction():
            self.db[table].update(entity.id, row)
            self._changed(table, entity.id)

    def delete(self, kind: type, entity_id: int) -> None:
        """Delete one row; dependent rows follow the schema's foreign keys."""
        table = "ambassadors" if kind is Ambassador else _TABLES[kind][0]
        with self.transaction():
            if kind is Stop:
                self._leave_programmes(entity_id)
            self.db[table].delete(entity_id)
            self._changed(table, entity_id)

    def _leave_programmes(self, stop_id: int) -> None:
        """A deleted stop leaves every group's programme (a new stop may get its id again)."""
        rows = self._conn.execute("SELECT tour_id FROM stops WHERE id = ?", (stop_id,)).fetchall()
        if not rows:
            return
        for g in self.groups(rows[0][0]):
            if stop_id in g.visits or stop_id in g.choices:
                g.visits = [i for i in g.visits if i != stop_id]
                g.choices = [i for i in g.choices if i != stop_id]
                self.update(g)

    def get(self, kind: type[E], entity_id: int) -> E:
        if kind is Ambassador:
            found = self.ambassadors(ids=[entity_id])
            if not found:
                raise KeyError(entity_id)
            return found[0]  # type: ignore[return-value]
        table, _, from_row = _TABLES[kind]
        rows = list(self.db[table].rows_where("id = ?", [entity_id]))
        if not rows:
            raise KeyError(entity_id)
        with self._reading():
            return from_row(rows[0])

    def _list(self, kind: type[E], where: Optional[str] = None, args: Optional[list] = None, order: str = "id") -> list[E]:
        table, _, from_row = _TABLES[kind]
        # every row fetched first: a damaged one raises with no statement left open (it would block checkpoints)
        rows = list(self.db[table].rows_where(where, args or [], order_by=order))
        with self._reading():
            return [from_row(r) for r in rows]

    # -- typed lists -------------------------------------------------------------
    def sites(self) -> list[Site]:
        return self._list(Site, order="name COLLATE NOCASE, id")

    def videos(self, site_id: Optional[int] = None) -> list[Video]:
        if site_id is None:
            return self._list(Video)
        return self._list(Video, "site_id = ?", [site_id])

    def tours(self) -> list[Tour]:
        return self._list(Tour, order="date, name")

    def tour_by_name(self, name: str) -> Tour:
        found = self._list(Tour, "name = ?", [name])
        if not found:
            names = [t.name for t in self.tours()] or "—"
            raise ProjectError("store.no_tour_named", tour=name, file=self.path.name, tours=names)
        return found[0]

    def buses(self, tour_id: int) -> list[Bus]:
        return self._list(Bus, "tour_id = ?", [tour_id])

    def stops(self, tour_id: int) -> list[Stop]:
        return self._list(Stop, "tour_id = ?", [tour_id], order="position, id")

    def groups(self, tour_id: int) -> list[ParticipantGroup]:
        return self._list(ParticipantGroup, "tour_id = ?", [tour_id])

    def participants(self, tour_id: int) -> list[Participant]:
        """The tour's named participants, in the order they were registered."""
        return self._list(Participant, "tour_id = ?", [tour_id])

    def follow_ups(self, tour_id: Optional[int] = None) -> list[FollowUp]:
        """Every follow-up of the project (``tour_id``: that tour's), by date."""
        if tour_id is None:
            return self._list(FollowUp, order="on_date, id")
        return self._list(FollowUp, "tour_id = ?", [tour_id], order="on_date, id")

    # -- what happened on a tour (one row per tour) -------------------------------
    def outcome(self, tour_id: int) -> TourOutcome:
        """The tour's recorded outcome (an empty one when nothing was recorded)."""
        rows = list(self.db["tour_outcomes"].rows_where("tour_id = ?", [tour_id]))
        if not rows:
            return TourOutcome(tour_id=tour_id)
        with self._reading():
            return codec.outcome_from_row(rows[0])

    def set_outcome(self, outcome: TourOutcome) -> None:
        row = codec.outcome_to_row(outcome)
        codec.check_for_write("tour_outcomes", row)
        with self.transaction():
            self.db["tour_outcomes"].upsert(row, pk="tour_id")
            self._changed("tour_outcomes", outcome.tour_id)

    def vacuum(self) -> None:
        """Rewrite the file without its free pages, so deleted rows (erased names) leave no trace
        in it; the write-ahead log is folded in first."""
        self._ensure_writable()
        self.checkpoint()
        self._conn.execute("VACUUM")
        # The vacuumed pages reach the file only once the log is folded in; a reader elsewhere (a
        # planning job) holds the fold back: wait for it a little, then say so rather than pretend.
        for _ in range(50):
            busy, _log, _done = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return
            time.sleep(0.1)
        raise ProjectError("store.vacuum_busy", file=str(self.path))

    def ambassadors(self, ids: Optional[list[int]] = None) -> list[Ambassador]:
        if ids is None:
            rows = list(self.db["ambassadors"].rows_where(order_by="name COLLATE NOCASE, id"))
        else:
            marks = ",".join("?" * len(ids))
            rows = list(self.db["ambassadors"].rows_where(f"id IN ({marks})", ids))
        links: dict[int, set[int]] = {}
        with self._reading():
            for amb_id, site_id in self._conn.execute("SELECT ambassador_id, site_id FROM ambassador_sites").fetchall():
                amb_id, site_id = codec.ambassador_site_from_row({"ambassador_id": amb_id, "site_id": site_id})
                links.setdefault(amb_id, set()).add(site_id)
            return [codec.ambassador_from_row(r, links.get(r["id"], set())) for r in rows]

    def _add_ambassador(self, amb: Ambassador) -> Ambassador:
        row = codec.ambassador_to_row(amb)
        codec.check_for_write("ambassadors", row)
        with self.transaction():
            amb.id = self.db["ambassadors"].insert(row).last_pk
            self._write_ambassador_sites(amb)
            self._changed("ambassadors", amb.id)
        return amb

    def _update_ambassador(self, amb: Ambassador) -> None:
        row = codec.ambassador_to_row(amb)
        codec.check_for_write("ambassadors", row)
        with self.transaction():
            self.db["ambassadors"].update(amb.id, row)
            self._conn.execute("DELETE FROM ambassador_sites WHERE ambassador_id = ?", (amb.id,))
            self._write_ambassador_sites(amb)
            self._changed("ambassadors", amb.id)

    def _write_ambassador_sites(self, amb: Ambassador) -> None:
        rows = [{"ambassador_id": amb.id, "site_id": s} for s in sorted(amb.site_ids)]
        if rows:
            self.db["ambassador_sites"].insert_all(rows)

    # -- precedences --------------------------------------------------------------
    def precedences(self, tour_id: int) -> list[Precedence]:
        rows = self._conn.execute(
            "SELECT p.before_stop_id, p.after_stop_id FROM precedences p JOIN stops s ON s.id = p.before_stop_id "
            "WHERE s.tour_id = ? ORDER BY p.rowid",
            (tour_id,),
        ).fetchall()
        with self._reading():
            return [codec.precedence_from_row({"before_stop_id": a, "after_stop_id": b}) for a, b in rows]

    def add_precedence(self, precedence: Precedence) -> None:
        with self.transaction():
            self.db["precedences"].insert(
                {"before_stop_id": precedence.before_stop_id, "after_stop_id": precedence.after_stop_id},
                ignore=True,
            )
            self._changed("precedences", None)

    def remove_precedence(self, precedence: Precedence) -> None:
        with self.transaction():
            self._conn.execute(
                "DELETE FROM precedences WHERE before_stop_id = ? AND after_stop_id = ?",
                (precedence.before_stop_id, precedence.after_stop_id),
            )
            self._changed("precedences", None)

    # -- plans --------------------------------------------------------------------
    def save_plan(self, plan: Plan) -> None:
        """Store ``plan`` as the tour's current plan (JSON text); refused (``store.value_refused``) when it
        could not be read back (:meth:`plan` would call it damaged)."""
        row = {
            "tour_id": plan.tour_id,
            "computed_at": plan.computed_at.isoformat(),
            "plan": json.dumps(plan.to_json_dict(), ensure_ascii=False),
        }
        codec.check_for_write("plans", row)
        with self.transaction():
            self.db["plans"].upsert(row, pk="tour_id")
            self._changed("plans", plan.tour_id)

    def plan(self, tour_id: int) -> Optional[Plan]:
        """The tour's stored plan; None when it has none *or its stored plan cannot be read*.

        A damaged plan (a flipped byte in a time, JSON that does not parse, a NaN duration) is
        only a computed result: it must not stop the project from opening, being listed or
        re-planned (planning again replaces it). It is logged once; :meth:`plan_damage` says
        why, for whoever wants to tell the user.
        """
        try:
            return self._stored_plan(tour_id)
        except DamagedValue as exc:
            if tour_id not in self._damaged_plans_logged:
                self._damaged_plans_logged.add(tour_id)
                log.warning("ignoring the stored plan of tour %s: %s", tour_id, exc)
            return None

    def plan_damage(self, tour_id: int) -> Optional[DamagedValue]:
        """Why the tour's stored plan cannot be read (:meth:`plan` then gives None), None when it can or
        there is none."""
        try:
            self._stored_plan(tour_id)
        except DamagedValue as exc:
            return exc
        return None

    def _stored_plan(self, tour_id: int) -> Optional[Plan]:
        row = self._conn.execute("SELECT tour_id, plan FROM plans WHERE tour_id = ?", (tour_id,)).fetchone()
        if row is None:
            return None
        with self._reading():
            return codec.plan_from_row({"tour_id": row[0], "plan": row[1]})

    def delete_plan(self, tour_id: int) -> None:
        with self.transaction():
            self._conn.execute("DELETE FROM plans WHERE tour_id = ?", (tour_id,))
            self._changed("plans", tour_id)

    # -- raw rows (undo snapshots) -------------------------------------------------
    # Undo needs to put back rows exactly as they were, ids included, whatever entity they
    # belong to; these three methods are the only SQL the interface gets, and they accept
    # only known table and column names (names cannot be bound as SQL parameters).
    def _columns(self, table: str) -> list[str]:
        if table not in ROW_TABLES:
            raise ValueError(f"unknown table {table!r} (known: {', '.join(ROW_TABLES)})")
        return [r[1] for r in self._conn.execute(f'PRAGMA table_info("{table}")')]

    def key_columns(self, table: str) -> list[str]:
        """The primary-key columns of ``table`` in key order (every row table declares one)."""
        self._columns(table)
        info = [r for r in self._conn.execute(f'PRAGMA table_info("{table}")') if r[5]]
        return [r[1] for r in sorted(info, key=lambda r: r[5])]

    def rows(self, table: str, **equal: Any) -> list[dict[str, Any]]:
        """The raw rows of ``table`` (column name -> stored value), in primary-key order.

        Keyword arguments keep the rows whose column equals the value
        (``rows("stops", tour_id=3)``); no SQL comes from the caller. ``table`` must
        be one of :data:`ROW_TABLES` and each keyword one of its columns (ValueError otherwise).
        """
        columns = self._columns(table)
        unknown = sorted(set(equal) - set(columns))
        if unknown:
            raise ValueError(f"{table} has no column {', '.join(unknown)}")
        order = ", ".join(f'"{k}"' for k in self.key_columns(table))
        where = " AND ".join(f'"{c}" = ?' for c in equal)
        sql = f'SELECT * FROM "{table}"' + (f" WHERE {where}" if where else "") + f" ORDER BY {order}"
        cursor = self._conn.execute(sql, list(equal.values()))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values)) for values in cursor.fetchall()]

    def restore_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Write ``rows`` (as returned by :meth:`rows`) back with their own keys.

        Missing rows are inserted with their old ids, present ones get the given
        values. An UPSERT, never ``INSERT OR REPLACE``: a replace deletes the row
        first, which fires the ``ON DELETE CASCADE`` keys and wipes its children.
        Listeners hear ``(table, None)`` once the transaction commits.
        """
        if not rows:
            return
        columns = set(self._columns(table))
        keys = self.key_columns(table)
        with self.transaction():
            groups: dict[tuple[str, ...], list[dict]] = {}
            for row in rows:
                groups.setdefault(tuple(row), []).append(row)
            for cols, group in groups.items():
                unknown = [c for c in cols if c not in columns]
                if unknown:
                    raise ValueError(f"{table} has no column {unknown[0]!r}")
                if not set(keys) <= set(cols):
                    raise ValueError(f"rows of {table} must carry their key ({', '.join(keys)})")
                names = ", ".join(f'"{c}"' for c in cols)
                marks = ", ".join("?" for _ in cols)
                sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c not in keys)
                conflict = ", ".join(f'"{k}"' for k in keys)
                sql = (f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT({conflict}) '
                       + (f"DO UPDATE SET {sets}" if sets else "DO NOTHING"))
                self._conn.executemany(sql, [[r[c] for c in cols] for r in group])
            self._changed(table, None)

    def delete_rows(self, table: str, keys: list[dict[str, Any]]) -> None:
        """Delete the rows of ``table`` whose primary key is in ``keys``.

        Each item holds at least the key columns (whole rows from :meth:`rows` do);
        the schema's foreign keys cascade as for any delete.
        """
        if not keys:
            return
        key_cols = self.key_columns(table)
        where = " AND ".join(f'"{k}" = ?' for k in key_cols)
        with self.transaction():
            self._conn.executemany(f'DELETE FROM "{table}" WHERE {where}', [[k[c] for c in key_cols] for k in keys])
            self._changed(table, None)

    def verify_rows(self) -> None:
        """Read every row of every table through the codec; raise the first
        :class:`~app.errors.DamagedValue` (naming this file, table, row and column).

        Opening checks the schema, the limits and the references, not each value (that would
        read the whole file); the lists raise when they meet a damaged row. Call this right after
        opening to learn at once whether a clean copy is needed. Stored plans are left out: a
        damaged plan is no plan (:meth:`plan`).
        """
        with self._reading():
            for table in ROW_TABLES:
                if table == "plans":
                    continue
                cursor = self._conn.execute(f'SELECT * FROM "{table}"')
                names = [d[0] for d in cursor.description]
                while batch := cursor.fetchmany(500):
                    for values in batch:
                        try:
                            codec.read_row(table, dict(zip(names, values)))
                        except DamagedValue:
                            cursor.close()
                            raise

    # -- summary --------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Row counts of the main tables, for ``zitour info`` and the status bar."""
        tables = ("sites", "tours", "buses", "stops", "ambassadors", "videos", "plans")
        return {t: self._conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
