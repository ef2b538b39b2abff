"""Dates, clock times and durations the way French (or English) users read them.

Pure Python (no locale database needed): "mardi 14 octobre 2025", "9 h 30",
"1 h 05 min". The language is the UI's, set once by :func:`set_language`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

_DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
              "octobre", "novembre", "décembre")
_DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")

_lang = "fr"


def set_language(lang: str) -> None:
    """"fr" or "en"; anything not English is French (the users are French)."""
    global _lang
    _lang = "en" if lang.lower().startswith("en") else "fr"


def language() -> str:
    return _lang


def long_date(day: dt.date, lang: Optional[str] = None) -> str:
    """"mardi 14 octobre 2025" / "Tuesday 14 October 2025"; "1er" for the first of a month in French."""
    lang = lang or _lang
    if lang == "en":
        return f"{_DAYS_EN[day.weekday()]} {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    number = "1er" if day.day == 1 else str(day.day)
    return f"{_DAYS_FR[day.weekday()]} {number} {_MONTHS_FR[day.month - 1]} {day.year}"


def clock(value: dt.time | dt.datetime, lang: Optional[str] = None) -> str:
    """"9 h 30" / "9:30" (hours without a leading zero, minutes always two digits)."""
    lang = lang or _lang
    if lang == "en":
        return f"{value.hour}:{value.minute:02d}"
    return f"{value.hour} h {value.minute:02d}"


def duration(seconds: float, lang: Optional[str] = None) -> str:
    """A duration rounded to the minute: "45 min", "1 h 05" (fr) / "45 min", "1 h 05 min" (en)."""
    lang = lang or _lang
    minutes = int(round(max(0.0, float(seconds)) / 60.0))
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return f"{minutes} min"
    if lang == "en":
        return f"{hours} h {minutes:02d} min"
    return f"{hours} h {minutes:02d}"


def distance(metres: float, lang: Optional[str] = None) -> str:
    """"12,4 km" (fr, decimal comma) / "12.4 km"; metres below 1 km."""
    lang = lang or _lang
    if metres < 1000:
        return f"{int(round(metres))} m"
    text = f"{metres / 1000.0:.1f}"
    return f"{text.replace('.', ',') if lang == 'fr' else text} km"


def parse_clock(text: str) -> dt.time:
    """Read "9 h 30", "9h30", "09:30", "9:30", "9 h" into a time; ValueError otherwise."""
    cleaned = text.strip().lower().replace(" ", "").replace("h", ":")
    if cleaned.endswith(":"):
        cleaned += "00"
    hours, _, minutes = cleaned.partition(":")
    hour = int(hours)
    minute = int(minutes or 0)
    return dt.time(hour, minute)


# Between two ranges: ";" (or "," or a new line). Between a range's ends: a hyphen or a dash, or "à"/"to".
_RANGE_SEPARATOR = re.compile(r"[;,\n]")
_END_SEPARATOR = re.compile(r"\s*(?:[-–—]|\bà\b|\bto\b)\s*")


def clock_range(start: dt.time, end: dt.time, lang: Optional[str] = None) -> str:
    """"9 h 00–10 h 30" / "9:00–10:30"."""
    return f"{clock(start, lang)}–{clock(end, lang)}"


def split_ranges(text: str) -> list[str]:
    """The non-empty parts of a list of ranges ("9 h–10 h; 14 h–16 h"), stripped."""
    return [part.strip() for part in _RANGE_SEPARATOR.split(text) if part.strip()]


def parse_clock_range(text: str) -> tuple[dt.time, dt.time]:
    """Read one range "9:00-10:00", "9 h 00–10 h 00", "9 h à 10 h"; ValueError otherwise."""
    ends = _END_SEPARATOR.split(text.strip())
    if len(ends) != 2:
        raise ValueError(text)
    return parse_clock(ends[0]), parse_clock(ends[1])
