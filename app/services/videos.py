"""Company videos: reading a file's duration, writing the demo's small clips.

Paths stored in a project are relative to the project's folder, and only files inside
it are played or exported (:mod:`app.model.media`); a file chosen elsewhere is copied
into the project's ``videos/`` folder, so a project and its videos travel together.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Optional, Sequence

import av
import numpy as np

from app.model.entities import Video
from app.model.media import video_file
from routing.errors import UserError
from routing.progress import check, report


class VideoFileError(UserError):
    """A video file is missing or cannot be read."""


def video_duration_s(path: Path | str) -> float:
    """Duration of the video at ``path``, in seconds.

    Raises :class:`VideoFileError` naming the file when it is missing, is not a
    video or its duration cannot be found.
    """
    path = Path(path)
    if not path.is_file():
        raise VideoFileError("video.not_found", file=str(path))
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise VideoFileError("video.no_video_stream", file=str(path))
            stream = container.streams.video[0]
            if container.duration:  # microseconds (AV_TIME_BASE)
                return container.duration / 1_000_000
            if stream.duration and stream.time_base:
                return float(stream.duration * stream.time_base)
            # No duration in the headers (some raw streams): decode to the last frame.
            last = 0.0
            for frame in container.decode(stream):
                if frame.time is not None:
                    last = max(last, frame.time)
            if last <= 0:
                raise VideoFileError("video.no_duration", file=str(path))
            return last
    except (av.error.FFmpegError, OSError, UnicodeDecodeError) as exc:
        raise VideoFileError("video.unreadable", file=str(path), detail=str(exc)) from None


def relative_video_path(project_folder: Path, file: Path) -> str:
    """``file`` relative to ``project_folder`` (POSIX separators); it must be inside it."""
    return Path(file).resolve().relative_to(Path(project_folder).resolve()).as_posix()


def bring_into_project(project_folder: Path, file: Path) -> Path:
    """``file`` itself when it is inside the project's folder, else a copy in its ``videos/``
    folder (a project only ever plays what it holds; the copy travels with it)."""
    file, folder = Path(file).resolve(), Path(project_folder).resolve()
    try:
        file.relative_to(folder)
        return file
    except ValueError:
        pass
    target_dir = folder / "videos"
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / file.name
    n = 1
    while target.exists() and not _same_file(target, file):
        target = target_dir / f"{file.stem}-{n}{file.suffix}"
        n += 1
    if not target.exists():
        shutil.copy2(file, target)
    return target


def _same_file(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def resolve_video_path(project_folder: Path, stored: str) -> Path:
    """The file a stored video path designates, inside the project's folder; VideoFileError
    for a path that leaves it, is absolute, or is not a video (an untrusted project's)."""
    found = video_file(project_folder, stored)
    if found is None:
        raise VideoFileError("video.outside_project", path=str(stored))
    return found


def read_videos(files: Sequence[str], folder: Path, site_id: Optional[int], progress=None, cancel=None
                ) -> list[Video]:
    """Video records for ``files`` (durations read from the files), paths relative to ``folder``.

    Long work (one file opened per video): takes ``progress`` and ``cancel``.
    """
    out = []
    for i, name in enumerate(files):
        check(cancel)
        report(progress, i / max(1, len(files)), Path(name).name)
        inside = bring_into_project(folder, Path(name))
        out.append(Video(path=relative_video_path(folder, inside), title=Path(name).stem.replace("_", " "),
                         duration_s=video_duration_s(inside), site_id=site_id))
    return out


def write_demo_clip(
    path: Path | str,
    duration_s: int,
    colour: Sequence[int] = (40, 80, 160),
    fps: int = 2,
    size: tuple[int, int] = (160, 90),
) -> None:
    """Write a small silent MPEG-4 clip: a plain ``colour`` screen with a growing progress bar.

    ``duration_s`` whole seconds at ``fps`` frames per second, ``size`` (width,
    height) in pixels. Deterministic: the same arguments give the same bytes.
    """
    width, height = size
    n_frames = int(duration_s * fps)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    base = np.empty((height, width, 3), np.uint8)
    base[:, :] = np.asarray(colour, np.uint8)
    with av.open(str(tmp), "w", format="mp4") as container:
        stream = container.add_stream("mpeg4", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for i in range(n_frames):
            img = base.copy()
            img[height // 2 - 5 : height // 2 + 5, : (i + 1) * width // n_frames] = 255
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts = i
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    os.replace(tmp, path)  # a half-written clip never has the final name
