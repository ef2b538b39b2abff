"""Panels and dialogs: import with preview, regions import with cancel, videos, ambassadors, errors, About."""
from __future__ import annotations

import sys

from PySide6.QtCore import Qt

from app.store.project import Project
from app.ui.workers import Worker
from tests.ui.conftest import dump


def test_site_import_previews_on_a_copy_then_adds_as_one_undo_step(window, project_path, tmp_path):
    from app.ui.dialogs.import_sites import ImportSitesDialog

    csv = tmp_path / "sites.csv"
    csv.write_text("nom;longitude;latitude;secteur\n"
                   "Atelier Nord;15,6010;48,4020;mécanique\n"
                   ";15,6;48,4;sans nom\n"
                   "Loin d'ici;2,35;48,85;hors région\n"
                   "Scierie Est;15,6450;48,4050;bois\n", encoding="utf-8")
    before = dump(project_path)
    dialog = ImportSitesDialog(window, window.project, window.region)
    dialog.load_file(csv)
    assert dump(project_path) == before  # the preview wrote nothing
    assert dialog.preview.rowCount() == 2
    assert {dialog.preview.item(r, 0).text() for r in range(2)} == {"Atelier Nord", "Scierie Est"}
    assert dialog.rejected.rowCount() >= 2  # no name; outside the region
    reasons = " ".join(dialog.rejected.item(r, 2).text() for r in range(dialog.rejected.rowCount()))
    assert "nom" in reasons  # French reasons
    assert dialog.ok.isEnabled()
    assert window.import_sites(dialog.run)
    names = {s.name for s in window.project.sites()}
    assert {"Atelier Nord", "Scierie Est"} <= names
    window.act_undo.trigger()
    assert dump(project_path) == before


def test_region_import_shows_progress_and_can_be_cancelled(window, qtbot):
    from app.ui.dialogs.regions import RegionsDialog
    from tests.conftest import KREMS_OSM

    dialog = RegionsDialog(window)
    assert dialog.list.count() >= 2  # the bundled regions
    worker = dialog.import_file(str(KREMS_OSM))
    assert window.tasks.isVisibleTo(window)
    cancelled = []
    worker.signals.cancelled.connect(lambda: cancelled.append(True))
    window.act_cancel.trigger()
    qtbot.waitUntil(lambda: worker.done, timeout=30_000)
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=10_000)
    assert cancelled == [True]
    assert not window.tasks.isVisibleTo(window)
    dialog.close()


def test_worker_reports_a_user_error_in_french(qtbot):
    from app.ui.jobs import plan_job
    from app.ui.process_job import run_in_process

    worker = Worker(run_in_process, plan_job, "/nowhere/missing.zitour", 1, False, title="t")
    with qtbot.waitSignal(worker.signals.error, timeout=60_000) as blocker:
        worker.start()
    exc = blocker.args[0]
    assert "introuvable" in exc.text("fr") and "missing.zitour" in exc.text("fr")


def test_videos_panel_reads_durations_and_flags_too_long_videos(window, qtbot, project_path):
    import datetime as dt

    from app.model.plan import Cue
    from app.services.videos import write_demo_clip

    panel = window.videos_panel
    assert panel.table.rowCount() == len(window.project.videos()) > 0
    clip = project_path.parent / "videos" / "nouvelle.mp4"
    write_demo_clip(clip, 7)
    count = panel.table.rowCount()
    panel.add_files([str(clip)])  # durations read in a worker, then one undo step
    qtbot.waitUntil(lambda: panel.table.rowCount() == count + 1, timeout=60_000)
    added = [v for v in window.project.videos() if v.path.endswith("nouvelle.mp4")][0]
    assert abs(added.duration_s - 7.0) < 0.6
    # a 7 s clip cued on a leg shorter than that is flagged
    from tests.ui.test_plan_views import handmade_plan

    plan = handmade_plan(project_path, window.tour_id)
    bus = plan.buses[0]
    short_leg = bus.legs[0].__class__(**{**bus.legs[0].__dict__, "duration_s": 5.0})
    bus = bus.__class__(**{**bus.__dict__, "legs": (short_leg,) + bus.legs[1:],
                           "cues": (Cue(added.id, added.site_id, 0, bus.departure, 0.0, title="x"),)})
    plan = plan.__class__(**{**plan.__dict__, "buses": (bus,)})
    window.project.save_plan(plan)
    window._apply_changes()
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 3).text().endswith("nouvelle.mp4"))
    assert "trop longue" in panel.table.item(row, 4).text()


def test_ambassador_edit_is_saved_and_undoable(window, project_path):
    panel = window.ambassadors_panel
    assert panel.list.count() > 0
    panel.list.setCurrentRow(0)
    amb_id = panel.list.item(0).data(Qt.ItemDataRole.UserRole)
    panel.availability.setText("9 h 00–12 h 00")
    panel.availability.editingFinished.emit()
    with Project.open(project_path, read_only=True) as p:
        amb = p.ambassadors(ids=[amb_id])[0]
    assert [(a.start.hour, a.end.hour, a.day) for a in amb.availability] == [(9, 12, None)]
    window.act_undo.trigger()
    with Project.open(project_path, read_only=True) as p:
        assert p.ambassadors(ids=[amb_id])[0].availability != amb.availability


def test_uncaught_exception_shows_a_sentence_not_a_traceback(errors, qtbot, tmp_path):
    from app.ui import errors as ui_errors
    from routing.errors import Message, UserError

    ui_errors.excepthook(UserError, UserError(Message("Bad row 3.", "Ligne 3 invalide.")), None)
    assert errors[-1].text("fr") == "Ligne 3 invalide."
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        ui_errors.excepthook(*sys.exc_info())
    text = ui_errors.error_text(errors[-1])
    assert "Traceback" not in text and "ZeroDivisionError" in text
    errors.clear()


def test_about_box_has_version_and_osm_attribution():
    from app import __version__
    from app.ui.dialogs.about import about_text

    text = about_text()
    assert __version__ in text and "© OpenStreetMap contributors" in text


def test_common_actions_have_shortcuts_and_tooltips(window):
    for action in (window.act_open, window.act_new, window.act_undo, window.act_redo, window.act_optimise,
                   window.act_keep_order, window.act_add_stop, window.act_new_tour, window.act_find, window.act_fit,
                   window.act_cancel):
        assert not action.shortcut().isEmpty(), action.objectName()
        assert action.toolTip(), action.objectName()
    keys = [a.shortcut().toString() for a in window.findChildren(type(window.act_open)) if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), "a shortcut is used twice"


def test_window_state_and_recent_files_are_remembered(qtbot, tmp_path, project_path, errors):
    from tests.ui.conftest import make_window

    first = make_window(qtbot, tmp_path)
    first.open_project(project_path)
    first.show()
    first.videos_dock.close()  # the organiser hid a panel
    qtbot.wait(20)
    geometry = first.saveGeometry()
    first.close()
    second = make_window(qtbot, tmp_path)  # same settings file
    assert second.settings.recent_projects()[0] == project_path.resolve()
    assert second.settings.window_state()[0] == geometry
    second.show()
    assert all(d.isHidden() for d in second._docks())  # the welcome page stands alone
    second.open_project(project_path)
    assert second.videos_dock.isHidden() and not second.warnings_dock.isHidden()
    second.close()
