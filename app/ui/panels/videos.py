"""Company videos: files per company, durations read from the files, too-long warnings, one player.

The editor under the list sets the selected clip's title, company and the part the bus plays
(trim in and out, seconds; also set from the player's "Start here" / "End here"); every change
is one undo step (``video_edited``)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDoubleSpinBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.model.entities import Site, Video
from app.model.media import video_file
from routing.errors import UserError
from app.model.plan import Plan
from app.ui import fmt
from app.ui.panels.video_player import clip_length

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
    video_edited = Signal(object, object)  # the Video before, after (title, company, trim points)

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
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("videoTitle")
        self.company = QComboBox()
        self.company.setObjectName("videoCompany")
        self.trim_in = QDoubleSpinBox()
        self.trim_in.setObjectName("videoTrimIn")
        self.trim_out = QDoubleSpinBox()
        self.trim_out.setObjectName("videoTrimOut")
        for box in (self.trim_in, self.trim_out):
            box.setDecimals(1)
            box.setSuffix(" s")
            box.setRange(0.0, 48 * 3600.0)
        self.trim_out.setSpecialValueText(self.tr("end"))  # 0: to the end of the file
        self.trim_in.setToolTip(self.tr("The bus plays the clip from this point (seconds into the file)"))
        self.trim_out.setToolTip(self.tr("The bus stops the clip here (“end”: the whole file)"))
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setObjectName("videoApply")
        self.apply_button.clicked.connect(self.apply_edit)
        self.title_edit.returnPressed.connect(self.apply_edit)
        editor = QHBoxLayout()
        for w in (QLabel(self.tr("Title")), self.title_edit, QLabel(self.tr("Company")), self.company,
                  QLabel(self.tr("Plays from")), self.trim_in, QLabel(self.tr("to")), self.trim_out,
                  self.apply_button):
            editor.addWidget(w, 2 if w is self.title_edit else 0)
        self.player = None  # the one preview window (app.ui.panels.video_player)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(editor)
        layout.addLayout(row)
        self.table.currentCellChanged.connect(lambda *_a: self._show_selected())
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
        self.company.clear()
        self.company.addItem(self.tr("(no company)"), None)
        for s in sites:
            self.site.addItem(s.name, s.id)
            self.company.addItem(s.name, s.id)
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
            length = clip_length(v.play_s)
            if v.trim_in_s or v.trim_out_s is not None:  # the part the bus plays, of the whole file
                length = self.tr("%1 of %2").replace("%1", length).replace("%2", clip_length(v.duration_s))
            cells = [v.title, names.get(v.site_id, "—"), length, v.path, check or "✓"]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, v.id)
                if check:
                    item.setForeground(QBrush(QColor("#b00020")))
                self.table.setItem(r, c, item)

    def _show_selected(self) -> None:
        v = self.current_video()
        for w in (self.title_edit, self.company, self.trim_in, self.trim_out, self.apply_button):
            w.setEnabled(v is not None and self.add_button.isEnabled())
        if v is None:
            return
        self.title_edit.setText(v.title)
        self.company.setCurrentIndex(max(0, self.company.findData(v.site_id)))
        self.trim_in.setValue(v.trim_in_s)
        self.trim_out.setValue(v.trim_out_s or 0.0)

    def apply_edit(self) -> None:
        """The editor's title, company and trim points for the selected clip, as one undo step."""
        import dataclasses

        v = self.current_video()
        if v is None or self.project is None:
            return
        out = self.trim_out.value() or None
        after = dataclasses.replace(v, title=self.title_edit.text().strip() or v.title,
                                    site_id=self.company.currentData(), trim_in_s=float(self.trim_in.value()),
                                    trim_out_s=None if out is None or out >= v.duration_s else float(out))
        if after.trim_out_s is not None and after.trim_out_s <= after.trim_in_s:
            self.error.emit(UserError("video.trim_empty", video=v.title))
            return
        if after != v:
            self.video_edited.emit(v, after)

    def _trimmed_in_player(self, video_id: int, start: float, end) -> None:
        if self.current_video() is None or self.current_video().id != video_id:
            return
        self.trim_in.setValue(start)
        self.trim_out.setValue(end or 0.0)
        self.apply_edit()

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
        if self.player is None:
            try:
                from app.ui.panels.video_player import VideoPlayer

                self.player = VideoPlayer(self)
            except Exception:  # noqa: BLE001 - no multimedia backend: the system's player
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
                return
            self.player.trim_chosen.connect(self._trimmed_in_player)
        self.player.load(v.id, path, v.title, v.duration_s, v.trim_in_s, v.trim_out_s)
        self.player.show()
        self.player.raise_()

    def set_editable(self, editable: bool) -> None:
        self.add_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        self._show_selected()
