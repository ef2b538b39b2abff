"""French is complete: every visible text of the window differs from its English source."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QDockWidget, QGroupBox, QLabel, QLineEdit, QMenu, QTableView, QTabBar, QWidget,
)

from app.ui import fmt
from app.ui.i18n import QM_FR
from tests.ui.conftest import make_window

TS = QM_FR.with_suffix(".ts")

# Same word in both languages, proper names, and data (site names come from the project, not from us).
ALLOWED = {"", "ZI Tour planner", "Français", "English", "Date", "Contact", "Latitude", "Longitude", "Site", "Sites",
           "Restaurant", "Participants", "#", "Notes"}


def _english_sources() -> set[str]:
    root = ET.parse(TS).getroot()
    return {m.findtext("source") for m in root.iter("message")}


def test_the_ts_file_has_no_unfinished_or_empty_translation():
    root = ET.parse(TS).getroot()
    problems = []
    for message in root.iter("message"):
        tr = message.find("translation")
        if tr.get("type") in ("unfinished", "obsolete", "vanished") or not (tr.text or "").strip():
            problems.append(message.findtext("source"))
    assert problems == []
    assert QM_FR.exists() and QM_FR.stat().st_mtime >= TS.stat().st_mtime - 1


def test_the_ts_covers_every_tr_call_of_the_interface():
    """No string in app/ui (map canvas included) is missing from the .ts (run packaging/update_translations.py)."""
    sources = _english_sources()
    pattern = re.compile(r'(?:self\.tr|QT_TRANSLATE_NOOP\("\w+",|translate\("\w+",)\s*\(?\s*"((?:[^"\\]|\\.)*)"')
    # lupdate does not see a tr() call inside an f-string: write the literal outside
    in_fstring = re.compile(r"""\bf(["']).*\bself\.tr\(.*\1""")
    missing = []
    for path in Path(__file__).resolve().parents[2].joinpath("app", "ui").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        missing += [f"{path.name}: tr() inside an f-string: {m.group(0)}" for m in in_fstring.finditer(source)]
        for text in pattern.findall(source):
            text = text.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            if not any(src.startswith(text) for src in sources):  # a prefix: implicitly joined literals
                missing.append(f"{path.name}: {text}")
    assert missing == []


def _texts(window) -> list[tuple[str, str]]:
    """(where, text) for every visible string of the window: widgets, actions, menus, headers, tabs."""
    out = []
    for w in window.findChildren(QWidget):
        name = f"{type(w).__name__}:{w.objectName()}"
        if isinstance(w, (QLabel, QAbstractButton, QGroupBox)):
            out.append((name, w.text() if not isinstance(w, QGroupBox) else w.title()))
        if isinstance(w, QLineEdit):
            out.append((name + ".placeholder", w.placeholderText()))
        if isinstance(w, QDockWidget):
            out.append((name, w.windowTitle()))
        if isinstance(w, QTabBar):
            out += [(name, w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QTableView):
            model = w.model()
            for c in range(model.columnCount()):
                out.append((name + ".header", str(model.headerData(c, Qt.Orientation.Horizontal) or "")))
        if w.toolTip():
            out.append((name + ".tooltip", w.toolTip()))
    for menu in window.findChildren(QMenu):
        out.append(("menu", menu.title()))
        for act in menu.actions():
            out.append(("action", act.text()))
            if act.toolTip() and act.toolTip() != act.text().replace("&", ""):
                out.append(("action.tooltip", act.toolTip()))
    return out


def test_every_visible_string_is_french(qtbot, tmp_path, project_path, errors):
    english = _english_sources()
    window = make_window(qtbot, tmp_path, "fr")
    window.c.files.open_project(project_path)
    data = {s.name for s in window.session.sites_by_id.values()}
    for t in window.session.project.tours():
        data.add(t.name)
    untranslated = []
    checked = 0
    for where, text in _texts(window):
        plain = text.replace("&", "")
        if plain in ALLOWED or text in ALLOWED or not plain.strip() or any(d and d in text for d in data):
            continue
        if re.fullmatch(r"[\d\s:,.%·/—–h-]+", plain):  # numbers, times
            continue
        checked += 1
        if text in english or plain in {e.replace("&", "") for e in english}:
            untranslated.append(f"{where}: {text!r}")
    assert checked > 150, checked
    assert untranslated == []
    # and dates are French
    assert window.tour_editor.date_label.text().split()[0] in ("lundi", "mardi", "mercredi", "jeudi", "vendredi",
                                                                "samedi", "dimanche")
    window.close()


def test_english_is_available_by_setting(qtbot, tmp_path, project_path, errors):
    try:
        window = make_window(qtbot, tmp_path, "en")
        assert window.actions["actOptimise"].text() == "&Optimise"
        assert fmt.clock(__import__("datetime").time(9, 30)) == "9:30"
        window.close()
    finally:
        make_window(qtbot, tmp_path / "back", "fr").close()  # leave French installed for the other tests


def test_french_dates_and_times():
    import datetime as dt

    assert fmt.long_date(dt.date(2025, 10, 14), "fr") == "mardi 14\u00a0octobre 2025"
    assert fmt.long_date(dt.date(2025, 11, 1), "fr") == "samedi 1er\u00a0novembre 2025"
    assert fmt.clock(dt.time(9, 30), "fr") == "9\u00a0h\u00a030"
    assert fmt.clock(dt.time(14, 5), "fr") == "14\u00a0h\u00a005"
    assert fmt.duration(3900, "fr") == "1\u00a0h\u00a005"
    assert fmt.distance(12400, "fr") == "12,4\u00a0km"
    assert fmt.parse_clock("9 h 30") == dt.time(9, 30) == fmt.parse_clock("09:30")


def test_qt_own_dialogs_and_print_titles_speak_french(qtbot, tmp_path):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QFileDialog, QLabel

    from app.ui import printing

    make_window(qtbot, tmp_path, "fr")
    dialog = QFileDialog(None, "x", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    labels = {w.text() for w in dialog.findChildren(QLabel)}
    assert labels == {"&Regarder dans\u00a0:", "&Nom de fichier\u00a0:", "Fichiers de &type\u00a0:"}
    printer = QPrintDialog(QPrinter())
    qtbot.addWidget(printer)
    english = {"&Look in:", "Files of &type:", "Page &Set:", "Copies:", "Print all", "Pages from", "Cancel"}
    assert not english & {w.text() for w in printer.findChildren(QLabel)}
    assert QCoreApplication.translate("QPrintPreviewDialog", "Print Preview") == "Aperçu avant impression"

    class Ctx:  # what document_title reads
        class tour:
            name = "Port et chimie"

    assert printing.document_title(Ctx, printing.ITINERARY) == "Feuille de route — Port et chimie"


def _french_translations() -> set[str]:
    root = ET.parse(TS).getroot()
    out = set()
    for message in root.iter("message"):
        source, french = message.findtext("source"), message.findtext("translation") or ""
        if french and french != source:
            out |= {french, french.replace("&", "")}
    return out


def test_the_language_changes_at_once_and_english_has_no_french_left(qtbot, tmp_path, project_path, monkeypatch,
                                                                     errors):
    """Settings → Language → English rebuilds the window in English on the same project; every visible
    string is then English (no French translation, no French default name or label)."""
    from PySide6.QtCore import QSettings

    from app.ui import launch
    from app.ui.settings import Settings

    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    monkeypatch.setattr(launch, "create_app", lambda lang=None, argv=None: _app(lang, settings))  # a private INI
    app, window = launch.create_window(project_path, "fr")
    qtbot.addWidget(window)
    window.show()
    assert window.menus["menuFile"].title() == "&Fichier"
    window.actions["actEnglish"].trigger()
    english_window = launch._windows[0]
    qtbot.addWidget(english_window)
    assert english_window is not window and english_window.isVisible() and not window.isVisible()
    assert english_window.session.project.path == project_path  # the same project, still open
    assert english_window.menus["menuFile"].title() == "&File" and settings.language() == "en"
    french = _french_translations()
    data = {s.name for s in english_window.session.sites_by_id.values()}
    data |= {t.name for t in english_window.session.project.tours()}
    data |= {b.name for t in english_window.session.project.tours() for b in english_window.session.project.buses(t.id)}
    left = [f"{where}: {text!r}" for where, text in _texts(english_window)
            if text.replace("&", "") not in ALLOWED and not any(d and d in text for d in data)
            and (text in french or text.replace("&", "") in french)]
    assert left == []
    assert english_window.tour_editor.date_label.text().split()[0] in ("Monday", "Tuesday", "Wednesday",
                                                                        "Thursday", "Friday", "Saturday", "Sunday")
    english_window.actions["actFrench"].trigger()  # and back, at once too
    back = launch._windows[0]
    qtbot.addWidget(back)
    assert back.menus["menuFile"].title() == "&Fichier" and back.session.project is not None
    back.close()


def _app(lang, settings):
    from app.ui.i18n import install_translators
    from app.ui.launch import _import_store_without_pandas
    from PySide6.QtWidgets import QApplication

    _import_store_without_pandas()
    app = QApplication.instance()
    install_translators(app, lang or "fr")
    return app, settings, lang or "fr"
