"""A project's videos are files inside its folder: a shared project's stored paths reach no player,
no playlist and no sheet when they point elsewhere."""
from __future__ import annotations

from dataclasses import replace

from lxml import etree

from app.model.media import video_file
from app.services import export as svc
from app.services.videos import bring_into_project, read_videos, write_demo_clip
from tests.exports.conftest import build_project

HOSTILE = ("/etc/passwd", "../../../../etc/passwd", "videos/../../outside.mp4", "C:\\Windows\\win.ini",
           "videos/notes.desktop")


def test_only_video_files_inside_the_folder_are_designated(tmp_path):
    (tmp_path / "videos").mkdir()
    assert video_file(tmp_path, "videos/a.mp4") == (tmp_path / "videos" / "a.mp4").resolve()
    assert video_file(tmp_path, "videos\\b.MOV") == (tmp_path / "videos" / "b.MOV").resolve()
    for stored in HOSTILE:
        assert video_file(tmp_path, stored) is None, stored
    (tmp_path / "videos" / "link.mp4").symlink_to("/etc/passwd")
    assert video_file(tmp_path, "videos/link.mp4") is None  # a link leaving the folder counts as outside


def test_a_file_chosen_elsewhere_is_copied_into_the_project(tmp_path):
    project_folder, elsewhere = tmp_path / "project", tmp_path / "downloads"
    project_folder.mkdir()
    clip = elsewhere / "usine.mp4"
    elsewhere.mkdir()
    write_demo_clip(clip, 2)
    (video,) = read_videos([str(clip)], project_folder, site_id=None)
    assert video.path == "videos/usine.mp4" and (project_folder / "videos" / "usine.mp4").exists()
    assert bring_into_project(project_folder, project_folder / "videos" / "usine.mp4") == \
        (project_folder / "videos" / "usine.mp4").resolve()  # already inside: not copied again


def test_playlists_and_sheets_never_reveal_a_path_outside_the_project(tmp_path, krems):
    project = build_project(tmp_path / "partage.zitour", krems, n_stops=4)
    try:
        for v, stored in zip(project.videos(), HOSTILE):  # the partner's file points elsewhere
            project.update(replace(v, path=stored))
        out = tmp_path / "exports"
        paths = svc.export_tour(project, project.tours()[0].name, ["xspf", "m3u", "sheets"], out, layers=krems[0])
        by = {p.suffix: p for p in paths}
        text = by[".m3u8"].read_text(encoding="utf-8") + etree.tostring(etree.parse(str(by[".xspf"]))).decode()
        for stored in HOSTILE:
            assert stored not in text and "passwd" not in text and "win.ini" not in text
        import subprocess

        sheets = subprocess.run(["pdftotext", str(by[".pdf"]), "-"], capture_output=True, text=True, check=True).stdout
        assert "passwd" not in sheets and "outside.mp4" not in sheets
    finally:
        project.close()
