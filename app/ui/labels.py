"""Display names of the model's enums in the interface: the message catalog's one table.

The same names serve the exports and the command line (:func:`app.i18n.label`); this
module only accepts a stored value ("visit", "depot") as well as an enum member.
"""
from __future__ import annotations

from enum import Enum

from app import i18n
from app.model.entities import Audience, LockKind, Objective, SiteKind, StopKind

_ENUMS = (SiteKind, StopKind, LockKind, Audience, Objective)
# Plain values planned stops also carry: the depot ends of a bus's day.
_PLAIN = {"depot": "label.depot", "start": "label.start", "end": "label.end"}


def label(value: Enum | str) -> str:
    """The display name of an enum member (or of its stored value) in the interface's language."""
    if isinstance(value, Enum):
        return i18n.label(value)
    if value in _PLAIN:
        return i18n.label(_PLAIN[value])
    for enum in _ENUMS:  # the first enum with that value, as stored values are looked up
        try:
            return i18n.label(enum(value))
        except ValueError:
            continue
    return str(value)
