"""Reading what French (or English) users type: clock times, ranges, days.

"9 h 30", "9h30", "09:30"; "9 h 00–10 h 30", "9 h à 10 h"; "16/06/2026", "mardi 16 juin".
Used by the interface's forms and by the site imports alike; Qt-free.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from app.i18n import formats, language

def parse_clock(text: str) -> dt.time:
    """Read "9 h 30", "9h30", "09:30", "9:30", "9 h" into a time; ValueError otherwise."""
    cleaned = "".join(text.split()).lower().replace("h", ":")  # any spacing, non-breaking spaces included
    if cleaned.endswith(":"):
        cleaned += "00"
    hours, _, minutes = cleaned.partition(":")
    if not hours.isdigit() or len(hours) > 2 or (minutes and (not minutes.isdigit() or len(minutes) > 2)):
        raise ValueError(text)  # "9999999999h" is no clock (and would overflow dt.time)
    return dt.time(int(hours), int(minutes or 0))


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


# "mardi 16 juin 2026", "16/06/2026", "16/06", "2026-06-16", "Tuesday 16 June": a day before a range.
_RANGE_AT_END = re.compile(r"(\d{1,2}\s*(?:h|:)?\s*\d{0,2}\s*(?:[-–—]|\bà\b|\bto\b)\s*\d{1,2}\s*(?:h|:)?\s*\d{0,2})\s*$",
                           re.IGNORECASE)


def _fold(word: str) -> str:
    """Lower case without accents ("août" -> "aout", "Février" -> "fevrier")."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")


def _names(table: tuple[str, ...]) -> dict[str, int]:
    return {_fold(name): i for i, name in enumerate(table)} | {_fold(name)[:3]: i for i, name in enumerate(table)}


def parse_day(text: str, default_year: Optional[int] = None) -> dt.date:
    """Read a day as French (or English) users write it: "16/06/2026", "16/06", "2026-06-16",
    "mardi 16 juin 2026", "16 juin", "1er juin", "Tuesday 16 June 2026". Without a year,
    ``default_year``, else the next such day from today (organisers plan ahead). A weekday
    that does not match the date is refused. ValueError otherwise."""
    cleaned = " ".join(text.replace(",", " ").split()).strip()
    today = dt.date.today()
    day, has_year = _read_day(cleaned, default_year or today.year)
    if not has_year and default_year is None and day < today:
        day = day.replace(year=day.year + 1)
    if cleaned.split() and _weekday(cleaned.split()[0]) not in (None, day.weekday()):
        raise ValueError(f"{text}: {formats.long_date(day, language())}")
    return day


def _weekday(word: str) -> Optional[int]:
    days = _names(formats.weekday_names("fr")) | _names(formats.weekday_names("en"))
    return days.get(_fold(word).rstrip("."))


def _read_day(cleaned: str, year: int) -> tuple[dt.date, bool]:
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?", cleaned)
    if numeric:
        d, m, y = numeric.groups()
        if y is None:
            return dt.date(year, int(m), int(d)), False
        return dt.date(int(y) + (2000 if len(y) == 2 else 0), int(m), int(d)), True
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        return dt.date.fromisoformat(cleaned), True
    months = _names(formats.month_names("fr")) | _names(formats.month_names("en"))
    words = cleaned.split()
    if words and _weekday(words[0]) is not None:
        words = words[1:]
    if len(words) not in (2, 3):
        raise ValueError(cleaned)
    number = re.fullmatch(r"(\d{1,2})(?:er|st|nd|rd|th)?", words[0].lower())
    month = months.get(_fold(words[1]).rstrip("."))
    if number is None or month is None:
        raise ValueError(cleaned)
    if len(words) == 3:
        return dt.date(int(words[2]), month + 1, int(number.group(1))), True
    return dt.date(year, month + 1, int(number.group(1))), False


def split_day(part: str) -> tuple[str, str]:
    """("mardi 16 juin", "13 h–17 h") from "mardi 16 juin 13 h–17 h"; ("", part) without a day."""
    match = _RANGE_AT_END.search(part)
    if match is None:
        return "", part
    return part[: match.start()].strip(), match.group(1)


_DURATION = re.compile(r"(?:(\d{1,3})\s*h\s*(\d{1,2})?|(\d{1,4}))\s*(?:min|mn|m)?\.?", re.IGNORECASE)


def parse_duration_min(text: str) -> int:
    """Read a duration in whole minutes: "4 h 30", "4h30", "4 h 30 min", "12 h", "45 min", "45"; ValueError otherwise."""
    cleaned = " ".join(text.split())  # non-breaking spaces too
    match = _DURATION.fullmatch(cleaned)
    if match is None:
        raise ValueError(text)
    hours, minutes, only_minutes = match.groups()
    if only_minutes is not None:
        return int(only_minutes)
    if minutes is not None and int(minutes) >= 60:
        raise ValueError(text)
    return int(hours) * 60 + int(minutes or 0)
