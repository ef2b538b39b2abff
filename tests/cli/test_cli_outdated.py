"""``zitour export`` refuses an outdated plan (exit 4, one line) unless ``--allow-outdated``;
``zitour info`` says whether each plan is up to date; ``zitour plan`` records what it planned from."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.services.demo import build_demo
from app.store.project import Project
from tests.exports.conftest import build_project

TOUR = "ZI Krems – Octobre"


@pytest.fixture
def path(tmp_path, krems) -> Path:
    """A small Krems project whose hand-built plan is up to date (no region: no base map, fast)."""
    build_project(tmp_path / "p.zitour", krems, n_stops=3, hostile=False, region="").close()
    return tmp_path / "p.zitour"


def _export(path: Path, out: Path, *extra: str) -> int:
    return main(["--lang", "en", "export", str(path), "--tour", TOUR, "--format", "csv", "--out", str(out), *extra])


def _lengthen_a_stop(path: Path) -> None:
    with Project.open(path) as project:
        stop = project.stops(project.tour_by_name(TOUR).id)[0]
        stop.dwell_s += 600
        project.update(stop)


def test_an_up_to_date_plan_exports_without_the_flag(path, tmp_path, capsys):
    assert _export(path, tmp_path / "out") == 0
    assert [p.suffix for p in (tmp_path / "out").iterdir()] == [".csv"]
    assert main(["--lang", "en", "info", str(path)]) == 0
    assert "plan: yes, up to date" in capsys.readouterr().out


def test_an_outdated_plan_is_refused_unless_allowed(path, tmp_path, capsys):
    _lengthen_a_stop(path)
    capsys.readouterr()
    out = tmp_path / "out"
    assert _export(path, out) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("zitour: ") and "Traceback" not in err
    assert f"the plan of tour '{TOUR}' is out of date" in err and "--allow-outdated" in err
    assert not out.exists() or not any(out.iterdir())  # nothing written
    assert main(["--lang", "fr", "export", str(path), "--tour", TOUR, "--format", "csv", "--out", str(out)]) == 4
    assert "n'est plus à jour" in capsys.readouterr().err

    assert _export(path, out, "--allow-outdated") == 0
    captured = capsys.readouterr()
    assert [Path(p).suffix for p in captured.out.split()] == [".csv"]
    assert "may no longer match the tour" in captured.err  # said, not hidden
    assert main(["--lang", "en", "info", str(path)]) == 0
    assert "plan: yes, out of date (the tour changed since: run zitour plan again)" in capsys.readouterr().out


def test_a_plan_saved_before_fingerprints_is_refused_as_maybe_outdated(path, tmp_path, capsys):
    with Project.open(path) as project:
        tour = project.tour_by_name(TOUR)
        data = project.plan(tour.id).to_json_dict()
        del data["inputs_fingerprint"]  # the JSON of a plan saved by an earlier version
        from app.model.plan import Plan

        project.save_plan(Plan.from_json_dict(data))
    assert _export(path, tmp_path / "out") == 4
    assert "saved by an earlier version and may be out of date" in capsys.readouterr().err
    assert main(["--lang", "en", "info", str(path)]) == 0
    assert "plan: yes, maybe out of date" in capsys.readouterr().out
    assert _export(path, tmp_path / "out", "--allow-outdated") == 0


def test_zitour_plan_records_the_fingerprint_and_export_then_works(tmp_path, capsys):
    path = build_demo(tmp_path / "demo.zitour")
    tour = "ZI Tour prescripteurs — Port et chimie"
    with Project.open(path) as project:  # an edit before planning changes nothing: the plan follows it
        stop = project.stops(project.tour_by_name(tour).id)[0]
        stop.dwell_s += 300
        project.update(stop)
    code = main(["--lang", "en", "plan", str(path), "--tour", tour, "--time-limit", "1", "--json"])
    assert code in (0, 3)
    printed = json.loads(capsys.readouterr().out)
    assert printed["inputs_fingerprint"].startswith("v3:")
    with Project.open(path, read_only=True) as project:
        assert project.plan(project.tour_by_name(tour).id).inputs_fingerprint == printed["inputs_fingerprint"]
    assert main(["--lang", "en", "info", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("plan: yes, up to date") == 1 and "plan: no" in out  # the other tour is not planned
    assert main(["--lang", "en", "export", str(path), "--tour", tour, "--format", "csv",
                 "--out", str(tmp_path / "out")]) == 0
