"""The one video player of the Videos panel: play/pause, seek, and the part played on the bus.

The bar under the picture shows the whole clip with its trim points (the part the bus plays in
colour); "Start here" / "End here" take the current position as the new trim points. One
window for the panel: previewing another clip loads it there (never a second window).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget


def clip_length(seconds: float) -> str:
    """A clip's length to the second: "45 s", "2 min 30 s", "1 h 02 min 05 s"."""
    s = int(round(max(0.0, seconds)))
    h, m, sec = s // 3600, (s % 3600) // 60, s % 60
    if h:
        return f"{h}\u00a0h {m:02d}\u00a0min {sec:02d}\u00a0s"
    if m:
        return f"{m}\u00a0min {sec:02d}\u00a0s" if sec else f"{m}\u00a0min"
    return f"{sec}\u00a0s"


class TrimMarks(QWidget):
    """The whole clip as a bar, the played part (``start_s`` to ``end_s``) in colour, the position a line."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setMinimumHeight(14)
        self.duration_s, self.start_s, self.end_s, self.position_s = 0.0, 0.0, None, 0.0

    def set_marks(self, duration_s: float, start_s: float, end_s: Optional[float]) -> None:
        self.duration_s, self.start_s, self.end_s = duration_s, start_s, end_s
        self.update()

    def set_position(self, position_s: float) -> None:
        self.position_s = position_s
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        w, h = self.width(), self.height()
        p.fillRect(QRectF(0, 3, w, h - 6), QColor("#d0d4da"))
        if self.duration_s > 0:
            k = w / self.duration_s
            end = self.duration_s if self.end_s is None else min(self.end_s, self.duration_s)
            p.fillRect(QRectF(self.start_s * k, 3, max(1.0, (end - self.start_s) * k), h - 6), QColor("#1f5fbf"))
            p.fillRect(QRectF(self.position_s * k - 1, 0, 2, h), QColor("#d81b60"))
        p.end()


class VideoPlayer(QDialog):
    """Plays a clip with QtMultimedia (raises ImportError when the module is missing)."""

    trim_chosen = Signal(int, float, object)  # video id, trim in (s), trim out (s or None)

    def __init__(self, parent: Optional[QWidget] = None):
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        from PySide6.QtMultimediaWidgets import QVideoWidget

        super().__init__(parent)
        self.setObjectName("videoPlayer")
        self.resize(680, 470)
        self.video = QVideoWidget(self)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(self.video)
        self.play_button = QPushButton(self.tr("Play"), self)
        self.play_button.setObjectName("playerPlay")
        self.play_button.clicked.connect(self.toggle)
        self.seek = QSlider(Qt.Orientation.Horizontal, self)
        self.seek.setObjectName("playerSeek")
        self.seek.sliderMoved.connect(lambda ms: self.player.setPosition(ms))
        self.time = QLabel(self)
        self.marks = TrimMarks(self)
        self.start_here = QPushButton(self.tr("Start here"), self)
        self.start_here.setObjectName("playerStartHere")
        self.start_here.setToolTip(self.tr("The bus plays the clip from this point"))
        self.end_here = QPushButton(self.tr("End here"), self)
        self.end_here.setObjectName("playerEndHere")
        self.end_here.setToolTip(self.tr("The bus stops the clip at this point"))
        self.start_here.clicked.connect(lambda: self._set_trim(start=True))
        self.end_here.clicked.connect(lambda: self._set_trim(start=False))
        row = QHBoxLayout()
        for w in (self.play_button, self.seek, self.time):
            row.addWidget(w, 1 if w is self.seek else 0)
        trims = QHBoxLayout()
        trims.addWidget(self.start_here)
        trims.addWidget(self.marks, 1)
        trims.addWidget(self.end_here)
        layout = QVBoxLayout(self)
        layout.addWidget(self.video, 1)
        layout.addLayout(row)
        layout.addLayout(trims)
        self.player.durationChanged.connect(lambda ms: (self.seek.setRange(0, ms), self._show_time()))
        self.player.positionChanged.connect(self._moved)
        self.player.playbackStateChanged.connect(self._state)
        self.video_id: Optional[int] = None
        self.duration_s = 0.0
        self.trim_in_s, self.trim_out_s = 0.0, None

    def load(self, video_id: int, path: Path, title: str, duration_s: float, trim_in_s: float,
             trim_out_s: Optional[float], play: bool = True) -> None:
        self.video_id, self.duration_s = video_id, duration_s
        self.trim_in_s, self.trim_out_s = trim_in_s, trim_out_s
        self.setWindowTitle(title)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.marks.set_marks(duration_s, trim_in_s, trim_out_s)
        self.player.setPosition(int(trim_in_s * 1000))
        if play:
            self.player.play()

    def toggle(self) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def position_s(self) -> float:
        return self.player.position() / 1000.0

    def _moved(self, ms: int) -> None:
        if not self.seek.isSliderDown():
            self.seek.setValue(ms)
        self.marks.set_position(ms / 1000.0)
        self._show_time()

    def _show_time(self) -> None:
        self.time.setText(f"{clip_length(self.position_s())} / {clip_length(self.duration_s)}")

    def _state(self, state) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _set_trim(self, start: bool) -> None:
        if self.video_id is None:
            return
        here = round(self.position_s(), 1)
        if start:
            self.trim_in_s = min(here, self.trim_out_s if self.trim_out_s is not None else self.duration_s)
        else:
            self.trim_out_s = max(here, self.trim_in_s) if here < self.duration_s - 0.05 else None
        self.marks.set_marks(self.duration_s, self.trim_in_s, self.trim_out_s)
        self.trim_chosen.emit(self.video_id, float(self.trim_in_s), self.trim_out_s)

    def closeEvent(self, event) -> None:
        self.player.pause()
        super().closeEvent(event)
