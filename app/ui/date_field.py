"""A date field that takes what organisers type ("16/06/2026", "mardi 16 juin", "16 juin 2027")
and offers a calendar; QDateEdit refused a typed date over its selected text.

Same interface as the QDateEdit it replaces: ``date()`` / ``setDate()`` (QDate),
``dateChanged`` and ``editingFinished``. Text it cannot read turns the field red and
keeps the last good date (nothing is committed).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from app.ui import fmt

INVALID_STYLE = "background: #fde0e0;"


class DateField(QWidget):
    dateChanged = Signal(QDate)  # noqa: N815 - QDateEdit's name
    editingFinished = Signal()  # noqa: N815

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self._date = QDate.currentDate()
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("16/06/2026")
        self.edit.setToolTip(self.tr("Type the date (16/06/2026, mardi 16 juin…) or pick it in the calendar"))
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Calendar"))
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self._typed)
        self.calendar.clicked.connect(self._picked)
        self._show()

    def lineEdit(self) -> QLineEdit:  # noqa: N802 - QDateEdit's name
        return self.edit

    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, date: QDate) -> None:  # noqa: N802 - QDateEdit's name
        changed = date != self._date
        self._date = QDate(date)
        self._show()
        if changed:
            self.dateChanged.emit(self.date())

    def _show(self) -> None:
        self.edit.setText(self._date.toString("dd/MM/yyyy"))
        self.edit.setStyleSheet("")
        self.calendar.setSelectedDate(self._date)

    def _typed(self) -> None:
        text = self.edit.text().strip()
        try:
            day = fmt.parse_day(text)
        except ValueError:
            self.edit.setStyleSheet(INVALID_STYLE)  # the last good date stays the field's
            return
        self.set_value(day)
        self.editingFinished.emit()

    def _picked(self, date: QDate) -> None:
        self.button.menu().hide()
        self.setDate(date)
        self.editingFinished.emit()

    def value(self) -> dt.date:
        d = self._date
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, day: dt.date) -> None:
        self.setDate(QDate(day.year, day.month, day.day))
