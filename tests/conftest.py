"""Session-wide test settings: offscreen Qt, private data and config folders.

The network is blocked by pytest-socket (``--disable-socket`` in pyproject.toml);
only Unix sockets are allowed (Qt and D-Bus use them locally).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
# Never read or write the user's regions, settings or recent files.
_private = Path(tempfile.mkdtemp(prefix="zitour-tests-"))
os.environ.setdefault("ZITOUR_DATA_DIR", str(_private / "data"))
os.environ["XDG_CONFIG_HOME"] = str(_private / "config")

REPO = Path(__file__).resolve().parent.parent
MAPS = REPO / "maps"
KREMS_OSM = MAPS / "krems_austria.osm.gz"
LADOUA_OSM = MAPS / "lyon_villeurbanne_ladoua_campus.osm"


import pytest  # noqa: E402

# Messages render through the application's catalogs (routing alone renders codes).
import app.i18n  # noqa: E402,F401


@pytest.fixture(scope="session", autouse=True)
def _one_qt_application(qapp):
    """Create the QApplication before any test can create a bare QGuiApplication.

    The exports paint PDFs with QtGui only and create a QGuiApplication when none
    exists (as the CLI does); a widget test running later in the same process would
    then abort, because widgets need a QApplication.
    """
    yield qapp


@pytest.fixture(scope="session")
def planned_demo(tmp_path_factory) -> Path:
    """The demo project with its tours planned on the real Krems roads (built once per session)."""
    from app.services.demo import build_demo
    from app.services.planning import plan_tour
    from app.store.project import Project

    path = build_demo(tmp_path_factory.mktemp("planned-demo"))
    with Project.open(path) as project:
        for tour in project.tours():
            plan_tour(project, tour.id, time_limit_s=1)
    return path


@pytest.fixture(scope="session")
def season_dir(tmp_path_factory) -> Path:
    """The demo season (resources/demo/season.json) written once: the demo and four past tours."""
    from app.services.demo_season import build_season

    folder = tmp_path_factory.mktemp("saison")
    build_season(folder)
    return folder


@pytest.fixture
def season_files(season_dir, tmp_path) -> list[Path]:
    """A private copy of the season's four files, in date order (a test may erase names in them)."""
    import shutil

    return [Path(shutil.copy2(f, tmp_path / f.name)) for f in sorted(season_dir.glob("saison-*.zitour"))]
