"""Version 5: a site may be a place where the coach turns round (a car park, a depot's yard);
files of version 4 open with their depots marked so, and keep every row."""
from __future__ import annotations

import sqlite3

import pytest

from app.errors import DamagedValue
from app.model.entities import Site, SiteKind
from app.store.migrations import CURRENT_VERSION, migrate, schema_version
from app.store.project import Project


def test_a_version_4_file_gets_its_depots_as_turning_places(tmp_path):
    path = tmp_path / "v4.zitour"
    conn = sqlite3.connect(str(path))
    assert migrate(conn, target=4) == 4
    conn.execute("INSERT INTO sites (id, name, kind, lon, lat, source) VALUES (1, 'Pipelife', 'company', 15.63, 48.41, 'osm')")
    conn.execute("INSERT INTO sites (id, name, kind, lon, lat, source) VALUES (2, 'Dépôt', 'depot', 15.60, 48.40, 'manual')")
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        assert p.schema_version == CURRENT_VERSION
        company, depot = sorted(p.sites(), key=lambda s: s.id)
        assert not company.coach_turns and depot.coach_turns
        company.coach_turns = True              # a company forecourt the coach turns in
        p.update(company)
        p.add(Site("Parking", 15.61, 48.405, kind=SiteKind.OTHER))
    with Project.open(path, read_only=True) as p:
        company, depot, parking = sorted(p.sites(), key=lambda s: s.id)
        assert company.coach_turns and depot.coach_turns and not parking.coach_turns
    conn = sqlite3.connect(str(path))
    assert schema_version(conn) == CURRENT_VERSION
    assert conn.execute("SELECT coach_turns FROM sites ORDER BY id").fetchall() == [(1,), (1,), (0,)]
    conn.close()


def test_a_turning_flag_that_is_not_a_flag_is_refused_by_name(tmp_path):
    path = tmp_path / "bad.zitour"
    with Project.create(path) as p:
        p.add(Site("Pipelife", 15.63, 48.41))
    conn = sqlite3.connect(str(path))
    conn.execute("UPDATE sites SET coach_turns = 7")
    conn.commit()
    conn.close()
    with Project.open(path, read_only=True) as p, pytest.raises(DamagedValue) as info:
        p.sites()
    assert "sites" in info.value.text("en") and "coach_turns" in info.value.text("en")
