"""``zitour day rehearsal / report`` and the rehearsal the demo ships with."""
from __future__ import annotations

import csv
import shutil

import pytest

from app.cli.main import main
from app.store import day_log
from app.store.project import Project
from app.tourday.day import TourDay
from app.tourday.fixes import read_nmea, read_track

TOUR = "ZI Tour prescripteurs — Port et chimie"


@pytest.fixture
def planned(planned_demo, tmp_path, monkeypatch):
    monkeypatch.setenv("ZITOUR_LANG", "fr")
    target = tmp_path / planned_demo.name
    shutil.copy2(planned_demo, target)
    return target


def test_a_rehearsal_log_drives_the_plan_on_time(planned, tmp_path, capsys):
    out = tmp_path / "car1.nmea"
    assert main(["day", "rehearsal", str(planned), "--tour", TOUR, "--out", str(out), "--noise", "5"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    fixes = read_nmea(out)
    with Project.open(planned, read_only=True) as project:
        bus = project.plan(project.tour_by_name(TOUR).id).buses[0]
    assert fixes[0].at == bus.departure and fixes[-1].at >= bus.return_
    assert len(fixes) == int((fixes[-1].at - fixes[0].at).total_seconds()) + 1  # one a second
    day = TourDay(bus)
    for f in fixes:
        day.feed(f)
    assert day.state.returned and all(s.status in ("done", "passed") for s in day.state.stops)


def test_the_report_needs_a_day_run_and_then_reads_back(planned, tmp_path, capsys):
    assert main(["day", "report", str(planned), "--tour", TOUR, "--out", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    assert "n'a pas de journal du jour" in err and TOUR in err
    assert main(["day", "rehearsal", str(planned), "--tour", TOUR, "--out", str(tmp_path / "c.nmea"),
                 "--bus", "2"]) == 1
    assert "pas de car n° 2" in capsys.readouterr().err
    with Project.open(planned) as project:
        tour = project.tour_by_name(TOUR)
        bus = project.plan(tour.id).buses[0]
        day = TourDay(bus)
        main(["day", "rehearsal", str(planned), "--tour", TOUR, "--out", str(tmp_path / "c.nmea")])
        for fix in read_track(tmp_path / "c.nmea")[:4000]:
            day_log.append_fix(project, tour.id, bus.bus_id, fix)
            day_log.append_events(project, tour.id, bus.bus_id, day.feed(fix))
    capsys.readouterr()
    assert main(["day", "report", str(planned), "--tour", TOUR, "--out", str(tmp_path / "r")]) == 0
    paths = capsys.readouterr().out.split()
    assert [p.rsplit("-", 1)[-1] for p in paths] == ["arrets.csv", "trajets.csv", "trace.gpx"]
    with open(paths[0], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[1][10] == "sur place" and rows[-1][10] == "non atteint"  # 4,000 s in: at the first visit


def test_the_planned_demo_ships_its_rehearsal(tmp_path):
    path = tmp_path / "demo.zitour"
    assert main(["demo", str(path), "--plan"]) == 0
    logs = sorted(tmp_path.glob("repetition-*.nmea"))
    assert len(logs) == 2 and all(read_nmea(p) for p in logs)
