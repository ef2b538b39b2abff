"""``zitour demo / info / open / sites import``: output and exit codes."""
from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from app.cli.main import main
from app.store import Project

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "services" / "data"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path / "data"))  # compiled regions go here
    monkeypatch.setenv("ZITOUR_LANG", "en")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.zitour"
    assert main(["demo", str(path)]) == 0
    return path


def test_info_summarises_the_demo(demo, capsys):
    assert main(["info", str(demo)]) == 0
    out = capsys.readouterr().out
    assert "region krems" in out and "Sites: 12 (company 10, depot 1, restaurant 1)" in out
    assert "2026-03-24, prescripteurs, 9 stops (visit 3, drive by 5, lunch 1), 1 bus(es), plan: no" in out
    assert "Ambassadors: 3" in out and "Videos: 6 (9 min 00 s)" in out
    assert main(["--lang", "fr", "info", str(demo)]) == 0
    assert "Circuits : 2" in capsys.readouterr().out


def test_info_works_while_the_project_is_open_elsewhere(demo, capsys):
    with Project.open(demo):
        assert main(["info", str(demo)]) == 0
    assert "Tours: 2" in capsys.readouterr().out


def test_errors_are_one_line_on_stderr(tmp_path, capsys):
    assert main(["info", str(tmp_path / "none.zitour")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "none.zitour" in err and "Traceback" not in err
    text = tmp_path / "t.zitour"
    text.write_text("hello")
    assert main(["info", str(text)]) == 1
    assert "not a ZI Tour project" in capsys.readouterr().err
    existing = tmp_path / "d.zitour"
    Project.create(existing).close()
    assert main(["demo", str(existing)]) == 1
    assert "--force" in capsys.readouterr().err


def test_sites_import_exit_codes(tmp_path, capsys):
    project = tmp_path / "p.zitour"
    Project.create(project).close()
    good = DATA / "sites_bom_ids.csv"
    assert main(["sites", "import", str(project), str(good)]) == 0
    captured = capsys.readouterr()
    assert "2 added, 0 updated, 0 unchanged, 0 rejected" in captured.out and captured.err == ""
    # bad rows: default imports the good ones and warns (exit 0); --strict imports nothing (exit 1)
    bad = DATA / "sites_en_comma.csv"
    assert main(["sites", "import", "--strict", str(project), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "row 3 (file line 4), column 'name': missing name." in err and "nothing imported" in err
    with Project.open(project) as p:
        assert len(p.sites()) == 2
    assert main(["sites", "import", str(project), str(bad)]) == 0
    captured = capsys.readouterr()
    # no region set: only missing name, bad numbers and kind are rejected (Paris and the swapped row pass)
    assert "3 added, 1 updated" in captured.out and "4 row(s) rejected" in captured.err
    assert main(["sites", "import", str(project), str(tmp_path / "none.csv")]) == 1
    assert "none.csv" in capsys.readouterr().err


def test_sites_import_checks_the_project_region(demo, tmp_path, capsys):
    import shutil

    copy = tmp_path / "demo.zitour"
    shutil.copy(demo, copy)
    assert main(["sites", "import", "--strict", str(copy), str(DATA / "sites_lyon_lambert93.geojson")]) == 1
    assert "outside the region" in capsys.readouterr().err
    assert main(["sites", "import", str(copy), str(DATA / "sites_lyon_lambert93.geojson"),
                 "--region", "no-such-region"]) == 1
    assert "no-such-region" in capsys.readouterr().err


def test_open_hands_the_project_to_the_gui(monkeypatch, tmp_path):
    calls = []
    fake = types.ModuleType("app.ui.launch")
    fake.run_gui = lambda project=None, lang="fr": calls.append((project, lang)) or 0
    monkeypatch.setitem(sys.modules, "app.ui.launch", fake)
    assert main(["open", str(tmp_path / "x.zitour")]) == 0
    assert main(["--lang", "fr", "open"]) == 0
    assert calls == [(tmp_path / "x.zitour", "en"), (None, "fr")]


def test_python_dash_m_app_subprocess(tmp_path):
    env = {**os.environ, "ZITOUR_DATA_DIR": str(tmp_path / "data"), "ZITOUR_LANG": "en"}
    run = subprocess.run([sys.executable, "-m", "app", "info", str(tmp_path / "missing.zitour")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip().startswith("zitour:") and "missing.zitour" in run.stderr
    assert "Traceback" not in run.stderr
    bad = tmp_path / "p.zitour"
    Project.create(bad).close()
    run = subprocess.run([sys.executable, "-m", "app", "sites", "import", "--strict", str(bad),
                          str(DATA / "sites_en_comma.csv")], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 1 and "nothing imported" in run.stderr


def test_demo_with_plan_stores_a_plan_for_every_tour(tmp_path, capsys):
    path = tmp_path / "planned.zitour"
    assert main(["demo", str(path), "--plan"]) == 0
    with Project.open(path, read_only=True) as project:
        tours = project.tours()
        assert len(tours) == 2
        for tour in tours:
            plan = project.plan(tour.id)
            assert plan is not None and plan.tour_id == tour.id
            assert sum(len(b.stops) for b in plan.buses) > 0
    assert main(["info", str(path)]) == 0
    assert capsys.readouterr().out.count("plan: yes") == 2
