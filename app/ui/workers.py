"""Long work off the GUI thread: a QRunnable on the global QThreadPool.

Like napari's ``_qt/qthreading`` and Picard's ``util/thread``: the function runs
in a pool thread and reports back through Qt signals, which Qt queues to the
GUI thread (the signal object lives there). The function receives
``progress(fraction, label)`` and ``cancel`` (a :class:`routing.progress.CancelToken`)
as keyword arguments; it must not touch widgets.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from routing.errors import Cancelled, Message, UserError
from routing.progress import CancelToken

log = logging.getLogger(__name__)

# Progress is sent to the GUI at most this often: a solver calling back
# thousands of times a second must not flood the event queue.
PROGRESS_INTERVAL_S = 0.05


class WorkerSignals(QObject):
    """Signals of one :class:`Worker`, delivered in the GUI thread."""

    progress = Signal(float, str)  # fraction 0..1, label
    result = Signal(object)  # the function's return value
    error = Signal(object)  # a UserError (unexpected exceptions are wrapped into one)
    cancelled = Signal()
    finished = Signal()  # always last, whatever the outcome


class Worker(QRunnable):
    """Run ``fn(*args, progress=..., cancel=..., **kwargs)`` in the pool."""

    _alive: set["Worker"] = set()  # keep Python wrappers alive until finished
    _alive_lock = threading.Lock()

    def __init__(self, fn: Callable[..., Any], *args: Any, title: str = "", **kwargs: Any):
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.title = title
        self.cancel_token = CancelToken()
        self.signals = WorkerSignals()
        self._last_progress = 0.0
        self.done = False

    def cancel(self) -> None:
        """Ask the work to stop at its next check (thread-safe)."""
        self.cancel_token.cancel()

    def _progress(self, fraction: float, label: str = "") -> None:
        now = time.monotonic()
        if fraction < 1.0 and now - self._last_progress < PROGRESS_INTERVAL_S:
            return
        self._last_progress = now
        self.signals.progress.emit(float(fraction), str(label))

    def run(self) -> None:  # in a pool thread
        try:
            value = self.fn(*self.args, progress=self._progress, cancel=self.cancel_token, **self.kwargs)
        except Cancelled:
            self.signals.cancelled.emit()
        except UserError as exc:
            log.info("worker %r: %s", self.title, exc)
            self.signals.error.emit(exc)
        except Exception as exc:  # a bug: log the traceback, show a sentence
            log.exception("worker %r failed", self.title)
            self.signals.error.emit(
                UserError("job.unexpected", task=self.title or Message("job.the_work"), detail=str(exc))
            )
        else:
            self.signals.result.emit(value)
        finally:
            self.done = True
            self.signals.finished.emit()
            with Worker._alive_lock:
                Worker._alive.discard(self)

    def start(self, pool: Optional[QThreadPool] = None) -> "Worker":
        """Queue the work on ``pool`` (the global pool by default)."""
        with Worker._alive_lock:
            Worker._alive.add(self)
        (pool or QThreadPool.globalInstance()).start(self)
        return self

