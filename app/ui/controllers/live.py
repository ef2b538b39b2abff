"""The tour day aboard: one bus's day run from a position source, logged as it happens.

:class:`TourDayController` owns the :class:`~app.tourday.day.TourDay` of the chosen bus of the
current tour's plan, and the position source feeding it. Every fix is written to the project's
logbook (:mod:`app.store.day_log`, ``synchronous = FULL`` while the day runs), then the events it
implies; views hear ``changed`` (redraw the console, move the bus on the map) and ``cue_fired``
(the passenger screen plays the video or shows the card). Opening the day again resumes from the
logbook: done stops stay done, played cues are not played again.

A read-only project runs the day without a logbook (said once); a write that fails (a full
disk) is said once and the day goes on in memory.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QObject, Signal

from app.store import day_log
from app.tourday.console_state import ConsoleState, console_state
from app.tourday.day import DayEvent, Kind, TourDay
from app.tourday.fixes import read_track
from app.tourday.route_track import rehearsal_fixes
from app.ui.live.sources import NmeaDeviceSource, PositionSource, ReplaySource, SystemSource
from app.ui.notify import Notifier
from app.ui.session import Session
from routing.errors import UserError


class TourDayController(QObject):
    changed = Signal()  # the day moved: a fix, a button, a resume
    cue_fired = Signal(object)  # a Trigger (app.tourday.cues), just reached
    running_changed = Signal(bool)  # a position source runs (or stopped)
    position = Signal(object)  # the last Fix, for the map
    replan_ready = Signal(object, object, bool)  # the whole day re-planned (Plan), its changes, order changed

    def __init__(self, session: Session, notifier: Notifier, tasks=None, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.session = session
        self.notifier = notifier
        self.tasks = tasks
        self.pending_plan = None  # a re-plan waiting for the organiser's yes
        self.day: Optional[TourDay] = None
        self.tour_id: Optional[int] = None
        self.bus_index = 0
        self.source: Optional[PositionSource] = None
        self._logging = False
        self._ambassadors: dict[int, str] = {}
        session.project_changed.connect(lambda _p: self.close())

    # -- opening the day -----------------------------------------------------------------
    @property
    def bus_id(self) -> Optional[int]:
        return self.day.plan.bus_id if self.day is not None else None

    def open_day(self, bus_index: int = 0) -> bool:
        """The day of bus ``bus_index`` of the current tour's plan, resumed from the logbook."""
        s = self.session
        if s.project is None or s.plan is None or not s.plan.buses:
            return False
        self.stop_source()
        self.bus_index = min(max(bus_index, 0), len(s.plan.buses) - 1)
        self.tour_id = s.tour_id
        bus = s.plan.buses[self.bus_index]
        self._ambassadors = {a.id: a.name for a in s.project.ambassadors()}
        logged: list[DayEvent] = []
        self._logging = not s.project.read_only
        try:
            logged = day_log.events(s.project, self.tour_id, bus.bus_id)
            if self._logging:
                day_log.make_durable(s.project, True)
        except UserError as exc:
            self.notifier.error(exc)
        if not self._logging:
            self.notifier.status(self.tr("Read-only project: the day runs but is not recorded."), 8000)
        self.day = TourDay.resume(bus, logged, self.cue_before_m())
        self.changed.emit()
        return True

    # -- where videos start ------------------------------------------------------------------
    CUE_SETTING = "tourday.cue_before_m"

    def cue_before_m(self) -> Optional[float]:
        """Metres before its company a video starts (None: at the plan's cue time), a project setting."""
        p = self.session.project
        text = p.setting(self.CUE_SETTING, "") if p is not None else ""
        try:
            value = float(text) if text else None
        except ValueError:
            return None
        return value if value is not None and 0 < value <= 20_000 else None

    def set_cue_before(self, metres: Optional[float]) -> None:
        """Start company videos ``metres`` before the company along the route (None: at the plan's times)."""
        p = self.session.project
        if p is None:
            return
        if not p.read_only:
            try:
                p.set_setting(self.CUE_SETTING, "" if metres is None else f"{float(metres):g}")
            except UserError as exc:
                self.notifier.error(exc)
        if self.day is not None:
            self.day = TourDay.resume(self.day.plan, self.day.events, metres)
            self.changed.emit()

    # -- re-planning from here ---------------------------------------------------------------
    def replan_here(self):
        """Plan the rest of the day from the bus's position, in the background; ``replan_ready``
        brings the result (nothing changes until :meth:`accept_replan`)."""
        from app.services.replan_day import replan_inputs
        from app.ui import jobs

        s = self.session
        if self.day is None or s.plan is None or self.tasks is None:
            return None
        inputs = replan_inputs(self.day, s.plan)
        day, old, index = self.day, s.plan, self.bus_index
        return self.tasks.run(jobs.replan_rest_job, str(s.project.path), self.tour_id, inputs,
                              title=self.tr("Re-planning from here"), in_process=True,
                              on_result=lambda new: self._replanned(day, old, index, new))

    def _replanned(self, day, old, index: int, new) -> None:
        from app.tourday.replan import changes, first_pending, spliced_plan

        if day is not self.day:
            return  # the day was closed or another bus chosen meanwhile
        plan = spliced_plan(old, index, day, new)
        lines, order_changed = changes(old.buses[index], plan.buses[index], plan, first_pending(day))
        self.pending_plan = plan
        self.replan_ready.emit(plan, lines, order_changed)

    def accept_replan(self) -> None:
        """The re-planned day becomes the tour's plan; the day goes on on it, its source running."""
        plan, self.pending_plan = self.pending_plan, None
        s = self.session
        if plan is None or self.day is None or s.project is None:
            return
        if not s.project.read_only:
            from app.services.planning import record_plan

            try:
                record_plan(s.project, plan)
            except UserError as exc:
                self.notifier.error(exc)
        s.set_plan(plan)
        self.day = TourDay.resume(plan.buses[self.bus_index], self.day.events)
        self.changed.emit()

    def reject_replan(self) -> None:
        self.pending_plan = None

    def close(self) -> None:
        """Leave the tour day (the logbook stays in the project)."""
        self.stop_source()
        if self.day is not None and self._logging and self.session.project is not None:
            try:
                day_log.make_durable(self.session.project, False)
            except Exception:  # noqa: BLE001 - the project may be closing
                pass
        self.day = None
        self.changed.emit()

    def restart_day(self) -> None:
        """Forget this bus's logbook (after a rehearsal) and start the day afresh."""
        if self.day is None or self.session.project is None:
            return
        self.stop_source()
        if self._logging:
            day_log.clear(self.session.project, self.tour_id, self.bus_id)
        self.open_day(self.bus_index)

    # -- position sources ------------------------------------------------------------------
    def rehearse(self, speed: float = 30.0) -> Optional[ReplaySource]:
        """Drive the plan on its own clock ("Répétition"), from where the logbook left off."""
        if self.day is None:
            return None
        fixes = rehearsal_fixes(self.day.track, noise_m=4.0)
        return self._replay(fixes, speed)

    def replay_file(self, path: Path, speed: float = 1.0) -> Optional[ReplaySource]:
        """Replay an NMEA log or a GPX track; a bad file is said (file and line), the day kept."""
        if self.day is None:
            return None
        try:
            fixes = read_track(path)
        except UserError as exc:
            self.notifier.error(exc)
            return None
        return self._replay(fixes, speed)

    def _replay(self, fixes, speed: float) -> ReplaySource:
        source = ReplaySource(fixes, speed, self)
        if self.day is not None and self.day.now is not None:
            source.skip_to(self.day.now)
        self.use_source(source)
        return source

    def use_gps(self, port: str, baud: int = 4800) -> PositionSource:
        source = NmeaDeviceSource(port, baud, self)
        self.use_source(source)
        return source

    def use_system(self) -> PositionSource:
        source = SystemSource(self)
        self.use_source(source)
        return source

    def use_source(self, source: PositionSource) -> None:
        self.stop_source()
        self.source = source
        source.fix.connect(self.feed)
        source.failed.connect(lambda text: self.notifier.status(text, 10_000))
        source.finished.connect(lambda: self.running_changed.emit(False))
        source.start()
        self.running_changed.emit(True)

    def stop_source(self) -> None:
        if self.source is not None:
            self.source.stop()
            self.source.deleteLater()
            self.source = None
            self.running_changed.emit(False)

    # -- what happens ----------------------------------------------------------------------
    def feed(self, fix) -> None:
        if self.day is None:
            return
        if self._logging:
            self._write(day_log.append_fix, fix)
        events = self.day.feed(fix)
        self._record(events)
        self.position.emit(fix)

    def _write(self, write, payload) -> None:
        try:
            write(self.session.project, self.tour_id, self.bus_id, payload)
        except (UserError, OSError, Exception) as exc:  # noqa: BLE001 - a full disk must not stop the day
            self._logging = False
            self.notifier.error(exc if isinstance(exc, UserError) else UserError(
                "tourday.log_failed", file=str(self.session.project.path), reason=str(exc)))

    def _record(self, events: list[DayEvent]) -> None:
        if not events:
            self.changed.emit()
            return
        if self._logging:
            self._write(day_log.append_events, events)
        by_key = {t.key: t for t in self.day.triggers}
        for e in events:
            if e.kind == Kind.CUE and e.ref in by_key:
                self.cue_fired.emit(by_key[e.ref])
            elif e.kind == Kind.CUE_DROPPED:
                key, _, why = e.ref.partition(" ")
                trigger = by_key.get(key)
                title = (trigger.cue.title if trigger is not None and trigger.cue is not None else "") or key
                text = (self.tr("Not played: %1 (its stop was skipped).") if why == "skipped"
                        else self.tr("Not played: %1 (the bus did not pass its place on the route)."))
                self.notifier.status(text.replace("%1", title), 10_000)
        self.changed.emit()

    def _press(self, button: str, *args) -> None:
        """A console button: the day's own method of that name makes the events (on the day's clock:
        the position source's, else the computer's), then they are logged and shown."""
        if self.day is not None:
            self._record(getattr(self.day, button)(*args))

    def arrived(self) -> None:
        self._press("mark_arrived")

    def departed(self) -> None:
        self._press("mark_departed")

    def skip_stop(self) -> None:
        self._press("skip_next")

    def next_video(self) -> None:
        self._press("fire_next_cue")

    def count_heads(self, count: int) -> None:
        self._press("count_heads", count)

    def state(self) -> Optional[ConsoleState]:
        return console_state(self.day, self._ambassadors) if self.day is not None else None
