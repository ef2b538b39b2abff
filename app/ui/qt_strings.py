"""Strings of Qt's own dialogs that Qt's French catalog (qtbase_fr) lacks in this Qt version.

Marked here so that Qt's lupdate puts them in our catalog under Qt's own contexts; our
translator is installed after Qt's, so these French words are found first. Checked by
tests/ui/test_translation.py against a real file dialog and print dialog.
"""
from PySide6.QtCore import QT_TRANSLATE_NOOP

MISSING_FROM_QTBASE = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:"),
)
