"""Importing sites: CSV, GeoJSON or the region's named industrial features, with a preview and the rejected rows.

The preview is a dry run: the import runs on a temporary copy of the project,
so the organiser sees exactly which sites would be added or updated and which
rows are refused (row, column, reason) before anything touches the real file.
"Add these sites" then runs the same import on the project as one undo step.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
)

from app.services.import_sites import preview_import
from app.store.project import Project
from app.ui import fmt
from app.ui.errors import show_error
from app.ui.labels import label
from routing.errors import UserError


class ImportSitesDialog(QDialog):
    """Choose a source, preview the sites and the rejected rows, then import."""

    def __init__(self, window, project: Project, region):
        super().__init__(window)
        self.setObjectName("importSitesDialog")
        self.setWindowTitle(self.tr("Import sites"))
        self.resize(760, 520)
        self.project = project
        self.region = region
        self.run: Optional[Callable[[Project], Any]] = None
        self.report = None
        self.file_button = QPushButton(self.tr("From a CSV or GeoJSON file…"))
        self.region_button = QPushButton(self.tr("From the region's industrial areas"))
        self.region_button.setEnabled(region is not None)
        self.region_button.setToolTip(self.tr("Named industrial and commercial places of the region's map"))
        self.source = QLabel()
        self.preview = QTableWidget(0, 4)
        self.preview.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Kind"), self.tr("Longitude"), self.tr("Latitude")])
        self.rejected = QTableWidget(0, 3)
        self.rejected.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Reason")])
        for t in (self.preview, self.rejected):
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            t.horizontalHeader().setStretchLastSection(True)
            t.verticalHeader().hide()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, self.tr("Sites to add"))
        self.tabs.addTab(self.rejected, self.tr("Rejected rows"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Add these sites"))
        self.ok.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.file_button)
        row.addWidget(self.region_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.source)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.file_button.clicked.connect(self._from_file)
        self.region_button.clicked.connect(self.load_region_features)

    def _from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import sites"), str(self.project.folder),
                                              self.tr("Sites (*.csv *.geojson *.json);;All files (*)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        from app.services.import_sites import import_sites_file

        region = self.region
        self._preview(lambda p: import_sites_file(p, path, region=region), str(path))

    def load_region_features(self) -> None:
        from app.services.import_sites import INDUSTRIAL_KINDS, import_osm_features

        region = self.region
        features = [f for f in region.named_features() if f.kind.startswith(INDUSTRIAL_KINDS)]
        self._preview(lambda p: import_osm_features(p, features, region=region),
                      self.tr("Region: %1").replace("%1", region.name))

    def _preview(self, run: Callable[[Project], Any], source: str) -> None:
        try:
            report, sites = preview_import(self.project, run)
        except UserError as exc:
            show_error(self, exc)
            return
        self.run = run
        self.report = report
        self.source.setText(source)
        self.preview.setRowCount(len(sites))
        for r, s in enumerate(sites):
            for c, text in enumerate((s.name, label(s.kind), f"{s.lon:.5f}", f"{s.lat:.5f}")):
                self.preview.setItem(r, c, QTableWidgetItem(text))
        rejected = list(report.rejected)
        self.rejected.setRowCount(len(rejected))
        for r, rej in enumerate(rejected):
            reason = rej.reason.text(fmt.language())
            for c, text in enumerate((str(rej.row), rej.column or "", reason)):
                self.rejected.setItem(r, c, QTableWidgetItem(text))
        self.tabs.setTabText(0, self.tr("Sites to add (%1)").replace("%1", str(len(sites))))
        self.tabs.setTabText(1, self.tr("Rejected rows (%1)").replace("%1", str(len(rejected))))
        self.ok.setEnabled(bool(sites))
