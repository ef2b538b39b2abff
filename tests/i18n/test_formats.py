"""Locale formatters: clock times to the second (the command line's video cues)."""
from __future__ import annotations

import datetime as dt

from app.i18n import formats
from app.i18n.formats import NBSP


def test_clock_to_the_second():
    t = 9 * 3600 + 5 * 60 + 7
    assert formats.clock(t, "en", seconds=True) == "9:05:07"
    assert formats.clock(t, "fr", seconds=True) == f"9{NBSP}h{NBSP}05{NBSP}min{NBSP}07{NBSP}s"
    assert formats.clock(dt.datetime(2026, 3, 24, 14, 0, 59), "en", seconds=True) == "14:00:59"
    assert formats.clock(dt.time(0, 0, 0), "fr", seconds=True) == f"0{NBSP}h{NBSP}00{NBSP}min{NBSP}00{NBSP}s"
    # without seconds, as before: floored to the minute
    assert formats.clock(t + 50, "en") == "9:05" and formats.clock(t, "fr") == f"9{NBSP}h{NBSP}05"


def test_a_clock_the_dst_change_skips_reads_as_the_zone_shows_it():
    import datetime as dt
    from zoneinfo import ZoneInfo

    from app.i18n.formats import clock

    paris = ZoneInfo("Europe/Paris")
    skipped = dt.datetime.combine(dt.date(2026, 3, 29), dt.time(0), tzinfo=paris) + dt.timedelta(hours=2, minutes=15)
    assert skipped.hour == 2  # wall-clock arithmetic lands in the hour that does not exist
    assert clock(skipped, "en") == "3:15" == clock(skipped.astimezone(paris), "en")  # what the exports print
    assert clock(dt.datetime(2026, 6, 16, 9, 30, tzinfo=paris), "fr") == "9\u00a0h\u00a030"
