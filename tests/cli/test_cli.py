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
    # kinds and audiences are the catalog's labels (app.i18n.label), lower-cased inside the sentence
    assert "2026-03-24, job counsellors, 9 stops (visit 3, drive-by 5, lunch 1), 1 bus(es), plan: no" in out
    assert "Ambassadors: 3" in out and "Videos: 6 (9 min 00 s)" in out
    assert main(["--lang", "fr", "info", str(demo)]) == 0
    out = capsys.readouterr().out
    assert "Circuits : 2" in out and "Sites : 12 (entreprise 10, dépôt 1, restaurant 1)" in out
    assert ("2026-03-24, prescripteurs, 9 arrêts (visite 3, passage commenté 5, déjeuner 1), 1 car(s), plan : non"
            in out)
    assert "Vidéos : 6 (9\u00a0min\u00a000\u00a0s)" in out  # app.i18n.formats: French non-breaking spaces


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
    assert "row 4, column 'name': missing name." in err and "nothing imported" in err
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
    """The GUI gets --lang only when it was given (and the environment's language apart): it weighs them
    against the language saved in the application (see test_the_gui_language_...)."""
    from app.ui.launch import choose_language

    calls = []
    fake = types.ModuleType("app.ui.launch")
    fake.run_gui = lambda project=None, lang=None, env_lang=None: calls.append((project, lang, env_lang)) or 0
    fake.choose_language = choose_language
    monkeypatch.setitem(sys.modules, "app.ui.launch", fake)
    assert main(["open", str(tmp_path / "x.zitour")]) == 0
    assert main(["--lang", "fr", "open"]) == 0
    assert main([]) == 0
    assert calls == [(tmp_path / "x.zitour", None, "en"), (None, "fr", "en"), (None, None, "en")]


def test_choose_language_command_line_then_saved_then_environment_then_french():
    from app.ui.launch import choose_language

    assert choose_language("en", "fr", "fr_FR.UTF-8") == "en"  # --lang wins over the saved setting
    assert choose_language("fr", "en", "en_GB.UTF-8") == "fr"
    assert choose_language(None, "fr", "en_GB.UTF-8") == "fr"  # the choice made in the application
    assert choose_language(None, "en", None) == "en"
    assert choose_language(None, None, "en_GB.UTF-8") == "en"  # else the environment's
    assert choose_language(None, None, "fr_FR.UTF-8") == "fr"
    assert choose_language(None, None, "C.UTF-8") == "fr"  # else French
    assert choose_language(None, None, None) == "fr"


def test_the_gui_language_is_the_command_line_s_over_the_saved_one(monkeypatch, tmp_path):
    """run_gui itself (window faked): --lang beats the saved French; without it, the saved language."""
    from PySide6.QtCore import QSettings

    import app.ui.launch as launch
    import app.ui.settings as settings_mod

    Settings = settings_mod.Settings
    ini = str(tmp_path / "settings.ini")
    Settings(QSettings(ini, QSettings.Format.IniFormat)).set_language("fr")
    monkeypatch.setattr(settings_mod, "Settings", lambda settings=None: Settings(QSettings(ini, QSettings.Format.IniFormat)))
    opened = []

    class Fake:
        def show(self):
            pass

        def exec(self):
            return 0

    monkeypatch.setattr(launch, "create_window", lambda project, lang: opened.append(lang) or (Fake(), Fake()))
    assert launch.run_gui(None, lang="en", env_lang="fr_FR.UTF-8") == 0
    assert launch.run_gui(None, env_lang="en_GB.UTF-8") == 0
    QSettings(ini, QSettings.Format.IniFormat).remove("language")
    assert launch.run_gui(None, env_lang="en_GB.UTF-8") == 0
    assert launch.run_gui(None) == 0
    assert opened == ["en", "fr", "en", "fr"]


def test_lang_en_prints_english_even_with_a_saved_french_setting(demo, tmp_path):
    """A real ``zitour --lang en info`` whose settings (XDG config folder) say French, in a French environment."""
    config = tmp_path / "config"
    env = {k: v for k, v in os.environ.items() if k not in ("ZITOUR_LANG", "LC_ALL", "LANG")}
    env.update(XDG_CONFIG_HOME=str(config), LANG="fr_FR.UTF-8", ZITOUR_DATA_DIR=str(tmp_path / "data"))
    save = ("from app.ui.settings import Settings; s = Settings(); s.set_language('fr'); s.sync(); "
            "print(Settings().language(), s.q.fileName())")
    run = subprocess.run([sys.executable, "-c", save], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    saved, where = run.stdout.split(maxsplit=1)
    assert saved == "fr" and where.strip().startswith(str(config))  # the application would open in French
    run = subprocess.run([sys.executable, "-m", "app", "--lang", "en", "info", str(demo)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "Tours: 2" in run.stdout and "Ambassadors: 3" in run.stdout and "Circuits" not in run.stdout
    run = subprocess.run([sys.executable, "-m", "app", "info", str(demo)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert "Circuits : 2" in run.stdout  # without --lang: the environment's French


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


def test_an_unexpected_error_is_one_line_and_a_log_file(tmp_path, monkeypatch, capsys):
    """The last resort: no traceback on the terminal, the traceback in the log file whose path is given."""
    import app.cli.project as project_cmd
    from app.cli.main import main
    from app.logs import log_path

    def broken(args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(project_cmd, "run_info", broken)
    code = main(["--lang", "fr", "info", str(tmp_path / "x.zitour")])
    err = capsys.readouterr().err
    assert code == 70 and err.count("\n") == 1 and "Traceback" not in err
    assert "ZeroDivisionError" in err and str(log_path()) in err and "erreur inattendue" in err
    assert "ZeroDivisionError: a bug" in log_path().read_text(encoding="utf-8")


def test_a_locked_project_file_is_said_in_words(tmp_path, monkeypatch, capsys):
    import sqlite3

    import app.cli.project as project_cmd
    from app.cli.main import main

    def locked(args):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(project_cmd, "run_info", locked)
    assert main(["--lang", "fr", "info", str(tmp_path / "x.zitour")]) == 1
    assert "pris par un autre programme" in capsys.readouterr().err


def test_a_project_file_as_the_only_argument_opens_it(monkeypatch, tmp_path):
    """What a desktop file association runs: ``zitour PATH`` (accents and spaces in the name)."""
    from app.ui.launch import choose_language

    calls = []
    fake = types.ModuleType("app.ui.launch")
    fake.run_gui = lambda project=None, lang=None, env_lang=None: calls.append((project, lang)) or 0
    fake.choose_language = choose_language
    monkeypatch.setitem(sys.modules, "app.ui.launch", fake)
    path = tmp_path / "Tournée d'été 2026.zitour"
    other = tmp_path / "copie du projet"  # an existing file without the suffix: opened too (refused there if not ours)
    other.write_bytes(b"")
    assert main([str(path)]) == 0
    assert main(["--lang", "en", str(path)]) == 0
    assert main([str(other)]) == 0
    assert calls == [(path, None), (path, "en"), (other, None)]
    with pytest.raises(SystemExit) as info:  # a mistyped command is still an error, not a file to open
        main(["pln"])
    assert info.value.code == 2


def test_desktop_install_writes_an_entry_a_mime_type_and_an_icon(tmp_path, capsys):
    """The freedesktop files, parsed back: the entry runs this installation's zitour on the file, the
    MIME type claims *.zitour; the MIME database (shared-mime-info) then knows the glob."""
    import configparser
    import shutil as sh
    import xml.etree.ElementTree as ET

    assert main(["desktop-install", "--data-home", str(tmp_path)]) == 0
    written = [Path(line) for line in capsys.readouterr().out.split()]
    assert len(written) == 3 and all(p.is_file() for p in written)
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(tmp_path / "applications" / "zitour-planner.desktop", encoding="utf-8")
    e = entry["Desktop Entry"]
    assert e["Exec"].endswith(" %f") and "zitour" in e["Exec"] and e["MimeType"] == "application/x-zitour-project;"
    assert e["Icon"] == "zitour-planner" and e["Type"] == "Application"
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(tmp_path / "mime" / "packages" / "zitour-planner.xml").getroot()
    assert mime.find("m:mime-type", ns).get("type") == "application/x-zitour-project"
    assert mime.find("m:mime-type/m:glob", ns).get("pattern") == "*.zitour"
    ET.parse(tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "zitour-planner.svg")
    if sh.which("update-mime-database"):
        assert "*.zitour" in (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")


def test_desktop_exec_quotes_a_path_with_spaces():
    from app.services.desktop_install import _quoted

    assert _quoted("/opt/zitour/bin/zitour") == "/opt/zitour/bin/zitour"
    assert _quoted("/home/léa/Mes outils/zitour") == '"/home/léa/Mes outils/zitour"'


def test_self_check_runs_the_demo_plan_pdf_and_a_video_and_leaves_the_data_folder_alone(capsys, tmp_path):
    data = Path(os.environ["ZITOUR_DATA_DIR"])
    before = sorted(data.rglob("*")) if data.exists() else []
    assert main(["--lang", "en", "self-check"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line[:1] for line in lines[:4]] == ["✓"] * 4, lines
    assert "demo project written (12 sites)" in lines[0]
    assert "tour planned (9 stops" in lines[1]
    assert "PDF itinerary exported (2 pages" in lines[2]
    assert "video played" in lines[3] and ".mp4" in lines[3]
    assert lines[4] == "This installation works on this computer, without a network."
    assert os.environ["ZITOUR_DATA_DIR"] == str(data)  # restored
    assert (sorted(data.rglob("*")) if data.exists() else []) == before  # its region went to its own folder
