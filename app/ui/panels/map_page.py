"""The central page with a project open: the map, with the read-only banner and, while the
project has no road region yet, a hint that leads to the regions dialog."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.map.canvas import MapCanvas

BANNER_STYLE = "background: #fff3cd; color: #5c4400; padding: 6px; border-bottom: 1px solid #e0c060;"
HINT_STYLE = "background: #e8f0fb; color: #1f3f6b; padding: 6px; border-bottom: 1px solid #9db7dd;"


class MapPage(QWidget):
    regions_requested = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.banner = QLabel(self)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.region_hint = QWidget(self)
        self.region_hint.setObjectName("regionHint")
        self.region_hint.setStyleSheet(HINT_STYLE)
        hint_text = QLabel(self.tr("This project has no road map yet: choose one of the regions, or import an "
                                   "OpenStreetMap extract of your industrial zone, to place the sites and plan."))
        hint_text.setWordWrap(True)
        self.hint_button = QPushButton(self.tr("Choose or import a region…"))
        self.hint_button.setObjectName("regionHintButton")
        row = QHBoxLayout(self.region_hint)
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(hint_text, 1)
        row.addWidget(self.hint_button)
        self.region_hint.hide()
        self.canvas = MapCanvas(self)
        self.canvas.setObjectName("mapCanvas")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.region_hint)
        layout.addWidget(self.canvas, 1)
        self.hint_button.clicked.connect(self.regions_requested)

    def set_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def show_region_hint(self, show: bool) -> None:
        self.region_hint.setVisible(show)


def counts_text(sites: int, tours: int) -> str:
    """"1 site · 2 circuits": singular and plural as each language says them."""
    from PySide6.QtCore import QCoreApplication as Q

    site_words = Q.translate("MapPage", "1 site") if sites == 1 else Q.translate("MapPage", "%1 sites")
    tour_words = Q.translate("MapPage", "1 tour") if tours == 1 else Q.translate("MapPage", "%1 tours")
    return f"{site_words.replace('%1', str(sites))} · {tour_words.replace('%1', str(tours))}"
