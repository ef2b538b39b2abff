"""Project files from partners are untrusted input: a hostile file is refused on opening, or its
damaged rows reported by table, row and column, and never changed; a clean copy keeps what can be read."""
from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path
from typing import Callable

import pytest

from app.cli.main import main
from app.errors import DamagedValue, ForeignSchema, ProjectError, ProjectTooLarge, ProjectUntrusted
from app.model import BusPlan, Leg, Plan, PlannedStop, Site
from app.store import Project, check_project_file, clean_copy, clean_copy_report, schema
from app.store.migrations import CURRENT_VERSION, migrate

from .conftest import fill, sha256

TZ = dt.timezone(dt.timedelta(hours=1))


def _plan(tour_id: int, stop_id: int, site_id: int) -> Plan:
    def t(h: int, m: int = 0) -> dt.datetime:
        return dt.datetime(2026, 3, 24, h, m, tzinfo=TZ)

    stops = (PlannedStop(1, stop_id, site_id, "visit", t(9, 5), t(10, 5), name="Voest"),)
    legs = (Leg(None, site_id, t(8, 45), t(9, 5), 1200.0, 8300.0, ((15.6, 48.4), (15.64, 48.41))),
            Leg(site_id, None, t(10, 5), t(10, 25), 1200.0, 8300.0))
    return Plan(tour_id, t(7), (BusPlan(None, "Car 1", None, None, t(8, 45), t(10, 25), stops, legs),))


def _project(path: Path) -> dict:
    """A good project: one of every entity, a stored plan, a few more sites."""
    with Project.create(path) as p:
        made = fill(p)
        for i in range(5):
            p.add(Site(f"Site {i}", 15.6 + i / 100, 48.4))
        p.save_plan(_plan(made["tour"].id, made["s1"].id, made["site"].id))
    return made


def _sql(path: Path, *statements: str, many: tuple[str, list] | None = None) -> None:
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
        if many:
            conn.execute("BEGIN")
            conn.executemany(*many)
            conn.execute("COMMIT")
    finally:
        conn.close()


def _flip(path: Path, find: bytes, at: int, xor: int) -> None:
    """Flip bits of one byte in every stored copy of ``find`` (a byte of a value inside a page)."""
    data = bytearray(path.read_bytes())
    start, hits = 0, 0
    while (i := data.find(find, start)) >= 0:
        data[i + at] ^= xor
        start, hits = i + 1, hits + 1
    assert hits, f"{find!r} is not in the file"
    path.write_bytes(bytes(data))


# -- schemas a project does not have: refused on opening ------------------------------------

def _trigger(path):
    _sql(path, "CREATE TRIGGER plans_wipe AFTER UPDATE ON plans BEGIN DELETE FROM ambassadors; END")


def _view(path):
    _sql(path, "DROP TABLE precedences", "DROP TABLE stops",
         "CREATE VIEW stops AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
         "SELECT n AS id, 1 AS tour_id, 1 AS site_id FROM r")


def _extra_table(path):
    _sql(path, "CREATE TABLE stash (payload BLOB)")


def _extra_column(path):
    _sql(path, "ALTER TABLE sites ADD COLUMN extra TEXT")


def _check_added(path):
    _sql(path, "PRAGMA writable_schema = ON",
         "UPDATE sqlite_master SET sql = replace(sql, 'notes TEXT NOT NULL DEFAULT ''''', "
         "'notes TEXT NOT NULL DEFAULT '''' CHECK (length(notes) < 3)') WHERE name = 'tours'")


def _extra_index(path):
    _sql(path, "CREATE INDEX sites_by_name ON sites(name)")


SCHEMA_CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "trigger": (_trigger, ["trigger plans_wipe"]),
    "view": (_view, ["view stops", "missing table stops"]),
    "extra_table": (_extra_table, ["table stash"]),
    "extra_column": (_extra_column, ["column sites.extra"]),
    "check_added": (_check_added, ["changed table tours"]),
    "extra_index": (_extra_index, ["index sites_by_name"]),
}


@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read_only"])
@pytest.mark.parametrize("case", sorted(SCHEMA_CASES))
def test_a_foreign_schema_is_refused_naming_what_and_the_file_is_untouched(tmp_path, case, read_only):
    path = tmp_path / "shared.zitour"
    _project(path)
    make, named = SCHEMA_CASES[case]
    make(path)
    before, listing = sha256(path), sorted(tmp_path.iterdir())
    started = time.perf_counter()
    with pytest.raises(ForeignSchema) as info:
        Project.open(path, read_only=read_only)
    assert time.perf_counter() - started < 3
    text = info.value.text("en")
    assert info.value.message.code == "store.foreign_schema" and str(path) in text
    for what in named:
        assert what in text
    assert "Il n'est pas ouvert" in info.value.text("fr")
    assert info.value.path == path  # what the window needs to offer a clean copy
    assert sha256(path) == before and sorted(tmp_path.iterdir()) == listing


def test_the_trigger_never_runs_and_a_clean_copy_drops_it_keeping_every_row(tmp_path):
    path, copy = tmp_path / "shared.zitour", tmp_path / "clean.zitour"
    made = _project(path)
    _trigger(path)
    with pytest.raises(ForeignSchema):
        Project.open(path)
    report = clean_copy_report(path, copy)
    assert [m.text("en") for m in report.dropped] == ["trigger plans_wipe"]
    assert report.skipped == {} and report.copied["sites"] == 7 and report.copied["plans"] == 1
    with Project.open(copy) as p:
        p.save_plan(_plan(made["tour"].id, made["s1"].id, made["site"].id))  # an update of plans: nothing fires
        assert [a.name for a in p.ambassadors()] == ["Claire"]
        assert p.plan(made["tour"].id) is not None
    conn = sqlite3.connect(str(copy))
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchone() == (0,)
    conn.close()


@pytest.mark.parametrize("case", sorted(SCHEMA_CASES))
def test_clean_copy_of_each_foreign_schema_opens_and_keeps_the_good_rows(tmp_path, case):
    path, copy = tmp_path / "shared.zitour", tmp_path / "clean.zitour"
    made = _project(path)
    SCHEMA_CASES[case][0](path)
    before = sha256(path)
    assert clean_copy(path, copy) == copy
    assert sha256(path) == before
    with Project.open(copy, read_only=True) as p:
        assert len(p.sites()) == 7 and [t.name for t in p.tours()] == ["Prescripteurs"]
        assert [a.site_ids for a in p.ambassadors()] == [{made["site"].id}]
        stops = p.stops(made["tour"].id)
        assert len(stops) == (0 if case == "view" else 2)  # the view's endless rows are never read
        assert len(p.buses(made["tour"].id)) == 1
    conn = sqlite3.connect(str(copy))
    assert schema.differences(schema.read_schema(conn), schema.expected_schema()) == []
    conn.close()


# -- more than a project has any use for --------------------------------------------------

def test_a_hundred_thousand_sites_are_refused_at_once_and_a_clean_copy_keeps_the_limit(tmp_path):
    path = tmp_path / "big.zitour"
    _project(path)
    _sql(path, many=("INSERT INTO sites (name, lon, lat) VALUES (?, 15.6, 48.4)",
                     [(f"S{i}",) for i in range(100_001 - 7)]))
    before = sha256(path)
    for read_only in (True, False):
        started = time.perf_counter()
        with pytest.raises(ProjectTooLarge) as info:
            Project.open(path, read_only=read_only)
        assert time.perf_counter() - started < 3
        assert "100001 rows in table sites, more than the 20000" in info.value.text("en")
        assert "table sites" in info.value.text("fr") and info.value.path == path
    assert sha256(path) == before and sorted(x.name for x in tmp_path.iterdir()) == ["big.zitour"]
    report = clean_copy_report(path, tmp_path / "clean.zitour")
    assert report.copied["sites"] == 20_000 and report.skipped["sites"] == 80_001
    assert "beyond the 20000 rows" in report.reasons["sites"].text("en")
    with Project.open(report.path, read_only=True) as p:
        assert p.counts()["sites"] == 20_000 and len(p.stops(p.tours()[0].id)) == 2


def test_a_200_kb_name_is_refused_naming_table_and_column(tmp_path):
    path = tmp_path / "long.zitour"
    made = _project(path)
    _sql(path, f"UPDATE sites SET name = '{'x' * 200_000}' WHERE id = {made['depot'].id}")
    before = sha256(path)
    for read_only in (True, False):
        with pytest.raises(ProjectTooLarge) as info:
            Project.open(path, read_only=read_only)
        text = info.value.text("en")
        assert "column name in table sites is 200000 characters long, more than the 100000" in text
    assert sha256(path) == before
    report = clean_copy_report(path, tmp_path / "clean.zitour")
    assert report.skipped == {"sites": 1, "stops": 1, "precedences": 1}  # the depot, the stop there, its precedence
    assert "200000 characters" in report.reasons["sites"].text("en")
    with Project.open(report.path, read_only=True) as p:
        assert len(p.sites()) == 6 and all(len(s.name) < 100 for s in p.sites())


# -- damaged values: the project opens, reading the row says which ---------------------------

def _stop_kind(path, made):
    _sql(path, f"UPDATE stops SET kind = 'evil' WHERE id = {made['s2'].id}")
    return "stops", made["s2"].id, "kind", lambda p: p.stops(made["tour"].id)


def _timezone(path, made):
    _sql(path, f"UPDATE tours SET timezone = 'Mars/Olympus' WHERE id = {made['tour'].id}")
    return "tours", made["tour"].id, "timezone", lambda p: p.tours()


def _timezone_path(path, made):
    _sql(path, f"UPDATE tours SET timezone = '../../../../etc/passwd' WHERE id = {made['tour'].id}")
    return "tours", made["tour"].id, "timezone", lambda p: p.tours()


def _nan_lon(path, made):
    _sql(path, f"UPDATE sites SET lon = 'NaN' WHERE id = {made['site'].id}")
    return "sites", made["site"].id, "lon", lambda p: p.sites()


def _infinite_lat(path, made):
    _sql(path, f"UPDATE sites SET lat = 9e999 WHERE id = {made['depot'].id}")
    return "sites", made["depot"].id, "lat", lambda p: p.sites()


def _huge_seats(path, made):
    _sql(path, f"UPDATE buses SET seats = 1000000000000 WHERE id = {made['bus'].id}")
    return "buses", made["bus"].id, "seats", lambda p: p.buses(made["tour"].id)


def _bad_windows(path, made):
    _sql(path, f"UPDATE stops SET windows = '[[\"09:00:00\", ' WHERE id = {made['s1'].id}")
    return "stops", made["s1"].id, "windows", lambda p: p.stops(made["tour"].id)


def _bad_availability(path, made):
    _sql(path, f"UPDATE ambassadors SET availability = '[{{\"start\": 9}}]' WHERE id = {made['amb'].id}")
    return "ambassadors", made["amb"].id, "availability", lambda p: p.ambassadors()


def _bad_vehicle(path, made):
    _sql(path, f"UPDATE buses SET vehicle = '{{\"height_m\": NaN}}' WHERE id = {made['bus'].id}")
    return "buses", made["bus"].id, "vehicle", lambda p: p.buses(made["tour"].id)


def _bad_date(path, made):
    _sql(path, f"UPDATE tours SET date = '2026-02-30' WHERE id = {made['tour'].id}")
    return "tours", made["tour"].id, "date", lambda p: p.tours()


def _bad_utf8(path, made):
    _sql(path, f"UPDATE sites SET notes = CAST(X'41FF42' AS TEXT) WHERE id = {made['site'].id}")
    return "sites", made["site"].id, "notes", lambda p: p.sites()


DAMAGED_CASES = {f.__name__.lstrip("_"): f for f in (
    _stop_kind, _timezone, _timezone_path, _nan_lon, _infinite_lat, _huge_seats, _bad_windows, _bad_availability,
    _bad_vehicle, _bad_date, _bad_utf8)}


@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read_only"])
@pytest.mark.parametrize("case", sorted(DAMAGED_CASES))
def test_a_damaged_value_is_reported_by_table_row_and_column(tmp_path, case, read_only):
    path = tmp_path / "damaged.zitour"
    made = _project(path)
    table, row, column, read = DAMAGED_CASES[case](path, made)
    before, listing = sha256(path), sorted(tmp_path.iterdir())
    started = time.perf_counter()
    with Project.open(path, read_only=read_only) as p:
        with pytest.raises(DamagedValue) as info:
            read(p)
        assert len(p.counts()) > 0  # the project is open; the other lists still read
    assert time.perf_counter() - started < 3
    error = info.value
    assert (error.table, error.row, error.column, error.path) == (table, str(row), column, path)
    assert f"damaged value in table {table}, row {row}, column {column}" in error.text("en")
    assert f"valeur endommagée dans la table {table}, ligne {row}, colonne {column}" in error.text("fr")
    assert str(path) in error.text("en")
    assert sha256(path) == before and sorted(tmp_path.iterdir()) == listing


def test_the_message_shows_the_bad_value(tmp_path):
    path = tmp_path / "damaged.zitour"
    made = _project(path)
    _stop_kind(path, made)
    with Project.open(path, read_only=True) as p, pytest.raises(DamagedValue) as info:
        p.stops(made["tour"].id)
    assert "column kind ('evil')" in info.value.text("en") and "colonne kind (« evil »)" in info.value.text("fr")


@pytest.mark.parametrize("case", sorted(DAMAGED_CASES))
def test_clean_copy_leaves_out_the_damaged_row_only(tmp_path, case):
    path = tmp_path / "damaged.zitour"
    made = _project(path)
    table, row, column, read = DAMAGED_CASES[case](path, made)
    report = clean_copy_report(path, tmp_path / "clean.zitour")
    assert report.skipped.get(table) == 1
    assert f"row {row}, column {column}" in report.reasons[table].text("en")
    with Project.open(report.path, read_only=True) as p:
        read(p)  # reads now
        counts = p.counts()
        tours = p.tours()
        for tour in tours:
            p.stops(tour.id), p.buses(tour.id), p.groups(tour.id), p.precedences(tour.id), p.plan(tour.id)
        p.sites(), p.ambassadors(), p.videos()
    original = {"sites": 7, "tours": 1, "buses": 1, "stops": 2, "ambassadors": 1}
    assert counts[table] == original[table] - 1
    if table == "tours":  # a tour left out takes its buses, stops and plan with it
        assert counts["buses"] == counts["stops"] == counts["plans"] == 0
    if table == "buses":  # a bus left out: its stops stay, for any bus
        assert counts["stops"] == 2 and report.cleared == {"stops": 1, "participant_groups": 1}
    if table == "sites" and row == made["depot"].id:  # the tour and bus lose their depot, not their rows
        assert tours[0].start_site_id is None and report.cleared == {"tours": 1, "buses": 2}
        assert counts["stops"] == 1 and counts["tours"] == 1


def test_a_reference_to_a_missing_row_is_refused_on_opening(tmp_path):
    path = tmp_path / "dangling.zitour"
    made = _project(path)
    _sql(path, f"UPDATE stops SET site_id = 999 WHERE id = {made['s2'].id}")  # foreign keys are off here
    before = sha256(path)
    with pytest.raises(DamagedValue) as info:
        Project.open(path, read_only=True)
    assert f"table stops, row {made['s2'].id}, column site_id (names a row of table sites" in info.value.text("en")
    assert sha256(path) == before
    report = clean_copy_report(path, tmp_path / "clean.zitour")
    assert report.skipped == {"stops": 1, "precedences": 1}
    with Project.open(report.path, read_only=True) as p:
        assert [s.id for s in p.stops(made["tour"].id)] == [made["s1"].id]


# -- a damaged stored plan: the project still opens, the plan is none ------------------------

@pytest.mark.parametrize("flip", [("T09:05:00", 3, 0x80), ("T09:05:00", 2, 0x40), ('"buses"', 2, 0x01)],
                         ids=["not_utf8", "bad_time", "bad_key"])
def test_a_flipped_byte_in_a_stored_plan_leaves_the_project_usable(tmp_path, capsys, flip):
    path = tmp_path / "plan.zitour"
    made = _project(path)
    find, at, xor = flip
    _flip(path, find.encode(), at, xor)
    assert check_project_file(path) == CURRENT_VERSION  # not a corrupted file: one value is damaged
    before = sha256(path)
    tour_id = made["tour"].id
    with Project.open(path, read_only=True) as p:
        assert p.plan(tour_id) is None  # as if it had none: planning again replaces it
        damage = p.plan_damage(tour_id)
        assert isinstance(damage, DamagedValue)
        assert (damage.table, damage.row, damage.column) == ("plans", str(tour_id), "plan")
        assert p.plan_damage(made["tour"].id + 1) is None
    assert main(["--lang", "en", "info", str(path)]) == 0
    assert "plan: damaged, plan again" in capsys.readouterr().out
    assert sha256(path) == before
    with Project.open(path) as p:  # re-planning replaces the damaged plan
        p.save_plan(_plan(tour_id, made["s1"].id, made["site"].id))
        assert p.plan(tour_id) is not None and p.plan_damage(tour_id) is None
    report = clean_copy_report(tmp_path / "plan.zitour", tmp_path / "clean.zitour")
    assert report.skipped == {}  # the plan was replaced


def test_a_plan_with_nan_numbers_or_mixed_times_is_damaged(tmp_path):
    path = tmp_path / "plan.zitour"
    made = _project(path)
    tour_id = made["tour"].id
    _sql(path, "UPDATE plans SET plan = replace(plan, '\"duration_s\": 1200.0', '\"duration_s\": NaN')")
    with Project.open(path, read_only=True) as p:
        assert p.plan(tour_id) is None and p.plan_damage(tour_id).column == "plan"
    _sql(path, "UPDATE plans SET plan = replace(plan, '\"duration_s\": NaN', '\"duration_s\": \"x\"')")
    with Project.open(path, read_only=True) as p:
        assert p.plan(tour_id) is None
    _sql(path, "UPDATE plans SET plan = replace(plan, '\"duration_s\": \"x\"', '\"duration_s\": 1200.0')",
         "UPDATE plans SET plan = replace(plan, '09:05:00+01:00', '09:05:00')")
    with Project.open(path, read_only=True) as p:
        assert p.plan(tour_id) is None  # naive and aware times cannot be compared


# -- the command line ---------------------------------------------------------------------

def test_zitour_info_refuses_and_zitour_clean_writes_what_opens(tmp_path, capsys):
    path, copy = tmp_path / "shared.zitour", tmp_path / "clean.zitour"
    made = _project(path)
    _trigger(path)
    _sql(path, f"UPDATE stops SET kind = 'evil' WHERE id = {made['s2'].id}")
    before = sha256(path)
    assert main(["--lang", "en", "info", str(path)]) == 1
    err = capsys.readouterr().err
    assert "trigger plans_wipe" in err and f"zitour clean {path}" in err and len(err.strip().splitlines()) == 1
    assert main(["--lang", "en", "clean", str(path), str(copy)]) == 0
    out = capsys.readouterr().out
    assert f"{copy}: clean copy of {path} written." in out
    assert "Not copied: trigger plans_wipe." in out
    assert f"stops: 1 row(s) left out, 1 copied; the first: row {made['s2'].id}, column kind ('evil')." in out
    assert sha256(path) == before
    assert main(["--lang", "en", "info", str(copy)]) == 0
    assert "Stops: 1" in capsys.readouterr().out
    assert main(["--lang", "en", "clean", str(path), str(copy)]) == 1  # never over a file without --force
    assert "already exists" in capsys.readouterr().err
    assert main(["--lang", "fr", "clean", str(path), str(copy), "--force"]) == 0
    assert "Non copié : déclencheur plans_wipe." in capsys.readouterr().out


def test_zitour_info_names_a_damaged_row(tmp_path, capsys):
    path = tmp_path / "damaged.zitour"
    made = _project(path)
    _timezone(path, made)
    assert main(["--lang", "fr", "info", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"valeur endommagée dans la table tours, ligne {made['tour'].id}, colonne timezone" in err
    assert "zitour clean" in err


def test_clean_copy_refuses_what_is_no_project_and_its_own_source(tmp_path):
    path = tmp_path / "p.zitour"
    _project(path)
    with pytest.raises(ProjectError, match="is the project itself"):
        clean_copy(path, path)
    text = tmp_path / "t.zitour"
    text.write_text("not a project")
    with pytest.raises(ProjectError, match="not a ZI Tour project"):
        clean_copy(text, tmp_path / "out.zitour")
    assert not (tmp_path / "out.zitour").exists()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["p.zitour", "t.zitour"]


# -- no false alarm: the demo and every older format open as before ---------------------------

@pytest.fixture(scope="module")
def planned_demo(tmp_path_factory) -> Path:
    from app.services.demo import build_demo
    from app.services.planning import plan_tour

    path = build_demo(tmp_path_factory.mktemp("demo") / "demo.zitour")
    with Project.open(path) as p:
        for tour in p.tours():
            plan_tour(p, tour.id, time_limit_s=0.5)
    return path


def test_the_demo_project_opens_unchanged_with_its_plans(planned_demo, capsys):
    before = sha256(planned_demo)
    with Project.open(planned_demo, read_only=True) as p:
        assert len(p.sites()) >= 10 and len(p.ambassadors()) >= 1 and len(p.videos()) >= 1
        for tour in p.tours():
            p.stops(tour.id), p.buses(tour.id), p.groups(tour.id), p.precedences(tour.id)
            assert p.plan(tour.id) is not None and p.plan_damage(tour.id) is None
    assert sha256(planned_demo) == before
    with Project.open(planned_demo) as p:
        assert all(p.plan(t.id) is not None for t in p.tours())
    assert main(["--lang", "en", "info", str(planned_demo)]) == 0
    assert "damaged" not in capsys.readouterr().out


def test_validation_adds_a_few_milliseconds_to_opening_the_demo(planned_demo):
    check_project_file(planned_demo)  # the expected schema is built once

    def best(validate: bool) -> float:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            check_project_file(planned_demo, validate=validate)
            times.append(time.perf_counter() - started)
        return min(times)

    assert best(True) - best(False) < 0.1  # measured: about 3 ms


def test_a_clean_copy_of_the_demo_keeps_everything(planned_demo, tmp_path):
    report = clean_copy_report(planned_demo, tmp_path / "copy.zitour")
    assert report.dropped == [] and report.skipped == {} and report.cleared == {}
    with Project.open(planned_demo, read_only=True) as a, Project.open(report.path, read_only=True) as b:
        assert a.counts() == b.counts() and a.sites() == b.sites() and a.ambassadors() == b.ambassadors()
        assert [a.plan(t.id) for t in a.tours()] == [b.plan(t.id) for t in b.tours()]
        assert all(a.rows(t) == b.rows(t) for t in ("sites", "tours", "stops", "buses", "plans", "settings"))


def _v1(path):
    from .test_migrations import make_v1

    make_v1(path)


def _v2(path):
    from .test_migration3 import make_v2

    make_v2(path)


def _v3(path):
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, target=3)
    conn.execute("INSERT INTO sites (id, name, kind, lon, lat, source, visit_slots) "
                 "VALUES (1, 'Pipelife', 'company', 15.63, 48.41, 'osm', '[[\"09:00:00\", \"10:00:00\"]]')")
    conn.execute("INSERT INTO tours (id, name, date, earliest_departure, latest_return) "
                 "VALUES (1, 'Port', '2026-06-16', '08:30:00', '16:30:00')")
    conn.execute("INSERT INTO stops (id, tour_id, site_id) VALUES (1, 1, 1)")
    conn.close()


@pytest.mark.parametrize("version, make", [(1, _v1), (2, _v2), (3, _v3)])
def test_older_formats_open_without_alarm_read_only_then_migrated(tmp_path, version, make):
    path = tmp_path / f"v{version}.zitour"
    make(path)
    before = sha256(path)
    assert check_project_file(path) == version
    with Project.open(path, read_only=True) as p:
        assert [s.name for s in p.sites()] == ["Pipelife"]
        for tour in p.tours():
            p.stops(tour.id)
    assert sha256(path) == before
    with Project.open(path) as p:
        assert p.schema_version == CURRENT_VERSION and len(p.sites()) == 1
    assert check_project_file(path) == CURRENT_VERSION
    report = clean_copy_report(path, tmp_path / "clean.zitour")  # an old file's copy is in the current format
    assert report.dropped == [] and report.skipped == {} and report.copied["sites"] == 1


def test_an_older_format_with_a_trigger_is_refused_before_its_migration_writes(tmp_path):
    path = tmp_path / "v2.zitour"
    _v2(path)
    _sql(path, "CREATE TRIGGER grow AFTER INSERT ON sites BEGIN INSERT INTO sites SELECT * FROM sites; END")
    before = sha256(path)
    with pytest.raises(ForeignSchema, match="trigger grow"):
        Project.open(path)
    assert sha256(path) == before and sorted(x.name for x in tmp_path.iterdir()) == ["v2.zitour"]
    with Project.open(clean_copy(path, tmp_path / "clean.zitour")) as p:
        p.add(Site("New", 15.6, 48.4))
        assert len(p.sites()) == 2


def test_every_untrusted_error_is_a_project_error_with_its_path(tmp_path):
    for cls in (ForeignSchema, ProjectTooLarge, DamagedValue):
        assert issubclass(cls, ProjectUntrusted) and issubclass(cls, ProjectError)
    path = tmp_path / "shared.zitour"
    _project(path)
    _trigger(path)
    with pytest.raises(ProjectUntrusted) as info:
        Project.open(path)
    # rebuilt from its message alone, as the task runner does for an error of a child process
    again = type(info.value)(info.value.message)
    assert again.path == path and again.text("en") == info.value.text("en")


@pytest.mark.parametrize("case", ["stop_kind", "bad_availability", "timezone"])
def test_verify_rows_finds_a_damaged_row_at_once(tmp_path, case):
    path = tmp_path / "damaged.zitour"
    made = _project(path)
    table, row, column, _ = DAMAGED_CASES[case](path, made)
    with Project.open(path) as p:
        with pytest.raises(DamagedValue) as info:
            p.verify_rows()
        assert (info.value.table, info.value.row, info.value.column, info.value.path) == (table, str(row), column, path)


def test_verify_rows_passes_on_a_good_project_and_leaves_plans_to_plan(tmp_path):
    path = tmp_path / "p.zitour"
    made = _project(path)
    _sql(path, "UPDATE plans SET plan = '{'")
    with Project.open(path, read_only=True) as p:
        p.verify_rows()
        assert p.plan(made["tour"].id) is None


def test_the_store_never_writes_what_it_would_call_damaged(tmp_path):
    path = tmp_path / "p.zitour"
    made = _project(path)
    with Project.open(path) as p:
        stop = p.stops(made["tour"].id)[0]
        stop.dwell_s = 7 * 86_400
        with pytest.raises(ProjectError) as info:
            p.update(stop)
        assert info.value.message.code == "store.value_refused"
        assert "column dwell_s of table stops would hold '604800'" in info.value.text("en")
        tour = p.tours()[0]
        tour.timezone = "Nope/Nope"
        with pytest.raises(ProjectError, match="cannot be saved"):
            p.update(tour)
        with pytest.raises(ProjectError, match="cannot be saved"):
            p.add(Site("x" * 100_001, 15.6, 48.4))
        with pytest.raises(ProjectError, match="cannot be saved"):
            p.add(Site("NaN", float("nan"), 48.4))
        p.verify_rows()
        assert p.stops(made["tour"].id)[0].dwell_s == 3600 and p.tours()[0].timezone == "Europe/Vienna"
        assert len(p.sites()) == 7
