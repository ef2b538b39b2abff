"""The way out for a project refused on opening: a clean copy of it.

:func:`clean_copy` writes a fresh project file with the current schema and copies into
it, row by row, only the rows of the tables a project has, and of those only the
columns its format defines. Every row goes through the validating codec
(:func:`app.store.codec.read_row`) first; a row that cannot be read (a damaged value, a
text over the limits, a reference to a row that is not there, a duplicate name), or one
past a table's row limit, is left out and counted. An optional reference to a row left
out (a tour's depot, a video's site) is emptied rather than losing the row. Triggers,
views, unknown tables, columns and indexes are never carried over; nothing of the
source is run or written (it is read through a read-only connection).

The copy is written beside ``target`` under a temporary name and moved into place once
it passes the same checks as any project on opening, so ``target`` is either the whole
clean copy or untouched.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from app.errors import DamagedValue, ProjectError, ProjectInUse
from app.store import codec, schema
from app.store.limits import MAX_ROWS
from app.store.lock import FileLock, LockBusy
from app.store.migrations import migrate
from app.store.project import ROW_TABLES, check_project_file, read_text
from routing.messages import Message

BATCH = 500


@dataclass
class CleanReport:
    """What :func:`clean_copy_report` did: the copy's ``path``, what of the source's schema was left out
    (``dropped``, each a Message as :class:`~app.errors.ForeignSchema` names them), and per table the rows
    ``copied``, ``skipped`` (with ``reasons``: why the first one was) and the references to rows left out
    that were emptied (``cleared``)."""

    source: Path
    path: Path
    dropped: list[Message] = field(default_factory=list)
    copied: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, Message] = field(default_factory=dict)
    cleared: dict[str, int] = field(default_factory=dict)

    @property
    def rows_skipped(self) -> int:
        return sum(self.skipped.values())

    def _skip(self, table: str, reason: Message, count: int = 1) -> None:
        self.skipped[table] = self.skipped.get(table, 0) + count
        self.reasons.setdefault(table, reason)


def clean_copy(source: Path | str, target: Path | str, *, overwrite: bool = False) -> Path:
    """Write a clean copy of the project ``source`` to ``target`` (see the module's doc); returns
    ``target``. :func:`clean_copy_report` says what was left out."""
    return clean_copy_report(source, target, overwrite=overwrite).path


def clean_copy_report(source: Path | str, target: Path | str, *, overwrite: bool = False) -> CleanReport:
    """:func:`clean_copy`, returning what it copied and what it left out.

    Raises :class:`~app.errors.ProjectError` when ``source`` is no project at all (not SQLite, not
    ours, corrupted, newer), when ``target`` is ``source`` or exists (unless ``overwrite``) or is open
    in another program, or when the copy cannot be written.
    """
    source, target = Path(source), Path(target)
    if target.exists() and target.resolve() == source.resolve():
        raise ProjectError("store.copy_onto_itself", path=str(target))
    version = check_project_file(source, validate=False)
    if target.exists():
        if not overwrite or target.is_dir():
            raise ProjectError("store.exists", file=str(target))
        busy = FileLock(target)
        try:
            busy.acquire()
        except LockBusy:
            raise ProjectInUse("store.in_use", file=str(target)) from None
        except OSError:
            pass
        busy.release()
    report = CleanReport(source=source, path=target)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        src = _open_source(source)
        try:
            out = sqlite3.connect(str(partial), isolation_level=None)
            try:
                migrate(out)
                out.execute("PRAGMA foreign_keys = ON")
                out.execute("PRAGMA trusted_schema = OFF")
                out.execute("BEGIN")
                _copy(src, out, version, report)
                out.execute("COMMIT")
            finally:
                out.close()
        finally:
            src.close()
        check_project_file(partial)  # the copy opens like any project
        for extra in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
            extra.unlink(missing_ok=True)  # SQLite would read a stale log of the old file into the new one
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise ProjectError("store.copy_failed", path=str(target), detail=str(exc)) from None
    except OSError as exc:
        raise ProjectError("store.copy_failed", path=str(target), detail=exc.strerror or str(exc)) from None
    finally:
        partial.unlink(missing_ok=True)  # gone once moved; left only by a failure
        partial.with_name(partial.name + "-journal").unlink(missing_ok=True)
    return report


def _open_source(path: Path) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"  # nothing beside it is created, nothing of it written
    conn = sqlite3.connect(uri, uri=True)
    conn.text_factory = read_text
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def _copy(src: sqlite3.Connection, out: sqlite3.Connection, version: int, report: CleanReport) -> None:
    expected = schema.expected_schema(version)
    actual = schema.read_schema(src, set(expected.tables))
    report.dropped = schema.differences(actual, expected)
    current = schema.expected_schema()
    for table in ROW_TABLES:
        report.copied[table] = 0
        if ("table", table) not in actual.objects:  # missing, or a view in its place: nothing to read
            continue
        readable = {c[1] for c in actual.columns.get(table, ()) if c[6] == 0}  # hidden: generated columns
        columns = [c for c in current.column_names(table) if c in readable]
        if columns:
            _copy_table(src, out, table, columns, report)


def _references(out: sqlite3.Connection, table: str) -> list[tuple[str, str, str, bool]]:
    """(column, parent table, parent column, nullable) of each foreign key of ``table`` in the copy."""
    nullable = {r[1]: not r[3] for r in out.execute(f'PRAGMA table_info("{table}")')}
    return [(r[3], r[2], r[4] or "rowid", nullable[r[3]]) for r in out.execute(f'PRAGMA foreign_key_list("{table}")')]


def _copy_table(src: sqlite3.Connection, out: sqlite3.Connection, table: str, columns: list[str],
                report: CleanReport) -> None:
    limit = MAX_ROWS.get(table)
    names = ", ".join(f'"{c}"' for c in columns)
    try:
        total = src.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        cursor = src.execute(f'SELECT {names} FROM "{table}"' + (f" LIMIT {limit}" if limit is not None else ""))
    except sqlite3.Error as exc:
        report._skip(table, Message("store.value.shown", value=codec.shown(str(exc))))
        return
    references = _references(out, table)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in columns)})'
    seen = 0
    while True:
        try:
            batch = cursor.fetchmany(BATCH)
        except sqlite3.Error as exc:  # the rest of the table cannot be read
            report._skip(table, Message("store.value.shown", value=codec.shown(str(exc))), max(0, total - seen))
            return
        if not batch:
            break
        for values in batch:
            seen += 1
            row = dict(zip(columns, values))
            problem = _copy_row(out, table, row, references, insert, report)
            if problem is not None:
                report._skip(table, problem)
            else:
                report.copied[table] += 1
    if total > seen:
        report._skip(table, Message("store.clean.over_limit", limit=limit or seen), total - seen)


def _copy_row(out: sqlite3.Connection, table: str, row: dict[str, Any],
              references: list[tuple[str, str, str, bool]], insert: str, report: CleanReport) -> Optional[Message]:
    """Copy one row; None when copied, else why it was left out."""
    try:
        codec.read_row(table, row)
    except DamagedValue as exc:
        return _reason(exc)
    label = codec.row_label(table, row)
    for column, parent, key, nullable in references:
        value = row.get(column)
        if value is None:
            continue
        if out.execute(f'SELECT 1 FROM "{parent}" WHERE "{key}" = ?', (value,)).fetchone() is None:
            if nullable:
                row[column] = None  # a depot, a bus, a site left out: the row stays, without it
                report.cleared[table] = report.cleared.get(table, 0) + 1
            else:
                return Message("store.clean.row", row=label, column=column,
                               detail=Message("store.value.missing_row", table=parent))
    try:
        out.execute(insert, list(row.values()))
    except sqlite3.Error as exc:  # a duplicate key or name
        return Message("store.clean.row", row=label, column="—", detail=Message("store.value.shown",
                                                                               value=codec.shown(str(exc))))
    return None


def _reason(exc: DamagedValue) -> Message:
    params = exc.message.params
    return Message("store.clean.row", row=params.get("row"), column=params.get("column"), detail=params.get("detail"))
