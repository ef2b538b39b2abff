"""Progress reporting and cooperative cancellation for long work.

Long functions take ``progress: ProgressCallback | None`` and
``cancel: CancelToken | None``. They call ``progress(fraction, label)`` with a
fraction in [0, 1] and check ``cancel.raise_if_cancelled()`` between steps.
Both are plain Python (thread-safe), so the UI can drive them from a worker.
"""
from __future__ import annotations

import threading
from typing import Callable, Optional

from routing.errors import Cancelled

ProgressCallback = Callable[[float, str], None]


class CancelToken:
    """Set from any thread; long work checks it between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def report(progress: Optional[ProgressCallback], fraction: float, label: str) -> None:
    """Call ``progress`` if given, clamping ``fraction`` to [0, 1]."""
    if progress is not None:
        progress(min(1.0, max(0.0, fraction)), label)


def check(cancel: Optional[CancelToken]) -> None:
    """Raise :class:`Cancelled` if ``cancel`` was set."""
    if cancel is not None:
        cancel.raise_if_cancelled()
