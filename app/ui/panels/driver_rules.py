"""The driver's rest rules of a tour (one set for every bus): driving before a break, the break
(whole or split in two), the longest working day. EU 561/2006 by default: 4 h 30 of driving,
then 45 min, or 15 min then 30 min; 12 h of duty.

Shown in the tour editor's Buses tab. The form never writes the project: it emits
``rules_edited(DriverRules)`` and the editor makes it a tour edit (one undo step).
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from app.i18n.reading import parse_duration_min
from app.model.entities import DriverRules
from app.ui import fmt


class DurationSpin(QSpinBox):
    """A duration in minutes, shown "4 h 30" and typed "4 h 30", "4h30", "270" or "45 min"."""

    def __init__(self, low_min: int, high_min: int, step_min: int, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setRange(low_min, high_min)
        self.setSingleStep(step_min)
        self.setAccelerated(True)

    def textFromValue(self, value: int) -> str:
        return fmt.duration(value * 60)

    def valueFromText(self, text: str) -> int:
        try:
            return parse_duration_min(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        try:
            value = parse_duration_min(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        state = (QValidator.State.Acceptable if self.minimum() <= value <= self.maximum()
                 else QValidator.State.Intermediate)
        return state, text, pos

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.value())


class DriverRulesForm(QWidget):
    """Spin boxes for a tour's driver rules, and a button back to the EU defaults."""

    rules_edited = Signal(object)  # the new DriverRules

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("driverRules")
        self._rules = DriverRules()
        self._loading = False
        self._editable = True
        self.max_driving = DurationSpin(15, 10 * 60, 15)
        self.max_driving.setObjectName("maxDriving")
        self.max_driving.setToolTip(self.tr("Driving time after which the driver must rest (EU: 4 h 30)"))
        self.break_ = DurationSpin(5, 3 * 60, 5)
        self.break_.setObjectName("breakLength")
        self.break_.setToolTip(self.tr("The rest after that driving, in one go (EU: 45 min). A stop at least "
                                       "this long counts as the rest"))
        self.split_first = DurationSpin(5, 2 * 60, 5)
        self.split_first.setObjectName("splitFirst")
        self.split_second = DurationSpin(5, 2 * 60, 5)
        self.split_second.setObjectName("splitSecond")
        split_tip = self.tr("Or the rest in two parts: a first one during the driving, the second one "
                            "when the driving time is up (EU: 15 min then 30 min)")
        self.split_first.setToolTip(split_tip)
        self.split_second.setToolTip(split_tip)
        self.max_duty = DurationSpin(60, 18 * 60, 30)
        self.max_duty.setObjectName("maxDuty")
        self.max_duty.setToolTip(self.tr("The longest working day of a driver, departure to return (EU: 12 h)"))
        self.defaults_button = QPushButton(self.tr("EU defaults"))
        self.defaults_button.setObjectName("driverRulesDefaults")
        self.defaults_button.setToolTip(self.tr("Back to the EU rules: 4 h 30 of driving, then 45 min "
                                                "(or 15 + 30 min); 12 h of duty"))
        driving = QHBoxLayout()
        driving.addWidget(self.max_driving)
        driving.addWidget(QLabel(self.tr("then a break of")))
        driving.addWidget(self.break_)
        driving.addStretch(1)
        split = QHBoxLayout()
        split.addWidget(self.split_first)
        split.addWidget(QLabel("+"))
        split.addWidget(self.split_second)
        split.addStretch(1)
        duty = QHBoxLayout()
        duty.addWidget(self.max_duty)
        duty.addStretch(1)
        duty.addWidget(self.defaults_button)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Driving"), driving)
        form.addRow(self.tr("or split"), split)
        form.addRow(self.tr("Longest day"), duty)
        for box in self.boxes():
            box.editingFinished.connect(self._commit)
        self.defaults_button.clicked.connect(self._defaults)
        self.set_rules(DriverRules())

    def boxes(self) -> tuple[DurationSpin, ...]:
        return self.max_driving, self.break_, self.split_first, self.split_second, self.max_duty

    def set_rules(self, rules: DriverRules) -> None:
        """Show ``rules`` (no ``rules_edited``)."""
        self._rules = DriverRules(rules.max_driving_s, rules.break_s, tuple(rules.split_break_s), rules.max_duty_s)
        self._loading = True
        try:
            self.max_driving.setValue(rules.max_driving_s // 60)
            self.break_.setValue(rules.break_s // 60)
            self.split_first.setValue(rules.split_break_s[0] // 60)
            self.split_second.setValue(rules.split_break_s[1] // 60)
            self.max_duty.setValue(rules.max_duty_s // 60)
        finally:
            self._loading = False
        self._remember_shown()
        self.defaults_button.setEnabled(self._editable and self._rules != DriverRules())

    def rules(self) -> DriverRules:
        """The rules shown, as given (a value outside a box's range stays as it is until retyped)."""
        return DriverRules(self._rules.max_driving_s, self._rules.break_s, tuple(self._rules.split_break_s),
                           self._rules.max_duty_s)

    def _commit(self) -> None:
        if self._loading:
            return
        # a box left as shown keeps the value as given (one outside its range, or not whole minutes)
        kept = self._rules
        shown = self._shown

        def pick(box: DurationSpin, key: str, given_s: int) -> int:
            return given_s if box.value() == shown[key] else box.value() * 60

        after = DriverRules(
            max_driving_s=pick(self.max_driving, "max_driving", kept.max_driving_s),
            break_s=pick(self.break_, "break", kept.break_s),
            split_break_s=(pick(self.split_first, "split_first", kept.split_break_s[0]),
                           pick(self.split_second, "split_second", kept.split_break_s[1])),
            max_duty_s=pick(self.max_duty, "max_duty", kept.max_duty_s))
        if after != self._rules:
            self._rules = after
            self._remember_shown()
            self.defaults_button.setEnabled(self._editable and after != DriverRules())
            self.rules_edited.emit(after)

    def _remember_shown(self) -> None:
        self._shown = {"max_driving": self.max_driving.value(), "break": self.break_.value(),
                       "split_first": self.split_first.value(), "split_second": self.split_second.value(),
                       "max_duty": self.max_duty.value()}

    def _defaults(self) -> None:
        before = self._rules
        self.set_rules(DriverRules())
        if before != DriverRules():
            self.rules_edited.emit(DriverRules())

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for box in self.boxes():
            box.setEnabled(editable)
        self.defaults_button.setEnabled(editable and self._rules != DriverRules())
