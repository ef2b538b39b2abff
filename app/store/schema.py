"""What a project file must be before anything reads it: its format's schema, within the limits.

A shared project is untrusted input. SQLite runs what a file's schema says: a trigger
fires on the user's own edits (deleting every ambassador, growing the file, failing
every save; ``PRAGMA trusted_schema=OFF`` does not stop it), a view in place of a table
makes every read run for minutes. So opening compares the file's schema with the one
its format version defines, built by running the migrations on an in-memory database
(:func:`expected_schema`): every ``sqlite_master`` entry (type, name, table, the SQL of
tables and indexes with its white space normalised) and every table's columns
(``PRAGMA table_xinfo``). Anything else — a trigger, a view, a table, column or index
the format does not have, a changed ``CREATE`` (an added ``CHECK``), a missing table —
is refused with :class:`~app.errors.ForeignSchema` naming it. Then the file's size is
checked cheaply against :mod:`app.store.limits` (``COUNT(*)`` per table, then
``MAX(LENGTH(column))`` per text column in one pass), and its references
(``PRAGMA foreign_key_check``). All of it reads only, on a read-only connection.
"""
from __future__ import annotations

import functools
import re
import sqlite3
from dataclasses import dataclass
from typing import Optional

from app.errors import ForeignSchema, ProjectTooLarge
from app.store import codec
from app.store.limits import MAX_ROWS, max_text
from app.store.migrations import CURRENT_VERSION, migrate
from routing.messages import Message

MAX_NAMED = 6  # schema differences a message names (then "and N more")


def normalised_sql(sql: Optional[str]) -> Optional[str]:
    """``sql`` with its white space made canonical (SQLite keeps a CREATE as it was typed, and
    ``ALTER TABLE ADD COLUMN`` splices text into it)."""
    if sql is None:
        return None
    sql = re.sub(r"\s+", " ", sql).strip()
    return re.sub(r"\s*([(),])\s*", r"\1", sql)


@dataclass(frozen=True)
class Schema:
    """A schema as compared: ``objects`` (type, name) -> (table, normalised SQL), ``columns`` per table."""

    objects: dict[tuple[str, str], tuple[str, Optional[str]]]
    columns: dict[str, tuple[tuple, ...]]

    @property
    def tables(self) -> list[str]:
        return [name for kind, name in self.objects if kind == "table"]

    def column_names(self, table: str) -> list[str]:
        return [c[1] for c in self.columns.get(table, ())]


def read_schema(conn: sqlite3.Connection, tables: Optional[set[str]] = None) -> Schema:
    """``conn``'s schema; the columns of ``tables`` only when given (the tables a format has: an unknown
    table is reported by its name, its columns are never asked)."""
    objects: dict[tuple[str, str], tuple[str, Optional[str]]] = {}
    for kind, name, table, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"):
        objects[(str(kind), str(name))] = (str(table), normalised_sql(sql) if kind in ("table", "index") else sql)
    columns = {}
    for kind, name in objects:
        if kind == "table" and (tables is None or name in tables):
            quoted = name.replace('"', '""')
            columns[name] = tuple(tuple(r) for r in conn.execute(f'PRAGMA table_xinfo("{quoted}")'))
    return Schema(objects, columns)


@functools.lru_cache(maxsize=None)
def expected_schema(version: int = CURRENT_VERSION) -> Schema:
    """The schema format ``version`` defines: the migrations run on an in-memory database."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, target=version)
        return read_schema(conn)
    finally:
        conn.close()


def _object(kind: str, name: str) -> Message:
    """"trigger plans_wipe", "view stops"...: a schema object as a message names it."""
    name = codec.shown(name)
    if kind == "table":
        return Message("store.schema.table", name=name)
    if kind == "view":
        return Message("store.schema.view", name=name)
    if kind == "trigger":
        return Message("store.schema.trigger", name=name)
    if kind == "index":
        return Message("store.schema.index", name=name)
    return Message("store.schema.object", kind=codec.shown(kind), name=name)


def differences(actual: Schema, expected: Schema) -> list[Message]:
    """What ``actual`` has that ``expected`` has not, and what it lacks or changed, each named."""
    found: list[Message] = []
    for (kind, name), (table, sql) in actual.objects.items():
        if (kind, name) not in expected.objects:
            found.append(_object(kind, name))
    for (kind, name), (table, sql) in expected.objects.items():
        if (kind, name) not in actual.objects:
            # an index of a missing table goes without saying (and SQLite's own automatic indexes
            # follow their table's definition: named when the table differs)
            if kind == "table" or (("table", table) in actual.objects and not name.startswith("sqlite_autoindex_")):
                found.append(Message("store.schema.missing", what=_object(kind, name)))
            continue
        if actual.objects[(kind, name)] == (table, sql) and actual.columns.get(name) == expected.columns.get(name):
            continue
        if kind != "table":
            found.append(Message("store.schema.changed", what=_object(kind, name)))
            continue
        have, want = actual.column_names(name), expected.column_names(name)
        extra = [c for c in have if c not in want]
        lacking = [c for c in want if c not in have]
        found += [Message("store.schema.column", table=name, column=codec.shown(c)) for c in extra]
        found += [Message("store.schema.missing", what=Message("store.schema.column", table=name, column=c))
                  for c in lacking]
        if not extra and not lacking:  # same columns, another definition: a CHECK, a type, a default...
            found.append(Message("store.schema.changed", what=_object(kind, name)))
    return found


def check_schema(conn: sqlite3.Connection, version: int, file: str) -> None:
    """Raise :class:`ForeignSchema` unless ``conn``'s schema is exactly format ``version``'s."""
    expected = expected_schema(version)
    found = differences(read_schema(conn, set(expected.tables)), expected)
    if found:
        named: list[Message] = found[:MAX_NAMED]
        if len(found) > MAX_NAMED:
            named.append(Message("store.schema.more", count=len(found) - MAX_NAMED))
        raise ForeignSchema(Message("store.foreign_schema", file=file, what=named), path=file)


def text_columns(table: str, version: int = CURRENT_VERSION) -> list[str]:
    return [c[1] for c in expected_schema(version).columns[table] if str(c[2]).upper() == "TEXT"]


def check_limits(conn: sqlite3.Connection, version: int, file: str) -> None:
    """Raise :class:`ProjectTooLarge` when a table has more rows, or a text column a longer value,
    than :mod:`app.store.limits` allows (a file whose schema :func:`check_schema` accepted)."""
    tables = expected_schema(version).tables
    for table in tables:  # counts first: a table of millions of rows is refused before it is read
        count = conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        limit = MAX_ROWS.get(table)
        if limit is not None and count > limit:
            raise ProjectTooLarge(Message("store.too_many_rows", file=file, table=table, count=count, limit=limit),
                                  path=file)
    for table in tables:
        columns = text_columns(table, version)
        if not columns:
            continue
        lengths = conn.execute("SELECT " + ", ".join(f'MAX(LENGTH("{c}"))' for c in columns)
                               + f' FROM "{table}"').fetchone()
        for column, length in zip(columns, lengths):
            limit = max_text(table, column)
            if length is not None and length > limit:
                raise ProjectTooLarge(Message("store.text_too_long", file=file, table=table, column=column,
                                              length=length, limit=limit), path=file)


def check_references(conn: sqlite3.Connection, file: str) -> None:
    """Raise :class:`~app.errors.DamagedValue` for a row naming a row that does not exist (the app
    always writes with foreign keys on; a file written otherwise may hold such rows)."""
    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    if broken is None:
        return
    table, rowid, parent, fk = broken
    column = "?"
    for row in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
        if row[0] == fk:
            column = row[3]
    keys = codec.KEYS.get(table, ("id",))
    key_row = conn.execute(f'SELECT {", ".join(keys)} FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
    row_label = codec.row_label(table, dict(zip(keys, key_row))) if key_row else str(rowid)
    raise codec.damaged(table, row_label, column, Message("store.value.missing_row", table=parent)).in_file(file)


def validate(conn: sqlite3.Connection, version: int, file: str) -> None:
    """Everything opening checks before anything reads rows (see the module's doc): raises a
    :class:`~app.errors.ProjectUntrusted` naming what is wrong. Reads only."""
    check_schema(conn, version, file)
    check_limits(conn, version, file)
    check_references(conn, file)
