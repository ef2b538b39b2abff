"""The passenger screen: the bus screens or a projector, full screen on the chosen display.

It shows, as the cues of the day fire (:class:`~app.tourday.cues.Trigger`): a company's card
while the bus approaches or passes it (name, what it makes, jobs to fill, salaries, training),
its video with QtMultimedia (trimmed as the plan says), a "prochain arrêt" card before each
visit, and between cues the route map with the bus on it. None of the organiser's controls
show there. A video that cannot be played (missing file, no multimedia backend) leaves its
company's card up, and the console says which file.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Callable, Mapping, Optional

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.model.entities import Site, Video
from app.model.media import video_file
from app.ui import fmt

CARD_S = 40  # a card stays this long, then the map comes back


class PassengerWindow(QWidget):
    """A top-level window with three pages: map, card, video. ``show_cue(trigger)`` chooses."""

    video_missing = Signal(str)  # the stored path of a video that cannot be played

    def __init__(self, sites: Mapping[int, Site], videos: Mapping[int, Video], project_folder: Path,
                 map_widget: Optional[QWidget] = None, parent: Optional[QWidget] = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("passengerWindow")
        self.setWindowTitle(self.tr("ZI Tour — passengers"))
        self.setStyleSheet("#passengerWindow { background: #10243e; } QLabel { color: white; }")
        self.sites, self.videos, self.folder = dict(sites), dict(videos), project_folder
        self.pages = QStackedWidget(self)
        self.map_page = map_widget or QLabel(self.tr("On the road"), self)
        self.card = QLabel(self)
        self.card.setObjectName("passengerCard")
        self.card.setWordWrap(True)
        self.card.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        font = QFont(self.card.font())
        font.setPointSizeF(26)
        self.card.setFont(font)
        self.pages.addWidget(self.map_page)
        self.pages.addWidget(self.card)
        self.player = None
        self.video_widget = None
        self._trim_end_ms: Optional[int] = None
        self.playing: Optional[int] = None  # the video id on screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._back = QTimer(self)
        self._back.setSingleShot(True)
        self._back.timeout.connect(self.show_map)
        self.shown_kind = "map"

    # -- where -----------------------------------------------------------------------------------
    def show_on(self, screen_index: int) -> None:
        """Full screen on display ``screen_index`` (the laptop's own screen is usually 0)."""
        screens = QGuiApplication.screens()
        screen = screens[min(max(screen_index, 0), len(screens) - 1)]
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    # -- what --------------------------------------------------------------------------------------
    def show_map(self) -> None:
        self._stop_video()
        self.pages.setCurrentWidget(self.map_page)
        self.shown_kind = "map"

    def card_html(self, site: Optional[Site], heading: str) -> str:
        if site is None:
            return f"<h1>{html.escape(heading)}</h1>"
        rows = [(self.tr("What they make"), site.products), (self.tr("Jobs to fill"), site.jobs),
                (self.tr("Salaries"), site.salaries), (self.tr("Training"), site.training)]
        body = "".join(f"<p><b>{html.escape(k)}</b> : {html.escape(v)}</p>" if fmt.language() == "fr"
                       else f"<p><b>{html.escape(k)}</b>: {html.escape(v)}</p>" for k, v in rows if v)
        return (f"<p style='font-size:18pt'>{html.escape(heading)}</p><h1>{html.escape(site.name)}</h1>"
                f"<div style='font-size:18pt'>{body}</div>")

    def show_card(self, site: Optional[Site], heading: str, seconds: float = CARD_S) -> None:
        self._stop_video()
        self.card.setText(self.card_html(site, heading))
        self.pages.setCurrentWidget(self.card)
        self.shown_kind = "card"
        self._back.start(int(seconds * 1000))

    def show_cue(self, trigger) -> None:
        """Show what ``trigger`` starts (a Trigger of app.tourday.cues)."""
        site = self.sites.get(trigger.site_id) if trigger.site_id is not None else None
        if trigger.kind == "next_stop":
            self.show_card(site, self.tr("Next stop"))
        elif trigger.kind == "company":
            self.show_card(site, self.tr("On your right and left"))
        elif trigger.kind == "video" and trigger.cue is not None:
            self.play(trigger.cue.video_id, trigger.cue.trim_start_s, trigger.cue.trim_end_s, site)

    def play(self, video_id: int, start_s: float = 0.0, end_s: Optional[float] = None,
             site: Optional[Site] = None) -> bool:
        """Play video ``video_id`` from ``start_s`` to ``end_s`` (seconds); False (and the company's card
        stays up) when it cannot be played."""
        video = self.videos.get(video_id)
        path = video_file(self.folder, video.path) if video is not None else None
        if path is None or not path.is_file() or not self._ensure_player():
            self.video_missing.emit(video.path if video is not None else str(video_id))
            self.show_card(site, self.tr("In pictures"))
            return False
        self._back.stop()
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.setPosition(int(start_s * 1000))
        self._trim_end_ms = int(end_s * 1000) if end_s is not None else None
        self.pages.setCurrentWidget(self.video_widget)
        self.player.play()
        self.playing = video_id
        self.shown_kind = "video"
        return True

    def toggle_pause(self) -> None:
        if self.player is None or self.playing is None:
            return
        from PySide6.QtMultimedia import QMediaPlayer

        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def _ensure_player(self) -> bool:
        if self.player is not None:
            return True
        try:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
            from PySide6.QtMultimediaWidgets import QVideoWidget
        except ImportError:
            return False
        self.video_widget = QVideoWidget(self)
        self.pages.addWidget(self.video_widget)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(self.video_widget)
        self.player.positionChanged.connect(self._position)
        self.player.mediaStatusChanged.connect(self._status)
        return True

    def _position(self, ms: int) -> None:
        if self._trim_end_ms is not None and ms >= self._trim_end_ms:
            self.show_map()

    def _status(self, status) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self.show_map()

    def _stop_video(self) -> None:
        if self.player is not None:
            self.player.stop()
        self.playing = None
        self._trim_end_ms = None

    def closeEvent(self, event) -> None:
        self._stop_video()
        super().closeEvent(event)


def passenger_window_for(project, map_factory: Optional[Callable[[QWidget], QWidget]] = None) -> PassengerWindow:
    """The passenger window of ``project``'s sites and videos."""
    sites = {s.id: s for s in project.sites()}
    videos = {v.id: v for v in project.videos()}
    window = PassengerWindow(sites, videos, project.folder)
    if map_factory is not None:
        window.pages.removeWidget(window.map_page)
        window.map_page = map_factory(window)
        window.pages.insertWidget(0, window.map_page)
        window.pages.setCurrentIndex(0)
    return window
