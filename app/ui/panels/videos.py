"""Company videos: files per company, durations read from the files, too-long warnings, preview."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.model.entities import Site, Video
from app.model.media import video_file
from routing.errors import UserError
from app.model.plan import Plan
from app.ui import fmt

ID_ROLE = Qt.ItemDataRole.UserRole


def too_long(plan: Optional[Plan], videos: dict[int, Video]) -> dict[int, str]:
    """Video id -> the plan's warning that the videos cued before its company do not fit the drive.

    The plan says it (``video_too_long`` warnings, one per stop); the panel only shows it."""
    out: dict[int, str] = {}
    if plan is None:
        return out
    cued = {(c.video_id, c.site_id) for bus in plan.buses for c in bus.cues}
    for w in plan.warnings:
        if w.code != "video_too_long":
            continue
        for v in videos.values():
            if v.site_id is not None and v.site_id == w.site_id and (v.id, v.site_id) in cued:
                out.setdefault(v.id, w.message.text(fmt.language()))
    return out


class VideosPanel(QWidget):
    delete_requested = Signal(int)  # video id
    error = Signal(object)
    files_chosen = Signal(list, object)  # video files to add, the company (site id or None) they belong to

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.project = None
        self.videos: list[Video] = []
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("videosTable")
        self.table.setHorizontalHeaderLabels([self.tr("Title"), self.tr("Company"), self.tr("Duration"),
                                              self.tr("File"), self.tr("Check")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.site = QComboBox()
        self.site.setToolTip(self.tr("The company new videos belong to"))
        self.add_button = QPushButton(self.tr("Add videos…"))
        self.add_button.setToolTip(self.tr("Add video files; their durations are read from the files"))
        self.delete_button = QPushButton(self.tr("Remove"))
        self.delete_button.setToolTip(self.tr("Remove the selected video from the project (the file stays)"))
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setToolTip(self.tr("Play the selected video"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("For")))
        row.addWidget(self.site, 1)
        for b in (self.add_button, self.delete_button, self.preview_button):
            row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_dialog)
        self.delete_button.clicked.connect(self._delete)
        self.preview_button.clicked.connect(self.preview)
        self.table.itemDoubleClicked.connect(lambda _i: self.preview())

    def set_data(self, project, videos: list[Video], sites: list[Site], plan: Optional[Plan]) -> None:
        self.project = project
        self.videos = videos
        names = {s.id: s.name for s in sites}
        current = self.site.currentData()
        self.site.clear()
        for s in sites:
            self.site.addItem(s.name, s.id)
        if current is not None:
            self.site.setCurrentIndex(max(0, self.site.findData(current)))
        problems = too_long(plan, {v.id: v for v in videos})
        folder = project.folder if project else Path(".")
        self.table.setRowCount(len(videos))
        for r, v in enumerate(videos):
            from_file = video_file(folder, v.path)
            check = ""
            if from_file is None:
                check = self.tr("outside the project: not played")
            elif not from_file.exists():
                check = self.tr("file missing")
            elif v.id in problems:
                check = problems[v.id]
            cells = [v.title, names.get(v.site_id, "—"), fmt.duration(v.duration_s) if v.duration_s >= 60
                     else f"{int(round(v.duration_s))} s", v.path, check or "✓"]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, v.id)
                if check:
                    item.setForeground(QBrush(QColor("#b00020")))
                self.table.setItem(r, c, item)

    def current_video(self) -> Optional[Video]:
        row = self.table.currentRow()
        return self.videos[row] if 0 <= row < len(self.videos) else None

    def add_dialog(self) -> None:
        if self.project is None:
            return
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add videos"), str(self.project.folder),
                                                self.tr("Videos (*.mp4 *.mov *.mkv *.avi *.webm);;All files (*)"))
        if files:
            self.add_files(files)

    def add_files(self, files: list[str]) -> None:
        """Ask for ``files`` to be added to the chosen company (their durations are read first)."""
        self.files_chosen.emit(list(files), self.site.currentData())

    def _delete(self) -> None:
        v = self.current_video()
        if v is not None and self.project is not None:
            self.delete_requested.emit(v.id)

    def preview(self) -> None:
        v = self.current_video()
        if v is None or self.project is None:
            return
        path = video_file(self.project.folder, v.path)  # never a file outside the project
        if path is None:
            self.error.emit(UserError("video.outside_project", path=v.path))
            return
        try:
            dialog = VideoPreview(self, path, v.title)
        except Exception:  # noqa: BLE001 - no multimedia backend: the system's player
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            return
        dialog.show()

    def set_editable(self, editable: bool) -> None:
        self.add_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)


class VideoPreview(QDialog):
    """Plays a video with QtMultimedia (raises if the module or a backend is missing)."""

    def __init__(self, parent: QWidget, path: Path, title: str):
        from PySide6.QtMultimedia import QMediaPlayer
        from PySide6.QtMultimediaWidgets import QVideoWidget

        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 400)
        self.video = QVideoWidget(self)
        self.player = QMediaPlayer(self)
        self.player.setVideoOutput(self.video)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        external = QPushButton(self.tr("Open in the system's player"), self)
        external.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        layout = QVBoxLayout(self)
        layout.addWidget(self.video, 1)
        layout.addWidget(external)
        self.player.play()

    def closeEvent(self, event) -> None:
        self.player.stop()
        super().closeEvent(event)
