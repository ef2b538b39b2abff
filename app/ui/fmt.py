"""Dates, clock times and durations in the interface, and reading what the user types.

The words come from the application's one set of locale formatters
(:mod:`app.i18n.formats`: "mardi 14 octobre 2025", "9 h 30", "1 h 05"), in the
language of :mod:`app.i18n` (:func:`set_language` sets it for the messages, the
exports' previews and the command line alike). French joins numbers to their
units with non-breaking spaces; the readers below accept any spacing.
"""
from __future__ import annotations

import datetime as dt
import re
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


def parse_clock(text: str) -> dt.time:
    """Read "9 h 30", "9h30", "09:30", "9:30", "9 h" into a time; ValueError otherwise."""
    cleaned = "".join(text.split()).lower().replace("h", ":")  # any spacing, non-breaking spaces included
    if cleaned.endswith(":"):
        cleaned += "00"
    hours, _, minutes = cleaned.partition(":")
    hour = int(hours)
    minute = int(minutes or 0)
    return dt.time(hour, minute)


# Between two ranges: ";" (or "," or a new line). Between a range's ends: a hyphen or a dash, or "à"/"to".
_RANGE_SEPARATOR = re.compile(r"[;,\n]")
_END_SEPARATOR = re.compile(r"\s*(?:[-–—]|\bà\b|\bto\b)\s*")


def split_ranges(text: str) -> list[str]:
    """The non-empty parts of a list of ranges ("9 h–10 h; 14 h–16 h"), stripped."""
    return [part.strip() for part in _RANGE_SEPARATOR.split(text) if part.strip()]


def parse_clock_range(text: str) -> tuple[dt.time, dt.time]:
    """Read one range "9:00-10:00", "9 h 00–10 h 00", "9 h à 10 h"; ValueError otherwise."""
    ends = _END_SEPARATOR.split(text.strip())
    if len(ends) != 2:
        raise ValueError(text)
    return parse_clock(ends[0]), parse_clock(ends[1])
