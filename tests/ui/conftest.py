"""Fixtures for the desktop tests: a copy of the demo project and the real main window on it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest



@pytest.fixture(autouse=True)
def _no_translator_left_behind():
    """Windows made here install the French translator application-wide; remove it after each test."""
    yield
    from PySide6.QtWidgets import QApplication

    from app.ui.i18n import remove_translators

    app = QApplication.instance()
    if app is not None:
        remove_translators(app)


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory) -> Path:
    """The demo project, built once per session (real Krems sites, real clips)."""
    from app.services.demo import build_demo

    folder = tmp_path_factory.mktemp("demo-master")
    return build_demo(folder / "demo.zitour")


@pytest.fixture
def project_path(demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo project (and its videos) for one test."""
    target = tmp_path / "demo.zitour"
    shutil.copy2(demo_master, target)
    if (demo_master.parent / "videos").is_dir():
        shutil.copytree(demo_master.parent / "videos", tmp_path / "videos")
    return target


@pytest.fixture
def errors(monkeypatch) -> list:
    """Error dialogs are recorded instead of shown (a modal dialog would block the test)."""
    shown: list = []

    def record(parent, exc, title=None):
        shown.append(exc)

    import app.ui.errors

    monkeypatch.setattr(app.ui.errors, "show_error", record)
    return shown


def make_window(qtbot, tmp_path: Path, lang: str = "fr"):
    from PySide6.QtCore import QSettings

    from app.ui.launch import create_app
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings

    create_app(lang)
    settings = Settings(QSettings(str(tmp_path / f"settings-{lang}.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, lang)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def window(qtbot, tmp_path, project_path, errors):
    """The main window with the demo copy open, its region loaded."""
    from PySide6.QtCore import QThreadPool

    win = make_window(qtbot, tmp_path)
    with qtbot.waitSignal(win.session.region_changed, timeout=60_000):
        assert win.c.files.open_project(project_path)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    QThreadPool.globalInstance().waitForDone(30_000)
    # No dialog may have been shown unless the test expected it (and emptied the list).
    assert [str(e) for e in errors] == []


def dump(path: Path) -> dict:
    """Every row of every table of a project file, read on a separate read-only connection."""
    import sqlite3

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(map(tuple, conn.execute(f'SELECT * FROM "{t}"')), key=repr) for t in tables}
    finally:
        conn.close()


@pytest.fixture
def sync_window(qtbot, tmp_path, project_path):
    """The real window with a recording notifier and the synchronous task runner: every job
    (the region, the plan) has run when the call that started it returns."""
    from PySide6.QtCore import QSettings

    from app.ui.launch import create_app
    from app.ui.notify import RecordingNotifier
    from app.ui.tasks import SyncTaskRunner
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings

    create_app("fr")
    notifier = RecordingNotifier()
    tasks = SyncTaskRunner(notifier)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, "fr", notifier=notifier, tasks=tasks)
    qtbot.addWidget(window)
    assert window.c.files.open_project(project_path)
    assert window.session.region is not None  # loaded by the time open_project returned
    yield window
    window.close()
    assert notifier.errors == []


def undoable(window, path, edit) -> dict:
    """Run ``edit``; it must change the file as one undo step that undo and redo replay exactly.
    Returns the file's rows after the edit."""
    before = dump(path)
    count = window.c.editing.undo_stack.count()
    edit()
    after = dump(path)
    assert after != before, "the edit was not saved to the project file"
    assert window.c.editing.undo_stack.count() == count + 1
    window.actions["actUndo"].trigger()
    assert dump(path) == before
    window.actions["actRedo"].trigger()
    assert dump(path) == after
    return after
