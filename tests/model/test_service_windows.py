"""app.model.rules.service_windows on hand-made stops: when a stop may start.

A company's window is its opening (the whole visit fits in it) unless the stop is
``arrival_only``; a presented stop falls inside the availability of one of the
ambassadors who can present its site (no availability: all day).
"""
from __future__ import annotations

import datetime as dt

import pytest

from app.model.entities import Ambassador, Availability, Stop, StopKind, TimeWindow
from app.model.rules import DAY_S, service_windows

T = dt.time
DAY = dt.date(2026, 3, 24)
SITE = 7


def h(hour: int, minute: int = 0) -> float:
    return hour * 3600.0 + minute * 60.0


def stop(kind=StopKind.VISIT, minutes=45, windows=(), arrival_only=False) -> Stop:
    return Stop(SITE, kind, minutes * 60, windows=[TimeWindow(T(*a), T(*b)) for a, b in windows],
                arrival_only=arrival_only)


def amb(name, *spans, sites=(SITE,)) -> Ambassador:
    return Ambassador(name, availability=[Availability(T(*a), T(*b), day) for a, b, day in spans],
                      site_ids=set(sites))


def test_no_window_and_nobody_to_present_is_any_time():
    assert service_windows(stop(), [], DAY) == ([(0.0, DAY_S)], None)


def test_the_whole_visit_fits_in_the_window_unless_arrival_only():
    s = stop(windows=[((8, 30), (12, 0))])
    assert service_windows(s, [], DAY) == ([(h(8, 30), h(11, 15))], None)  # starts by 11:15, over by 12:00
    s.arrival_only = True
    assert service_windows(s, [], DAY) == ([(h(8, 30), h(12))], None)  # only the arrival by 12:00


def test_windows_too_short_for_the_visit_are_left_out_or_the_stop_cannot_happen():
    s = stop(minutes=75, windows=[((9, 0), (10, 0)), ((14, 0), (16, 0))])
    assert service_windows(s, [], DAY) == ([(h(14), h(14, 45))], None)
    s = stop(minutes=75, windows=[((9, 0), (10, 0))])
    assert service_windows(s, [], DAY) == ([], "window_too_short")
    s.arrival_only = True
    assert service_windows(s, [], DAY) == ([(h(9), h(10))], None)
    # exactly as long as the window: it starts when the window opens
    assert service_windows(stop(minutes=60, windows=[((9, 0), (10, 0))]), [], DAY) == ([(h(9), h(9))], None)


def test_a_drive_by_has_no_dwell_and_other_kinds_fit_their_window_too():
    passing = stop(StopKind.DRIVE_BY, minutes=0, windows=[((10, 0), (10, 30))])
    assert service_windows(passing, [], DAY) == ([(h(10), h(10, 30))], None)
    lunch = stop(StopKind.LUNCH, minutes=60, windows=[((12, 0), (13, 30))])
    assert service_windows(lunch, [], DAY) == ([(h(12), h(12, 30))], None)


def test_the_presentation_falls_inside_the_availability_of_someone_able():
    afternoon = amb("Yves", ((14, 0), (17, 0), None))
    assert service_windows(stop(), [afternoon], DAY) == ([(h(14), h(16, 15))], None)
    s = stop(windows=[((8, 30), (15, 0))])
    assert service_windows(s, [afternoon], DAY) == ([(h(14), h(14, 15))], None)  # opening ∩ availability
    # the availability only counts on its day (or every day when it has none)
    other_day = amb("Yves", ((14, 0), (17, 0), DAY + dt.timedelta(days=1)))
    assert service_windows(stop(), [other_day], DAY) == ([], "no_ambassador_available")
    this_day = amb("Yves", ((14, 0), (17, 0), DAY))
    assert service_windows(stop(), [this_day], DAY) == ([(h(14), h(16, 15))], None)


def test_nobody_able_available_during_the_window():
    s = stop(windows=[((9, 0), (12, 0))])
    assert service_windows(s, [amb("Yves", ((14, 0), (17, 0), None))], DAY) == ([], "no_ambassador_available")
    # availability shorter than the visit
    assert service_windows(stop(), [amb("Yves", ((14, 0), (14, 30), None))], DAY) == ([], "no_ambassador_available")


def test_an_ambassador_without_availability_is_there_all_day():
    s = stop(windows=[((9, 0), (12, 0))])
    people = [amb("Yves", ((14, 0), (17, 0), None)), amb("Zoé")]
    assert service_windows(s, people, DAY) == ([(h(9), h(11, 15))], None)


def test_ambassadors_who_cannot_present_the_site_do_not_narrow_it():
    s = stop(windows=[((9, 0), (12, 0))])
    elsewhere = amb("Yves", ((14, 0), (17, 0), None), sites=(SITE + 1,))
    assert service_windows(s, [elsewhere], DAY) == ([(h(9), h(11, 15))], None)


def test_several_ambassadors_hours_are_joined():
    people = [amb("Yves", ((9, 0), (11, 0), None)), amb("Zoé", ((10, 0), (13, 0), None)),
              amb("Anna", ((15, 0), (16, 0), None))]
    got, why = service_windows(stop(minutes=30), people, DAY)
    assert why is None
    assert got == [(h(9), h(12, 30)), (h(15), h(15, 30))]


@pytest.mark.parametrize("kind", [StopKind.LUNCH, StopKind.BREAK, StopKind.PICKUP])
def test_stops_nobody_presents_ignore_availability(kind):
    s = stop(kind, minutes=30)
    assert service_windows(s, [amb("Yves", ((14, 0), (17, 0), None))], DAY) == ([(0.0, DAY_S)], None)


def test_a_drive_by_presented_at_the_moment_it_passes():
    passing = stop(StopKind.DRIVE_BY, minutes=0)
    assert service_windows(passing, [amb("Yves", ((14, 0), (17, 0), None))], DAY) == ([(h(14), h(17))], None)
