"""Errors reach users as one sentence in a dialog, never as a traceback.

:func:`install_excepthook` replaces ``sys.excepthook``: an uncaught exception in
a slot is logged with its traceback (to the log file) and shown as a short
dialog; a :class:`UserError` is shown as its French (or English) text.
"""
from __future__ import annotations

import logging
import sys
import traceback
from typing import Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.ui import fmt
from routing.errors import UserError

log = logging.getLogger("zitour.ui")


def error_text(exc: BaseException) -> str:
    """What to show for ``exc``: a UserError's own sentence, or a generic one."""
    if isinstance(exc, UserError):
        return exc.text(fmt.language())
    return QCoreApplication.translate("Errors", "An unexpected error occurred. It was written to the log file:") + f"\n{log_path()}\n\n{type(exc).__name__}: {exc}"


def show_error(parent: Optional[QWidget], exc: BaseException, title: Optional[str] = None) -> None:
    """A modal dialog with ``exc``'s sentence (no-op without a QApplication)."""
    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title or QCoreApplication.translate("Errors", "ZI Tour planner"),
                      error_text(exc), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    box.exec()


from app.logs import log_path, setup_logging  # noqa: E402,F401  (the GUI's and the CLI's one log file)


_shown_recently = False


def excepthook(exc_type, exc, tb) -> None:
    """Log the traceback, show one sentence."""
    global _shown_recently
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    if isinstance(exc, UserError):
        log.info("user error: %s", exc)
    else:
        log.error("uncaught exception:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    if _shown_recently:  # an error in a paint loop would open dialogs forever
        return
    _shown_recently = True
    try:
        show_error(QApplication.activeWindow(), exc)
    finally:
        _shown_recently = False


def install_excepthook() -> None:
    sys.excepthook = excepthook
