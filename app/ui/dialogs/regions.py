"""Regions: open a bundled or compiled region, import an OSM extract (progress, cancel), pick the coach."""
from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
    QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
)

from app.model.entities import VehicleSpec
from app.ui.undo import CallbackCommand
from app.ui import jobs
from app.ui.process_job import run_in_process
from app.ui.workers import Worker

# Common coaches; dimensions in metres, weight in tonnes.
PRESETS = {
    "Autocar 12 m": VehicleSpec("Autocar 12 m", 3.70, 18.0, 2.55, 12.0, 0.85),
    "Autocar 15 m": VehicleSpec("Autocar 15 m", 3.90, 24.0, 2.55, 15.0, 0.80),
    "Midibus 9 m": VehicleSpec("Midibus 9 m", 3.20, 12.0, 2.40, 9.0, 0.90),
}


class RegionsDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("regionsDialog")
        self.setWindowTitle(self.tr("Regions and coach"))
        self.resize(560, 480)
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
        coach = QGroupBox(self.tr("Coach of the current tour"))
        form = QFormLayout(coach)
        self.preset = QComboBox()
        for name in PRESETS:
            self.preset.addItem(name)
        self.height = self._spin(2.0, 5.0, " m")
        self.weight = self._spin(3.0, 44.0, " t")
        self.width = self._spin(1.8, 3.0, " m")
        self.length = self._spin(5.0, 25.0, " m")
        self.speed = self._spin(0.5, 1.0, "")
        self.speed.setToolTip(self.tr("Share of the road's speed a coach drives at"))
        form.addRow(self.tr("Model"), self.preset)
        form.addRow(self.tr("Height"), self.height)
        form.addRow(self.tr("Weight"), self.weight)
        form.addRow(self.tr("Width"), self.width)
        form.addRow(self.tr("Length"), self.length)
        form.addRow(self.tr("Speed factor"), self.speed)
        self.apply_button = QPushButton(self.tr("Apply to the tour's buses"))
        form.addRow("", self.apply_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(box, 1)
        layout.addWidget(coach)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.use_button.clicked.connect(self._use)
        self.import_button.clicked.connect(self._import)
        self.preset.activated.connect(lambda _i: self._show_spec(PRESETS[self.preset.currentText()]))
        self.apply_button.clicked.connect(self._apply_coach)
        self.fill()
        project = window.project
        editable = project is not None and not project.read_only
        buses = project.buses(window.tour_id) if editable and window.tour_id is not None else []
        self._show_spec(buses[0].vehicle if buses else PRESETS["Autocar 12 m"])
        for w in (self.use_button, self.apply_button):
            w.setEnabled(editable)
        self.apply_button.setEnabled(bool(buses))

    @staticmethod
    def _spin(lo: float, hi: float, suffix: str) -> QDoubleSpinBox:
        s = QDoubleSpinBox()
        s.setRange(lo, hi)
        s.setDecimals(2)
        s.setSingleStep(0.05)
        s.setSuffix(suffix)
        return s

    def _show_spec(self, spec: VehicleSpec) -> None:
        self.height.setValue(spec.height_m)
        self.weight.setValue(spec.weight_t)
        self.width.setValue(spec.width_m)
        self.length.setValue(spec.length_m)
        self.speed.setValue(spec.speed_factor)
        i = self.preset.findText(spec.name)
        if i >= 0:
            self.preset.setCurrentIndex(i)

    def fill(self) -> None:
        from routing.regions import list_regions

        self.list.clear()
        current = self.window_.project.region_name if self.window_.project else None
        for info in list_regions():
            state = self.tr("bundled") if info.bundled else self.tr("imported")
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
        window = self.window_
        if item is None or window.project is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        before = window.project.region_name or ""
        project = window.project
        command = CallbackCommand(project, self.tr("Change region"), lambda: project.set_setting("region", name),
                                  lambda: project.set_setting("region", before))
        if window.push(command):
            window.load_region(name)
            self.fill()

    def _import(self) -> None:
        source, _ = QFileDialog.getOpenFileName(self, self.tr("Import an OSM extract"), str(Path.home()),
                                                self.tr("OpenStreetMap extracts (*.osm *.osm.gz *.osm.bz2 *.osm.pbf *.pbf)"))
        if not source:
            return
        self.import_file(source)

    def import_file(self, source: str) -> Worker:
        worker = Worker(run_in_process, jobs.import_region_job, source, title=self.tr("Importing %1").replace("%1", Path(source).name))
        self.window_.start_worker(worker, lambda _p: self.fill())
        return worker

    def _apply_coach(self) -> None:
        window = self.window_
        if window.project is None or window.tour_id is None:
            return
        spec = VehicleSpec(self.preset.currentText(), self.height.value(), self.weight.value(), self.width.value(),
                           self.length.value(), self.speed.value())
        project = window.project
        befores = project.buses(window.tour_id)
        afters = []
        for b in befores:
            a = copy.deepcopy(b)
            a.vehicle = copy.deepcopy(spec)
            afters.append(a)

        def do() -> None:
            for a in afters:
                project.update(a)

        def undo() -> None:
            for b in befores:
                project.update(b)

        window.push(CallbackCommand(project, self.tr("Change coach"), do, undo))
