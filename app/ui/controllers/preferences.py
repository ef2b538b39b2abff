"""The user's preferences and the Help menu: language, keyboard shortcuts, About."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from app.ui.notify import Notifier
from app.ui.settings import Settings


class PreferencesController(QObject):
    language_chosen = Signal(str)  # the window is rebuilt in that language (app.ui.launch)

    def __init__(self, settings: Settings, notifier: Notifier, lang: str, window: QWidget):
        super().__init__(window)
        self.settings = settings
        self.notifier = notifier
        self.lang = lang
        self.window = window

    def set_language(self, lang: str) -> None:
        """Remember ``lang`` and show the interface in it now."""
        self.settings.set_language(lang)
        if lang != self.lang:
            self.language_chosen.emit(lang)

    def set_language_fr(self) -> None:
        self.set_language("fr")

    def set_language_en(self) -> None:
        self.set_language("en")

    def about(self) -> None:
        from app.ui.dialogs.about import show_about

        show_about(self.window)

    def show_shortcuts(self) -> None:
        lines = {f"{a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}\t{a.text().replace('&', '')}"
                 for a in self.window.findChildren(QAction) if not a.shortcut().isEmpty() and a.text()}
        self.notifier.info(self.tr("Keyboard shortcuts") + "\n\n" + "\n".join(sorted(lines)))
