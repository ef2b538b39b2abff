"""The generic row API undo relies on: rows, restore_rows, delete_rows, key_columns."""
from __future__ import annotations

import sqlite3

import pytest

from app.model.entities import Stop, Tour
from app.store import Project
from tests.store.conftest import fill


def _file_rows(path, table):
    """The table as another program sees it (a separate connection on the file)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
    finally:
        conn.close()


@pytest.fixture
def filled(project_path):
    project = Project.create(project_path)
    things = fill(project)
    yield project, things
    project.close()


def test_rows_reads_raw_rows_in_key_order_and_filters(filled):
    project, t = filled
    stops = project.rows("stops")
    assert [r["id"] for r in stops] == sorted([t["s1"].id, t["s2"].id])
    assert set(stops[0]) >= {"id", "tour_id", "site_id", "bus_id", "windows", "position"}
    only = project.rows("stops", id=t["s2"].id)
    assert len(only) == 1 and only[0]["kind"] == "drive_by"
    assert project.rows("precedences") == [{"before_stop_id": t["s1"].id, "after_stop_id": t["s2"].id}]
    assert project.key_columns("precedences") == ["before_stop_id", "after_stop_id"]
    assert project.key_columns("plans") == ["tour_id"]
    assert [r["id"] for r in project.rows("stops", tour_id=t["s1"].tour_id, kind="drive_by")] == [t["s2"].id]
    with pytest.raises(ValueError, match="no column"):
        project.rows("stops", **{"id = 1 OR 1": 1})  # a filter is a column name, never SQL


@pytest.mark.parametrize("name", ["sqlite_master", 'stops" ; DROP TABLE sites; --', "Stops", ""])
def test_unknown_table_names_are_refused_before_any_sql(filled, name):
    project, _ = filled
    with pytest.raises(ValueError):
        project.rows(name)
    with pytest.raises(ValueError):
        project.restore_rows(name, [{"id": 1}])
    with pytest.raises(ValueError):
        project.delete_rows(name, [{"id": 1}])
    assert project.rows("sites")  # nothing dropped


def test_unknown_column_names_are_refused(filled):
    project, t = filled
    row = project.rows("sites", id=t["site"].id)[0]
    row['name" = 1; --'] = "x"
    with pytest.raises(ValueError):
        project.restore_rows("sites", [row])
    with pytest.raises(ValueError):  # a row without its key cannot be put back
        project.restore_rows("sites", [{"name": "no id"}])


def test_restore_after_delete_brings_the_children_back_with_their_ids(filled, project_path):
    project, t = filled
    tables = ("tours", "buses", "stops", "participant_groups", "precedences")
    before = {tb: project.rows(tb) for tb in tables}
    on_disk = {tb: _file_rows(project_path, tb) for tb in tables}
    project.delete(Tour, t["tour"].id)  # cascades to buses, stops, groups, precedences
    assert all(_file_rows(project_path, tb) == [] for tb in tables)
    with project.transaction():
        for tb in tables:  # parents first
            project.restore_rows(tb, before[tb])
    assert {tb: _file_rows(project_path, tb) for tb in tables} == on_disk
    assert [s.id for s in project.stops(t["tour"].id)] == [t["s1"].id, t["s2"].id]
    assert project.groups(t["tour"].id)[0].bus_id == t["bus"].id
    assert project.precedences(t["tour"].id)[0].before_stop_id == t["s1"].id


def test_restore_updates_in_place_without_cascading(filled, project_path):
    """An upsert over an existing parent keeps its children (INSERT OR REPLACE would delete them)."""
    project, t = filled
    tour_row = project.rows("tours", id=t["tour"].id)[0]
    tour_row["notes"] = "changed"
    children = _file_rows(project_path, "stops")
    project.restore_rows("tours", [tour_row])
    assert project.get(Tour, t["tour"].id).notes == "changed"
    assert _file_rows(project_path, "stops") == children
    assert len(_file_rows(project_path, "precedences")) == 1


def test_delete_rows_by_key_cascades_and_undoes(filled, project_path):
    project, t = filled
    stop_rows = project.rows("stops", id=t["s1"].id)
    prec_rows = project.rows("precedences")
    project.delete_rows("stops", stop_rows)  # whole rows carry their key
    assert [s.id for s in project.stops(t["tour"].id)] == [t["s2"].id]
    assert project.rows("precedences") == []  # cascaded
    project.restore_rows("stops", stop_rows)
    project.restore_rows("precedences", prec_rows)
    assert project.get(Stop, t["s1"].id).notes == "EPI"
    assert project.rows("precedences") == prec_rows
    project.delete_rows("precedences", [{"before_stop_id": t["s1"].id, "after_stop_id": t["s2"].id}])
    assert _file_rows(project_path, "precedences") == []


def test_listeners_hear_each_restore_and_delete_after_commit(filled):
    project, t = filled
    heard = []
    project.subscribe(lambda table, row_id: heard.append((table, row_id)))
    rows = project.rows("participant_groups")
    with project.transaction():
        project.delete_rows("participant_groups", rows)
        assert heard == []  # not before the commit
        project.restore_rows("participant_groups", rows)
    assert heard == [("participant_groups", None), ("participant_groups", None)]
    heard.clear()
    project.restore_rows("buses", [])  # nothing to write: nothing to hear
    project.delete_rows("buses", [])
    assert heard == []


def test_a_failed_restore_rolls_back_and_tells_nobody(filled):
    project, t = filled
    heard = []
    project.subscribe(lambda table, row_id: heard.append(table))
    bad = project.rows("stops", id=t["s1"].id)[0]
    bad = dict(bad, id=999, tour_id=424242)  # no such tour: the foreign key refuses it
    good = dict(project.rows("stops", id=t["s2"].id)[0], notes="edited")
    with pytest.raises(sqlite3.IntegrityError):
        project.restore_rows("stops", [good, bad])
    assert project.get(Stop, t["s2"].id).notes == ""
    assert heard == []
