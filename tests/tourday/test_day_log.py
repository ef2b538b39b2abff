"""The tour day's log in the project file: written as it happens, survives a kill -9, resumes."""
from __future__ import annotations

import csv
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import gpxpy

from app.exports.day_report import write_day_report
from app.store import day_log
from app.store.project import Project
from app.tourday.day import Kind, TourDay
from app.tourday.route_track import rehearsal_fixes
from tests.tourday.conftest import PRESCRIPTEURS

REPO = Path(__file__).resolve().parents[2]

# The child runs the day as the console does: each fix written, then the events it implies.
CHILD = """
import sys
from app.store import day_log
from app.store.project import Project
from app.tourday.day import TourDay
from app.tourday.route_track import rehearsal_fixes
path, name = sys.argv[1], sys.argv[2]
project = Project.open(path)
day_log.make_durable(project)
tour = project.tour_by_name(name)
bus = project.plan(tour.id).buses[0]
day = TourDay.resume(bus, day_log.events(project, tour.id, bus.bus_id))
for fix in rehearsal_fixes(day.track, noise_m=5.0, seed=2):
    day_log.append_fix(project, tour.id, bus.bus_id, fix)
    day_log.append_events(project, tour.id, bus.bus_id, day.feed(fix))
"""


def test_a_killed_console_loses_nothing_and_the_day_resumes(demo_copy):
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(demo_copy), PRESCRIPTEURS], cwd=REPO)
    try:
        deadline = time.monotonic() + 120
        seen = 0
        while time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.2)
            with sqlite3.connect(f"file:{demo_copy}?mode=ro", uri=True) as ro:
                seen = ro.execute("SELECT count(*) FROM day_events WHERE kind = 'departed'").fetchone()[0]
            if seen >= 2:  # two visits done: the middle of the day
                break
        assert child.poll() is None, "the child ended before it could be killed"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    with Project.open(demo_copy) as project:  # the lock went with the process; the file is whole
        assert project._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tour = project.tour_by_name(PRESCRIPTEURS)
        bus = project.plan(tour.id).buses[0]
        logged = day_log.events(project, tour.id, bus.bus_id)
        track = day_log.track(project, tour.id, bus.bus_id)
        assert [e.kind for e in logged].count(Kind.DEPARTED) >= 2
        assert track and track[-1].at >= logged[-1].at
        day = TourDay.resume(bus, logged)
        for fix in rehearsal_fixes(day.track, noise_m=5.0, seed=2):
            if fix.at <= track[-1].at:
                continue  # what the killed console had already driven
            day_log.append_fix(project, tour.id, bus.bus_id, fix)
            day_log.append_events(project, tour.id, bus.bus_id, day.feed(fix))
        whole = day_log.events(project, tour.id, bus.bus_id)
    cues = [e.ref for e in whole if e.kind == Kind.CUE]
    assert sorted(cues) == sorted(t.key for t in day.triggers)  # each once, across the kill
    visits = [i for i, s in enumerate(bus.stops) if s.kind != "drive_by"]
    assert [e.stop_index for e in whole if e.kind == Kind.ARRIVED] == visits
    assert [e.stop_index for e in whole if e.kind == Kind.DEPARTED] == visits
    assert whole[-1].kind == Kind.RETURNED


def test_the_planned_against_actual_report_reads_back(demo_copy, tmp_path):
    with Project.open(demo_copy) as project:
        tour = project.tour_by_name(PRESCRIPTEURS)
        bus = project.plan(tour.id).buses[0]
        day = TourDay(bus)
        late = 420  # the bus leaves seven minutes late and stays late all day
        fixes = rehearsal_fixes(day.track, start=bus.departure.__add__(__import__("datetime").timedelta(seconds=late)))
        for fix in fixes[::2]:  # a fix every 2 s
            day_log.append_fix(project, tour.id, bus.bus_id, fix)
            day_log.append_events(project, tour.id, bus.bus_id, day.feed(fix))
        heads = day.count_heads(27)
        day_log.append_events(project, tour.id, bus.bus_id, heads)
        events = day_log.events(project, tour.id, bus.bus_id)
        track = day_log.track(project, tour.id, bus.bus_id)
    assert len(track) == len(fixes[::2])
    paths = write_day_report(tmp_path / "out", "demo", ZoneInfo(tour.timezone), [(bus, events, track)], "Dépôt")
    stops_csv, legs_csv, gpx_path = paths
    with open(stops_csv, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[0][0] == "Car" and len(rows) == len(bus.stops) + 1
    for row, planned in zip(rows[1:], bus.stops):
        assert row[3] == planned.name
        assert row[4] == planned.arrival.astimezone(ZoneInfo(tour.timezone)).strftime("%H:%M:%S")
        delay_min = float(row[6].replace(",", "."))
        assert abs(delay_min - late / 60) <= 0.1, row
        assert row[10] in ("fait", "passé")
    with open(legs_csv, encoding="utf-8-sig", newline="") as f:
        legs = list(csv.reader(f, delimiter=";"))
    assert len(legs) == len(bus.legs) + 1
    for row, leg in zip(legs[1:], bus.legs):
        assert abs(float(row[9].replace(",", ".")) - leg.duration_s / 60) < 0.06
        assert abs(float(row[11].replace(",", "."))) <= 0.1, row  # on time along each leg
    gpx = gpxpy.parse(gpx_path.read_text(encoding="utf-8"))
    points = gpx.tracks[0].segments[0].points
    assert len(points) == len(track) and points[0].time == track[0].at
