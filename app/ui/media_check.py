"""Does this machine play the tour's videos? Decode a clip with QtMultimedia, as the bus screen
does, and count the frames that reach a video sink (no window, no sound device needed)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, QUrl


def frames_played(path: Path, seconds: float = 2.0, timeout_s: float = 15.0) -> tuple[int, str]:
    """Play ``path`` for ``seconds`` of clip into a QVideoSink; returns (frames received, error).

    The error is QtMultimedia's own text ("" when none). Needs a Q(Gui)Application."""
    from PySide6.QtMultimedia import QMediaPlayer, QVideoSink

    player, sink = QMediaPlayer(), QVideoSink()
    player.setVideoSink(sink)
    frames, errors = [0], []
    loop = QEventLoop()

    def frame(_f) -> None:
        frames[0] += 1
        if player.position() >= seconds * 1000:
            loop.quit()

    def failed(_error, text: str) -> None:
        errors.append(text or "QMediaPlayer error")
        loop.quit()

    def status(state) -> None:
        if state == QMediaPlayer.MediaStatus.EndOfMedia:
            loop.quit()

    sink.videoFrameChanged.connect(frame)
    player.errorOccurred.connect(failed)
    player.mediaStatusChanged.connect(status)
    player.setSource(QUrl.fromLocalFile(str(path)))
    player.play()
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    player.stop()
    return frames[0], (errors[0] if errors else "")
