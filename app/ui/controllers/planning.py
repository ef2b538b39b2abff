"""Planning the current tour: optimise, keep the order, re-plan from now.

The solver runs in a child process (it holds the GIL); the plan that comes back is
recorded by the planning service (the one owner of saving a plan, as in the CLI)
and shown by the session. A read-only project keeps the plan in the session only.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from PySide6.QtCore import QObject, Signal

from app.model.plan import Plan
from app.ui import jobs
from app.ui.notify import Notifier
from app.ui.session import Session
from routing.errors import UserError


class PlanningController(QObject):
    plan_ready = Signal(object)  # a Plan, after it is recorded and shown

    def __init__(self, session: Session, tasks, notifier: Notifier, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.notifier = notifier
        self.running: Any = None  # the task computing a plan, while it runs

    def optimise(self, keep_order: bool = False, now: Optional[dt.datetime] = None) -> Any:
        """Plan the current tour in the background; returns the task (None without a tour)."""
        s = self.session
        if s.project is None or s.tour_id is None:
            return None
        if self.running is not None and not self.running.done:
            self.notifier.status(self.tr("The tour is already being computed."), 4000)
            return self.running
        title = self.tr("Computing the times") if keep_order else self.tr("Optimising the tour")
        tour_id, project = s.tour_id, s.project
        self.running = self.tasks.run(jobs.plan_job, str(project.path), tour_id, keep_order,
                                      now.isoformat() if now is not None else None, title=title, in_process=True,
                                      on_result=lambda plan, t=tour_id, p=project: self._computed(p, t, plan))
        return self.running

    def keep_order(self) -> Any:
        return self.optimise(keep_order=True)

    def replan_now(self, now: Optional[dt.datetime] = None) -> Any:
        """Re-plan from ``now`` (default: the present time): stops already done stay as they were."""
        return self.optimise(keep_order=False, now=now or dt.datetime.now().astimezone())

    def event_grid(self) -> Any:
        """The event grid of the current tour's plan; after a move, the tour is planned again."""
        s = self.session
        if s.project is None or s.tour_id is None or s.plan is None:
            return None
        from app.ui.dialogs.event_grid import EventGridDialog

        try:
            dialog = EventGridDialog(s.project, s.tour_id, self.parent())
        except UserError as exc:
            self.notifier.error(exc)
            return None
        dialog.replan_requested.connect(lambda: self.optimise())
        dialog.open()
        return dialog

    def _computed(self, project, tour_id: int, plan: Plan) -> None:
        s = self.session
        if s.project is not project:
            return  # another project was opened meanwhile: this plan is not its
        if not s.project.read_only:
            from app.services.planning import record_plan  # the solver's stack: loaded with the first plan

            try:
                record_plan(s.project, plan)
            except UserError as exc:
                self.notifier.error(exc)
        if tour_id == s.tour_id:
            s.set_plan(plan)
            served = sum(len(b.stops) for b in plan.buses)
            self.notifier.status(self.tr("Plan ready: %1 stops, %2 warnings.").replace("%1", str(served))
                                 .replace("%2", str(len(plan.warnings) + len(plan.dropped))), 6000)
        self.plan_ready.emit(plan)
