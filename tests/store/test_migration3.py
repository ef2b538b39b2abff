"""Migration 3: company visit slots on sites; a version-2 file opens and keeps its data."""
from __future__ import annotations

import datetime as dt
import sqlite3

from app.model import Site, TimeWindow
from app.store import Project
from app.store.migrations import CURRENT_VERSION, migrate, schema_version


def make_v2(path) -> None:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    assert migrate(conn, target=2) == 2
    conn.execute("INSERT INTO sites (id, name, kind, lon, lat, source, visit_capacity, talking_points) "
                 "VALUES (1, 'Pipelife', 'company', 15.6378569, 48.4121598, 'osm', 25, '3×8')")
    conn.close()


def test_version_2_file_gets_empty_visit_slots(tmp_path):
    path = tmp_path / "v2.zitour"
    make_v2(path)
    conn = sqlite3.connect(str(path))
    assert schema_version(conn) == 2
    assert "visit_slots" not in [r[1] for r in conn.execute("PRAGMA table_info(sites)")]
    conn.close()
    with Project.open(path) as p:
        assert p.schema_version == CURRENT_VERSION
        [site] = p.sites()
        assert (site.name, site.visit_capacity, site.talking_points, site.visit_slots) == ("Pipelife", 25, "3×8", [])
        site.visit_slots = [TimeWindow(dt.time(9), dt.time(10)), TimeWindow(dt.time(14, 30), dt.time(15, 15))]
        p.update(site)
        p.add(Site("Sans créneaux", 15.6, 48.4))
    with Project.open(path) as p:
        by_name = {s.name: s for s in p.sites()}
        assert by_name["Pipelife"].visit_slots == [TimeWindow(dt.time(9), dt.time(10)),
                                                   TimeWindow(dt.time(14, 30), dt.time(15, 15))]
        assert by_name["Sans créneaux"].visit_slots == []
    conn = sqlite3.connect(str(path))
    assert conn.execute("SELECT visit_slots FROM sites WHERE id = 1").fetchone()[0] == \
        '[["09:00:00", "10:00:00"], ["14:30:00", "15:15:00"]]'
    conn.close()
