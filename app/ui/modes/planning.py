"""Planning mode: sites, tour and stops editors, the plan views; the map edits sites.

The map tool follows the project's write access: :class:`EditSitesTool` when the
project can be written, :class:`BrowseTool` (select only) when it is read-only.
"""
from __future__ import annotations

from app.ui.map.tools import BrowseTool, EditSitesTool
from app.ui.modes.base import Mode


class PlanningMode(Mode):
    name = "planning"
    docks = ("sitesDock", "tourDock", "timelineDock", "itineraryDock", "warningsDock", "ambassadorsDock",
             "videosDock")

    def __init__(self) -> None:
        self._edit = EditSitesTool()
        self._browse = BrowseTool()
        self._window = None

    def activate(self, window) -> None:
        self._window = window
        window.session.editable_changed.connect(self._follow_access)
        self._follow_access(window.session.editable)

    def deactivate(self, window) -> None:
        window.session.editable_changed.disconnect(self._follow_access)
        self._window = None

    def _follow_access(self, editable: bool) -> None:
        window = self._window
        if window is None:
            return
        window.canvas.set_tool(self._edit if editable else self._browse)
        for panel in window.editors():
            panel.set_editable(editable)
