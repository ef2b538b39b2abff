"""French typography of the documents (expected values from the calendar and French usage, not the code).

The documents use the application's one set of formatters (:mod:`app.i18n.formats`) in French.
"""
import datetime as dt

from app.exports.french import label, tour_title
from app.i18n import formats
from app.i18n.formats import NBSP


def plain(s: str) -> str:
    return s.replace(NBSP, " ")


def test_dates_in_french():
    assert plain(formats.long_date(dt.date(2025, 10, 14), "fr")) == "mardi 14 octobre 2025"
    assert plain(formats.long_date(dt.date(2026, 2, 1), "fr")) == "dimanche 1er février 2026"
    assert plain(formats.long_date(dt.date(2025, 8, 15), "fr", weekday=False)) == "15 août 2025"


def test_times_durations_distances():
    assert formats.clock(dt.time(9, 30), "fr") == f"9{NBSP}h{NBSP}30"
    assert plain(formats.clock(dt.time(14, 5), "fr")) == "14 h 05"
    assert plain(formats.clock(dt.time(14, 0), "fr")) == "14 h 00"  # a clock keeps its minutes
    assert plain(formats.duration(25 * 60, "fr")) == "25 min"
    assert plain(formats.duration(65 * 60, "fr")) == "1 h 05"
    assert plain(formats.duration(2 * 3600, "fr")) == "2 h"  # a whole-hour duration does not
    assert plain(formats.distance(12_500, "fr")) == "12,5 km"
    assert plain(formats.distance(1_234_500, "fr")) == "1 234,5 km"
    assert plain(formats.distance(850, "fr")) == "850 m"
    assert plain(formats.offset(65, "fr")) == "1 min 05 s"
    assert label("Départ") == f"Départ{NBSP}:"


def test_tour_title():
    assert tour_title("Krems") == "ZI Tour « Krems »"
    assert tour_title("ZI Tour Krems") == "ZI Tour Krems"
