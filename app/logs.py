"""The application's log file: one for the GUI and the CLI, in the data folder (Qt-free)."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

_installed: list[logging.Handler] = []


def log_path() -> Path:
    """``data_dir()/zitour.log``: where unexpected errors are written with their traceback."""
    from routing.regions import data_dir

    return data_dir() / "zitour.log"


def setup_logging() -> None:
    """Log to ``data_dir()/zitour.log`` (best effort: a read-only home must not stop the app); once."""
    if _installed:
        return
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except Exception:  # noqa: BLE001 - logging must never stop the app
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    _installed.append(handler)
    root.addHandler(handler)
    root.setLevel(logging.INFO)


