"""French typography without any locale: dates, clock times, durations, distances.

Non-breaking spaces (U+00A0) join numbers to their units ("9 h 30", "12,5 km") and
precede the colon ("Départ : 9 h"), so lines never break inside them.
"""
from __future__ import annotations

import datetime as dt

NBSP = "\u00a0"

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def fr_date(day: dt.date, weekday: bool = True) -> str:
    """``mardi 14 octobre 2025`` (``1er`` for the first of the month)."""
    num = "1er" if day.day == 1 else str(day.day)
    text = f"{num}{NBSP}{MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]} {text}" if weekday else text


def fr_time(when: dt.time | dt.datetime, short: bool = False) -> str:
    """``9 h 30``; ``9 h 05``; whole hours give ``14 h 00``, or ``14 h`` when ``short``."""
    if when.minute == 0 and short:
        return f"{when.hour}{NBSP}h"
    return f"{when.hour}{NBSP}h{NBSP}{when.minute:02d}"


def fr_duration(seconds: float) -> str:
    """A duration in seconds, rounded to the minute: ``25 min``, ``1 h 05``, ``2 h``."""
    minutes = int(round(max(0.0, seconds) / 60.0))
    if minutes < 60:
        return f"{minutes}{NBSP}min"
    hours, rest = divmod(minutes, 60)
    return f"{hours}{NBSP}h" if rest == 0 else f"{hours}{NBSP}h{NBSP}{rest:02d}"


def fr_clock_offset(seconds: float) -> str:
    """A position in a video, in seconds: ``1 min 05 s``, ``45 s``."""
    total = int(round(max(0.0, seconds)))
    minutes, secs = divmod(total, 60)
    if minutes == 0:
        return f"{secs}{NBSP}s"
    return f"{minutes}{NBSP}min{NBSP}{secs:02d}{NBSP}s"


def fr_decimal(value: float, decimals: int = 1) -> str:
    """``12,5``: decimal comma, thin groups of thousands with U+00A0 (``1 234,5``)."""
    text = f"{value:,.{decimals}f}"  # "1,234.5"
    return text.replace(",", NBSP).replace(".", ",")


def fr_km(distance_m: float, decimals: int = 1) -> str:
    """A distance in metres as ``12,5 km``."""
    return f"{fr_decimal(distance_m / 1000.0, decimals)}{NBSP}km"


def label(text: str) -> str:
    """``Départ :`` with the non-breaking space French puts before a colon."""
    return f"{text}{NBSP}:"


def tour_title(name: str) -> str:
    """The tour's title for documents: « ZI Tour « name » », unless the name already says ZI Tour."""
    return name if "zi tour" in name.lower() else f"ZI Tour « {name} »"
