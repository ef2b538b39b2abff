"""Where a project's video files may be: inside the project's folder, and nowhere else.

A project file travels between organisers and partners, so the paths it stores are
untrusted: ``/etc/shadow`` or ``../../.bashrc`` must never reach a media player, the
desktop's "open with", or a playlist sent to a partner. A stored path is relative to the
project's folder, stays inside it once resolved (symbolic links included), and names a
video file by its extension.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Optional

VIDEO_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".mkv", ".avi", ".webm", ".mpg", ".mpeg", ".ogv", ".wmv"})


def video_file(project_folder: Path, stored: str) -> Optional[Path]:
    """The file ``stored`` designates, or None when it is absolute, leaves the project's folder
    or is not a video file."""
    text = str(stored).replace("\\", "/")
    relative = PurePosixPath(text)
    if not text or relative.is_absolute() or ":" in relative.parts[0] or relative.suffix.lower() not in VIDEO_SUFFIXES:
        return None
    folder = Path(project_folder).resolve()
    candidate = (folder / Path(*relative.parts)).resolve()
    try:
        candidate.relative_to(folder)
    except ValueError:
        return None
    return candidate
