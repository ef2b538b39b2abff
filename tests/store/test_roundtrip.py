"""Every entity survives create -> close -> open; every edit is persisted."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3

import pytest

from app.errors import ProjectError, ProjectReadOnly
from app.model import Ambassador, Precedence, Site, Stop, Tour, Video
from app.store import Project
from app.store.migrations import APPLICATION_ID, CURRENT_VERSION

from .conftest import fill


def test_every_entity_round_trips(project_path):
    with Project.create(project_path) as p:
        made = fill(p)
    assert not project_path.with_name("p.zitour-wal").exists()  # close checkpoints the WAL
    with Project.open(project_path) as p:
        assert p.schema_version == CURRENT_VERSION
        assert {s.id: s for s in p.sites()} == {made["depot"].id: made["depot"], made["site"].id: made["site"]}
        assert p.videos() == [made["video"]] and p.videos(site_id=made["site"].id) == [made["video"]]
        assert p.ambassadors() == [made["amb"]]
        assert p.tours() == [made["tour"]] and p.tour_by_name("Prescripteurs") == made["tour"]
        assert p.buses(made["tour"].id) == [made["bus"]]
        assert p.groups(made["tour"].id) == [made["group"]]
        assert p.stops(made["tour"].id) == [made["s1"], made["s2"]]
        assert p.precedences(made["tour"].id) == [Precedence(made["s1"].id, made["s2"].id)]
        assert p.get(Ambassador, made["amb"].id) == made["amb"]
        assert p.get(Site, made["site"].id).routing_point == (15.6412868, 48.4102722)
        with pytest.raises(KeyError):
            p.get(Site, 999)
        with pytest.raises(ProjectError, match="Prescripteurs"):
            p.tour_by_name("Nope")


def test_file_is_marked_as_ours_and_in_wal(project_path):
    Project.create(project_path).close()
    conn = sqlite3.connect(f"{project_path.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_every_edit_is_persisted_and_notified(project_path):
    with Project.create(project_path) as p:
        made = fill(p)
        seen = []
        p.subscribe(lambda table, row_id: seen.append((table, row_id)))
        site = dataclasses.replace(made["site"], name="Voest (renamed)", visit_capacity=None, gate_lon=None, gate_lat=None)
        p.update(site)
        stop = dataclasses.replace(made["s1"], windows=[], required=True, notes="")
        p.update(stop)
        amb = dataclasses.replace(made["amb"], site_ids={made["depot"].id, made["site"].id}, availability=[])
        p.update(amb)
        tour = dataclasses.replace(made["tour"], participants=50, latest_return=dt.time(18))
        p.update(tour)
        p.remove_precedence(Precedence(made["s1"].id, made["s2"].id))
        p.delete(Video, made["video"].id)
        p.set_setting("region", "krems")
        assert ("sites", site.id) in seen and ("videos", made["video"].id) in seen
    with Project.open(project_path) as p:
        assert p.get(Site, site.id) == site
        assert p.get(Stop, stop.id) == stop
        assert p.get(Ambassador, amb.id) == amb
        assert p.get(Tour, tour.id) == tour
        assert p.precedences(tour.id) == []
        assert p.videos() == []
        assert p.region_name == "krems"


def test_delete_follows_foreign_keys(project_path):
    with Project.create(project_path) as p:
        made = fill(p)
        p.delete(Tour, made["tour"].id)
        assert p.buses(made["tour"].id) == [] and p.stops(made["tour"].id) == [] and p.groups(made["tour"].id) == []
        p.delete(Site, made["site"].id)
        assert p.get(Ambassador, made["amb"].id).site_ids == set()  # link rows cascade
    with Project.open(project_path) as p:
        assert p.counts() == {"sites": 1, "tours": 0, "buses": 0, "stops": 0, "ambassadors": 1, "videos": 1, "plans": 0}
        assert p.videos()[0].site_id is None  # ON DELETE SET NULL


def test_failed_transaction_leaves_nothing(project_path):
    with Project.create(project_path) as p:
        with pytest.raises(RuntimeError):
            with p.transaction():
                p.add(Site("A", 15.6, 48.4))
                raise RuntimeError("boom")
        assert p.sites() == []
        with pytest.raises(sqlite3.IntegrityError):  # a stop on a site that does not exist
            p.add(Stop(site_id=12345, tour_id=None))  # type: ignore[arg-type]
        assert p.counts()["stops"] == 0


def test_create_refuses_existing_file(project_path):
    Project.create(project_path).close()
    with pytest.raises(ProjectError):
        Project.create(project_path)
    Project.create(project_path, overwrite=True).close()


def test_read_only_open_refuses_edits_and_leaves_no_files(project_path):
    with Project.create(project_path) as p:
        fill(p)
    before = sorted(x.name for x in project_path.parent.iterdir())
    with Project.open(project_path, read_only=True) as p:
        assert len(p.sites()) == 2
        with pytest.raises(ProjectReadOnly):
            p.add(Site("X", 1, 2))
    assert sorted(x.name for x in project_path.parent.iterdir()) == before


def test_plan_round_trip(project_path):
    from tests.model.test_plan import sample_plan

    with Project.create(project_path) as p:
        made = fill(p)
        plan = sample_plan(tour_id=made["tour"].id)
        p.save_plan(plan)
        p.save_plan(plan)  # saving again replaces, never duplicates
    with Project.open(project_path) as p:
        assert p.plan(made["tour"].id) == plan
        assert p.counts()["plans"] == 1
        raw = p.db.execute("SELECT plan FROM plans").fetchone()[0]
        assert json.loads(raw)["buses"][0]["legs"][0]["geometry"][0] == [15.6044579, 48.4095333]
        p.delete_plan(made["tour"].id)
        assert p.plan(made["tour"].id) is None


def test_a_group_programme_round_trips_and_a_deleted_stop_leaves_it(project_path):
    from app.model import ParticipantGroup
    from app.services.commands import DeleteEntity

    with Project.create(project_path) as p:
        made = fill(p)
        s1, s2 = made["s1"], made["s2"]
        g = made["group"]
        g.organisation, g.audience, g.adults, g.contact = "Collège Jean Moulin", "scolaires", 2, "Mme Roux 06 11"
        g.visits, g.choices, g.choices_k = [s1.id], [s2.id], 1
        p.update(g)
    with Project.open(project_path) as p:
        back = p.groups(made["tour"].id)[0]
        assert back == g and back.people == 30 and back.has_programme
        command = DeleteEntity(p, Stop, s2.id, "remove")
        command.redo()
        assert p.groups(made["tour"].id)[0].choices == []  # no stale id a new stop could take
        command.undo()
        assert p.groups(made["tour"].id)[0] == g  # undo brings the programme back with the stop
        raw = sqlite3.connect(project_path)
        try:
            raw.execute("UPDATE participant_groups SET visits = '[1, \"x\"]'")
            raw.commit()
        finally:
            raw.close()
    with Project.open(project_path) as p:
        with pytest.raises(ProjectError, match="visits"):
            p.groups(made["tour"].id)
    assert ParticipantGroup("x", 1).has_programme is False
