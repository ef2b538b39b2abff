"""The participants dialog and the season's report in the real window, on the demo season."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.store.project import Project

DATA = Path(__file__).resolve().parents[1] / "services" / "data"
TOUR = "ZI Tour prescripteurs — Port et chimie"


def _window(qtbot, tmp_path):
    from app.ui.launch import create_app
    from app.ui.main_window import MainWindow
    from app.ui.notify import RecordingNotifier
    from app.ui.settings import Settings

    create_app("fr")
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(settings, "fr", notifier=RecordingNotifier())
    qtbot.addWidget(win)
    return win


def _present_in_file(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM participants WHERE present = 1").fetchone()[0]


def test_opening_a_project_past_its_retention_date_reminds_to_erase_the_names(qtbot, tmp_path, season_files, errors):
    win = _window(qtbot, tmp_path)
    assert win.c.files.open_project(season_files[0])
    qtbot.waitUntil(lambda: any("date de conservation" in i for i in win.notifier.infos), timeout=5000)
    assert any(f"« {TOUR} »" in i for i in win.notifier.infos)
    win.close()


def test_the_participants_dialog_edits_the_list_as_one_undoable_step(qtbot, tmp_path, season_files, errors):
    win = _window(qtbot, tmp_path)
    assert win.c.files.open_project(season_files[0])
    win.actions["actParticipants"].trigger()
    dialog = win.people.dialog
    assert dialog.isVisible() and dialog.people.rowCount() == 12
    assert dialog.counts.text() == "12 inscrits, 10 cochés présents"
    assert dialog.territory.text() == "Port de Krems" and dialog.keep_names.isChecked()
    dialog.people.item(0, 5).setCheckState(Qt.CheckState.Unchecked)  # Amélie did not come after all
    dialog.territory.setText("Port de Krems — Est")
    follow_ups_before = dialog.follow_ups.rowCount()
    dialog.add_follow_ups([])
    dialog.tabs.setCurrentIndex(1)
    qtbot.mouseClick(next(b for b in dialog.findChildren(type(dialog.erase_button))
                          if b.text() == "Ajouter une suite"), Qt.MouseButton.LeftButton)
    assert dialog.follow_ups.rowCount() == follow_ups_before + 1
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _present_in_file(season_files[0]) == 9
    with Project.open(season_files[0], read_only=True) as p:
        tour = p.tour_by_name(TOUR)
        assert tour.territory == "Port de Krems — Est" and len(p.follow_ups(tour.id)) == follow_ups_before + 1
    assert dialog.counts.text() == "12 inscrits, 9 cochés présents"
    win.c.editing.undo_stack.undo()
    assert _present_in_file(season_files[0]) == 10
    with Project.open(season_files[0], read_only=True) as p:
        assert p.tour_by_name(TOUR).territory == "Port de Krems"
    # the dialog shows the project again: a later save never writes the undone edit back
    assert dialog.territory.text() == "Port de Krems" and dialog.counts.text() == "12 inscrits, 10 cochés présents"
    dialog.save_button.click()
    assert _present_in_file(season_files[0]) == 10
    dialog.close()
    win.close()


def test_a_list_imported_from_a_spreadsheet_joins_the_list_and_its_refused_lines_are_said(qtbot, tmp_path, season_files,
                                                                                           errors):
    win = _window(qtbot, tmp_path)
    assert win.c.files.open_project(season_files[0])
    win.actions["actParticipants"].trigger()
    dialog = win.people.dialog
    dialog.import_people_requested.emit(str(DATA / "inscriptions.csv"))
    assert dialog.people.rowCount() == 17
    assert any("ligne 5 : ligne sans nom" in i for i in win.notifier.infos)
    assert any("Retraitée" in i for i in win.notifier.infos)
    dialog.save_button.click()
    with Project.open(season_files[0], read_only=True) as p:
        names = [x.name for x in p.participants(p.tour_by_name(TOUR).id)]
    assert len(names) == 17 and "Léo Petit" in names
    dialog.close()
    win.close()


def test_erasing_the_names_keeps_the_counts_and_drops_the_undo_history(qtbot, tmp_path, season_files, errors):
    win = _window(qtbot, tmp_path)
    assert win.c.files.open_project(season_files[0])
    win.actions["actParticipants"].trigger()
    dialog = win.people.dialog
    dialog.territory.setText("changed first")
    dialog.save_button.click()
    assert win.c.editing.undo_stack.count() == 1
    dialog.erase_button.click()  # the recording notifier answers yes
    assert "ne peut pas être annulé" in win.notifier.questions[-1]
    assert win.c.editing.undo_stack.count() == 0  # an undo could have brought the names back
    assert dialog.people.rowCount() == 0 and not dialog.erase_button.isEnabled()
    assert dialog.counts.text().startswith("Pas de liste nominative : 12 comptés — noms effacés le ")
    assert "Amélie Durand".encode() not in season_files[0].read_bytes()
    dialog.close()
    win.close()


def test_the_season_report_across_files_with_its_filters_and_export(qtbot, tmp_path, season_files, errors):
    win = _window(qtbot, tmp_path)
    assert win.c.files.open_project(season_files[0])
    win.actions["actBilan"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "bilanDialog" and w.isVisible())
    assert dialog.files.count() == 1
    for f in season_files[1:]:
        dialog.add_file(f)
    dialog._fill_territories()
    dialog.refresh()
    assert dialog.summary.text() == "4 circuits, 69 inscrits, 39 présents, 10 entreprises"
    assert dialog.problems.text() == ""
    assert dialog.document.pageCount() >= 2
    assert [dialog.territory.itemText(i) for i in range(dialog.territory.count())] == [
        "Tous les territoires", "Gewerbepark", "Port de Krems"]
    dialog.territory.setCurrentIndex(2)
    dialog.refresh_button.click()
    assert dialog.summary.text().startswith("2 circuits, 20 inscrits, 17 présents")
    written = dialog.export_to(tmp_path / "bilan")
    assert written[0].suffix == ".pdf" and len([p for p in written if p.suffix == ".csv"]) == 10
    assert dialog.season.territory == "Port de Krems" and {t.territory for t in dialog.season.tours} == {"Port de Krems"}
    dialog.close()
    win.close()
