"""The user's preferences (QSettings): language, recent projects, window state.

Typed accessors over one QSettings store (organisation "ZI Tour", application
"zitour"), with a schema version so later releases can migrate keys.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QByteArray, QSettings

SCHEMA_VERSION = 1
MAX_RECENT = 8


class Settings:
    def __init__(self, settings: Optional[QSettings] = None):
        self.q = settings or QSettings("ZI Tour", "zitour")
        if self.q.value("schema_version") is None:
            self.q.setValue("schema_version", SCHEMA_VERSION)

    # -- language ---------------------------------------------------------
    def language(self) -> Optional[str]:
        value = self.q.value("language")
        return str(value) if value in ("fr", "en") else None

    def set_language(self, lang: str) -> None:
        self.q.setValue("language", lang)

    # -- recent projects --------------------------------------------------
    def recent_projects(self) -> list[Path]:
        value = self.q.value("recent_projects") or []
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [Path(v) for v in value if v]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        items = [p for p in self.recent_projects() if p != path]
        items.insert(0, path)
        self.q.setValue("recent_projects", [str(p) for p in items[:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        self.q.setValue("recent_projects", [str(p) for p in self.recent_projects() if p != path])

    def last_project(self) -> Optional[Path]:
        for path in self.recent_projects():
            if path.exists():
                return path
        return None

    # -- window -------------------------------------------------------------
    def window_state(self) -> tuple[Optional[QByteArray], Optional[QByteArray]]:
        return self.q.value("window/geometry"), self.q.value("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)

    # -- tour day -------------------------------------------------------------
    def gps_port(self) -> tuple[str, int]:
        """The serial port and baud rate of the GPS (``/dev/ttyACM0`` at 4800 by default: NMEA's own rate)."""
        port = self.q.value("tourday/gps_port") or ("COM3" if sys.platform == "win32" else "/dev/ttyACM0")
        try:
            baud = int(self.q.value("tourday/gps_baud") or 4800)
        except (TypeError, ValueError):
            baud = 4800
        return str(port), baud

    def set_gps_port(self, port: str, baud: int = 4800) -> None:
        self.q.setValue("tourday/gps_port", port)
        self.q.setValue("tourday/gps_baud", int(baud))

    def sync(self) -> None:
        self.q.sync()
