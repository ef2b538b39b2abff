"""M3U8 video playlist (UTF-8) with VLC's ``#EXTVLCOPT`` start/stop times for trimmed cues."""
from __future__ import annotations

from pathlib import Path

from app.exports import playlists
from app.exports.context import ExportContext


def file_names(ctx: ExportContext) -> list[str]:
    return playlists.file_names(ctx, "m3u8")


def build(ctx: ExportContext, bus) -> str:
    lines = ["#EXTM3U", f"#PLAYLIST:{playlists.one_line(f'ZI Tour {ctx.tour.name} — {bus.bus_name}')}"]
    for e in playlists.entries(ctx, bus):
        dur = int(round(e.duration_s)) if e.duration_s is not None else -1
        lines.append(f"#EXTINF:{dur},{e.title}")
        if e.start_s:
            lines.append(f"#EXTVLCOPT:start-time={playlists.seconds(e.start_s)}")
        if e.stop_s is not None:
            lines.append(f"#EXTVLCOPT:stop-time={playlists.seconds(e.stop_s)}")
        path = playlists.one_line(e.path)
        lines.append("./" + path if path.startswith("#") else path)  # a leading # would read as a comment
    return "\n".join(lines) + "\n"


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    out = []
    for name, bus in zip(file_names(ctx), ctx.plan.buses):
        path = folder / name
        path.write_text(build(ctx, bus), encoding="utf-8")
        out.append(path)
    return out
