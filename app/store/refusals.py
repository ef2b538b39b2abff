"""What SQLite refused, in words: a file another program holds, a full disk, a read-only place."""
from __future__ import annotations

import sqlite3

from routing.messages import Message


def sqlite_refusal(exc: sqlite3.Error) -> Message:
    """The message for an error SQLite raised while reading or writing a project."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        code = "store.busy"
    elif "disk is full" in text or "database or disk is full" in text:
        code = "store.disk_full"
    elif "readonly" in text or "read-only" in text:
        code = "store.read_only_place"
    else:
        code = "store.sqlite_refused"
    return Message(code, detail=str(exc))
