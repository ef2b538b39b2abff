"""A tour's people and what came of it (Circuit → Participants et suites…).

"Inscrits": the participant list (imported from a registration spreadsheet or typed), who was
present, the tour's territory and the day after which the names are erased (the erasure itself,
not undoable, keeps only the counts). "Après le circuit": the people present when they were
counted without a list, who presented, the feedback questionnaire's counts and the follow-ups
(recruitments, training, internships, visits requested). "Enregistrer" writes it all as one
undoable step; the dialog holds no state the project does not get on saving.
"""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
    QTabWidget, QVBoxLayout, QWidget,
)

from app.model.entities import Audience, FollowUp, FollowUpKind, Participant, Tour, TourOutcome
from app.services.participants import attendance, holds_personal_data, same_person
from app.ui.date_field import DateField
from app.ui.labels import label

PEOPLE_COLUMNS = ("name", "organisation", "audience", "contact", "pickup", "present")
FOLLOW_UP_COLUMNS = ("kind", "on_date", "count", "site", "notes")


class ParticipantsDialog(QDialog):
    """Edits a copy of the tour's people, outcome and follow-ups; ``save_requested`` hands them back."""

    save_requested = Signal(object)  # a PeopleEdit
    import_people_requested = Signal(str)  # a CSV file: read and merged into the list shown
    import_follow_ups_requested = Signal(str)
    erase_requested = Signal()

    def __init__(self, project: Any, tour_id: int, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("participantsDialog")
        self.project, self.tour_id = project, tour_id
        self.resize(900, 560)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._people_tab(), self.tr("Registered"))
        self.tabs.addTab(self._after_tab(), self.tr("After the tour"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.load()

    # -- building -------------------------------------------------------------------------------
    def _people_tab(self) -> QWidget:
        page = QWidget()
        self.territory = QLineEdit()
        self.territory.setObjectName("territory")
        self.territory.setPlaceholderText(self.tr("e.g. Meyzieu, Vallée du Gier (groups the tours in the season's report)"))
        self.keep_names = QCheckBox(self.tr("Erase the names after"))
        self.retention = DateField()
        self.retention.setObjectName("retentionDate")
        self.keep_names.toggled.connect(self.retention.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.keep_names)
        row.addWidget(self.retention)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Territory"), self.territory)
        form.addRow(self.tr("Personal data"), row)
        self.people = QTableWidget(0, len(PEOPLE_COLUMNS))
        self.people.setObjectName("peopleTable")
        self.people.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Organisation"), self.tr("Audience"),
                                               self.tr("Contact"), self.tr("Pickup point"), self.tr("Present")])
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.counts = QLabel()
        self.counts.setObjectName("peopleCounts")
        add, remove = QPushButton(self.tr("Add a person")), QPushButton(self.tr("Remove"))
        self.import_button = QPushButton(self.tr("Import a list (CSV)…"))
        self.erase_button = QPushButton(self.tr("Erase the names…"))
        self.erase_button.setObjectName("eraseNames")
        self.erase_button.setToolTip(self.tr("Delete the names and contacts of this tour for good, keeping the counts"))
        add.clicked.connect(lambda: self._add_person(Participant(name=self.tr("New person"))))
        remove.clicked.connect(lambda: self._remove_rows(self.people))
        self.import_button.clicked.connect(self._ask_people_file)
        self.erase_button.clicked.connect(self.erase_requested)
        self.people.itemChanged.connect(lambda _i: self._show_counts())
        buttons = QHBoxLayout()
        for b in (add, remove, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.erase_button)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.counts)
        layout.addLayout(buttons)
        return page

    def _after_tab(self) -> QWidget:
        page = QWidget()
        self.present_count = QSpinBox()
        self.present_count.setObjectName("presentCount")
        self.present_count.setRange(-1, 100_000)
        self.present_count.setSpecialValueText(self.tr("from the list or the tour day"))
        self.presenters = QListWidget()
        self.presenters.setObjectName("presenters")
        self.presenters.setMaximumHeight(110)
        self.feedback = QTableWidget(0, 3)
        self.feedback.setObjectName("feedbackTable")
        self.feedback.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Answer"), self.tr("How many")])
        self.feedback.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.follow_ups = QTableWidget(0, len(FOLLOW_UP_COLUMNS))
        self.follow_ups.setObjectName("followUpsTable")
        self.follow_ups.setHorizontalHeaderLabels([self.tr("Follow-up"), self.tr("Date"), self.tr("How many"),
                                                   self.tr("Company"), self.tr("Notes")])
        self.follow_ups.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 170), (1, 110), (2, 70), (3, 220)):
            self.follow_ups.setColumnWidth(col, width)
        add_q, del_q = QPushButton(self.tr("Add an answer")), QPushButton(self.tr("Remove"))
        add_q.clicked.connect(lambda: self._add_feedback(self.tr("My view of industry changed"), self.tr("yes"), 0))
        del_q.clicked.connect(lambda: self._remove_rows(self.feedback))
        add_f, del_f = QPushButton(self.tr("Add a follow-up")), QPushButton(self.tr("Remove"))
        import_f = QPushButton(self.tr("Import follow-ups (CSV)…"))
        add_f.clicked.connect(lambda: self._add_follow_up(FollowUp(kind=FollowUpKind.RECRUITMENT, on_date=dt.date.today(),
                                                                   tour_id=self.tour_id)))
        del_f.clicked.connect(lambda: self._remove_rows(self.follow_ups))
        import_f.clicked.connect(self._ask_follow_ups_file)
        form = QFormLayout()
        form.addRow(self.tr("Present (counted without a list)"), self.present_count)
        form.addRow(self.tr("Ambassadors who presented"), self.presenters)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Participants' feedback (number of answers)")))
        layout.addWidget(self.feedback, 1)
        row = QHBoxLayout()
        row.addWidget(add_q)
        row.addWidget(del_q)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Follow-ups")))
        layout.addWidget(self.follow_ups, 1)
        row = QHBoxLayout()
        for b in (add_f, del_f, import_f):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    # -- filling ----------------------------------------------------------------------------------
    def load(self) -> None:
        """Show what the project holds now (after a save, an import or an erasure too)."""
        p = self.project
        self.tour: Tour = p.get(Tour, self.tour_id)
        self.setWindowTitle(self.tr("Participants and follow-ups — %1").replace("%1", self.tour.name))
        self.sites = {s.id: s for s in p.sites()}
        self.territory.setText(self.tour.territory)
        self.keep_names.setChecked(self.tour.retention_until is not None)
        self.retention.set_value(self.tour.retention_until or self.tour.date + dt.timedelta(days=90))
        self.retention.setEnabled(self.tour.retention_until is not None)
        self.people.blockSignals(True)
        self.people.setRowCount(0)
        for person in p.participants(self.tour_id):
            self._add_person(person)
        self.people.blockSignals(False)
        self.outcome: TourOutcome = p.outcome(self.tour_id)
        self.present_count.setValue(-1 if self.outcome.present is None else self.outcome.present)
        self.presenters.clear()
        for a in p.ambassadors():
            item = QListWidgetItem(a.name)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if a.id in self.outcome.presenters else Qt.CheckState.Unchecked)
            self.presenters.addItem(item)
        self.feedback.setRowCount(0)
        for question, answers in self.outcome.feedback.items():
            for answer, n in answers.items():
                self._add_feedback(question, answer, n)
        self.follow_ups.setRowCount(0)
        for f in p.follow_ups(self.tour_id):
            self._add_follow_up(f)
        self.erase_button.setEnabled(holds_personal_data(p, self.tour_id) and not p.read_only)
        self.save_button.setEnabled(not p.read_only)
        self._show_counts()

    def _add_person(self, person: Participant) -> None:
        row = self.people.rowCount()
        self.people.insertRow(row)
        for col, value in enumerate((person.name, person.organisation, None, person.contact, person.pickup)):
            if value is not None:
                item = QTableWidgetItem(value)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, person)
                self.people.setItem(row, col, item)
        combo = QComboBox()
        combo.addItem(self.tr("(the tour's)"), "")
        for a in Audience:
            combo.addItem(label(a), a.value)
        combo.setCurrentIndex(max(0, combo.findData(person.audience)))
        self.people.setCellWidget(row, 2, combo)
        present = QTableWidgetItem()
        present.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        present.setCheckState(Qt.CheckState.Checked if person.present else Qt.CheckState.Unchecked)
        present.setData(Qt.ItemDataRole.UserRole, person.present)
        self.people.setItem(row, 5, present)

    def _add_feedback(self, question: str, answer: str, count: int) -> None:
        row = self.feedback.rowCount()
        self.feedback.insertRow(row)
        self.feedback.setItem(row, 0, QTableWidgetItem(question))
        self.feedback.setItem(row, 1, QTableWidgetItem(answer))
        spin = QSpinBox()
        spin.setRange(0, 100_000)
        spin.setValue(count)
        self.feedback.setCellWidget(row, 2, spin)

    def _add_follow_up(self, item: FollowUp) -> None:
        row = self.follow_ups.rowCount()
        self.follow_ups.insertRow(row)
        kind = QComboBox()
        for k in FollowUpKind:
            kind.addItem(label(k), k.value)
        kind.setCurrentIndex(kind.findData(item.kind.value))
        kind.setProperty("follow_up", item)
        date = DateField()
        date.set_value(item.on_date)
        count = QSpinBox()
        count.setRange(0, 10_000)
        count.setValue(item.count)
        site = QComboBox()
        site.addItem("—", None)
        for s in sorted(self.sites.values(), key=lambda s: s.name.lower()):
            site.addItem(s.name, s.id)
        site.setCurrentIndex(max(0, site.findData(item.site_id)))
        for col, widget in enumerate((kind, date, count, site)):
            self.follow_ups.setCellWidget(row, col, widget)
        self.follow_ups.setItem(row, 4, QTableWidgetItem(item.notes))

    def _remove_rows(self, table: QTableWidget) -> None:
        for row in sorted({i.row() for i in table.selectedIndexes()} | ({table.currentRow()} - {-1}), reverse=True):
            table.removeRow(row)
        self._show_counts()

    def _show_counts(self) -> None:
        people = self.people.rowCount()
        present = sum(1 for r in range(people) if self.people.item(r, 5) is not None
                      and self.people.item(r, 5).checkState() == Qt.CheckState.Checked)
        if people:
            text = self.tr("%1 registered, %2 ticked present").replace("%1", str(people)).replace("%2", str(present))
        else:
            counts = attendance(self.project, self.tour)
            text = self.tr("No named list: %1 counted").replace("%1", str(counts.registered))
        if self.outcome.erased_on is not None:
            text += " — " + self.tr("names erased on %1").replace("%1", self.outcome.erased_on.strftime("%d/%m/%Y"))
        self.counts.setText(text)

    # -- files ------------------------------------------------------------------------------------
    def _ask_people_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a participant list"), "",
                                              self.tr("Spreadsheets saved as CSV (*.csv *.txt)"))
        if path:
            self.import_people_requested.emit(path)

    def _ask_follow_ups_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import follow-ups"), "",
                                              self.tr("Spreadsheets saved as CSV (*.csv *.txt)"))
        if path:
            self.import_follow_ups_requested.emit(path)

    def add_people(self, people: list[Participant]) -> int:
        """People read from a file join the list shown (saved with the rest), but those already on it
        (same name and contact); returns how many were left out so."""
        listed = {same_person(p) for p in self.edit().people}
        skipped = 0
        for person in people:
            if same_person(person) in listed:
                skipped += 1
                continue
            listed.add(same_person(person))
            self._add_person(person)
        self._show_counts()
        return skipped

    def add_follow_ups(self, items: list[FollowUp]) -> None:
        for item in items:
            item.tour_id = item.tour_id or self.tour_id
            self._add_follow_up(item)

    # -- saving -----------------------------------------------------------------------------------
    def edit(self) -> "PeopleEdit":
        """What the dialog shows, as entities to write."""
        tour = copy.deepcopy(self.tour)
        tour.territory = self.territory.text().strip()
        tour.retention_until = self.retention.value() if self.keep_names.isChecked() else None
        people = []
        for r in range(self.people.rowCount()):
            first = self.people.item(r, 0)
            base: Participant = first.data(Qt.ItemDataRole.UserRole) if first is not None else None
            person = copy.copy(base) if isinstance(base, Participant) else Participant(name="")
            person.tour_id = self.tour_id
            texts = [(self.people.item(r, c).text().strip() if self.people.item(r, c) else "") for c in (0, 1, 3, 4)]
            person.name, person.organisation, person.contact, person.pickup = texts
            person.audience = self.people.cellWidget(r, 2).currentData() or ""
            tick = self.people.item(r, 5)
            ticked = tick.checkState() == Qt.CheckState.Checked
            was = tick.data(Qt.ItemDataRole.UserRole)
            person.present = ticked if (ticked or was is not None) else None  # never ticked: not known
            if person.name:
                people.append(person)
        outcome = copy.deepcopy(self.outcome)
        outcome.present = None if self.present_count.value() < 0 else self.present_count.value()
        if outcome.present != self.outcome.present:
            outcome.present_by_audience = {}  # a new count says how many, not who
        outcome.presenters = [self.presenters.item(i).data(Qt.ItemDataRole.UserRole)
                              for i in range(self.presenters.count())
                              if self.presenters.item(i).checkState() == Qt.CheckState.Checked]
        feedback: dict[str, dict[str, int]] = {}
        for r in range(self.feedback.rowCount()):
            q = self.feedback.item(r, 0).text().strip() if self.feedback.item(r, 0) else ""
            a = self.feedback.item(r, 1).text().strip() if self.feedback.item(r, 1) else ""
            if q and a:
                feedback.setdefault(q, {})[a] = feedback.get(q, {}).get(a, 0) + self.feedback.cellWidget(r, 2).value()
        outcome.feedback = feedback
        follow_ups = []
        for r in range(self.follow_ups.rowCount()):
            kind = self.follow_ups.cellWidget(r, 0)
            base = kind.property("follow_up")
            item = copy.copy(base) if isinstance(base, FollowUp) else FollowUp(kind=FollowUpKind.RECRUITMENT,
                                                                             on_date=dt.date.today())
            item.kind = FollowUpKind(kind.currentData())
            item.on_date = self.follow_ups.cellWidget(r, 1).value()
            item.count = self.follow_ups.cellWidget(r, 2).value()
            item.site_id = self.follow_ups.cellWidget(r, 3).currentData()
            item.tour_id = item.tour_id or self.tour_id
            notes = self.follow_ups.item(r, 4)
            item.notes = notes.text().strip() if notes else ""
            follow_ups.append(item)
        return PeopleEdit(tour, people, outcome, follow_ups)

    def _save(self) -> None:
        self.save_requested.emit(self.edit())


@dataclass
class PeopleEdit:
    """The tour, its people, outcome and follow-ups as the dialog shows them (written in one step)."""

    tour: Tour
    people: list[Participant]
    outcome: TourOutcome
    follow_ups: list[FollowUp]
