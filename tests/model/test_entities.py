"""Entity rules that do not need a project."""
from __future__ import annotations

import datetime as dt

import pytest

from app import i18n
from app.model import Availability, Bus, Site, TimeWindow, Tour, VehicleSpec
from app.services.editing import new_bus


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


@pytest.fixture
def language():
    before = i18n.language()
    yield i18n.set_language
    i18n.set_language(before)


def test_default_bus_and_vehicle_names_are_in_the_current_language(language):
    language("en")
    assert Bus().name == "Bus 1" and VehicleSpec().name == "12 m bus"
    assert new_bus(7, 1).name == "Bus 2" and new_bus(7, 1).vehicle.name == "12 m bus"
    language("fr")
    assert Bus().name == "Car 1" and VehicleSpec().name == "Autocar 12 m"
    assert new_bus(7, 2).name == "Car 3"
    # a name given (or stored) is kept whatever the language
    language("en")
    assert Bus("Car 1").name == "Car 1" and VehicleSpec("Autocar 12 m").name == "Autocar 12 m"
