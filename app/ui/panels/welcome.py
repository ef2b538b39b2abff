"""The welcome page: shown when no project is open (the demo, a project, a new one, recent files)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """Shown when no project is open: open the demo, a project, or create one."""

    open_demo = Signal()
    open_file = Signal()
    new_file = Signal()
    open_recent = Signal(str)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel(self.tr("Welcome to ZI Tour planner"))
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        text = QLabel(self.tr("Plan guided bus tours of industrial zones: place the sites on the map, "
                              "build a tour, optimise it and read the day."))
        text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Open the demo project"))
        self.demo_button.setToolTip(self.tr("A ready-made project on the industrial zones of Krems (Austria)"))
        self.open_button = QPushButton(self.tr("Open a project…"))
        self.new_button = QPushButton(self.tr("New project…"))
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.setToolTip(self.tr("Double-click a recent project to open it"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.addWidget(title)
        layout.addWidget(text)
        row = QHBoxLayout()
        for b in (self.demo_button, self.open_button, self.new_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Recent projects")))
        layout.addWidget(self.recent, 1)
        self.demo_button.clicked.connect(self.open_demo)
        self.open_button.clicked.connect(self.open_file)
        self.new_button.clicked.connect(self.new_file)
        self.recent.itemActivated.connect(lambda item: self.open_recent.emit(item.data(Qt.ItemDataRole.UserRole)))

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for p in paths:
            item = QListWidgetItem(f"{p.name} — {p.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(p))
            self.recent.addItem(item)
