"""Translated display names of the model's enums (the model itself stays English and Qt-free)."""
from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.model.entities import Audience, LockKind, Objective, SiteKind, StopKind

CONTEXT = "Labels"

_SOURCES: dict[Enum, str] = {
    SiteKind.COMPANY: QT_TRANSLATE_NOOP("Labels", "Company"),
    SiteKind.TRAINING_CENTRE: QT_TRANSLATE_NOOP("Labels", "Training centre"),
    SiteKind.INCLUSION: QT_TRANSLATE_NOOP("Labels", "Inclusion enterprise"),
    SiteKind.DEPOT: QT_TRANSLATE_NOOP("Labels", "Depot"),
    SiteKind.RESTAURANT: QT_TRANSLATE_NOOP("Labels", "Restaurant"),
    SiteKind.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
    StopKind.VISIT: QT_TRANSLATE_NOOP("Labels", "Visit"),
    StopKind.DRIVE_BY: QT_TRANSLATE_NOOP("Labels", "Drive-by"),
    StopKind.LUNCH: QT_TRANSLATE_NOOP("Labels", "Lunch"),
    StopKind.BREAK: QT_TRANSLATE_NOOP("Labels", "Break"),
    StopKind.PICKUP: QT_TRANSLATE_NOOP("Labels", "Pickup"),
    LockKind.NONE: QT_TRANSLATE_NOOP("Labels", "Free"),
    LockKind.FIRST: QT_TRANSLATE_NOOP("Labels", "First"),
    LockKind.LAST: QT_TRANSLATE_NOOP("Labels", "Last"),
    LockKind.INDEX: QT_TRANSLATE_NOOP("Labels", "At position"),
    Audience.PRESCRIPTEURS: QT_TRANSLATE_NOOP("Labels", "Job counsellors"),
    Audience.SCOLAIRES: QT_TRANSLATE_NOOP("Labels", "School classes"),
    Audience.GRAND_PUBLIC: QT_TRANSLATE_NOOP("Labels", "General public"),
    Audience.DEMANDEURS_EMPLOI: QT_TRANSLATE_NOOP("Labels", "Job seekers"),
    Audience.OTHER: QT_TRANSLATE_NOOP("Labels", "Other audience"),
    Objective.TOUR_TIME: QT_TRANSLATE_NOOP("Labels", "Shortest day"),
    Objective.DRIVING_TIME: QT_TRANSLATE_NOOP("Labels", "Least driving"),
    Objective.DISTANCE: QT_TRANSLATE_NOOP("Labels", "Shortest distance"),
}

# Planned stops also carry kinds as plain strings ("depot" for the ends, "break" for inserted breaks).
_EXTRA = {
    "depot": QT_TRANSLATE_NOOP("Labels", "Depot"),
    "start": QT_TRANSLATE_NOOP("Labels", "Departure"),
    "end": QT_TRANSLATE_NOOP("Labels", "Return"),
}


def label(value: Enum | str) -> str:
    """The display name of an enum member (or of its string value) in the UI language."""
    if isinstance(value, str) and not isinstance(value, Enum):
        for member in _SOURCES:
            if member.value == value:
                value = member
                break
        else:
            return QCoreApplication.translate(CONTEXT, _EXTRA.get(value, value))
    return QCoreApplication.translate(CONTEXT, _SOURCES[value])


def members(enum: type[Enum]) -> list[Enum]:
    return list(enum)
