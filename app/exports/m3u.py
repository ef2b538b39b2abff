"""M3U8 video playlist (UTF-8) with VLC's ``#EXTVLCOPT`` start/stop times for trimmed cues.

Paths as :mod:`app.exports.playlists` gives them (relative beside the project, absolute farther),
``file:`` URIs for names a player would misread (``#``, ``%``)."""
from __future__ import annotations

from pathlib import Path

from app.exports import playlists
from app.exports.context import ExportContext


def file_names(ctx: ExportContext) -> list[str]:
    return playlists.file_names(ctx, "m3u8")


def entry_line(ctx: ExportContext, path: str) -> str:
    """The playlist line of a video: its path as is, unless it holds a ``#`` or ``%`` (a comment
    or an escape to players): then a ``file:`` URI, which every player reads (percent-encoded)."""
    path = playlists.one_line(path)
    if "#" not in path and "%" not in path:
        return path
    absolute = Path(path) if Path(path).is_absolute() else (Path(ctx.export_folder or ctx.media_folder) / path)
    return absolute.resolve().as_uri()


def build(ctx: ExportContext, bus) -> str:
    lines = ["#EXTM3U", f"#PLAYLIST:{playlists.one_line(f'ZI Tour {ctx.tour.name} — {bus.bus_name}')}"]
    if ctx.pack_video_names is not None and not ctx.pack_videos_included:
        lines.append("# Vidéos non incluses : copiez-les dans le dossier videos/ à côté de cette liste (voir README.txt)")
    for e in playlists.entries(ctx, bus):
        dur = int(round(e.duration_s)) if e.duration_s is not None else -1
        lines.append(f"#EXTINF:{dur},{e.title}")
        if e.start_s:
            lines.append(f"#EXTVLCOPT:start-time={playlists.seconds(e.start_s)}")
        if e.stop_s is not None:
            lines.append(f"#EXTVLCOPT:stop-time={playlists.seconds(e.stop_s)}")
        lines.append(entry_line(ctx, e.path))
    return "\n".join(lines) + "\n"


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    out = []
    for name, bus in zip(file_names(ctx), ctx.plan.buses):
        path = folder / name
        path.write_text(build(ctx, bus), encoding="utf-8", newline="\n")
        out.append(path)
    return out
