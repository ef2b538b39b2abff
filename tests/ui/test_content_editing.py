"""Putting the content in, as a first-time organiser does: sites by a click, real companies from the map,
videos edited where they show, ambassadors' booklets, regions from the GUI."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt


def test_a_click_places_a_site_with_a_preview_of_where_the_coach_stops(qtbot, window):
    canvas = window.canvas
    before = len(window.session.project.sites())
    action = window.actions["actPlaceSites"]
    assert action.isCheckable() and action.shortcut().toString() == "Ctrl+Shift+P"
    action.trigger()
    assert action.isChecked() and canvas.tool.name == "place_sites"
    centre = canvas.viewport().rect().center()
    qtbot.mouseMove(canvas.viewport(), centre + QPoint(5, 5))
    qtbot.mouseMove(canvas.viewport(), centre)
    assert canvas.probe is not None and canvas.probe.road_pos is not None  # the coach's stop, shown
    road = canvas.projection.to_lonlat(canvas.probe.road_pos.x(), canvas.probe.road_pos.y())
    snap = window.session.region.network().snap(*canvas.lonlat_at(centre))
    assert abs(road[0] - snap.road_lon) < 1e-7 and canvas.probe.reachable == snap.ok  # grey when too far
    lon, lat = canvas.lonlat_at(centre)
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=centre + QPoint(60, 0))
    sites = window.session.project.sites()
    assert len(sites) == before + 2  # the tool stays: one site a click
    assert any(abs(s.lon - lon) < 1e-6 and abs(s.lat - lat) < 1e-6 for s in sites)
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.tool.name == "edit_sites" and not action.isChecked() and canvas.probe is None
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=centre + QPoint(-80, 0))
    assert len(window.session.project.sites()) == before + 2  # a plain click adds nothing now
    window.c.editing.undo_stack.undo()
    assert len(window.session.project.sites()) == before + 1  # each placed site is one undo step


def test_one_click_gives_every_ambassador_a_booklet(qtbot, window, tmp_path, monkeypatch):
    from app.ui.export_dialog import ExportDialog

    window.actions["actOptimise"].trigger()
    qtbot.waitUntil(lambda: window.session.has_plan, timeout=60_000)
    opened = []

    def run(dialog):
        opened.append(dialog)
        dialog.set_folder(tmp_path / "booklets")
        with qtbot.waitSignal(dialog.exported, timeout=60_000):
            dialog.start_export()
        return 0

    monkeypatch.setattr(ExportDialog, "exec", run)
    assert window.actions["actBooklets"].isEnabled()
    window.actions["actBooklets"].trigger()
    (dialog,) = opened
    assert dialog.formats() == ["booklets"]
    written = sorted(p.name for p in (tmp_path / "booklets").glob("*-livret-*.pdf"))
    presenters = {s.ambassador_id for b in window.session.plan.buses for s in b.stops if s.ambassador_id}
    assert len(written) == len(presenters) >= 1


def test_a_region_downloads_from_the_dialog_and_a_failure_is_said(qtbot, window, errors):
    from app.ui.dialogs.regions import RegionsDialog

    c = window.c
    dialog = RegionsDialog(window, window.session, c.files, c.editing, c.tasks)
    qtbot.addWidget(dialog)
    assert "réseau" in dialog.download_button.text()  # the one action that uses the network says so
    assert "geofabrik" in dialog.offline.text().lower() and "osmium extract" in dialog.offline.text()
    before = dialog.list.count()
    window.tasks.child_processes = False  # in this process, where the tests' network block applies
    task = dialog.download("4.95,45.70,5.10,45.80")
    qtbot.waitUntil(lambda: task.done, timeout=30_000)
    qtbot.wait(50)
    shown = [e for e in errors]
    errors.clear()
    assert shown and shown[0].message.code == "region.download_failed"  # said, in words, no traceback
    words = shown[0].text("fr")
    assert "Impossible de télécharger les données OpenStreetMap de (4.95, 45.7, 5.1, 45.8)" in words
    assert dialog.list.count() == before and window.session.region_name == "krems"  # nothing changed


def test_real_companies_are_picked_from_the_map_one_by_one_without_duplicates(qtbot, window, project_path):
    from app.ui.dialogs.import_sites import ImportSitesDialog
    from tests.ui.conftest import dump

    project = window.session.project
    before = {s.name for s in project.sites()}
    dialog = ImportSitesDialog(window, project, window.session.region)
    qtbot.addWidget(dialog)
    dialog.load_region_features()
    picker = dialog.picker
    assert picker.rowCount() > 5 and not dialog.ok.isEnabled()  # nothing ticked, nothing to add
    names = [picker.item(r, 0).text() for r in range(picker.rowCount())]
    fresh = [n for n in names if n not in before][:2]
    assert len(fresh) == 2
    refs = {s.source_ref for s in project.sites()}
    known = [r for r, f in enumerate(dialog.features) if f"{f.osm_type}/{f.osm_id}" in refs]
    assert known and all(picker.item(r, 4).text() for r in known)  # what the project has already, said
    assert not any(picker.item(r, 4).text() for r in range(picker.rowCount()) if r not in known)
    dialog.search.setText(fresh[0][:6])
    visible = [picker.item(r, 0).text() for r in range(picker.rowCount()) if not picker.isRowHidden(r)]
    assert fresh[0] in visible and len(visible) < len(names)  # the search narrows the list
    hovered = []
    dialog.feature_hovered.connect(lambda lon, lat: hovered.append((lon, lat)))
    row = names.index(fresh[0])
    dialog._hovered(row, 0)
    feature = next(f for f in dialog.features if f.name == fresh[0])
    assert hovered == [(feature.lon, feature.lat)]
    unchanged = dump(project_path)
    dialog.show()
    dialog.search.clear()
    item = picker.item(names.index(fresh[0]), 0)
    picker.scrollToItem(item)
    rect = picker.visualItemRect(item)
    qtbot.mouseClick(picker.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert item.checkState() == Qt.CheckState.Checked  # ticked by a click on its box
    assert [f.name for f in dialog.checked_features()] == [fresh[0]]
    dialog.set_checked(set(fresh))
    assert dump(project_path) == unchanged  # ticking previews on a copy
    assert {dialog.preview.item(r, 0).text() for r in range(dialog.preview.rowCount())} == set(fresh)
    assert dialog.ok.isEnabled()
    assert window.c.editing.import_sites(dialog.run)
    after = [s.name for s in project.sites()]
    assert set(after) - before == set(fresh)  # only the ticked ones
    again = ImportSitesDialog(window, project, window.session.region)
    qtbot.addWidget(again)
    again.load_region_features()
    again.set_checked(set(fresh))
    assert window.c.editing.import_sites(again.run)
    assert sorted(s.name for s in project.sites()) == sorted(after)  # imported again: no duplicate


def test_a_video_is_retitled_reassigned_and_trimmed_where_it_shows(qtbot, window):
    from PySide6.QtMultimedia import QMediaPlayer

    from app.model.entities import Video

    panel = window.videos_panel
    project = window.session.project
    video = project.videos()[0]
    row = next(r for r, v in enumerate(panel.videos) if v.id == video.id)
    panel.table.setCurrentCell(row, 0)
    assert panel.title_edit.text() == video.title and panel.apply_button.isEnabled()
    other = next(s for s in project.sites() if s.id != video.site_id and s.kind.value == "company")
    panel.title_edit.setText("Les métiers du port")
    panel.company.setCurrentIndex(panel.company.findData(other.id))
    panel.trim_in.setValue(1.0)
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    stored = project.get(Video, video.id)
    assert (stored.title, stored.site_id, stored.trim_in_s, stored.trim_out_s) == \
        ("Les métiers du port", other.id, 1.0, None)
    shown = next(r for r, v in enumerate(panel.videos) if v.id == video.id)
    assert panel.table.item(shown, 0).text() == "Les métiers du port"
    assert panel.table.item(shown, 2).text().endswith("s")  # to the second, of the whole file
    window.actions["actUndo"].trigger()
    assert project.get(Video, video.id) == video  # one undo step
    # One player, with play/pause, seek and the trim points taken from where it stands.
    panel.table.setCurrentCell(row, 0)
    panel.preview()
    player = panel.player
    assert player is not None and player.isVisible()
    panel.preview()
    assert panel.player is player  # never a second window
    qtbot.waitUntil(lambda: player.player.duration() > 0, timeout=10_000)
    player.player.pause()
    player.player.setPosition(1500)
    qtbot.waitUntil(lambda: abs(player.position_s() - 1.5) < 0.05, timeout=5_000)
    qtbot.mouseClick(player.start_here, Qt.MouseButton.LeftButton)
    assert project.get(Video, video.id).trim_in_s == 1.5
    assert player.marks.start_s == 1.5
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState, timeout=5_000)
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.player.playbackState() != QMediaPlayer.PlaybackState.PlayingState, timeout=5_000)
    player.close()


def test_the_planner_plays_the_trimmed_part(tmp_path, demo_master):
    import dataclasses
    import shutil

    from app.services.planning import plan_tour
    from app.store.project import Project

    path = tmp_path / "demo.zitour"
    shutil.copy2(demo_master, path)
    with Project.open(path) as project:
        tour = project.tours()[0]
        plan = plan_tour(project, tour.id, time_limit_s=1)
        cue = plan.buses[0].cues[0]
        video = next(v for v in project.videos() if v.id == cue.video_id)
        project.update(dataclasses.replace(video, trim_in_s=2.0, trim_out_s=5.0))
        again = plan_tour(project, tour.id, time_limit_s=1)
    cue = next(c for c in again.buses[0].cues if c.video_id == video.id)
    assert cue.trim_start_s >= 2.0 and cue.trim_end_s is not None and cue.trim_end_s <= 5.0
