"""Road regions: use a bundled or compiled region, import an OSM extract (progress, cancel).

The buses' vehicles are edited in one place, the tour's Buses tab."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QGroupBox, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout,
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
        box = QGroupBox(self.tr("Road regions"))
        bl = QVBoxLayout(box)
        bl.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(self.use_button)
        row.addWidget(self.import_button)
        bl.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(box, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.use_button.clicked.connect(self._use)
        self.import_button.clicked.connect(self._import)
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
