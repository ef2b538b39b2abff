"""The tour dock's content: the tour form over the stops table, and the two planning buttons.

The form and the table share a splitter: the stops table (what organisers work with
most) takes the height left; the form scrolls when a short window or the handle
squeezes it.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.ui.panels.stops import StopsPanel
from app.ui.panels.tour_editor import FormScrollArea, TourEditor


class TourDock(QWidget):
    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.tour_editor = TourEditor(self)
        self.stops_panel = StopsPanel(self)
        self.optimise_button = QPushButton(self.tr("Optimise"))
        self.optimise_button.setObjectName("optimiseButton")
        self.keep_order_button = QPushButton(self.tr("Keep the order, compute the times"))
        self.keep_order_button.setObjectName("keepOrderButton")
        editor_scroll = FormScrollArea(self.tour_editor)
        editor_scroll.setObjectName("tourEditorScroll")
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setObjectName("tourSplitter")
        self.split.addWidget(editor_scroll)
        self.split.addWidget(self.stops_panel)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        self.split.setCollapsible(0, False)
        self.split.setCollapsible(1, False)
        self.tour_editor.tabs.currentChanged.connect(lambda _i: QTimer.singleShot(0, self.fit_form))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.split, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.optimise_button)
        buttons.addWidget(self.keep_order_button)
        layout.addLayout(buttons)

    def fit_form(self) -> None:
        """The tour form (its shown tab) gets the height it asks for, the stops table the rest
        (at least its minimum); the form scrolls when the dock is shorter."""
        total = sum(self.split.sizes())
        if total <= 0:
            return
        form = self.split.widget(0)
        form_px = min(form.sizeHint().height(), total - self.stops_panel.minimumSizeHint().height())
        form_px = max(form.minimumSizeHint().height(), form_px)  # a short dock scrolls as a whole instead
        self.split.setSizes([form_px, total - form_px])
