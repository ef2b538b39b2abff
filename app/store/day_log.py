"""The tour day's logbook in the project file: events and the GPS track, written as they happen.

Each call is its own transaction, committed before it returns: a ``kill -9`` loses nothing
written, and with :func:`make_durable` (``synchronous = FULL``: every commit reaches the disk)
a flat battery loses at most the fix being written. The log is not undo state and tells no
listener (a fix a second would redraw every view); the tour-day console keeps its own view of
it. Rows are read back through the codec like every other table.
"""
from __future__ import annotations

from typing import Iterable, Optional

from app.store import codec
from app.store.project import Project


def make_durable(project: Project, durable: bool = True) -> None:
    """Every commit synced to disk (tour day) or, as when editing, to the write-ahead log only."""
    project._conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")


def append_events(project: Project, tour_id: int, bus_id: Optional[int], events: Iterable) -> None:
    """Write ``events`` (:class:`~app.tourday.day.DayEvent`) of bus ``bus_id`` in one commit."""
    rows = [codec.day_event_to_row(tour_id, bus_id, e) for e in events]
    if not rows:
        return
    project._ensure_writable()
    for row in rows:
        codec.check_for_write("day_events", row)
    with project._conn:
        project._conn.executemany(
            "INSERT INTO day_events (tour_id, bus_id, at, kind, stop_index, stop_id, ref, value, source) "
            "VALUES (:tour_id, :bus_id, :at, :kind, :stop_index, :stop_id, :ref, :value, :source)", rows)


def append_fix(project: Project, tour_id: int, bus_id: Optional[int], fix) -> None:
    """Write one position of the bus's track (:class:`~app.tourday.fixes.Fix`)."""
    row = codec.fix_to_row(tour_id, bus_id, fix)
    project._ensure_writable()
    codec.check_for_write("day_track", row)
    with project._conn:
        project._conn.execute(
            "INSERT INTO day_track (tour_id, bus_id, at, lon, lat, speed_mps, heading_deg) "
            "VALUES (:tour_id, :bus_id, :at, :lon, :lat, :speed_mps, :heading_deg)", row)


def _rows(project: Project, table: str, tour_id: int, bus_id: Optional[int]) -> list[dict]:
    cursor = project._conn.execute(
        f'SELECT * FROM "{table}" WHERE tour_id = ? AND bus_id IS ? ORDER BY id', (tour_id, bus_id))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def events(project: Project, tour_id: int, bus_id: Optional[int]) -> list:
    """The logged events of bus ``bus_id`` on tour ``tour_id``, in the order they happened."""
    with project._reading():
        return [codec.day_event_from_row(r) for r in _rows(project, "day_events", tour_id, bus_id)]


def track(project: Project, tour_id: int, bus_id: Optional[int]) -> list:
    """The logged fixes of bus ``bus_id`` on tour ``tour_id``, in order."""
    with project._reading():
        return [codec.fix_from_row(r) for r in _rows(project, "day_track", tour_id, bus_id)]


def has_log(project: Project, tour_id: int) -> bool:
    """True when tour ``tour_id`` has a tour-day log (a tour that ran, or a rehearsal)."""
    return project._conn.execute("SELECT 1 FROM day_events WHERE tour_id = ? LIMIT 1", (tour_id,)).fetchone() is not None


def clear(project: Project, tour_id: int, bus_id: Optional[int]) -> None:
    """Forget the log of bus ``bus_id`` on tour ``tour_id`` (start the day again, after a rehearsal)."""
    project._ensure_writable()
    with project._conn:
        for table in ("day_events", "day_track"):
            project._conn.execute(f'DELETE FROM "{table}" WHERE tour_id = ? AND bus_id IS ?', (tour_id, bus_id))
