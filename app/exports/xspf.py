"""XSPF video playlist (http://xspf.org/ns/0/) with VLC's start-time/stop-time options for trimmed cues."""
from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote

from lxml import etree

from app.exports import playlists
from app.exports.context import ExportContext

NS = "http://xspf.org/ns/0/"
VLC_NS = "http://www.videolan.org/vlc/playlist/ns/0/"
VLC_APP = "http://www.videolan.org/vlc/playlist/0"


def file_names(ctx: ExportContext) -> list[str]:
    return playlists.file_names(ctx, "xspf")


def location(path: str) -> str:
    """A URI reference for ``path``: percent-encoded relative path, or a file: URI."""
    if PurePosixPath(path).is_absolute():
        return PurePosixPath(path).as_uri()
    if PureWindowsPath(path).is_absolute():  # C:/Users/… written on Windows: file:///C:/Users/…
        return PureWindowsPath(path).as_uri()
    return quote(path, safe="/")


def build(ctx: ExportContext, bus) -> bytes:
    root = etree.Element(f"{{{NS}}}playlist", nsmap={None: NS, "vlc": VLC_NS}, version="1")
    etree.SubElement(root, f"{{{NS}}}title").text = playlists.one_line(f"ZI Tour {ctx.tour.name} — {bus.bus_name}")
    etree.SubElement(root, f"{{{NS}}}creator").text = "ZI Tour planner"
    if ctx.pack_video_names is not None and not ctx.pack_videos_included:
        etree.SubElement(root, f"{{{NS}}}annotation").text = (
            "Vidéos non incluses : copiez-les dans le dossier videos/ à côté de cette liste (voir README.txt)")
    tracks = etree.SubElement(root, f"{{{NS}}}trackList")
    for i, e in enumerate(playlists.entries(ctx, bus)):
        t = etree.SubElement(tracks, f"{{{NS}}}track")
        etree.SubElement(t, f"{{{NS}}}location").text = location(e.path)
        etree.SubElement(t, f"{{{NS}}}title").text = e.title
        etree.SubElement(t, f"{{{NS}}}annotation").text = f"à lancer à {e.cue_time}"
        if e.duration_s is not None:
            etree.SubElement(t, f"{{{NS}}}duration").text = str(int(round(e.duration_s * 1000)))
        ext = etree.SubElement(t, f"{{{NS}}}extension", application=VLC_APP)
        etree.SubElement(ext, f"{{{VLC_NS}}}id").text = str(i)
        if e.start_s:
            etree.SubElement(ext, f"{{{VLC_NS}}}option").text = f"start-time={playlists.seconds(e.start_s)}"
        if e.stop_s is not None:
            etree.SubElement(ext, f"{{{VLC_NS}}}option").text = f"stop-time={playlists.seconds(e.stop_s)}"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    out = []
    for name, bus in zip(file_names(ctx), ctx.plan.buses):
        path = folder / name
        path.write_bytes(build(ctx, bus))
        out.append(path)
    return out
