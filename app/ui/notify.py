"""One sink for what the application tells the user: errors, questions, status lines.

Controllers never open message boxes themselves: they call the window's
:class:`Notifier`. It shows a :class:`~routing.errors.UserError` as its sentence
in a dialog (never a traceback), a status line in the status bar, and asks yes/no
questions. :class:`RecordingNotifier` answers and records instead (tests).
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QStatusBar, QWidget

from app import APP_NAME

STATUS_MS = 5000


class Notifier(QObject):
    """Dialogs and status lines for one window."""

    error_shown = Signal(object)  # the exception, after its dialog closed

    def __init__(self, parent: Optional[QWidget] = None, status_bar: Optional[QStatusBar] = None):
        super().__init__(parent)
        self._parent = parent
        self._status_bar = status_bar

    def error(self, exc: BaseException) -> None:
        """A modal dialog with ``exc``'s sentence."""
        from app.ui.errors import show_error

        show_error(self._parent, exc)
        self.error_shown.emit(exc)

    def status(self, words: str, timeout_ms: int = STATUS_MS) -> None:
        """A line in the status bar (words already in the user's language)."""
        if self._status_bar is not None:
            self._status_bar.showMessage(words, timeout_ms)

    def info(self, words: str) -> None:
        QMessageBox.information(self._parent, APP_NAME, words)

    def warning(self, words: str) -> None:
        """A value the user typed was refused (words in their language)."""
        QMessageBox.warning(self._parent, APP_NAME, words)

    def ask(self, question: str) -> bool:
        """A yes/no question; True for yes."""
        answer = QMessageBox.question(self._parent, APP_NAME, question)
        return answer == QMessageBox.StandardButton.Yes


class RecordingNotifier(Notifier):
    """Records instead of showing (tests); ``answer`` is the reply to every question."""

    def __init__(self, parent: Optional[QWidget] = None, status_bar: Optional[QStatusBar] = None,
                 answer: bool = True):
        super().__init__(parent, status_bar)
        self.errors: list[BaseException] = []
        self.statuses: list[str] = []
        self.questions: list[str] = []
        self.infos: list[str] = []
        self.answer = answer

    def error(self, exc: BaseException) -> None:
        self.errors.append(exc)
        self.error_shown.emit(exc)

    def status(self, words: str, timeout_ms: int = STATUS_MS) -> None:
        self.statuses.append(words)
        super().status(words, timeout_ms)

    def info(self, words: str) -> None:
        self.infos.append(words)

    def warning(self, words: str) -> None:
        self.infos.append(words)

    def ask(self, question: str) -> bool:
        self.questions.append(question)
        return self.answer
