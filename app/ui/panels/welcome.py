"""The welcome page, shown when no project is open — the first-run screen too.

It says what the application is for, opens the demo, a project or a new one, lists the recent
projects (hidden before there are any), and explains how to bring one's own region's roads in
without a network (Geofabrik, osmium, then the import), with a button to the region import.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)


class WelcomePage(QWidget):
    """Shown when no project is open: what the app does, the demo, a project, a region."""

    open_demo = Signal()
    open_file = Signal()
    new_file = Signal()
    open_recent = Signal(str)
    import_region = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel(self.tr("Welcome to ZI Tour planner"))
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.purpose = QLabel(self.tr(
            "Plan the guided bus tours of industrial zones (ZI Tours) and run them:"
            "<ul><li>place the companies, training centres and stops on the map, with their opening "
            "hours, visit lengths, ambassadors and videos;</li>"
            "<li>let the application find the order and the times a coach keeps, on the real roads "
            "(OpenStreetMap);</li>"
            "<li>print the itinerary and the ambassadors' stop sheets, export maps and playlists for "
            "the partners;</li>"
            "<li>on the day, run the tour from a laptop aboard the bus, without a network.</li></ul>"))
        self.purpose.setObjectName("welcomePurpose")
        self.purpose.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Open the demo project"))
        self.demo_button.setObjectName("openDemo")
        self.demo_button.setToolTip(self.tr("A ready-made project on the industrial zones of Krems (Austria)"))
        self.open_button = QPushButton(self.tr("Open a project…"))
        self.new_button = QPushButton(self.tr("New project…"))
        self.region_button = QPushButton(self.tr("Import your region…"))
        self.region_button.setObjectName("importRegion")
        self.region_button.setToolTip(self.tr("Read your region's OpenStreetMap extract so tours can be planned there"))
        self.region_help = QLabel(self.tr(
            "<b>Your region's roads.</b> The demo region (Krems) is included. For your own zone, "
            "without a network on this computer:"
            "<ol><li>on any computer, download your region's extract from "
            "<a href='https://download.geofabrik.de/europe/france.html'>download.geofabrik.de</a> "
            "(for example <i>rhone-alpes-latest.osm.pbf</i> for Meyzieu or the Vallée du Gier);</li>"
            "<li>cut the zone of your tours with osmium: <tt>osmium extract -b 4.95,45.70,5.10,45.80 "
            "rhone-alpes-latest.osm.pbf -o meyzieu.osm.pbf</tt> (west, south, east, north);</li>"
            "<li>bring the file here and choose “Import your region…”.</li></ol>"))
        self.region_help.setObjectName("welcomeRegionHelp")
        self.region_help.setWordWrap(True)
        self.region_help.setOpenExternalLinks(True)
        self.region_help.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.setToolTip(self.tr("Double-click a recent project to open it"))
        self.recent_title = QLabel(self.tr("Recent projects"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.addWidget(title)
        layout.addWidget(self.purpose)
        row = QHBoxLayout()
        for b in (self.demo_button, self.open_button, self.new_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        region = QGroupBox(self.tr("Your region"))
        rl = QVBoxLayout(region)
        rl.addWidget(self.region_help)
        rrow = QHBoxLayout()
        rrow.addWidget(self.region_button)
        rrow.addStretch(1)
        rl.addLayout(rrow)
        layout.addWidget(region)
        layout.addWidget(self.recent_title)
        layout.addWidget(self.recent, 3)
        layout.addStretch(1)  # a first run has no list: the page keeps to the top
        self.demo_button.clicked.connect(self.open_demo)
        self.open_button.clicked.connect(self.open_file)
        self.new_button.clicked.connect(self.new_file)
        self.region_button.clicked.connect(self.import_region)
        self.recent.itemActivated.connect(lambda item: self.open_recent.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.set_recent([])

    def set_recent(self, paths: list[Path]) -> None:
        """List the recent projects; on a first run (none yet) the list and its title hide."""
        self.recent.clear()
        for p in paths:
            item = QListWidgetItem(f"{p.name} — {p.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(p))
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.recent_title.setVisible(bool(paths))
