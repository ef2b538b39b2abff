"""A version-1 file, as the first release wrote it, opens and is migrated keeping its data."""
from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3

import pytest

from app.errors import ProjectReadOnly
from app.model import DriverRules, Objective, Site
from app.store import Project
from app.store.migrations import CURRENT_VERSION, MIGRATIONS, migrate, schema_version


def make_v1(path) -> None:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    assert migrate(conn, target=1) == 1
    conn.execute("INSERT INTO settings VALUES ('region', 'krems')")
    conn.execute("INSERT INTO sites (id, name, kind, lon, lat, jobs, source, source_ref) "
                 "VALUES (1, 'Pipelife', 'company', 15.6378569, 48.4121598, 'Opérateur', 'csv', 'a.csv#1')")
    conn.execute("INSERT INTO tours (id, name, date, earliest_departure, latest_return, participants) "
                 "VALUES (1, 'Tour v1', '2025-03-20', '08:30:00', '17:00:00', 30)")
    conn.execute("INSERT INTO stops (tour_id, site_id, kind, dwell_s, windows) VALUES (1, 1, 'visit', 2700, "
                 "'[[\"09:00:00\", \"10:00:00\"]]')")
    conn.close()


def test_version_1_file_is_migrated_keeping_its_data(tmp_path):
    path = tmp_path / "old.zitour"
    make_v1(path)
    conn = sqlite3.connect(str(path))
    assert schema_version(conn) == 1
    assert "talking_points" not in [r[1] for r in conn.execute("PRAGMA table_info(sites)")]
    conn.close()
    with Project.open(path) as p:
        assert p.schema_version == CURRENT_VERSION
        [site] = p.sites()
        assert (site.name, site.jobs, site.source_ref, site.talking_points, site.visit_capacity) == (
            "Pipelife", "Opérateur", "a.csv#1", "", None)
        [tour] = p.tours()
        assert tour.objective == Objective.TOUR_TIME and tour.driver_rules == DriverRules()
        assert tour.date == dt.date(2025, 3, 20) and tour.participants == 30
        [stop] = p.stops(tour.id)
        assert stop.dwell_s == 2700 and stop.windows[0].start == dt.time(9)
        assert p.region_name == "krems"
        p.add(Site("New", 15.6, 48.4, visit_capacity=12))  # the new columns work
    with Project.open(path) as p:
        assert [s.visit_capacity for s in p.sites()] == [12, None]


def test_read_only_open_of_an_old_file_reads_it_migrated_in_memory_and_leaves_it_untouched(tmp_path):
    path = tmp_path / "old.zitour"
    make_v1(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with Project.open(path, read_only=True) as p:
        assert p.read_only and p.schema_version == CURRENT_VERSION
        [site] = p.sites()
        assert site.name == "Pipelife" and site.visit_slots == []
        with pytest.raises(ProjectReadOnly):
            p.add(Site("New", 15.6, 48.4))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["old.zitour"]
    with Project.open(path) as p:  # a writable open still migrates the file itself
        assert p.schema_version == CURRENT_VERSION


def test_failing_migration_leaves_the_previous_version(tmp_path, monkeypatch):
    path = tmp_path / "old.zitour"
    make_v1(path)
    import app.store.migrations as m

    monkeypatch.setattr(m, "MIGRATIONS", (MIGRATIONS[0], MIGRATIONS[1] + ";\nCREATE TABLE sites (x)"))
    conn = sqlite3.connect(str(path), isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        m.migrate(conn, target=2)
    assert schema_version(conn) == 1
    assert "talking_points" not in [r[1] for r in conn.execute("PRAGMA table_info(sites)")]
    conn.close()
