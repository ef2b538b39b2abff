"""The first-run screen: what the app is for, the demo, and how to bring one's own region in."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from tests.ui.conftest import make_window


def test_first_run_says_what_the_app_is_for_in_french_and_how_to_get_a_region(qtbot, tmp_path, errors):
    win = make_window(qtbot, tmp_path, "fr")
    win.show()
    page = win.welcome
    assert page.isVisibleTo(win)
    assert "autocar" in page.purpose.text() and "sans réseau" in page.purpose.text()
    help_text = page.region_help.text()
    assert "download.geofabrik.de" in help_text and "osmium extract -b" in help_text
    assert "Importer votre région" in help_text and page.region_button.text() == "Importer votre région…"
    # a first run has no recent projects: no empty list with its title
    assert not page.recent.isVisibleTo(win) and not page.recent_title.isVisibleTo(win)
    win.close()


def test_recent_projects_show_once_there_are_some(qtbot, tmp_path, project_path, errors):
    win = make_window(qtbot, tmp_path, "en")
    assert win.c.files.open_project(project_path)
    win.c.files.close_project()
    win.show()
    assert win.welcome.isVisibleTo(win) and win.welcome.recent.isVisibleTo(win)
    assert win.welcome.recent.count() == 1
    assert project_path.name in win.welcome.recent.item(0).text()
    win.close()


def test_import_your_region_opens_the_regions_dialog_without_a_project(qtbot, tmp_path, errors):
    win = make_window(qtbot, tmp_path, "fr")
    win.show()
    seen = []

    def close_it():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.objectName() if dialog else None)
        if isinstance(dialog, QDialog):
            seen.append(dialog.list.count())
            seen.append(dialog.use_button.isEnabled())
            dialog.reject()

    QTimer.singleShot(200, close_it)
    win.welcome.region_button.click()
    assert seen[0] == "regionsDialog"
    assert seen[1] >= 1  # the bundled regions are listed, ready to import from
    assert seen[2] is False  # nothing to "use for this project" without a project
    win.close()
