"""The mode protocol: ``activate(window)`` and ``deactivate(window)``."""
from __future__ import annotations


class Mode:
    """A way of using the window; subclasses choose docks, map tool and actions."""

    name = "mode"
    docks: tuple[str, ...] = ()  # object names of the docks this mode shows

    def activate(self, window) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def deactivate(self, window) -> None:
        """Leave the window as the next mode expects it (nothing to undo by default)."""
