"""The Export menu, the export dialog and printing, on the real demo project with a real plan.

Exports are read back with real consumers (csv, gpxpy, QtPdf); printed pages are
counted by printing to a PDF file and opening it with QtPdf.
"""
from __future__ import annotations

import ast
import csv
import json
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

UI = Path(__file__).resolve().parents[2] / "app" / "ui"


# ---------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def planned(demo_master: Path, tmp_path_factory):
    """A copy of the demo project whose first tour has a plan from the real planner."""
    from app.services.planning import plan_tour
    from app.store.project import Project

    folder = tmp_path_factory.mktemp("planned")
    path = folder / "demo.zitour"
    shutil.copy2(demo_master, path)
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
def test_menu_disabled_without_plan_and_enabled_with_one(qtbot, planned, project_path):
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMainWindow

    from app.store.project import Project
    from app.ui.export_menu import install_export_menu

    class Host(QMainWindow):
        project = None
        tour_id = None
        plan = None

    host = Host()
    qtbot.addWidget(host)
    older = QAction("old export", host)
    older.setShortcut(QKeySequence("Ctrl+E"))
    host.addAction(older)
    menu = install_export_menu(host, host.menuBar())
    assert menu.title() == "Export" and host.menuBar().actions()[-1].menu() is menu
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Export…", "Print preview of the itinerary…", "Print the itinerary…",
                     "Print preview of the stop sheets…", "Print the stop sheets…", "Partner pack…"]
    assert menu.act_export.shortcut() == QKeySequence("Ctrl+E") and older.shortcut().isEmpty()
    assert menu.act_print_itinerary.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)

    actions = menu.plan_actions()
    assert not any(a.isEnabled() for a in actions)  # no project

    unplanned = Project.open(project_path)  # the demo as built: no plan yet
    try:
        host.project, host.tour_id = unplanned, unplanned.tours()[0].id
        assert unplanned.plan(host.tour_id) is None
        menu.update_state()
        assert not any(a.isEnabled() for a in actions)
        assert {a.toolTip() for a in actions} == {"Optimise the tour first"}
        assert menu.make_export_dialog() is None

        project, tour_id = planned
        host.project, host.tour_id, host.plan = project, tour_id, project.plan(tour_id)
        assert not any(a.isEnabled() for a in actions)  # no polling: the host says when it changed
        menu.aboutToShow.emit()  # opening the menu refreshes it
        assert all(a.isEnabled() for a in actions)
        assert "Optimise" not in menu.act_export.toolTip()
        dialog = menu.make_export_dialog(pack_mode=True)
        qtbot.addWidget(dialog)
        assert dialog.formats() == ["pack"]
    finally:
        host.project = None
        unplanned.close()


def test_menu_in_the_main_window(qtbot, window, tmp_path, monkeypatch):
    """The real window: disabled until the tour is planned; the export runs in the window's worker."""
    from app.services.planning import plan_tour

    from PySide6.QtWidgets import QToolBar

    menu = window.export_menu
    bar_menus = [a.menu() for a in window.menuBar().actions()]
    assert bar_menus.count(menu) == 1
    names = [m.objectName() for m in bar_menus if m is not None]
    assert names.index("menuExport") == names.index("menuSettings") - 1  # just before Settings
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert menu.act_export in toolbar.actions()  # the toolbar opens the dialog, never exports blindly
    assert window.findChild(type(menu.act_export), "actExport") is None  # the old force-export is gone
    assert window.plan is None and not menu.act_print_itinerary.isEnabled()
    assert not any(menu.act_export.shortcut() == a.shortcut() for a in window.findChildren(type(menu.act_export))
                   if a is not menu.act_export and not a.shortcut().isEmpty())

    plan_tour(window.project, window.tour_id, time_limit_s=1)  # saved: the window redraws from the project
    qtbot.waitUntil(lambda: menu.act_print_itinerary.isEnabled(), timeout=5_000)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("nothing to replace"))
    dialog = menu.make_export_dialog()
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
    assert window.project.setting(f"export.ics.tour.{window.tour_id}")


# ---------------------------------------------------------------------------- strings
def _tr_strings() -> dict[str, set[str]]:
    """Every literal passed to tr()/_tr()/translate() in the three modules, by translation context."""
    found: dict[str, set[str]] = {}
    for name in ("export_dialog.py", "export_menu.py", "printing.py"):
        tree = ast.parse((UI / name).read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)] + [tree]:
            context = cls.name if isinstance(cls, ast.ClassDef) else "Printing"
            for node in ast.walk(cls):
                if not isinstance(node, ast.Call):
                    continue
                f = node.func
                fname = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if fname == "tr" and isinstance(cls, ast.ClassDef) and args:
                    found.setdefault(context, set()).add(args[0])
                elif fname == "_tr" and not isinstance(cls, ast.ClassDef) and args:
                    found.setdefault("Printing", set()).add(args[0])
                elif fname == "translate" and len(args) == 2:
                    found.setdefault(args[0], set()).add(args[1])
    return found


def test_every_string_has_a_french_translation():
    french = json.loads((UI / "export_strings_fr.json").read_text(encoding="utf-8"))
    strings = _tr_strings()
    assert {"ExportDialog", "ExportMenu", "Printing"} <= set(strings)
    for context, sources in strings.items():
        missing = sources - set(french.get(context, {}))
        assert not missing, (context, missing)
        for src in sources:
            fr = french[context][src]
            assert fr and fr != src or src in ("Options", "Formats", "Export"), (context, src)
            assert src.count("%1") == fr.count("%1") and src.count("%2") == fr.count("%2"), src
    assert french["ExportDialog"]["Replace?"] == "Remplacer ?"
    assert french["ExportMenu"]["Export"] == "Exporter"
