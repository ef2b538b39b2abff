"""The export dialog: tick formats, choose a folder, confirm replacements, export in a worker.

Flow on "Export": the export context is read from the project (GUI thread: the
project's SQLite connection belongs to it); the files the export will deliver
(``planned_files``) are looked up in the folder and, if any exist, the user is
asked "Replace?" with their names; then ``export_context`` runs in a
:class:`~app.ui.workers.Worker` (pool thread) with progress and Cancel, with
``force=True`` since the user has just agreed. The dialog then lists the written
files and offers to open the folder. Nothing is written on No or Cancel
(``export_context`` stages files and moves them in place only at the end).

Remembered in QSettings: the folder, the ticked formats, the CSV separator and
the online-tiles option.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Iterable, Optional

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QMessageBox, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from app.errors import ExportError
from app.exports import registry
from app.exports.context import ExportContext, ExportOptions
from app.ui import fmt
from app.services import export as export_service
from app.ui import errors as ui_errors
from app.ui.workers import Worker
from routing.errors import UserError

log = logging.getLogger(__name__)

SETTINGS_FOLDER = "export/folder"
SETTINGS_FORMATS = "export/formats"
SETTINGS_CSV_SEPARATOR = "export/csv_separator"
SETTINGS_ONLINE_TILES = "export/online_tiles"
SETTINGS_PACK_VIDEOS = "export/pack_videos"
DEFAULT_FORMATS = ("pdf", "sheets", "csv", "gpx", "ics")
# Formats drawn with QtGui's PDF writer: their fonts are registered in the GUI thread first.
PDF_FORMATS = {"pdf", "sheets", "pack", "booklets", "programmes", "receptions", "manifest"}



def _as_bool(value: Any, default: bool) -> bool:
    # QSettings' INI backend gives strings back ("true"/"false")
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        return [value] if value else []
    return [str(v) for v in value]


class ExportDialog(QDialog):
    """Export a tour's plan into a folder, in the ticked formats.

    ``layers``: the region's map layers to draw (e.g. ``window.region.layers``);
    None loads them from the project's region, as the CLI does.
    ``tasks``: the window's task runner (shows the job in the status bar); by default
    the worker is started here.
    """

    exported = Signal(object)  # list[Path] of the delivered files
    export_failed = Signal(object)  # the UserError shown to the user
    export_cancelled = Signal()
    export_ended = Signal()  # after any of the three above

    def __init__(self, project: Any, tour_id: int, parent: Optional[QWidget] = None, *,
                 layers: Any = None, settings: Optional[QSettings] = None,
                 formats: Optional[Iterable[str]] = None, tasks: Any = None,
                 pack_mode: bool = False):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.project = project
        self.tour_id = tour_id
        self.layers = layers
        self.settings = settings if settings is not None else QSettings("ZI Tour", "zitour")
        self._tasks = tasks
        self.worker: Optional[Worker] = None
        self.result_files: list[Path] = []
        self.ctx: Optional[ExportContext] = None
        self.pack_too_large = False  # the clips would make the pack too heavy for e-mail
        self._close_when_done = False
        self.setWindowTitle(self.tr("Partner pack") if pack_mode else self.tr("Export the tour"))
        self._build(pack_mode)
        self._load_settings(formats)
        self._update_enabled()

    # ------------------------------------------------------------------ building
    def format_labels(self) -> dict[str, str]:
        """One label per registry format (English sources, French in the translation)."""
        return {
            "pdf": self.tr("Itinerary PDF (A4): route map, then the day"),
            "sheets": self.tr("Stop sheets PDF for the ambassadors (one page per stop)"),
            "booklets": self.tr("Ambassadors' booklets PDF (one per ambassador: their stops in order)"),
            "programmes": self.tr("Groups' programmes, PDF and CSV (per group: its visits, its bus)"),
            "receptions": self.tr("Companies' reception schedules, PDF and CSV (groups, people, times)"),
            "csv": self.tr("Itinerary CSV for spreadsheets"),
            "gpx": self.tr("GPX 1.1 for the driver's navigation"),
            "ics": self.tr("iCalendar of the visits for partners"),
            "geojson": self.tr("GeoJSON map (GIS)"),
            "gpkg": self.tr("GeoPackage: stops, legs and sites layers (GIS)"),
            "html": self.tr("Interactive HTML map (opens without a network)"),
            "xspf": self.tr("XSPF video playlist (VLC)"),
            "m3u": self.tr("M3U8 video playlist"),
            "pack": self.tr("Partner pack: a zip of the ticked exports and a README"),
            "manifest": self.tr("Passenger list per bus (names and contacts, for the driver; never in the pack)"),
        }

    def _build(self, pack_mode: bool) -> None:
        tour = next((t for t in self.project.tours() if t.id == self.tour_id), None)
        heading = QLabel(self.tr("Tour: %1").replace("%1", tour.name if tour else "?"))
        heading.setStyleSheet("font-weight: bold;")

        self.formats_box = QGroupBox(self.tr("Formats"))
        grid = QVBoxLayout(self.formats_box)
        labels = self.format_labels()
        self.checks: dict[str, QCheckBox] = {}
        for name in registry.FORMATS:
            box = QCheckBox(labels.get(name) or registry.DESCRIPTIONS_FR.get(name, name), self.formats_box)
            box.setObjectName(f"format_{name}")
            box.toggled.connect(lambda _on=False: self._update_enabled())
            grid.addWidget(box)
            self.checks[name] = box
        self.checks["pack"].setToolTip(self.tr("With no other format ticked, the pack holds every export."))
        row = QHBoxLayout()
        self.all_button = QPushButton(self.tr("Tick all"))
        self.none_button = QPushButton(self.tr("Tick none"))
        # "all" as the command line means it: the named passenger list only when ticked by itself
        self.all_button.clicked.connect(lambda: self.set_formats((*registry.ALL, "pack")))
        self.none_button.clicked.connect(lambda: self.set_formats(()))
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        grid.addLayout(row)

        self.options_box = QGroupBox(self.tr("Options"))
        form = QFormLayout(self.options_box)
        self.csv_separator = QComboBox()
        self.csv_separator.setObjectName("csvSeparator")
        self.csv_separator.addItem(self.tr("Semicolon ; (French spreadsheets)"), ";")
        self.csv_separator.addItem(self.tr("Comma , (other spreadsheets)"), ",")
        form.addRow(self.tr("CSV separator"), self.csv_separator)
        self.online_tiles = QCheckBox(self.tr("Offer online OpenStreetMap tiles as an extra layer"))
        self.online_tiles.setObjectName("onlineTiles")
        self.online_tiles.setToolTip(self.tr("The map works without a network; the tiles layer is off "
                                             "until ticked in the map and needs a connection."))
        form.addRow(self.tr("HTML map"), self.online_tiles)
        self.pack_videos = QCheckBox(self.tr("Put the videos in the partner pack"))
        self.pack_videos.setObjectName("packVideos")
        form.addRow(self.tr("Partner pack"), self.pack_videos)

        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("exportFolder")
        self.folder_edit.textChanged.connect(lambda _t: self._update_enabled())
        self.folder_button = QPushButton(self.tr("Choose…"))
        self.folder_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        form.addRow(self.tr("Folder"), folder_row)

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.files_list = QListWidget()
        self.files_list.setObjectName("exportedFiles")
        self.files_list.hide()
        self.open_folder_button = QPushButton(self.tr("Open the folder"))
        self.open_folder_button.setObjectName("openFolder")
        self.open_folder_button.clicked.connect(self.open_folder)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Export"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.hide()  # after addButton, which shows it; shown once files are written
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.formats_box)
        layout.addWidget(self.options_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.files_list)
        layout.addWidget(self.buttons)
        if pack_mode:
            self.set_formats(("pack",))

    def _load_settings(self, formats: Optional[Iterable[str]]) -> None:
        s = self.settings
        folder = s.value(SETTINGS_FOLDER)
        self.folder_edit.setText(str(folder) if folder else str(Path(self.project.folder) / "exports"))
        if formats is None and not self.checks["pack"].isChecked():
            saved = [f for f in _as_list(s.value(SETTINGS_FORMATS)) if f in registry.FORMATS]
            formats = saved or DEFAULT_FORMATS
        if formats is not None:
            self.set_formats(formats)
        sep = s.value(SETTINGS_CSV_SEPARATOR)
        self.csv_separator.setCurrentIndex(max(0, self.csv_separator.findData(sep if sep in (";", ",") else ";")))
        self.online_tiles.setChecked(_as_bool(s.value(SETTINGS_ONLINE_TILES), ExportOptions().online_tiles))
        self.pack_videos.setChecked(_as_bool(s.value(SETTINGS_PACK_VIDEOS), ExportOptions().pack_videos))
        self._describe_pack_videos()

    def _save_settings(self) -> None:
        s = self.settings
        s.setValue(SETTINGS_FOLDER, str(self.folder()))
        s.setValue(SETTINGS_FORMATS, self.formats())
        s.setValue(SETTINGS_CSV_SEPARATOR, self.csv_separator.currentData())
        s.setValue(SETTINGS_ONLINE_TILES, self.online_tiles.isChecked())
        s.setValue(SETTINGS_PACK_VIDEOS, self.pack_videos.isChecked())
        s.sync()

    # ------------------------------------------------------------------ state
    def formats(self) -> list[str]:
        """The ticked formats, in the registry's order."""
        return [name for name, box in self.checks.items() if box.isChecked()]

    def set_formats(self, formats: Iterable[str]) -> None:
        wanted = set(formats)
        for name, box in self.checks.items():
            box.setChecked(name in wanted)

    def folder(self) -> Path:
        """The chosen folder; a relative path is taken from the project's folder."""
        path = Path(self.folder_edit.text().strip()).expanduser()
        return path if path.is_absolute() else Path(self.project.folder) / path

    def set_folder(self, folder: Path | str) -> None:
        self.folder_edit.setText(str(folder))

    def options(self) -> ExportOptions:
        return ExportOptions(csv_delimiter=self.csv_separator.currentData() or ";",
                             online_tiles=self.online_tiles.isChecked(), pack_videos=self.pack_videos.isChecked())

    def _describe_pack_videos(self) -> None:
        """Say how much the clips weigh (a pack for e-mail leaves them out), from the plan's cues."""
        from app.exports import pack

        try:
            ctx = export_service.build_context(self.project, self.tour_id, self.options(), layers=None)
            size = pack.clips_bytes(ctx)
        except UserError:
            return
        from app.i18n import formats

        mb = size / 1e6
        shown = formats.decimal(mb, 0, fmt.language()) if mb >= 1 else formats.decimal(max(mb, 0.1), 1, fmt.language())
        text = self.tr("The clips weigh %1 MB; without them the pack is light enough for e-mail, and its "
                       "README lists the files to add.").replace("%1", shown)
        self.pack_videos.setToolTip(text)
        self.pack_videos.setText(self.tr("Put the videos in the partner pack (%1 MB)").replace("%1", shown))
        self.pack_too_large = size > pack.LARGE_PACK_BYTES

    def running(self) -> bool:
        return self.worker is not None and not self.worker.done

    def _update_enabled(self) -> None:
        fmts = set(self.formats())
        busy = self.running()
        pack_all = fmts == {"pack"}  # a lone pack holds every format
        self.csv_separator.setEnabled(not busy and ("csv" in fmts or pack_all))
        self.online_tiles.setEnabled(not busy and ("html" in fmts or pack_all))
        self.formats_box.setEnabled(not busy)
        self.options_box.setEnabled(not busy)
        self.ok_button.setEnabled(not busy and bool(fmts) and bool(self.folder_edit.text().strip()))

    def choose_folder(self) -> None:
        start = self.folder()
        while not start.exists() and start.parent != start:
            start = start.parent
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export to a folder"), str(start))
        if folder:
            self.set_folder(folder)

    # ------------------------------------------------------------------ export
    def start_export(self) -> Optional[Worker]:
        """Check, confirm replacements, then start the export; returns the worker (None if not started)."""
        if self.running():
            return self.worker
        fmts = self.formats()
        if not fmts or not self.folder_edit.text().strip():
            return None
        folder = self.folder()
        try:
            ctx = export_service.build_context(self.project, self.tour_id, self.options(), **self._layers_arg())
            names = export_service.planned_files(ctx, fmts)
        except UserError as exc:
            self._fail(exc)
            return None
        existing = [n for n in names if (folder / n).exists()]
        if existing and not self.confirm_replace(folder, existing):
            self.status.setText(self.tr("Nothing was written."))
            return None
        self.ctx = ctx
        self._save_settings()
        if fmts and set(fmts) & PDF_FORMATS:
            from app.exports.pdf_adapter import ensure_gui

            ensure_gui()  # font registration in the GUI thread, before the worker paints
        worker = Worker(export_service.export_context, ctx, fmts, folder, force=True,
                        title=self.tr("Exporting the tour"))
        self.worker = worker
        worker.signals.progress.connect(self._progress)
        worker.signals.cancelled.connect(self._cancelled)
        worker.signals.finished.connect(self._finished)
        self.files_list.hide()
        self.open_folder_button.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(self.tr("Writing the files…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update_enabled()
        if self._tasks is not None:
            self._tasks.start(worker, self._done, self._fail)
        else:
            worker.signals.result.connect(self._done)
            worker.signals.error.connect(self._fail)
            worker.start()
        return worker

    def _layers_arg(self) -> dict:
        return {} if self.layers is None else {"layers": self.layers}

    def confirm_replace(self, folder: Path, existing: list[str]) -> bool:
        """Ask "Replace?" listing the files of ``folder`` the export would replace."""
        shown = existing[:15]
        listing = "\n".join(f"• {n}" for n in shown)
        if len(existing) > len(shown):
            listing += "\n" + self.tr("… and %1 more").replace("%1", str(len(existing) - len(shown)))
        text = (self.tr("These files already exist in %1:").replace("%1", str(folder)) + "\n\n" + listing + "\n\n"
                + self.tr("Replace them?"))
        answer = QMessageBox.question(self, self.tr("Replace?"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _progress(self, fraction: float, _label: str) -> None:
        # The services' step labels are French only: the bar says enough in both languages.
        self.progress.setValue(int(fraction * 1000))

    def _done(self, paths: list[Path]) -> None:
        self.result_files = [Path(p) for p in paths]
        self._store_ics_state()
        self.progress.setValue(1000)
        status = self.tr("Files written in %1:").replace("%1", str(self.folder()))
        dropped = [d for d in (self.ctx.plan.dropped if self.ctx is not None else ()) if d.required]
        if dropped:  # the documents say it; so does the dialog
            status += "\n" + self.tr("Not on the programme, as every document says: %1").replace(
                "%1", ", ".join(self.ctx.site_name(d.site_id, str(d.stop_id)) for d in dropped))
        self.status.setText(status)
        self.files_list.clear()
        self.files_list.addItems([p.name for p in self.result_files])
        self.files_list.show()
        self.open_folder_button.show()
        self.ok_button.hide()
        self.cancel_button.setText(self.tr("Close"))
        self.exported.emit(self.result_files)

    def _store_ics_state(self) -> None:
        """Keep the calendar's event sequences in the project, as the CLI does (calendar apps
        update an event only when its SEQUENCE grew)."""
        if self.ctx is None:
            return
        try:
            export_service.record_export(self.project, self.ctx, self.formats())
        except UserError as exc:  # the files are written; only the next sequence numbers are lost
            log.warning("ICS sequences not saved: %s", exc)

    def _fail(self, exc: UserError) -> None:
        self.progress.hide()
        self.status.setText(self.tr("The export failed: nothing was written."))
        if not isinstance(exc, UserError):
            exc = ExportError("export.failed", detail=str(exc))
        ui_errors.show_error(self, exc)
        self.export_failed.emit(exc)

    def _cancelled(self) -> None:
        self.progress.hide()
        self.status.setText(self.tr("Export cancelled: nothing was written."))
        self.export_cancelled.emit()

    def _finished(self) -> None:
        self.cancel_button.setEnabled(True)
        self._update_enabled()
        self.export_ended.emit()
        if self._close_when_done:
            super().reject()

    def cancel_export(self) -> None:
        if self.running():
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def reject(self) -> None:
        """Cancel: stops a running export first (the dialog closes when it has stopped)."""
        if self.running():
            self._close_when_done = True
            self.cancel_export()
            return
        super().reject()

    def open_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder())))
