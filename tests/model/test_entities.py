"""Entity rules that do not need a project."""
from __future__ import annotations

import datetime as dt

import pytest

from app.model import Availability, Site, TimeWindow, Tour


def test_time_window_rejects_reversed_interval_and_gives_seconds():
    with pytest.raises(ValueError):
        TimeWindow(dt.time(10), dt.time(9))
    w = TimeWindow(dt.time(9, 30), dt.time(10, 0, 15))
    assert (w.start_s, w.end_s) == (34200, 36015)
    assert Availability(dt.time(8), dt.time(9)).window() == TimeWindow(dt.time(8), dt.time(9))


def test_site_routing_point_prefers_a_complete_gate():
    assert Site("A", 15.6, 48.4).routing_point == (15.6, 48.4)
    assert Site("A", 15.6, 48.4, gate_lon=15.61, gate_lat=48.41).routing_point == (15.61, 48.41)
    assert Site("A", 15.6, 48.4, gate_lon=15.61).routing_point == (15.6, 48.4)


def test_tour_returns_to_start_unless_an_end_depot_is_set():
    assert Tour("T", dt.date(2026, 3, 24), start_site_id=1).return_site_id == 1
    assert Tour("T", dt.date(2026, 3, 24), start_site_id=1, end_site_id=2).return_site_id == 2
    assert Tour("T", dt.date(2026, 3, 24)).timezone == "Europe/Paris"
