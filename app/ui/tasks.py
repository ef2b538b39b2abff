"""One runner for every background job, and a synchronous stand-in for tests.

``runner.run(fn, *args, title=..., in_process=False, on_result=..., on_error=...)``
runs ``fn(*args, progress=..., cancel=...)`` off the GUI thread: in a pool thread
(:class:`~app.ui.workers.Worker`), or, with ``in_process``, in a child process
relayed by a pool thread (:mod:`app.ui.process_job`: work that holds the GIL, such
as osmium or the solver). Results and errors come back in the GUI thread; errors
are :class:`~routing.errors.UserError` of the class the job raised, shown by the
notifier unless the caller handles them. ``started`` lets the status bar's
indicator track every job; :meth:`TaskRunner.cancel_all` stops them.

:class:`SyncTaskRunner` runs each job at once in the calling thread, with the same
signals and callbacks (MusicBrainz Picard's fake thread pool): tests of
controllers need no waiting, and no child process.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, Signal

from app.ui.notify import Notifier
from app.ui.process_job import run_in_process
from app.ui.workers import Worker

ResultHandler = Callable[[Any], None]
ErrorHandler = Callable[[Any], None]


class TaskRunner(QObject):
    """Runs jobs in the background (pool thread or child process)."""

    started = Signal(object)  # the Worker, before it runs

    def __init__(self, notifier: Notifier, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.notifier = notifier
        self.running: list[Worker] = []

    def run(self, fn: Callable[..., Any], *args: Any, title: str = "", in_process: bool = False,
            on_result: Optional[ResultHandler] = None, on_error: Optional[ErrorHandler] = None) -> Worker:
        """Run ``fn(*args, progress=..., cancel=...)``; returns its worker (``done``, ``cancel()``)."""
        worker = Worker(run_in_process, fn, *args, title=title) if in_process and self.child_processes \
            else Worker(fn, *args, title=title)
        return self.start(worker, on_result, on_error)

    child_processes = True

    def start(self, worker: Worker, on_result: Optional[ResultHandler] = None,
              on_error: Optional[ErrorHandler] = None) -> Worker:
        """Start a worker built by the caller (who may connect its progress first)."""
        if on_result is not None:
            worker.signals.result.connect(on_result)
        worker.signals.error.connect(on_error or self.notifier.error)
        worker.signals.cancelled.connect(lambda: self.notifier.status(self.tr("Cancelled.")))
        worker.signals.finished.connect(lambda w=worker: self.running.remove(w) if w in self.running else None)
        self.running.append(worker)
        self.started.emit(worker)
        self._launch(worker)
        return worker

    def _launch(self, worker: Worker) -> None:
        worker.start()

    def busy(self) -> bool:
        return bool(self.running)

    def cancel_all(self) -> None:
        for worker in list(self.running):
            worker.cancel()


class SyncTaskRunner(TaskRunner):
    """Runs each job at once in the calling thread (tests): same signals, no thread, no child process."""

    child_processes = False

    def __init__(self, notifier: Notifier, parent: Optional[QObject] = None):
        super().__init__(notifier, parent)
        self.titles: list[str] = []  # every job run, in order

    def _launch(self, worker: Worker) -> None:
        self.titles.append(worker.title)
        worker.run()
