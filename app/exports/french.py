"""French typography for the documents beyond the formatters: labels and titles.

Dates, clock times, durations and distances come from the application's one set
of formatters, :mod:`app.i18n.formats` (always ``"fr"`` here: the documents are
French); they join numbers to their units with non-breaking spaces (U+00A0).
"""
from __future__ import annotations

from app.i18n.formats import NBSP


def label(text: str) -> str:
    """``Départ :`` with the non-breaking space French puts before a colon."""
    return f"{text}{NBSP}:"


def tour_title(name: str) -> str:
    """The tour's title for documents: « ZI Tour « name » », unless the name already says ZI Tour."""
    return name if "zi tour" in name.lower() else f"ZI Tour « {name} »"
