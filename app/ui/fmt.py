"""Dates, clock times and durations in the interface, and reading what the user types.

The words come from the application's one set of locale formatters
(:mod:`app.i18n.formats`: "mardi 14 octobre 2025", "9 h 30", "1 h 05"), in the
language of :mod:`app.i18n` (:func:`set_language` sets it for the messages, the
exports' previews and the command line alike). French joins numbers to their
units with non-breaking spaces; the readers below accept any spacing.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

import app.i18n as i18n
from app.i18n import formats


def set_language(lang: str) -> None:
    """"fr" or "en" (any language with a catalog); anything else is French (the users are French)."""
    i18n.set_language(lang)


def language() -> str:
    return i18n.language()


def long_date(day: dt.date, lang: Optional[str] = None) -> str:
    """"mardi 14 octobre 2025" / "Tuesday 14 October 2025"; "1er" for the first of a month in French."""
    return formats.long_date(day, lang or language())


def clock(value: dt.time | dt.datetime, lang: Optional[str] = None) -> str:
    """"9 h 30" / "9:30" (hours without a leading zero, minutes always two digits)."""
    return formats.clock(value, lang or language())


def duration(seconds: float, lang: Optional[str] = None) -> str:
    """A duration rounded to the minute: "45 min", "1 h 05", "2 h" (fr) / "45 min", "1 h 05 min", "2 h" (en)."""
    return formats.duration(seconds, lang or language())


def distance(metres: float, lang: Optional[str] = None) -> str:
    """"12,4 km" (fr, decimal comma) / "12.4 km"; metres below 1 km."""
    return formats.distance(metres, lang or language())


def clock_range(start: dt.time, end: dt.time, lang: Optional[str] = None) -> str:
    """"9 h 00–10 h 30" / "9:00–10:30"."""
    return formats.clock_range(start, end, lang or language())


# Reading what users type lives with the formatters, below the interface (imports use it too).
from app.i18n.reading import (  # noqa: E402,F401
    parse_clock, parse_clock_range, parse_day, split_day, split_ranges,
)
