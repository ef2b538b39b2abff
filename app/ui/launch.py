"""Starting the application: ``run_gui(project, lang)`` (called by ``zitour`` and ``zitour open``).

The language: :func:`choose_language` (``--lang``, else the saved choice, else the environment, else French).

The start path imports only Qt, the store and the UI: no osmnx, geopandas or
solver. The region and the planner load later, in workers or on first use.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Optional

log = logging.getLogger(__name__)


def _import_store_without_pandas() -> None:
    """Import sqlite_utils (used by the project store) without its optional pandas import.

    sqlite_utils imports pandas at import time only to accept pandas values in
    inserts, which this application never does; that import alone takes about a
    second of the 3 s start-up budget. Hiding pandas while sqlite_utils loads makes
    it skip that; pandas stays importable for later work (exports) as usual.
    """
    if "sqlite_utils" in sys.modules or "pandas" in sys.modules:
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]  # import pandas -> ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["pandas"]


def create_app(lang: Optional[str] = None, argv: Optional[list[str]] = None):
    """The QApplication (created once), with translations, style and error handling installed.

    ``lang`` None: the language saved in the settings, else French.
    """
    _import_store_without_pandas()
    from PySide6.QtWidgets import QApplication

    from app import APP_NAME, __version__
    from app.ui.errors import install_excepthook, setup_logging
    from app.ui.i18n import install_translators
    from app.ui.settings import Settings

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
        setup_logging()
    app.setApplicationName("zitour")
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("ZI Tour")
    app.setApplicationVersion(__version__)
    if "Fusion" in __import__("PySide6.QtWidgets", fromlist=["QStyleFactory"]).QStyleFactory.keys():
        app.setStyle("Fusion")
    settings = Settings()
    lang = lang or settings.language() or "fr"
    install_translators(app, lang)
    install_excepthook()
    from app.ui import wheel_guard

    wheel_guard.install(app)
    return app, settings, lang


def create_window(project: Optional[Path], lang: Optional[str] = None, open_last: bool = True):
    """Build the main window and open ``project`` (or the last one, or show the welcome page)."""
    _import_store_without_pandas()
    from app.ui.main_window import MainWindow

    app, settings, lang = create_app(lang)
    window = MainWindow(settings, lang)
    follow_language(window)
    target = Path(project) if project is not None else (settings.last_project() if open_last else None)
    if target is not None:
        window.c.files.open_project(target)
    return app, window


_windows: list = []  # the window in use: a rebuilt one must outlive the call that made it


def follow_language(window) -> None:
    """Rebuild ``window`` in a language as soon as the user chooses it (Settings → Language)."""
    window.preferences.language_chosen.connect(lambda lang, w=window: switch_language(w, lang))


def switch_language(window, lang: str):
    """The same window in ``lang``, now: a new window with the same size and project, shown before
    the old one closes (which saves its layout and releases the project). The undo history does
    not carry over. Returns the new window."""
    from PySide6.QtWidgets import QApplication

    from app.ui.i18n import install_translators
    from app.ui.main_window import MainWindow

    path = window.session.project.path if window.session.project is not None else None
    install_translators(QApplication.instance(), lang)
    new = MainWindow(window.settings, lang)
    new.restoreGeometry(window.saveGeometry())
    follow_language(new)
    if window.isVisible():
        new.show()  # before the old one closes: the application never has no window
    window.close()  # saves the dock layout, closes the project (its lock is released)
    if path is not None:
        new.c.files.open_project(path)
    _windows[:] = [new]
    window.deleteLater()
    return new


def choose_language(cli_lang: Optional[str], saved: Optional[str], env_lang: Optional[str]) -> str:
    """The interface's language, first of: ``--lang`` given on the command line (``cli_lang``),
    the language chosen in the application (``saved`` in the settings), the environment's
    (``env_lang``, e.g. ``LANG=en_GB.UTF-8``), French. Pure: the callers read the settings and the
    environment. A language without a catalog counts as French.
    """
    from app.i18n import normalise

    return normalise(cli_lang or saved or env_lang)


def run_gui(project: Path | None = None, lang: Optional[str] = None, env_lang: Optional[str] = None) -> int:
    """Open the window on ``project`` (None: the last project, else the welcome page); returns the exit code.

    ``lang``: the language asked for on the command line (None: not asked), which wins over the one
    saved in the application; ``env_lang`` (the environment's) counts only when neither is set.
    """
    from app.ui.settings import Settings

    app, window = create_window(project, choose_language(lang, Settings().language(), env_lang))
    window.show()
    return app.exec()
