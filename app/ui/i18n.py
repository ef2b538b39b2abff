"""Loading the French (or English) translations of the interface.

English is the source language of every ``tr()`` string; French comes from
``resources/i18n/zitour_fr.qm`` (compiled from ``zitour_fr.ts`` by
``packaging/update_translations.py``) plus Qt's own French strings for standard
dialogs (OK/Cancel) when Qt ships them.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.ui import fmt

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
QM_FR = I18N_DIR / "zitour_fr.qm"

_installed: list[QTranslator] = []


def remove_translators(app: QApplication) -> None:
    """Back to the English sources (tests use it to leave the application as they found it)."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()


def install_translators(app: QApplication, lang: str) -> bool:
    """Install the translators for ``lang``; returns False if French was asked and not found."""
    remove_translators(app)
    fmt.set_language(lang)
    if fmt.language() == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    qt = QTranslator(app)
    if qt.load(QLocale(QLocale.Language.French), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    ok = ours.load(str(QM_FR))
    if ok:
        app.installTranslator(ours)
        _installed.append(ours)
    return ok
