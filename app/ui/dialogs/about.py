"""The About box: version, purpose, OpenStreetMap attribution."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app import APP_NAME, __version__


def about_text() -> str:
    purpose = QCoreApplication.translate("About", "Plan guided bus tours of industrial zones, offline.")
    data = QCoreApplication.translate(
        "About", "Maps and roads: data © OpenStreetMap contributors, available under the Open Database License (ODbL).")
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        f"<p>{purpose}</p>"
        f"<p>{data}</p>"
        "<p>© OpenStreetMap contributors — <a href='https://www.openstreetmap.org/copyright'>"
        "openstreetmap.org/copyright</a></p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("About", "About ZI Tour planner"), about_text())
