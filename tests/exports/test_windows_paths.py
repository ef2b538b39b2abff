"""What a Windows organiser's files look like, on any system: folders and project names with
accents and spaces, video paths stored with backslashes, absolute paths with a drive letter,
and the line endings of what is exported (the same bytes whichever system wrote them)."""
from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree

from app.exports import xspf
from app.model.media import video_file
from app.services.demo import build_demo
from app.services.export import export_tour
from app.services.planning import plan_tour
from app.errors import ProjectInUse
from app.store.project import Project

TOUR = "ZI Tour prescripteurs — Port et chimie"
NS = {"x": "http://xspf.org/ns/0/"}


@pytest.fixture(scope="module")
def season(tmp_path_factory) -> Path:
    """The demo written in 'Saison 2026 — Vallée du Gier', planned, its videos stored as a
    Windows machine would have written them (backslashes)."""
    folder = tmp_path_factory.mktemp("organiser") / "Saison 2026 — Vallée du Gier"
    folder.mkdir()
    path = build_demo(folder / "Circuit été (prescripteurs).zitour")
    with Project.open(path) as project:
        tour = next(t for t in project.tours() if t.name == TOUR)
        plan_tour(project, tour.id, time_limit_s=1.0)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE videos SET path = replace(path, '/', '\\')")
        assert conn.execute("SELECT count(*) FROM videos WHERE path LIKE 'videos\\%'").fetchone()[0] == 6
    return path


def test_a_project_with_accents_and_spaces_opens_once_and_is_locked(season):
    with Project.open(season) as project:
        assert project.path.name == "Circuit été (prescripteurs).zitour"
        with pytest.raises(ProjectInUse):
            Project.open(season)  # a second window on the same file is refused, not a second writer
    with Project.open(season) as again:  # the lock went with the first
        assert len(again.sites()) == 12


def test_backslash_video_paths_resolve_inside_the_project(season):
    with Project.open(season, read_only=True) as project:
        for video in project.videos():
            assert "\\" in video.path
            found = video_file(project.folder, video.path)
            assert found is not None and found.exists() and found.parent.name == "videos"


@pytest.mark.parametrize("stored", ["C:\\Users\\Élodie\\Vidéos\\clip.mp4", "C:/Users/clip.mp4",
                                    "\\\\serveur\\partage\\clip.mp4", "..\\..\\clip.mp4"])
def test_absolute_and_escaping_windows_paths_are_refused(season, stored):
    with Project.open(season, read_only=True) as project:
        assert video_file(project.folder, stored) is None


@pytest.mark.parametrize("path, uri", [
    ("C:/Users/Élodie/Vidéos/clip été.mp4", "file:///C:/Users/%C3%89lodie/Vid%C3%A9os/clip%20%C3%A9t%C3%A9.mp4"),
    ("D:/ZI Tour/vidéos/a.mp4", "file:///D:/ZI%20Tour/vid%C3%A9os/a.mp4"),
    ("/home/élodie/a b.mp4", "file:///home/%C3%A9lodie/a%20b.mp4"),
    ("../videos/clip été.mp4", "../videos/clip%20%C3%A9t%C3%A9.mp4"),
])
def test_xspf_locations_for_windows_and_posix_paths(path, uri):
    assert xspf.location(path) == uri


def test_exports_into_an_accented_folder_find_the_videos_and_end_lines_with_lf(season):
    out = season.parent / "Exports — partenaires"
    with Project.open(season) as project:
        files = export_tour(project, TOUR, "xspf,m3u,gpx,geojson,html,csv,pack", out)
    names = {f.name for f in files}
    assert all(n.isascii() for n in names), names  # slugs: safe on every file system and in every mail
    playlist = next(f for f in files if f.suffix == ".xspf")
    locations = [e.text for e in etree.parse(str(playlist)).findall(".//x:location", NS)]
    assert locations
    for loc in locations:  # what VLC does with a relative location: from the playlist's folder
        assert (playlist.parent / unquote(loc)).resolve().exists(), loc
    m3u = next(f for f in files if f.suffix == ".m3u8")
    entries = [line for line in m3u.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert entries and all((m3u.parent / e).resolve().exists() for e in entries)
    for f in files:
        if f.suffix in (".xspf", ".m3u8", ".gpx", ".geojson", ".html"):
            assert b"\r\n" not in f.read_bytes(), f.name  # LF, whatever system wrote it
    csv_file = next(f for f in files if f.suffix == ".csv")
    assert csv_file.read_bytes().count(b"\r\n") >= 9  # CSV: CRLF rows (RFC 4180), as Excel writes them
    pack = next(f for f in files if f.suffix == ".zip")
    with zipfile.ZipFile(pack) as z:
        members = z.namelist()
    assert all("\\" not in m for m in members) and any(m.startswith("videos/") for m in members)
