"""The Export menu, the export dialog and printing, on the real demo project with a real plan.

Exports are read back with real consumers (csv, gpxpy, QtPdf); printed pages are
counted by printing to a PDF file and opening it with QtPdf.
"""
from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest


from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402



# ---------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def planned(demo_master: Path, tmp_path_factory):
    """A copy of the demo project whose first tour has a plan from the real planner."""
    from app.services.planning import plan_tour
    from app.store.project import Project

    folder = tmp_path_factory.mktemp("planned")
    path = folder / "demo.zitour"
    shutil.copy2(demo_master, path)
    shutil.copytree(demo_master.parent / "videos", folder / "videos")  # a project travels with its clips
    project = Project.open(path)
    tour_id = project.tours()[0].id
    plan_tour(project, tour_id, time_limit_s=1)
    assert project.plan(tour_id) is not None and project.plan(tour_id).buses
    yield project, tour_id
    project.close()


@pytest.fixture
def qsettings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def shown(monkeypatch) -> list:
    """Error dialogs are recorded, not shown (a modal box would block the test)."""
    import app.ui.errors

    seen: list = []
    monkeypatch.setattr(app.ui.errors, "show_error", lambda parent, exc, title=None: seen.append(exc))
    return seen


def _dialog(qtbot, planned, qsettings, **kw):
    from app.ui.export_dialog import ExportDialog

    project, tour_id = planned
    dialog = ExportDialog(project, tour_id, settings=qsettings, **kw)
    qtbot.addWidget(dialog)
    return dialog


def _pages(path: Path) -> int:
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_, path
    n = doc.pageCount()
    doc.close()
    return n


# ---------------------------------------------------------------------------- export dialog
def test_dialog_exports_csv_gpx_pdf_then_asks_before_replacing(qtbot, planned, qsettings, shown, tmp_path,
                                                               monkeypatch):
    import gpxpy
    from PySide6.QtGui import QDesktopServices

    from app.services.export import build_context, planned_files

    project, tour_id = planned
    out = tmp_path / "out"
    dialog = _dialog(qtbot, planned, qsettings)
    assert set(dialog.format_labels()) == set(__import__("app.exports.registry", fromlist=["FORMATS"]).FORMATS)
    dialog.set_formats(["csv", "gpx", "pdf"])
    dialog.set_folder(out)
    dialog.show()
    assert dialog.ok_button.isEnabled() and not dialog.open_folder_button.isVisible()
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as blocker:
        dialog.ok_button.click()
    files = blocker.args[0]
    expected = planned_files(build_context(project, tour_id, layers=None), ["pdf", "csv", "gpx"])
    assert [p.name for p in files] == expected
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)  # no staging folder left behind
    assert dialog.files_list.count() == 3 and dialog.open_folder_button.isVisible() and not dialog.ok_button.isVisible()
    assert shown == []

    by_suffix = {p.suffix: p for p in files}
    raw = by_suffix[".csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for French spreadsheets
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    n_stops = sum(len(b.stops) for b in project.plan(tour_id).buses)
    assert len(rows) >= 1 + n_stops and len(set(map(len, rows))) == 1
    gpx = gpxpy.parse(by_suffix[".gpx"].read_text(encoding="utf-8"))
    assert len(gpx.waypoints) >= 2 and gpx.tracks and gpx.tracks[0].get_points_no() > 10
    assert _pages(by_suffix[".pdf"]) >= 2  # the map page, then the day

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.open_folder_button.click()
    assert [Path(u.toLocalFile()) for u in opened] == [out]

    # The choices are remembered: a new dialog proposes the same folder and formats.
    questions = []
    answer = [QMessageBox.StandardButton.No]

    def question(parent, title, text, *args, **kw):
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    for p in files:  # an old time, so a rewrite is seen whatever the clock's resolution
        os.utime(p, ns=(1_000_000_000, 1_000_000_000))
    again = _dialog(qtbot, planned, qsettings)
    assert again.folder() == out and again.formats() == ["pdf", "csv", "gpx"]
    assert again.start_export() is None  # answered No
    assert len(questions) == 1 and all(p.name in questions[0] for p in files)
    assert [p.stat().st_mtime_ns for p in files] == [1_000_000_000] * 3
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)

    answer[0] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(again.exported, timeout=30_000):
        assert again.start_export() is not None
    assert len(questions) == 2
    assert all(p.stat().st_mtime_ns > 1_000_000_000 for p in files)
    assert len(list(csv.reader(files[1].read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))) == len(rows)
    assert shown == []


def test_dialog_comma_separator_and_no_question_for_a_new_folder(qtbot, planned, qsettings, shown, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked without a file to replace"))
    dialog = _dialog(qtbot, planned, qsettings, formats=["csv"])
    dialog.set_folder(tmp_path / "new" / "folder")
    dialog.csv_separator.setCurrentIndex(dialog.csv_separator.findData(","))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as blocker:
        dialog.start_export()
    (path,) = blocker.args[0]
    header = next(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=","))
    assert len(header) > 3
    assert QSettings(qsettings.fileName(), QSettings.Format.IniFormat).value("export/csv_separator") == ","


def test_export_error_is_shown_in_french_not_as_a_traceback(qtbot, planned, qsettings, shown, tmp_path):
    from app.errors import ExportError

    not_a_folder = tmp_path / "a-file.txt"
    not_a_folder.write_text("x")
    dialog = _dialog(qtbot, planned, qsettings, formats=["gpx"])
    dialog.set_folder(not_a_folder)
    with qtbot.waitSignal(dialog.export_failed, timeout=30_000):
        dialog.start_export()
    assert len(shown) == 1 and isinstance(shown[0], ExportError)
    assert "dossier" in shown[0].text("fr") and str(not_a_folder) in shown[0].text("fr")
    assert not_a_folder.read_text() == "x"
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=5_000)  # the user can fix and retry


def test_cancel_writes_nothing_and_closes(qtbot, planned, qsettings, shown, tmp_path):
    out = tmp_path / "out"
    dialog = _dialog(qtbot, planned, qsettings, formats=["pdf", "sheets", "gpkg", "html", "csv"])
    dialog.set_folder(out)
    dialog.show()
    with qtbot.waitSignals([dialog.export_cancelled, dialog.export_ended], timeout=30_000):
        assert dialog.start_export() is not None
        dialog.reject()  # Cancel while it runs
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert [p for p in out.rglob("*") if p.is_file()] == []
    assert shown == []


def test_pack_mode_ticks_the_pack_alone(qtbot, planned, qsettings):
    dialog = _dialog(qtbot, planned, qsettings, pack_mode=True)
    assert dialog.formats() == ["pack"]
    # a lone pack holds every format: its CSV and HTML options apply
    assert dialog.csv_separator.isEnabled() and dialog.online_tiles.isEnabled()
    dialog.set_formats(["gpx"])
    assert not dialog.csv_separator.isEnabled() and not dialog.online_tiles.isEnabled()


# ---------------------------------------------------------------------------- printing
@pytest.mark.parametrize("document", ["itinerary", "sheets"])
def test_print_preview_and_print_give_the_exported_pages(qtbot, planned, shown, tmp_path, monkeypatch, document):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget

    from app.exports import pdf_itinerary, pdf_sheets
    from app.services.export import build_context
    from app.ui import printing

    project, tour_id = planned
    ctx = build_context(project, tour_id)
    module = {"itinerary": pdf_itinerary, "sheets": pdf_sheets}[document]
    (exported,) = module.write(ctx, tmp_path)
    expected = _pages(exported)
    assert expected >= 2

    dialog = printing.preview_dialog(ctx, document)
    qtbot.addWidget(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    assert widget.pageCount() == expected

    def pdf_printer(name: str) -> QPrinter:
        printer = printing.make_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / name))
        return printer

    dialog.paintRequested.emit(pdf_printer("preview.pdf"))  # what the preview's Print button does
    assert _pages(tmp_path / "preview.pdf") == expected

    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Accepted)
    assert printing.print_document(ctx, document, None, pdf_printer("printed.pdf"))
    assert _pages(tmp_path / "printed.pdf") == expected
    assert shown == []


def test_print_dialog_declined_prints_nothing(qtbot, planned, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from app.services.export import build_context
    from app.ui import printing

    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Rejected)
    printer = printing.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no.pdf"))
    assert not printing.print_document(build_context(*planned, layers=None), "itinerary", None, printer)
    assert not (tmp_path / "no.pdf").exists()


# ---------------------------------------------------------------------------- menu
def test_export_actions_follow_the_plan_and_keep_their_shortcuts(qtbot, window, tmp_path, monkeypatch):
    """The real window: the Export menu's actions are disabled (saying why) until the tour is planned,
    own their shortcuts alone, and the export runs in the window's task runner."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QToolBar

    from app.services.planning import plan_tour

    menu = window.menus["menuExport"]
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert len(texts) == 7 and texts[0] == "Exporter…" and all(t.endswith("…") for t in texts)
    names = [a.menu().objectName() for a in window.menuBar().actions() if a.menu() is not None]
    assert names.index("menuExport") == names.index("menuSettings") - 1  # just before Settings
    export, print_itinerary = window.actions["actExportDialog"], window.actions["actPrintItinerary"]
    assert export.shortcut() == QKeySequence("Ctrl+E")
    assert print_itinerary.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert export in toolbar.actions()  # the toolbar opens the dialog, never exports blindly
    claimed = [k.toString() for a in window.findChildren(QAction) for k in a.shortcuts()]
    assert len(claimed) == len(set(claimed))  # no shortcut is ambiguous
    plan_actions = [a for a in menu.actions() if not a.isSeparator()]
    assert window.session.plan is None and not any(a.isEnabled() for a in plan_actions)
    assert {a.toolTip() for a in plan_actions} == {"Optimisez d'abord le circuit"}
    assert window.c.exporting.make_export_dialog() is None

    plan_tour(window.session.project, window.session.tour_id, time_limit_s=1)  # saved: the session follows
    qtbot.waitUntil(lambda: print_itinerary.isEnabled(), timeout=5_000)
    assert all(a.isEnabled() for a in plan_actions) and "Optimisez" not in export.toolTip()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("nothing to replace"))
    dialog = window.c.exporting.make_export_dialog()
    qtbot.addWidget(dialog)
    dialog.settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog.set_formats(["ics"])
    dialog.set_folder(tmp_path / "out")
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as blocker:
        dialog.start_export()
        assert window.tasks.busy()  # shown in the status bar with its Cancel button
    import icalendar

    (ics_path,) = blocker.args[0]
    cal = icalendar.Calendar.from_ical(ics_path.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    assert events and all(e.get("UID") and e.get("DTSTAMP") for e in events)
    # the calendar's sequences are kept in the project, as the CLI does
    assert window.session.project.setting(f"export.ics.tour.{window.session.tour_id}")
    pack = window.c.exporting.make_export_dialog(pack_mode=True)
    qtbot.addWidget(pack)
    assert pack.formats() == ["pack"]




def test_the_pack_carries_its_videos_unless_unticked(qtbot, planned, qsettings, shown, tmp_path):
    import zipfile

    dialog = _dialog(qtbot, planned, qsettings, formats=["pack"])
    import re

    assert dialog.pack_videos.isChecked()
    assert re.search(r"\(\d+([.,]\d)? M[Bo]\)", dialog.pack_videos.text())  # the clips' weight, said
    dialog.set_folder(tmp_path / "with")
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as blocker:
        dialog.start_export()
    (pack,) = blocker.args[0]
    with zipfile.ZipFile(pack) as z:
        assert any(n.startswith("videos/") for n in z.namelist())
    light = _dialog(qtbot, planned, qsettings, formats=["pack"])
    light.pack_videos.setChecked(False)
    light.set_folder(tmp_path / "without")
    with qtbot.waitSignal(light.exported, timeout=60_000) as blocker:
        light.start_export()
    (pack,) = blocker.args[0]
    with zipfile.ZipFile(pack) as z:
        assert not any(n.startswith("videos/") for n in z.namelist())
        assert "ne sont pas incluses" in z.read("README.txt").decode("utf-8")
    assert shown == []
