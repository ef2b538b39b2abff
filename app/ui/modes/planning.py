"""Planning mode: sites, tour and stops editors, the plan views; the map edits sites.

The map tool follows the project's write access: :class:`EditSitesTool` when the
project can be written, :class:`BrowseTool` (select only) when it is read-only; the site
editor's "Set on the map" hands the next click to :class:`SetGateTool`.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.ui.map.tools import BrowseTool, EditSitesTool, PlaceSitesTool, SetGateTool
from app.ui.modes.base import Mode


class PlanningMode(Mode):
    name = "planning"

    def __init__(self) -> None:
        self._edit = EditSitesTool()
        self._browse = BrowseTool()
        self._window = None

    def activate(self, window) -> None:
        self._window = window
        window.session.editable_changed.connect(self._follow_access)
        window.site_editor.gate_pick_requested.connect(self._pick_gate)
        self._follow_access(window.session.editable)

    def deactivate(self, window) -> None:
        window.session.editable_changed.disconnect(self._follow_access)
        window.site_editor.gate_pick_requested.disconnect(self._pick_gate)
        self._window = None

    def _pick_gate(self, site_id: int) -> None:
        """The next click on the map sets the site's coach gate; then the map edits sites again."""
        window = self._window
        if window is not None and window.session.editable:
            window.canvas.set_tool(SetGateTool(site_id, lambda: self._follow_access(window.session.editable)))
            window.notifier.status(QCoreApplication.translate(
                "PlanningMode", "Click where the bus enters the site (Esc: cancel)."), 10_000)

    def toggle_place_sites(self) -> bool:
        """Click to place sites, or back to editing them; True when placing."""
        window = self._window
        if window is None:
            return False
        if isinstance(window.canvas.tool, PlaceSitesTool) or not window.session.editable:
            self._follow_access(window.session.editable)
            return False
        window.canvas.set_tool(PlaceSitesTool(self._snap, lambda: self._follow_access(window.session.editable)))
        window.notifier.status(QCoreApplication.translate(
            "PlanningMode", "Click on the map to place a site; the dashed line shows where the coach stops "
                            "(Esc: done)."), 15_000)
        return True

    def _snap(self, lon: float, lat: float):
        """Where the coach would stop for a site at (lon, lat): ((road lon, lat), within reach), or None."""
        window = self._window
        region = window.session.region if window is not None else None
        if region is None:
            return None
        try:
            s = region.network().snap(lon, lat)
        except Exception:  # noqa: BLE001 - a preview never stops placing
            return None
        return (s.road_lon, s.road_lat), bool(s.ok)

    def _follow_access(self, editable: bool) -> None:
        window = self._window
        if window is None:
            return
        window.canvas.set_tool(self._edit if editable else self._browse)
        window.actions["actPlaceSites"].setChecked(False)
        for panel in window.editors():
            panel.set_editable(editable)
