"""A banner above the itinerary while the plan shown no longer matches the tour, with a button to plan again."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.services.plan_inputs import PlanState

STYLE = ("#planStatusBanner { background: #fdecea; border-bottom: 1px solid #e0a39b; }"
         "#planStatusBanner QLabel { color: #6b1d12; font-weight: bold; }")


class PlanStatusBanner(QWidget):
    """Hidden while the plan is up to date (or there is none); says why the plan may be wrong otherwise."""

    replan_requested = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("planStatusBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.label = QLabel(self)
        self.label.setObjectName("planStatusText")
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Optimise again"), self)
        self.button.setObjectName("planStatusReplan")
        self.button.setToolTip(self.tr("Compute the plan again from the tour as it is now"))
        self.button.clicked.connect(self.replan_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.state: Optional[PlanState] = None
        self.set_state(None)

    def text_for(self, state: Optional[PlanState]) -> str:
        """What the banner says for ``state`` ("" when it is hidden)."""
        if state is PlanState.OUTDATED:
            return self.tr("The plan no longer matches the tour: optimise again.")
        if state is PlanState.UNKNOWN:
            return self.tr("This plan was computed by an earlier version of the application: it may no longer "
                           "match the tour. Optimise again to be sure.")
        return ""

    def set_state(self, state: Optional[PlanState], can_replan: bool = True) -> None:
        self.state = state
        text = self.text_for(state)
        self.label.setText(text)
        self.button.setVisible(can_replan)
        self.setVisible(bool(text))
