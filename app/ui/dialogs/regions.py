"""Road regions: use a bundled or compiled region, import an OSM extract, or download one (progress, cancel).

Downloading is the application's one use of the network, and says so; the offline way (a
Geofabrik extract cut with osmium) is explained beside it.

The buses' vehicles are edited in one place, the tour's Buses tab."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QVBoxLayout,
)

from app.ui import jobs

class RegionsDialog(QDialog):
    """Talks to the session and the controllers, never to the window."""

    def __init__(self, parent, session, files, editing, tasks):
        super().__init__(parent)
        self.session, self.files, self.editing, self.tasks = session, files, editing, tasks
        self.report = ""  # the last import's report, as shown
        self.setObjectName("regionsDialog")
        self.setWindowTitle(self.tr("Road regions"))
        self.resize(560, 400)
        self.list = QListWidget()
        self.list.setObjectName("regionList")
        self.use_button = QPushButton(self.tr("Use for this project"))
        self.use_button.setToolTip(self.tr("Plan this project's tours on the selected region"))
        self.import_button = QPushButton(self.tr("Import an OSM extract…"))
        self.import_button.setToolTip(self.tr("Read a .osm, .osm.gz or .osm.pbf file and compile it (can be cancelled)"))
        self.download_button = QPushButton(self.tr("Download from OpenStreetMap (uses the network)…"))
        self.download_button.setObjectName("downloadRegion")
        self.download_button.setToolTip(self.tr("The only action of the application that uses the network: "
                                                "a place name or a box is fetched from OpenStreetMap's servers"))
        self.offline = QLabel(self.tr(
            "<b>Without a network:</b> download your region's extract from "
            "<a href='https://download.geofabrik.de/europe/france.html'>download.geofabrik.de</a> "
            "(e.g. <i>rhone-alpes-latest.osm.pbf</i>) on any computer, cut the zone you need with "
            "<tt>osmium extract -b 4.95,45.70,5.10,45.80 rhone-alpes-latest.osm.pbf -o meyzieu.osm.pbf</tt>, "
            "then “Import an OSM extract…” here."))
        self.offline.setObjectName("offlineRegionHelp")
        self.offline.setWordWrap(True)
        self.offline.setOpenExternalLinks(True)
        box = QGroupBox(self.tr("Road regions"))
        bl = QVBoxLayout(box)
        bl.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(self.use_button)
        row.addWidget(self.import_button)
        bl.addLayout(row)
        bl.addWidget(self.download_button)
        bl.addWidget(self.offline)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(box, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.use_button.clicked.connect(self._use)
        self.import_button.clicked.connect(self._import)
        self.download_button.clicked.connect(self._ask_download)
        self.fill()
        self.use_button.setEnabled(session.editable)

    def fill(self) -> None:
        from routing.regions import list_regions

        self.list.clear()
        current = self.session.region_name
        for info in list_regions():
            state = self.tr("bundled") if info.bundled else self.tr("imported")
            if info.damaged:
                state = self.tr("damaged: import it again")
            if info.path is None:
                state += ", " + self.tr("compiled on first use")
            text = f"{info.name} ({state})"
            if info.name == current:
                text = "● " + text
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            self.list.addItem(item)

    def _use(self) -> None:
        item = self.list.currentItem()
        if item is None or self.session.project is None:
            return
        if self.files.use_region(item.data(Qt.ItemDataRole.UserRole)):
            self.fill()

    def _import(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, self.tr("Import an OSM extract"), str(Path.home()),
                                                self.tr("OpenStreetMap extracts (*.osm *.osm.gz *.osm.bz2 *.osm.pbf *.pbf)"))
        if not source:
            return
        self.import_file(source)

    def import_file(self, source: str):
        """Compile ``source`` in the background (the list shows it when done, with the import's
        report); returns the task, or None when the organiser keeps the region the project uses."""
        from routing.regions import default_name

        name = default_name(Path(source))
        if name == self.session.region_name and not self.files.notifier.ask(
                self.tr("This project plans on the region %1: importing %2 replaces it, and the plans will be "
                        "computed on the new roads. Replace it?").replace("%1", name).replace("%2", Path(source).name)):
            return None
        return self.tasks.run(jobs.import_region_job, source, title=self.tr("Importing %1").replace(
            "%1", Path(source).name), in_process=True, on_result=self._imported)

    def _imported(self, path) -> None:
        from app import i18n
        from app.services.regions import import_summary

        self.fill()
        self.report = "\n".join(import_summary(Path(path), i18n.language()))
        self.files.notifier.info(self.report)
        if Path(path).stem == self.session.region_name:  # the project's region was replaced: draw the new one
            self.files.load_region(self.session.region_name)

    def _ask_download(self) -> None:
        text, ok = QInputDialog.getText(
            self, self.tr("Download a region"),
            self.tr("A place (\"Meyzieu, France\") or a box west,south,east,north in degrees.\n"
                    "This uses the network: OpenStreetMap's servers receive the request."))
        if ok and text.strip():
            self.download(text.strip())

    def download(self, text: str):
        """Download ``text`` (a place name, or "W,S,E,N") in the background, with progress and Cancel in the
        task bar; the list shows the region when compiled. A failure (no network) is said, nothing changes."""
        parts = [p.strip() for p in text.split(",")]
        bbox = None
        if len(parts) == 4:
            try:
                bbox = [float(p) for p in parts]
            except ValueError:
                bbox = None
        place = None if bbox is not None else text
        return self.tasks.run(jobs.download_region_job, place, bbox, title=self.tr("Downloading %1").replace(
            "%1", text), in_process=True, on_result=self._imported)
