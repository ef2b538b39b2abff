"""Version 4: a tour's departure is a meeting time and a visit fits inside its window, by default;
files of version 3 open with those defaults and keep every row."""
from __future__ import annotations

import datetime as dt
import sqlite3

from app.model.entities import Site, Stop, TimeWindow, Tour
from app.store.migrations import migrate, schema_version
from app.store.project import Project


def test_a_version_3_file_gets_meeting_departures_and_visits_inside_windows(tmp_path):
    path = tmp_path / "v3.zitour"
    conn = sqlite3.connect(str(path))
    assert migrate(conn, target=3) == 3
    conn.execute("INSERT INTO sites (id, name, kind, lon, lat, source) VALUES (1, 'Pipelife', 'company', 15.63, 48.41, 'osm')")
    conn.execute("INSERT INTO tours (id, name, date, timezone, audience, earliest_departure, latest_return, participants)"
                 " VALUES (1, 'Port', '2026-06-16', 'Europe/Paris', 'prescripteurs', '08:30:00', '16:30:00', 20)")
    conn.execute("INSERT INTO stops (id, tour_id, site_id, kind, dwell_s, windows, required, priority, lock, position)"
                 " VALUES (1, 1, 1, 'visit', 2700, '[[\"08:30:00\", \"12:00:00\"]]', 1, 1, 'none', 0)")
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        assert p.schema_version >= 4
        (tour,) = p.tours()
        (stop,) = p.stops(tour.id)
        assert tour.departure_fixed and not stop.arrival_only  # what organisers mean, by default
        tour.departure_fixed = False
        stop.arrival_only = True
        p.update(tour)
        p.update(stop)
        p.add(Stop(site_id=1, tour_id=tour.id, windows=[TimeWindow(dt.time(14), dt.time(16))], position=1))
    with Project.open(path, read_only=True) as p:
        (tour,) = p.tours()
        first, second = p.stops(tour.id)
        assert not tour.departure_fixed and first.arrival_only and not second.arrival_only
    conn = sqlite3.connect(str(path))
    assert schema_version(conn) >= 4
    conn.close()


def test_new_entities_default_to_the_organisers_meaning():
    assert Tour("x", dt.date(2026, 6, 16)).departure_fixed is True
    assert Stop(site_id=1).arrival_only is False
    assert Site("s", 15.6, 48.4).name == "s"
