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
    dialog = ImportSitesDialog(window, window.session.project, window.session.region)
    dialog.load_file(csv)
    assert dump(project_path) == before  # the preview wrote nothing
    assert dialog.preview.rowCount() == 2
    assert {dialog.preview.item(r, 0).text() for r in range(2)} == {"Atelier Nord", "Scierie Est"}
    assert dialog.rejected.rowCount() >= 2  # no name; outside the region
    reasons = " ".join(dialog.rejected.item(r, 2).text() for r in range(dialog.rejected.rowCount()))
    assert "nom" in reasons  # French reasons
    assert dialog.ok.isEnabled()
    assert window.c.editing.import_sites(dialog.run)
    names = {s.name for s in window.session.project.sites()}
    assert {"Atelier Nord", "Scierie Est"} <= names
    window.actions["actUndo"].trigger()
    assert dump(project_path) == before


def test_region_import_shows_progress_and_can_be_cancelled(window, qtbot):
    from app.ui.dialogs.regions import RegionsDialog
    from tests.conftest import KREMS_OSM

    dialog = RegionsDialog(window, window.session, window.c.files, window.c.editing, window.tasks)
    assert dialog.list.count() >= 2  # the bundled regions
    worker = dialog.import_file(str(KREMS_OSM))
    assert window.task_indicator.isVisibleTo(window)
    cancelled = []
    worker.signals.cancelled.connect(lambda: cancelled.append(True))
    window.actions["actCancel"].trigger()
    qtbot.waitUntil(lambda: worker.done, timeout=30_000)
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=10_000)
    assert cancelled == [True]
    assert not window.task_indicator.isVisibleTo(window)
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
    assert panel.table.rowCount() == len(window.session.project.videos()) > 0
    clip = project_path.parent / "videos" / "nouvelle.mp4"
    write_demo_clip(clip, 7)
    count = panel.table.rowCount()
    panel.add_files([str(clip)])  # durations read in a worker, then one undo step
    qtbot.waitUntil(lambda: panel.table.rowCount() == count + 1, timeout=60_000)
    added = [v for v in window.session.project.videos() if v.path.endswith("nouvelle.mp4")][0]
    assert abs(added.duration_s - 7.0) < 0.6
    # the plan says the clip cued on a 5 s leg is too long: the panel shows the plan's warning
    from app.model.plan import PlanWarning
    from routing.messages import Duration, Message
    from tests.ui.test_plan_views import handmade_plan

    plan = handmade_plan(project_path, window.session.tour_id)
    bus = plan.buses[0]
    bus = bus.__class__(**{**bus.__dict__, "cues": (Cue(added.id, added.site_id, 0, bus.departure, 0.0, title="x"),)})
    warning = PlanWarning("video_too_long", Message("solver.videos_too_long", stop="3", videos=Duration(7),
                                                    leg=Duration(5)), site_id=added.site_id)
    window.session.project.save_plan(plan.__class__(**{**plan.__dict__, "buses": (bus,), "warnings": (warning,)}))
    window.session.flush()
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 3).text().endswith("nouvelle.mp4"))
    assert panel.table.item(row, 4).text() == warning.message.text("fr")
    # without the plan's warning the same cue is not flagged: the panel does not judge by itself
    window.session.project.save_plan(plan.__class__(**{**plan.__dict__, "buses": (bus,), "warnings": ()}))
    window.session.flush()
    assert panel.table.item(row, 4).text() == "✓"


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
    window.actions["actUndo"].trigger()
    with Project.open(project_path, read_only=True) as p:
        assert p.ambassadors(ids=[amb_id])[0].availability != amb.availability


def test_uncaught_exception_shows_a_sentence_not_a_traceback(errors, qtbot, tmp_path):
    from app.ui import errors as ui_errors
    from routing.errors import Cancelled

    ui_errors.excepthook(Cancelled, Cancelled(), None)
    assert errors[-1].text("fr") == "Annulé."
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
    for action in (window.actions["actOpen"], window.actions["actNew"], window.actions["actUndo"], window.actions["actRedo"], window.actions["actOptimise"],
                   window.actions["actKeepOrder"], window.actions["actAddStop"], window.actions["actNewTour"], window.actions["actFind"], window.actions["actFit"],
                   window.actions["actCancel"]):
        assert not action.shortcut().isEmpty(), action.objectName()
        assert action.toolTip(), action.objectName()
    keys = [a.shortcut().toString() for a in window.findChildren(type(window.actions["actOpen"])) if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), "a shortcut is used twice"


def test_window_state_and_recent_files_are_remembered(qtbot, tmp_path, project_path, errors):
    from tests.ui.conftest import make_window

    first = make_window(qtbot, tmp_path)
    first.c.files.open_project(project_path)
    first.show()
    first.videos_dock.close()  # the organiser hid a panel
    qtbot.wait(20)
    geometry = first.saveGeometry()
    first.close()
    second = make_window(qtbot, tmp_path)  # same settings file
    assert second.settings.recent_projects()[0] == project_path.resolve()
    assert second.settings.window_state()[0] == geometry
    second.show()
    assert all(d.isHidden() for d in second.docks())  # the welcome page stands alone
    second.c.files.open_project(project_path)
    assert second.videos_dock.isHidden() and not second.warnings_dock.isHidden()
    second.close()
