"""Qt's undo stack over the project's plain-Python edit commands (:mod:`app.services.commands`).

:class:`QtCommand` is the only Qt piece: it hands ``redo``/``undo`` to the wrapped
command, and makes a failed first redo obsolete so the stack drops it (a failed
edit never reaches the undo stack).
"""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from app.services.commands import ProjectCommand


class QtCommand(QUndoCommand):
    """One undo step for ``command``."""

    def __init__(self, command: ProjectCommand):
        super().__init__(command.text)
        self.command = command

    def redo(self) -> None:
        self.command.redo()
        if self.command.failed:
            # QUndoStack.push calls redo() and cannot be told it failed: obsolete commands are dropped.
            self.setObsolete(True)

    def undo(self) -> None:
        self.command.undo()


def push(stack: QUndoStack, command: ProjectCommand) -> bool:
    """Run ``command`` as one step of ``stack``; False (and nothing stacked) if it failed."""
    stack.push(QtCommand(command))
    return not command.failed
