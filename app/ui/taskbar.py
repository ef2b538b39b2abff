"""The status bar's task indicator: what runs, how far, and a Cancel button."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.ui.workers import Worker


class TaskIndicator(QWidget):
    """Shows one running :class:`Worker` (the last started); hidden when idle."""

    idle = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("taskProgress")
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("taskCancel")
        self.cancel_button.setToolTip(self.tr("Stop the running work (Esc)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.workers: list[Worker] = []
        self.cancel_button.clicked.connect(self.cancel)
        self.hide()

    def track(self, worker: Worker) -> None:
        """Show ``worker``'s progress until it finishes (connect before it starts)."""
        self.workers.append(worker)
        worker.signals.progress.connect(lambda f, text, w=worker: self._progress(w, f, text))
        worker.signals.finished.connect(lambda w=worker: self._finished(w))
        self.label.setText(worker.title)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.show()

    def _progress(self, worker: Worker, fraction: float, text: str) -> None:
        if self.workers and worker is self.workers[-1]:
            # The services' step labels are English words for logs: the bar and the title say enough.
            self.bar.setValue(int(fraction * 1000))
            self.bar.setToolTip(f"{int(fraction * 100)} %")

    def _finished(self, worker: Worker) -> None:
        if worker in self.workers:
            self.workers.remove(worker)
        if self.workers:
            self.label.setText(self.workers[-1].title)
        else:
            self.hide()
            self.idle.emit()

    def cancel(self) -> None:
        """Ask every running job to stop."""
        for worker in self.workers:
            worker.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling…"))

    def busy(self) -> bool:
        return bool(self.workers)
