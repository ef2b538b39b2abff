"""Exports and printing of the current tour's plan: the export dialog, print preview, printing, the pack."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.ui import printing
from app.ui.notify import Notifier
from app.ui.session import Session
from app.ui.settings import Settings
from routing.errors import UserError


class ExportingController(QObject):
    def __init__(self, session: Session, tasks, notifier: Notifier, settings: Settings,
                 parent_widget: Optional[QWidget] = None):
        super().__init__(parent_widget)
        self.settings = settings
        self.session = session
        self.tasks = tasks
        self.notifier = notifier
        self.parent_widget = parent_widget
        self._printer = None  # one printer per session, so the chosen printer is kept

    def _layers(self):
        return self.session.region.layers if self.session.region is not None else None

    def _context(self):
        """The export context of the current tour (GUI thread), or None after showing why."""
        from app.services.export import build_context

        try:
            return build_context(self.session.project, self.session.tour_id, layers=self._layers())
        except UserError as exc:
            self.notifier.error(exc)
            return None

    def confirm_outdated(self, printing_it: bool = False) -> bool:
        """True to go on: the plan is up to date, or the user agreed to export (print) an outdated one anyway."""
        status = self.session.plan_status
        if not status.stale:
            return True
        from app.services.plan_inputs import PlanState

        if status.state is PlanState.UNKNOWN:
            why = self.tr("This plan was computed by an earlier version of the application: it may no longer "
                          "match the tour. Optimise again to be sure.")
        else:
            why = self.tr("The plan is no longer up to date: the tour has changed since it was computed. "
                          "Optimise again to bring it up to date.")
        question = self.tr("Print it anyway?") if printing_it else self.tr("Export it anyway?")
        return self.notifier.ask(why + "\n\n" + question)

    def make_export_dialog(self, pack_mode: bool = False, formats=None):
        """The export dialog for the current tour (not shown), or None without a plan, or when the plan is
        outdated and the user does not want to export it anyway."""
        if not self.session.has_plan:
            self.notifier.status(self.tr("Optimise the tour first"), 4000)
            return None
        if not self.confirm_outdated():
            self.notifier.status(self.tr("Nothing was exported: optimise the tour first."))
            return None
        from app.ui.export_dialog import ExportDialog

        return ExportDialog(self.session.project, self.session.tour_id, self.parent_widget, layers=self._layers(),
                            settings=self.settings.q, tasks=self.tasks, pack_mode=pack_mode, formats=formats)

    def export_dialog(self, pack_mode: bool = False, formats=None) -> None:
        dialog = self.make_export_dialog(pack_mode, formats)
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()

    def pack_dialog(self) -> None:
        self.export_dialog(pack_mode=True)

    def booklets_dialog(self) -> None:
        """One booklet per ambassador, in one go: the export dialog with the booklets ticked."""
        self.export_dialog(formats=["booklets"])

    def printer(self):
        if self._printer is None:
            self._printer = printing.make_printer()
        return self._printer

    def _print(self, document: str, preview: bool) -> None:
        if not self.session.has_plan:
            return
        if not self.confirm_outdated(printing_it=True):
            self.notifier.status(self.tr("Nothing was printed: optimise the tour first."))
            return
        ctx = self._context()
        if ctx is None:
            return
        if preview:
            printing.print_preview(ctx, document, self.parent_widget, self.printer())
        else:
            printing.print_document(ctx, document, self.parent_widget, self.printer())

    def preview_itinerary(self) -> None:
        self._print(printing.ITINERARY, preview=True)

    def print_itinerary(self) -> None:
        self._print(printing.ITINERARY, preview=False)

    def preview_sheets(self) -> None:
        self._print(printing.SHEETS, preview=True)

    def print_sheets(self) -> None:
        self._print(printing.SHEETS, preview=False)
