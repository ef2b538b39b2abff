"""The season's report (Fichier → Bilan de la saison…): the project files of a season, a period
and a territory, the organisers' name; the report itself shown as it will print (the same PDF,
rendered by QtPdf), then exported as PDF + CSV tables into a folder.

The figures are read from the files read-only (:func:`app.services.bilan.read_season`); a file
that cannot be read is named and left out, the others still count.
"""
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from app.exports import bilan_report
from app.services.bilan import read_season, territories
from app.ui.date_field import DateField
from routing.messages import Message


class BilanDialog(QDialog):
    def __init__(self, files: list[Path], organiser: str, lang: str = "fr", parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("bilanDialog")
        self.setWindowTitle(self.tr("Season report"))
        self.resize(1100, 720)
        self.lang = lang
        self._tmp = Path(tempfile.mkdtemp(prefix="zitour-bilan-"))
        self.season = None
        self.written: list[Path] = []
        self.files = QListWidget()
        self.files.setObjectName("bilanFiles")
        add, remove = QPushButton(self.tr("Add projects…")), QPushButton(self.tr("Remove"))
        add.clicked.connect(self._ask_files)
        remove.clicked.connect(self._remove_selected)
        today = dt.date.today()
        self.use_start, self.use_end = QCheckBox(self.tr("From")), QCheckBox(self.tr("To"))
        self.start, self.end = DateField(), DateField()
        self.start.set_value(dt.date(today.year - 1, 9, 1))
        self.end.set_value(today)
        self.use_start.toggled.connect(self.start.setEnabled)
        self.use_end.toggled.connect(self.end.setEnabled)
        self.start.setEnabled(False)
        self.end.setEnabled(False)
        self.territory = QComboBox()
        self.territory.setObjectName("bilanTerritory")
        self.organiser = QLineEdit(organiser)
        self.organiser.setObjectName("bilanOrganiser")
        self.refresh_button = QPushButton(self.tr("Update the report"))
        self.refresh_button.setObjectName("bilanRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.problems = QLabel()
        self.problems.setObjectName("bilanProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a33;")
        self.summary = QLabel()
        self.summary.setObjectName("bilanSummary")
        self.summary.setWordWrap(True)
        left = QWidget()
        form = QFormLayout()
        for check, edit in ((self.use_start, self.start), (self.use_end, self.end)):
            row = QHBoxLayout()  # one row each: the date stays readable in the narrow column
            row.addWidget(check)
            row.addWidget(edit, 1)
            form.addRow(self.tr("Period") if check is self.use_start else "", row)
        form.addRow(self.tr("Territory"), self.territory)
        form.addRow(self.tr("Organisers"), self.organiser)
        lay = QVBoxLayout(left)
        lay.addWidget(QLabel(self.tr("The season's project files")))
        lay.addWidget(self.files, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        lay.addLayout(row)
        lay.addLayout(form)
        lay.addWidget(self.refresh_button)
        lay.addWidget(self.summary)
        lay.addWidget(self.problems)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("bilanPreview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.view)
        split.setSizes([360, 740])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(self.tr("Export the report…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("bilanExport")
        self.export_button.clicked.connect(self._ask_folder)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        for f in files:
            self.add_file(Path(f))
        self._fill_territories()
        self.refresh()

    # -- files --------------------------------------------------------------------------------------
    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.files.count())]

    def add_file(self, path: Path) -> None:
        if path.resolve() in {p.resolve() for p in self.paths()}:
            return
        item = QListWidgetItem(path.name)
        item.setToolTip(str(path))
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        self.files.addItem(item)

    def _ask_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("The season's projects"), "",
                                                self.tr("ZI Tour projects (*.zitour)"))
        for name in names:
            self.add_file(Path(name))
        self._fill_territories()
        self.refresh()

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._fill_territories()
        self.refresh()

    def _fill_territories(self) -> None:
        current = self.territory.currentData()
        self.territory.blockSignals(True)
        self.territory.clear()
        self.territory.addItem(self.tr("All territories"), "")
        for name in territories(self.paths()):
            self.territory.addItem(name, name)
        self.territory.setCurrentIndex(max(0, self.territory.findData(current)))
        self.territory.blockSignals(False)

    # -- the report ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the files again and show the report as it will print."""
        start = self.start.value() if self.use_start.isChecked() else None
        end = self.end.value() if self.use_end.isChecked() else None
        self.season = read_season(self.paths(), start, end, self.territory.currentData() or "")
        self.problems.setText("\n".join(
            [Message("bilan.unreadable", file=f, reason=r).text(self.lang) for f, r in self.season.unreadable]
            + [Message("bilan.same_tour", tour=t, date=d.strftime("%d/%m/%Y"), files=", ".join(f)).text(self.lang)
               for t, d, f in self.season.duplicates]))
        figures = dict(self.season.key_figures())
        self.summary.setText(self.tr("%1 tours, %2 registered, %3 present, %4 companies")
                             .replace("%1", str(figures["actions"])).replace("%2", str(figures["registered"]))
                             .replace("%3", str(figures["present"])).replace("%4", str(figures["companies"])))
        self.document.close()
        for old in self._tmp.glob("*"):
            old.unlink()
        written = bilan_report.write(self.season, self._tmp, self.organiser.text().strip() or "ZI Tour")
        self.document.load(str(written[0]))
        self.export_button.setEnabled(bool(self.season.tours))

    def export_to(self, folder: Path) -> list[Path]:
        """Write the report shown (PDF and CSV tables) into ``folder``; returns the files."""
        self.refresh()  # what the fields say now, even if "Update" was not clicked
        self.written = bilan_report.write(self.season, folder, self.organiser.text().strip() or "ZI Tour")
        return self.written

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export the season's report into"))
        if not folder:
            return
        try:
            written = self.export_to(Path(folder))
        except OSError as exc:  # a read-only folder, a full disk: said here, nothing lost
            self.problems.setText(Message("export.write_failed", format="bilan",
                                          detail=str(exc.strerror or exc)).text(self.lang))
            return
        self.summary.setText(self.summary.text() + "\n" + self.tr("Written: %1").replace("%1", written[0].name))

    def done(self, result: int) -> None:
        self.document.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
        super().done(result)
