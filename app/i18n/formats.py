"""One set of formatters per locale: clock times, durations, distances, dates.

Used by the interface, the exports and the command line alike, and by the
message catalog for typed parameters. French typography: non-breaking spaces
(U+00A0) join numbers to their units ("9 h 30", "12,5 km") so lines never break
inside them; whole hours of a duration read "2 h", of a clock "14 h 00".
Pure Python: no locale database is needed.
"""
from __future__ import annotations

import datetime as dt
import math

NBSP = "\u00a0"

_DAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


def _lang(lang: str) -> str:
    return "en" if lang.lower().startswith("en") else "fr"


def _hm_of_day(seconds: float) -> tuple[int, int]:
    """Hours and minutes of a clock given as seconds since midnight (floored to the minute)."""
    minutes = int(math.floor(seconds / 60.0 + 1e-9)) if math.isfinite(seconds) else 0
    minutes = max(0, minutes)
    return (minutes // 60) % 24, minutes % 60


def clock(value: dt.time | dt.datetime | float, lang: str = "fr", seconds: bool = False) -> str:
    """"9 h 30" (fr) / "9:30" (en); ``value`` a time, a datetime or seconds since midnight.

    ``seconds``: to the second, "9 h 30 min 05 s" (fr) / "9:30:05" (en).
    """
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # The wall clock the zone really shows: a time the DST change skips (2:15 on the last
        # Sunday of March) reads as the hour after it, as in the exports.
        value = value.astimezone(dt.timezone.utc).astimezone(value.tzinfo)
    if isinstance(value, (dt.time, dt.datetime)):
        hour, minute, second = value.hour, value.minute, value.second
    else:
        hour, minute = _hm_of_day(float(value))
        second = int(math.floor(float(value) + 1e-9)) % 60 if math.isfinite(float(value)) and value > 0 else 0
    if _lang(lang) == "en":
        return f"{hour}:{minute:02d}:{second:02d}" if seconds else f"{hour}:{minute:02d}"
    if seconds:
        return f"{hour}{NBSP}h{NBSP}{minute:02d}{NBSP}min{NBSP}{second:02d}{NBSP}s"
    return f"{hour}{NBSP}h{NBSP}{minute:02d}"


def clock_range(start, end, lang: str = "fr") -> str:
    """"9 h 00–10 h 30" / "9:00–10:30" (times, datetimes or seconds since midnight)."""
    return f"{clock(start, lang)}–{clock(end, lang)}"


def spans(ranges, lang: str = "fr") -> str:
    """Several clock ranges, comma-separated."""
    return ", ".join(clock_range(a, b, lang) for a, b in ranges)


def duration(seconds: float, lang: str = "fr") -> str:
    """Rounded to the minute: "45 min", "1 h 05", "2 h" (fr) / "45 min", "1 h 05 min", "2 h" (en)."""
    minutes = int(round(max(0.0, float(seconds)) / 60.0)) if math.isfinite(float(seconds)) else 0
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"{rest}{NBSP}min" if _lang(lang) == "fr" else f"{rest} min"
    if _lang(lang) == "en":
        return f"{hours} h" if rest == 0 else f"{hours} h {rest:02d} min"
    return f"{hours}{NBSP}h" if rest == 0 else f"{hours}{NBSP}h{NBSP}{rest:02d}"


def offset(seconds: float, lang: str = "fr") -> str:
    """A position in a video: "1 min 05 s", "45 s"."""
    total = int(round(max(0.0, seconds)))
    minutes, secs = divmod(total, 60)
    sp = NBSP if _lang(lang) == "fr" else " "
    if minutes == 0:
        return f"{secs}{sp}s"
    return f"{minutes}{sp}min{sp}{secs:02d}{sp}s"


def decimal(value: float, decimals: int = 1, lang: str = "fr") -> str:
    """"1 234,5" (fr: decimal comma, non-breaking thousands) / "1,234.5" (en)."""
    text = f"{value:,.{decimals}f}"
    if _lang(lang) == "en":
        return text
    return text.replace(",", NBSP).replace(".", ",")


def distance(metres: float, lang: str = "fr") -> str:
    """"850 m", "12,4 km" (fr) / "12.4 km" (en)."""
    sp = NBSP if _lang(lang) == "fr" else " "
    if metres < 1000:
        return f"{int(round(metres))}{sp}m"
    return f"{decimal(metres / 1000.0, 1, lang)}{sp}km"


def long_date(day: dt.date, lang: str = "fr", weekday: bool = True) -> str:
    """"mardi 14 octobre 2025" ("1er" for the first of a month) / "Tuesday 14 October 2025"."""
    lang = _lang(lang)
    if lang == "en":
        text = f"{day.day} {_MONTHS['en'][day.month - 1]} {day.year}"
        return f"{_DAYS['en'][day.weekday()]} {text}" if weekday else text
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number}{NBSP}{_MONTHS['fr'][day.month - 1]} {day.year}"
    return f"{_DAYS['fr'][day.weekday()]} {text}" if weekday else text


def weekday_names(lang: str = "fr") -> tuple[str, ...]:
    return _DAYS[_lang(lang)]


def month_names(lang: str = "fr") -> tuple[str, ...]:
    return _MONTHS[_lang(lang)]
