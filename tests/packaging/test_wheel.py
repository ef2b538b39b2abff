"""The wheel is the application: built from the source tree, installed in a fresh virtual
environment far from the checkout, it writes the demo, plans a tour and exports it, finding
the maps, the demo description, the translations and the map's web assets inside itself.

The fresh environment borrows the third-party packages of the one running the tests (a
``.pth`` line after its own site-packages) rather than downloading a gigabyte again; the
application's own packages can only come from the wheel, and the test checks they do.
"""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

# What the wheel is built from: the packages, the shipped folders and the metadata.
SOURCES = ("app", "routing", "maps", "resources", "pyproject.toml", "setup.py", "README.md")
TOUR = "ZI Tour prescripteurs — Port et chimie"


def _copy_sources(dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in SOURCES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    _copy_sources(src)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "-w", str(dist), str(src)], check=True, capture_output=True)
    (built,) = dist.glob("zitour_planner-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv holding the wheel; returns its ``zitour`` script."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "zitour-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True)
    return python


def _run(python: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(ZITOUR_DATA_DIR=str(cwd / "data"), ZITOUR_LANG="fr", QT_QPA_PLATFORM="offscreen")
    script = python.with_name("zitour.exe" if os.name == "nt" else "zitour")  # the console entry point
    return subprocess.run([str(script), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=240)


def test_the_wheel_carries_the_maps_resources_translations_and_web_assets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("routing/_shipped/maps/krems_austria.osm.gz",
                   "routing/_shipped/maps/lyon_villeurbanne_ladoua_campus.osm",
                   "routing/_shipped/maps/README.md",  # the OpenStreetMap licence travels with the data
                   "routing/_shipped/resources/demo/krems_demo.json",
                   "routing/_shipped/resources/i18n/zitour_fr.qm",
                   "routing/_shipped/resources/desktop/zitour-planner.desktop",
                   "app/i18n/catalogs/fr.mo", "app/i18n/catalogs/en.mo",
                   "app/exports/vendor/leaflet/leaflet.js", "app/exports/vendor/leaflet/LICENSE"):
        assert needed in names, needed
    assert not any(n.startswith(("tests/", "maps/", "resources/")) for n in names)


def test_installed_wheel_writes_the_demo_plans_and_exports_far_from_the_checkout(installed, tmp_path):
    where = subprocess.run([str(installed), "-c", "import app, routing.shipped as s; "
                            "print(app.__file__); print(s.shipped_dir('maps'))"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split("\n")
    venv_root = installed.parents[1]
    assert Path(where[0]).is_relative_to(venv_root) and Path(where[1]).is_relative_to(venv_root), where
    assert not Path(where[0]).is_relative_to(REPO)

    demo = _run(installed, tmp_path, "demo", "demo.zitour")
    assert demo.returncode == 0, demo.stderr
    plan = _run(installed, tmp_path, "plan", "demo.zitour", "--tour", TOUR, "--time-limit", "1")
    assert plan.returncode == 0, plan.stderr
    export = _run(installed, tmp_path, "export", "demo.zitour", "--tour", TOUR,
                  "--format", "pdf,csv,html", "--out", "out")
    assert export.returncode == 0, export.stderr

    pdf = next((tmp_path / "out").glob("*-itineraire.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    rows = list(csv.reader((tmp_path / "out").glob("*-itineraire.csv").__next__().open(encoding="utf-8-sig"),
                           delimiter=";"))
    assert any("Dynea" in cell for row in rows for cell in row)
    html = next((tmp_path / "out").glob("*-carte.html")).read_text(encoding="utf-8")
    assert "L.map(" in html or "leaflet" in html.lower()  # the vendored Leaflet, found in the wheel


def test_in_a_checkout_the_shipped_folders_are_the_top_level_ones():
    from routing.shipped import shipped_dir

    assert shipped_dir("maps") == REPO / "maps" and shipped_dir("resources") == REPO / "resources"
    with pytest.raises(ValueError, match="unknown shipped folder"):
        shipped_dir("tests")
