"""French typography helpers (expected values from the calendar and French usage, not the code)."""
import datetime as dt

from app.exports.french import NBSP, fr_date, fr_duration, fr_km, fr_time, label


def plain(s: str) -> str:
    return s.replace(NBSP, " ")


def test_dates_in_french():
    assert plain(fr_date(dt.date(2025, 10, 14))) == "mardi 14 octobre 2025"
    assert plain(fr_date(dt.date(2026, 2, 1))) == "dimanche 1er février 2026"
    assert plain(fr_date(dt.date(2025, 8, 15), weekday=False)) == "15 août 2025"


def test_times_durations_distances():
    assert fr_time(dt.time(9, 30)) == f"9{NBSP}h{NBSP}30"
    assert plain(fr_time(dt.time(14, 5))) == "14 h 05"
    assert plain(fr_time(dt.time(14, 0), short=True)) == "14 h"
    assert plain(fr_duration(25 * 60)) == "25 min"
    assert plain(fr_duration(65 * 60)) == "1 h 05"
    assert plain(fr_km(12_500)) == "12,5 km"
    assert plain(fr_km(1_234_500)) == "1 234,5 km"
    assert label("Départ") == f"Départ{NBSP}:"
