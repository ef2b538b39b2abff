"""Importing sites: CSV, GeoJSON or the region's named industrial features, with a preview and the rejected rows.

The preview is a dry run: the import runs on a temporary copy of the project,
so the organiser sees exactly which sites would be added or updated and which
rows are refused (row, column, reason) before anything touches the real file.
"Add these sites" then runs the same import on the project as one undo step.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
)

from app.services.import_sites import preview_import
from app.store.project import Project
from app.ui import fmt
from app.ui.errors import show_error
from app.ui.labels import label
from routing.errors import UserError


class ImportSitesDialog(QDialog):
    """Choose a source, preview the sites and the rejected rows, then import.

    From the region's map the features are listed to pick from: a box each, a search field, the
    feature shown on the map as the mouse passes over its row (``feature_hovered``), its OSM tags
    (industrial type, operator, website) beside its name; only the ticked ones are imported, and a
    feature already imported fills the existing site's empty fields instead of adding it twice."""

    feature_hovered = Signal(float, float)  # lon, lat of the feature under the mouse

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
        self.features: list = []
        self.search = QLineEdit()
        self.search.setObjectName("featureSearch")
        self.search.setPlaceholderText(self.tr("Search the region's companies…"))
        self.search.textChanged.connect(self._filter)
        self.search.hide()
        self.picker = QTableWidget(0, 5)
        self.picker.setObjectName("featurePicker")
        self.picker.setHorizontalHeaderLabels([self.tr("Company"), self.tr("Industry"), self.tr("Operator"),
                                               self.tr("Website"), self.tr("In the project")])
        self.picker.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.picker.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.picker.horizontalHeader().setStretchLastSection(True)
        self.picker.verticalHeader().hide()
        self.picker.setMouseTracking(True)
        self.picker.cellEntered.connect(self._hovered)
        self.picker.itemChanged.connect(lambda _i: self._picked())
        self.picker.hide()
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
        layout.addWidget(self.search)
        layout.addWidget(self.picker, 2)
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
        """List the region's named industrial features to pick from (none ticked yet)."""
        from app.services.import_sites import INDUSTRIAL_KINDS

        region = self.region
        self.features = sorted((f for f in region.named_features() if f.kind.startswith(INDUSTRIAL_KINDS)),
                               key=lambda f: f.name.lower())
        self.source.setText(self.tr("Region: %1 — tick the companies to import").replace("%1", region.name))
        present = {s.source_ref for s in self.project.sites() if s.source_ref}
        kinds = {"man_made=works": self.tr("works"), "landuse=industrial": self.tr("industrial area"),
                 "building=industrial": self.tr("industrial building")}
        self.picker.blockSignals(True)
        self.picker.setRowCount(len(self.features))
        for r, f in enumerate(self.features):
            tags = f.tags or {}
            name = QTableWidgetItem(f.name)
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Unchecked)
            name.setData(Qt.ItemDataRole.UserRole, r)
            name.setToolTip(f"OpenStreetMap {f.osm_type}/{f.osm_id} ({f.kind})")
            industry = tags.get("industrial") or tags.get("craft") or kinds.get(f.kind, f.kind)
            here = f"{f.osm_type}/{f.osm_id}" in present
            cells = [name, QTableWidgetItem(industry.replace("_", " ")), QTableWidgetItem(tags.get("operator", "")),
                     QTableWidgetItem(tags.get("website") or tags.get("contact:website", "")),
                     QTableWidgetItem(self.tr("already: ticked, it fills empty fields") if here else "")]
            for c, item in enumerate(cells):
                self.picker.setItem(r, c, item)
        self.picker.blockSignals(False)
        self.search.show()
        self.picker.show()
        self._picked()

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for r in range(self.picker.rowCount()):
            hay = " ".join(self.picker.item(r, c).text().lower() for c in range(self.picker.columnCount()))
            self.picker.setRowHidden(r, bool(needle) and needle not in hay)

    def _hovered(self, row: int, _column: int) -> None:
        f = self.features[self.picker.item(row, 0).data(Qt.ItemDataRole.UserRole)]
        self.feature_hovered.emit(float(f.lon), float(f.lat))

    def checked_features(self) -> list:
        return [self.features[self.picker.item(r, 0).data(Qt.ItemDataRole.UserRole)]
                for r in range(self.picker.rowCount())
                if self.picker.item(r, 0).checkState() == Qt.CheckState.Checked]

    def set_checked(self, names: set[str]) -> None:
        for r in range(self.picker.rowCount()):
            item = self.picker.item(r, 0)
            item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)

    def _picked(self) -> None:
        """Preview what the ticked features would add or update."""
        from app.services.import_sites import import_osm_features

        chosen, region = self.checked_features(), self.region
        if not chosen:
            self.run = None
            self.preview.setRowCount(0)
            self.ok.setEnabled(False)
            return
        self._preview(lambda p: import_osm_features(p, chosen, region=region),
                      self.tr("Region: %1 — %2 ticked").replace("%1", region.name).replace("%2", str(len(chosen))))

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
