"""Which mode the window is in, and the switch between them (the actions call it).

Planning is the window's usual mode; the tour day (:mod:`app.ui.modes.tour_day`) is entered for a
tour with a plan and left by its console's "Back to planning". Its controller lives as long as the
window, so tests and the passenger screen reach it as ``window.modes.live``.
"""
from __future__ import annotations

from PySide6.QtCore import QObject

from app.ui.controllers.live import TourDayController
from app.ui.modes.planning import PlanningMode


class ModeSwitch(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.live = TourDayController(window.session, window.notifier, window.tasks, self)
        self._tour_day = None
        window.mode = None

    def start(self) -> None:
        self.window.actions["actPlaceSites"].setCheckable(True)  # a toggle, on the toolbar too
        self.set_mode(PlanningMode())

    def set_mode(self, mode) -> None:
        """Leave the current mode and enter ``mode`` (None: planning)."""
        window = self.window
        if window.mode is not None:
            window.mode.deactivate(window)
        window.mode = mode or PlanningMode()
        window.mode.activate(window)

    def place_sites(self) -> None:
        """The map's "place sites" toggle (planning only)."""
        action = self.window.actions["actPlaceSites"]
        placing = window_mode_name(self.window) == "planning" and self.window.mode.toggle_place_sites()
        action.setChecked(placing)

    def planning(self) -> None:
        if window_mode_name(self.window) != "planning":
            self.set_mode(PlanningMode())

    def tour_day(self) -> None:
        """Enter the tour day of the current tour (it needs a plan: the action is off without one)."""
        if not self.window.session.has_plan or window_mode_name(self.window) == "tour_day":
            return
        from app.ui.modes.tour_day import TourDayMode

        if self._tour_day is None:
            self._tour_day = TourDayMode(self.live)
        self.set_mode(self._tour_day)

    @property
    def tour_day_mode(self):
        return self._tour_day


def window_mode_name(window) -> str:
    return window.mode.name if window.mode is not None else ""
