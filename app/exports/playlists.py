"""What the video playlists hold: the cues of each bus, ordered by when they play.

Paths are relative to the folder the playlist is written to when the videos sit beside it (so a
copied folder of playlist + videos keeps working), absolute when they are farther (another disk,
a USB stick: a path climbing out of it would lead nowhere), and inside a partner pack the pack's
own ``videos/...`` (:mod:`app.exports.pack`).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from app.i18n import formats
from app.exports.context import ExportContext
from app.exports.files import unique_slugs
from app.model.media import video_file
from app.model.plan import BusPlan

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class Entry:
    path: str  # relative (POSIX separators) or absolute
    title: str
    duration_s: Optional[float]  # how long it plays, None if unknown
    start_s: float  # trim start in the file
    stop_s: Optional[float]  # trim end in the file, None: to the end
    cue_time: str  # local clock time, as French readers write it ("9 h 30")


def one_line(text: str) -> str:
    """Text safe for a single playlist line (no control characters)."""
    return _CONTROL.sub(" ", text).strip()


def file_names(ctx: ExportContext, suffix: str) -> list[str]:
    if len(ctx.plan.buses) <= 1:
        return [f"{ctx.base_name}-videos.{suffix}"]
    return [f"{ctx.base_name}-videos-{part}.{suffix}"
            for part in unique_slugs((b.bus_name for b in ctx.plan.buses), "car")]


def video_path(ctx: ExportContext, stored: str) -> Optional[str]:
    """The playlist's path to a video stored as ``stored`` (relative to the project folder), or
    None for a path outside the project (never written into a file a partner receives)."""
    absolute = video_file(ctx.media_folder, stored)
    if absolute is None:
        return None
    if ctx.pack_video_names is not None:  # a partner pack: the clip's place inside the pack
        return ctx.pack_video_names.get(stored)
    base = ctx.export_folder or ctx.media_folder
    try:
        relative = Path(os.path.relpath(absolute, Path(base).resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return absolute.as_posix()
    # Beside the project (exports/ next to videos/): relative, so the folder can be copied whole.
    # Farther (a USB stick, another disk): the file's own absolute path, which stays true.
    return relative if relative.split("/").count("..") <= 1 else absolute.as_posix()


def entries(ctx: ExportContext, bus: BusPlan) -> list[Entry]:
    out = []
    for cue in sorted(bus.cues, key=lambda c: (c.start, c.offset_s)):
        v = ctx.videos.get(cue.video_id)
        path = video_path(ctx, v.path) if v is not None else None
        if path is None:
            continue
        stop = cue.trim_end_s
        end = stop if stop is not None else v.duration_s
        dur = max(0.0, end - cue.trim_start_s) if end else None
        out.append(Entry(path, one_line(cue.title or v.title), dur, cue.trim_start_s, stop,
                         formats.clock(ctx.local(cue.start), "fr")))
    return out


def seconds(value: float) -> str:
    """VLC's start/stop option value: seconds, at most 3 decimals, no trailing zeros."""
    return f"{value:.3f}".rstrip("0").rstrip(".")
