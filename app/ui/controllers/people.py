"""The people of the tours and the season's report: the participants dialog (saved as one undoable
step), the erasure of names (not undoable: the undo history is dropped with them), the reminder
when a project is opened past a tour's retention date, and the season's report."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from app.services.commands import SnapshotCommand
from app.ui.notify import Notifier
from app.ui.session import Session
from routing.errors import UserError
from routing.messages import Message

PEOPLE_TABLES = ("tours", "participants", "tour_outcomes", "follow_ups")


class PeopleController(QObject):
    def __init__(self, session: Session, editing: Any, notifier: Notifier, settings: Any,
                 parent: Optional[QObject] = None):
        super().__init__(parent)
        self.session, self.editing, self.notifier, self.settings = session, editing, notifier, settings
        self.dialog: Any = None
        # after the window has shown the project: a reminder, not a gate before it
        session.project_changed.connect(lambda project: QTimer.singleShot(0, self.remind_retention)
                                        if project is not None else None)

    def _lang(self) -> str:
        return getattr(self.settings, "language", lambda: "fr")() or "fr"

    # -- the participants dialog ------------------------------------------------------------------
    def participants_dialog(self) -> Any:
        s = self.session
        if s.project is None or s.tour_id is None:
            return None
        from app.ui.dialogs.participants import ParticipantsDialog

        dialog = ParticipantsDialog(s.project, s.tour_id, self.parent())
        dialog.save_requested.connect(lambda edit: self.save(edit, dialog))
        dialog.import_people_requested.connect(lambda path: self._read_people(Path(path), dialog))
        dialog.import_follow_ups_requested.connect(lambda path: self._read_follow_ups(Path(path), dialog))
        dialog.erase_requested.connect(lambda: self.erase(dialog))
        # an undo or a redo changes what the dialog shows: it shows the project again (never stale rows
        # that a later save would write back)
        reload = lambda _index: dialog.load() if dialog.isVisible() and s.project is not None else None  # noqa: E731
        self.editing.undo_stack.indexChanged.connect(reload)
        dialog.finished.connect(lambda _r: self.editing.undo_stack.indexChanged.disconnect(reload))
        self.dialog = dialog
        dialog.open()
        return dialog

    def save(self, edit: Any, dialog: Any = None) -> bool:
        from app.services.participants import save_people

        project = self.session.project
        text = QCoreApplication.translate("PeopleController", "Edit participants and follow-ups")
        ok = self.editing.push(SnapshotCommand(project, text, PEOPLE_TABLES, lambda: save_people(
            project, edit.tour, edit.people, edit.outcome, edit.follow_ups)))
        if ok and dialog is not None:
            dialog.load()
        return ok

    def _read_people(self, path: Path, dialog: Any) -> None:
        from app.services.participants import read_participants_csv

        try:
            found = read_participants_csv(path)
        except UserError as exc:
            self.notifier.error(exc)
            return
        skipped = dialog.add_people(found.people)
        lines = [Message("participants.already_listed", count=skipped).text(self._lang())] if skipped else []
        lines += [Message("participants.rejected_line", line=r.line, reason=r.reason).text(self._lang())
                 for r in found.rejected]
        if found.unknown_audiences:
            lines.append(Message("participants.unknown_audiences",
                                 values=", ".join(sorted(found.unknown_audiences))).text(self._lang()))
        if lines:
            self.notifier.warning("\n".join(lines))

    def _read_follow_ups(self, path: Path, dialog: Any) -> None:
        from app.services.follow_ups import read_follow_ups_csv

        try:
            found = read_follow_ups_csv(path, self.session.project)
        except UserError as exc:
            self.notifier.error(exc)
            return
        tours = {t.id: t.name for t in self.session.project.tours()}
        elsewhere = [i for i in found.items if i.tour_id not in (None, dialog.tour_id)]
        dialog.add_follow_ups([i for i in found.items if i not in elsewhere])
        lines = [Message("participants.rejected_line", line=r.line, reason=r.reason).text(self._lang())
                 for r in found.rejected]
        lines += [Message("follow_ups.other_tour", line=found.lines[id(i)], tour=tours.get(i.tour_id, "?"))
                  .text(self._lang()) for i in elsewhere]
        if lines:
            self.notifier.warning("\n".join(lines))

    # -- erasure ----------------------------------------------------------------------------------
    def erase(self, dialog: Any = None, confirm: bool = True) -> int:
        """Erase the current tour's names and contacts (asked first); the undo history goes too, so
        no undo can bring them back."""
        from app.services.participants import erase_names

        s = self.session
        if s.project is None or s.tour_id is None or s.project.read_only:
            return 0
        tour = s.tour()
        question = QCoreApplication.translate(
            "PeopleController", "Erase for good the names and contacts of the participants of “%1”? Only the "
            "counts remain; this cannot be undone.").replace("%1", tour.name)
        if confirm and not self.notifier.ask(question):
            return 0
        if dialog is not None and not self.save(dialog.edit(), dialog):  # the ticks made just before count
            return 0
        try:
            count = erase_names(s.project, [tour.id], dt.date.today())
        except UserError as exc:
            self.notifier.error(exc)
            return 0
        self.editing.undo_stack.clear()
        s.refresh()
        self.notifier.status(Message("participants.erased", tour=tour.name, count=count).text(self._lang()), 8000)
        if dialog is not None:
            dialog.load()
        return count

    def remind_retention(self) -> None:
        """Opening a project past a tour's retention date with names still in it: say so, once."""
        from app.services.participants import due_for_erasure

        project = self.session.project
        if project is None:
            return
        try:
            due = due_for_erasure(project, dt.date.today())
        except UserError:
            return  # a damaged row: the panels say it where it is
        if due:
            self.notifier.warning(Message("participants.retention_due",
                                          tours=", ".join(f"« {t.name} »" for t in due)).text(self._lang()))

    # -- the season -------------------------------------------------------------------------------
    def bilan_dialog(self) -> Any:
        from app.ui.dialogs.bilan import BilanDialog

        project = self.session.project
        files = [project.path] if project is not None else []
        organiser = (project.setting("organiser") if project is not None else "") or "ZI Tour"
        dialog = BilanDialog(files, organiser, self._lang(), self.parent())
        dialog.open()
        return dialog
