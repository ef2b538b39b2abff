"""The mode protocol: ``activate(window)`` and ``deactivate(window)``."""
from __future__ import annotations


class Mode:
    """A way of using the window; subclasses choose the map tool, what edits, and (with more modes) docks."""

    name = "mode"

    def activate(self, window) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def deactivate(self, window) -> None:
        """Leave the window as the next mode expects it (nothing to undo by default)."""
