"""Project files and the road region: open, create, close, the demo, recent files, regions.

Opening a project makes it the session's document and loads its region in the
background (the map draws it when it arrives); a project open elsewhere or that
cannot be written opens read-only, with the banner's words in ``banner``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

import logging

from app.errors import ProjectError, ProjectInUse, ProjectReadOnly, ProjectUntrusted
from app.store.project import SUFFIX, Project
from app.ui import jobs
from app.ui.notify import Notifier
from app.ui.session import Session
from app.ui.settings import Settings
from routing.errors import UserError


log = logging.getLogger(__name__)

IDLE_CHECKPOINT_MS = 2000


class FilesController(QObject):
    """The project's file and the region it plans on."""

    recent_changed = Signal()
    banner_changed = Signal(str)  # "" hides the read-only banner

    def __init__(self, session: Session, settings: Settings, notifier: Notifier, tasks, editing,
                 parent_widget: Optional[QWidget] = None):
        super().__init__(parent_widget)
        self.session = session
        self.settings = settings
        self.notifier = notifier
        self.tasks = tasks
        self.editing = editing
        self.parent_widget = parent_widget
        # A project is one file: a few seconds after the last edit the write-ahead log is
        # folded into it, so a copy taken by hand while the app runs misses nothing.
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(IDLE_CHECKPOINT_MS)
        self.idle_timer.timeout.connect(self.checkpoint)
        session.edited.connect(lambda _change: self.idle_timer.start())

    # ------------------------------------------------------------------ open and close
    def open_project(self, path: Path) -> bool:
        """Open ``path``; read-only with a banner if it is open elsewhere or cannot be written."""
        path = Path(path)
        current = self.session.project
        if current is not None and current.path.resolve() == path.resolve():
            return True
        banner = ""
        try:
            try:
                project = Project.open(path)
            except (ProjectInUse, ProjectReadOnly) as exc:
                project = Project.open(path, read_only=True)
                banner = exc.text() + " " + self.tr("Opened read-only: your changes cannot be saved.")
            try:
                project.verify_rows()  # a damaged row is said now, not in the middle of drawing a panel
            except UserError:
                project.close()
                raise
        except ProjectUntrusted as exc:
            self.notifier.error(exc)
            return self._offer_clean_copy(exc)
        except UserError as exc:
            self.notifier.error(exc)
            if isinstance(exc, ProjectError) and not path.exists():
                self.settings.remove_recent(path)
                self.recent_changed.emit()
            return False
        self.set_project(project, banner)
        return True

    def _offer_clean_copy(self, refused: ProjectUntrusted) -> bool:
        """A partner's file holds what a project does not (or damaged values): offer a cleaned copy
        beside it, keeping the known tables' readable rows; the original is left as it is."""
        source = Path(refused.path)
        target = source.with_name(source.stem + self.tr(" (cleaned)") + SUFFIX)
        if not self.notifier.ask(self.tr("Open a cleaned copy? It is written as %1, with only what a ZI Tour "
                                         "project holds and the rows that can be read; %2 is left untouched.")
                                 .replace("%1", target.name).replace("%2", source.name)):
            return False
        from app.store.clean import clean_copy_report

        try:
            report = clean_copy_report(source, target, overwrite=target.exists())
        except UserError as exc:
            self.notifier.error(exc)
            return False
        skipped = sum(report.skipped.values())
        self.notifier.status(self.tr("Cleaned copy written: %1 (%2 rows left out).").replace("%1", str(target))
                             .replace("%2", str(skipped)), 10_000)
        return self.open_project(report.path)

    def set_project(self, project: Project, banner: str = "") -> None:
        self.close_project()
        self.settings.add_recent(project.path)
        self.recent_changed.emit()
        self.banner_changed.emit(banner)
        self.session.open(project)
        if project.sites():  # the editor shows something useful from the start
            self.session.select(site_id=project.sites()[0].id, source=self)
        self.load_region(project.region_name)

    def close_project(self) -> None:
        project = self.session.project
        if project is None:
            return
        self.tasks.cancel_all()
        self.session.close()
        try:
            project.close()
        except Exception as exc:  # noqa: BLE001 - closing must never stop the window (the file was saved edit by edit)
            log.warning("closing %s: %s", project.path, exc)
        self.banner_changed.emit("")

    def checkpoint(self) -> None:
        project = self.session.project
        if project is None:
            return
        try:
            project.checkpoint()
        except UserError as exc:
            self.notifier.status(exc.text())

    def save_copy(self, target: Path) -> bool:
        """Write a consistent copy of the whole project to ``target`` (another file); the project stays open."""
        project = self.session.project
        if project is None:
            return False
        target = Path(target)
        if target.suffix != SUFFIX:
            target = target.with_suffix(SUFFIX)
        if target.resolve() == project.path.resolve():
            self.notifier.error(ProjectError("store.copy_onto_itself", path=str(target)))
            return False
        try:
            target.unlink(missing_ok=True)
            project.backup_to(target)
        except OSError as exc:
            self.notifier.error(ProjectError("store.copy_failed", path=str(target), detail=exc.strerror or str(exc)))
            return False
        self.notifier.status(self.tr("Copy saved: %1").replace("%1", str(target)))
        return True

    def save_copy_dialog(self) -> None:
        project = self.session.project
        if project is None:
            return
        suggested = project.path.with_name(project.path.stem + self.tr(" (copy)") + SUFFIX)
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr("Save a copy"), str(suggested),
                                              self.tr("ZI Tour projects (*.zitour)"))
        if path:
            self.save_copy(Path(path))

    # ------------------------------------------------------------------ dialogs
    def project_folder(self) -> str:
        if self.session.project is not None:
            return str(self.session.project.folder)
        last = self.settings.last_project()
        return str(last.parent) if last else str(Path.home())

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.parent_widget, self.tr("Open a project"), self.project_folder(),
                                              self.tr("ZI Tour projects (*.zitour);;All files (*)"))
        if path:
            self.open_project(Path(path))

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr("New project"), self.project_folder(),
                                              self.tr("ZI Tour projects (*.zitour)"))
        if path:
            self.new_project(Path(path))

    def new_project(self, path: Path) -> bool:
        if path.suffix != SUFFIX:
            path = path.with_suffix(SUFFIX)
        self.close_project()
        try:
            project = Project.create(path, overwrite=path.exists())
        except UserError as exc:
            self.notifier.error(exc)
            return False
        self.set_project(project)
        return True

    def open_demo(self) -> None:
        """Open the demo project, building it first (in the background) if needed."""
        from routing.regions import data_dir

        path = data_dir() / "demo" / "demo-krems.zitour"
        if path.exists():
            self.open_project(path)
            return
        self.tasks.run(jobs.build_demo_job, str(path), title=self.tr("Building the demo project"), in_process=True,
                       on_result=lambda p: self.open_project(Path(p)))

    def regions_dialog(self) -> None:
        from app.ui.dialogs.regions import RegionsDialog

        RegionsDialog(self.parent_widget, self.session, self, self.editing, self.tasks).exec()

    # ------------------------------------------------------------------ region
    def load_region(self, name: Optional[str]) -> None:
        """Load the road region in the background; the session has it when it arrives."""
        if not name:
            return
        self.session.region_name = name
        self.tasks.run(jobs.load_region_job, name, title=self.tr("Loading the region %1").replace("%1", name),
                       on_result=lambda region, n=name: self._region_loaded(n, region))

    def _region_loaded(self, name: str, region) -> None:
        if self.session.project is None or name != self.session.region_name:
            return  # another project or region since
        self.session.set_region(name, region)

    def use_region(self, name: str) -> bool:
        """Make ``name`` the project's region (one undo step) and load it."""
        if self.editing.set_region(name):
            self.load_region(name)
            return True
        return False
