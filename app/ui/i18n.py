"""Loading the translations of the interface's widgets (French by default, English the source).

English is the source language of every ``tr()`` string; French comes from
``resources/i18n/zitour_fr.qm`` (compiled from ``zitour_fr.ts`` by
``packaging/update_translations.py``) plus Qt's own French strings for standard
dialogs (OK/Cancel) when Qt ships them. The core's words come from ``app/i18n``.
"""
from __future__ import annotations


from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.ui import fmt
from routing.shipped import shipped_dir

I18N_DIR = shipped_dir("resources") / "i18n"
QM_FR = I18N_DIR / "zitour_fr.qm"

_installed: list[QTranslator] = []


def remove_translators(app: QApplication) -> None:
    """Back to the English sources (tests use it to leave the application as they found it)."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()


def install_translators(app: QApplication, lang: str) -> bool:
    """Install the translators for ``lang``; returns False if its interface catalog was not found.

    English is the source language. Another language uses ``resources/i18n/zitour_<lang>.qm``
    for the widgets, Qt's own catalog for standard dialogs, and ``app/i18n`` for the core's words.
    """
    remove_translators(app)
    fmt.set_language(lang)
    code = fmt.language()
    if code == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return True
    locale = QLocale(code)
    QLocale.setDefault(locale)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    ok = ours.load(str(I18N_DIR / f"zitour_{code}.qm"))
    if ok:
        app.installTranslator(ours)
        _installed.append(ours)
    return ok
