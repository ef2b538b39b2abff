"""Tour-day mode ("Jour J"): the laptop aboard the bus runs the current tour's plan.

Entering it hides the planning docks (their layout is kept and comes back on leaving), puts the
console (:class:`~app.ui.panels.console.ConsolePanel`) on the right, makes the editors read-only
and the map a browser that follows the bus. The console's buttons go to the
:class:`~app.ui.controllers.live.TourDayController`; its ``changed`` redraws the console and
moves the bus; its ``cue_fired`` goes to the passenger screen when it is open.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QFileDialog, QToolBar

from app.ui.map.tools import BrowseTool
from app.ui.modes.base import Mode
from app.ui.panels.console import ConsolePanel


class TourDayMode(Mode):
    name = "tour_day"

    def __init__(self, controller) -> None:
        self.live = controller
        self._window = None
        self._state = None
        self.passenger = None
        self.dock: Optional[QDockWidget] = None
        self.console: Optional[ConsolePanel] = None

    # -- entering and leaving ---------------------------------------------------------------
    def activate(self, window) -> None:
        self._window = window
        self._state = window.saveState()
        for dock in window.docks():
            dock.hide()
        for toolbar in window.findChildren(QToolBar):  # the planning tools: nothing to edit aboard
            toolbar.hide()
        if self.dock is None:
            self.console = ConsolePanel(window)
            self.dock = QDockWidget(QCoreApplication.translate("TourDayMode", "Tour day"), window)
            self.dock.setObjectName("tourDayDock")
            self.dock.setWidget(self.console)  # no scroll area: at 1366 x 768 everything shows at once
            self.dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self._wire(window)
        self.dock.show()
        window.resizeDocks([self.dock], [max(420, window.width() * 2 // 5)], Qt.Orientation.Horizontal)
        window.canvas.set_tool(BrowseTool())
        for panel in window.editors():
            panel.set_editable(False)
        window.session.project_changed.connect(self._project_changed)
        self.live.open_day(0)
        self.console.set_cue_mode(self.live.cue_before_m())
        self._show_buses()
        self.redraw()
        window.canvas.fit_to_plan()

    def _project_changed(self, _project) -> None:
        """Another project (or none): the tour day ends, back to planning."""
        if self._window is not None:
            self._window.modes.planning()

    def deactivate(self, window) -> None:
        window.session.project_changed.disconnect(self._project_changed)
        self.live.close()
        if self.passenger is not None:
            self.passenger.close()
            self.passenger = None
        window.canvas.clear_vehicle()
        if self.dock is not None:
            self.dock.hide()
        if self._state is not None:
            window.restoreState(self._state)
        self._window = None

    def _wire(self, window) -> None:
        c, live = self.console, self.live
        c.arrived.connect(live.arrived)
        c.departed.connect(live.departed)
        c.skip.connect(live.skip_stop)
        c.next_video.connect(live.next_video)
        c.pause_video.connect(self._pause)
        c.headcount.connect(live.count_heads)
        c.rehearse.connect(lambda speed: live.rehearse(speed))
        c.replay_file.connect(self._replay_file)
        c.use_gps.connect(self._use_gps)
        c.stop_source.connect(live.stop_source)
        c.passenger_screen.connect(self.open_passenger_screen)
        c.replan.connect(live.replan_here)
        c.cue_before.connect(lambda metres: live.set_cue_before(metres or None))
        c.new_day.connect(self._new_day)
        live.replan_ready.connect(self._show_replan)
        c.export_report.connect(self._export_report)
        c.leave.connect(window.modes.planning)
        c.bus_chosen.connect(lambda index: (live.open_day(index), self._show_buses()))
        live.changed.connect(self.redraw)
        live.position.connect(self._moved)
        live.cue_fired.connect(self._cue)
        live.running_changed.connect(self._source_state)

    # -- drawing -------------------------------------------------------------------------------
    def _show_buses(self) -> None:
        s = self._window.session if self._window is not None else None
        if s is None or s.plan is None or self.console is None:
            return
        self.console.set_buses([b.bus_name for b in s.plan.buses], self.live.bus_index)
        tour = s.tour()
        title = f"{tour.name} — {s.plan.buses[self.live.bus_index].bus_name}" if tour is not None else ""
        self.console.set_title(title, tour.participants if tour is not None else None)

    def redraw(self) -> None:
        if self.console is not None and self._window is not None:
            self.console.set_state(self.live.state())

    def _moved(self, fix) -> None:
        window = self._window
        if window is None:
            return
        match = self.live.day.match if self.live.day is not None else None
        moving = fix.speed_mps is not None and fix.speed_mps >= 2.0
        heading, on_route = (fix.heading_deg if moving else None), match is None or not match.off_route
        window.canvas.set_vehicle(fix.lon, fix.lat, heading, on_route=on_route, follow=True)
        if self.passenger is not None and hasattr(self.passenger.map_page, "set_vehicle"):
            self.passenger.map_page.set_vehicle(fix.lon, fix.lat, heading, on_route=on_route, follow=True)

    def _source_state(self, running: bool) -> None:
        if self.console is not None:
            source = self.live.source
            names = {"replay": QCoreApplication.translate("TourDayMode", "replay"),
                     "nmea": QCoreApplication.translate("TourDayMode", "GPS"),
                     "system": QCoreApplication.translate("TourDayMode", "the system's positioning")}
            self.console.set_source(QCoreApplication.translate("TourDayMode", "Position: %1").replace(
                "%1", names.get(source.name, source.name)) if running and source
                                    else QCoreApplication.translate("TourDayMode", "No position source: press Rehearse, Replay or GPS"))

    def _new_day(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        window = self._window
        answer = QMessageBox.question(window, QCoreApplication.translate("TourDayMode", "New day"),
                                      QCoreApplication.translate("TourDayMode", "Forget what was logged for this bus "
                                                                 "(arrivals, departures, videos played, track) and "
                                                                 "start the day afresh?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.live.restart_day()

    # -- re-planning -------------------------------------------------------------------------------
    def replan_text(self, lines, order_changed: bool) -> str:
        """What the re-plan changes, one line per stop left ("Pipelife : 14 h 19 → 14 h 47")."""
        from app.ui import fmt

        out = []
        for c in lines:
            if c.new_arrival is None:
                reason = c.reason.text(fmt.language()) if c.reason is not None else ""
                out.append(QCoreApplication.translate("TourDayMode", "%1: dropped (%2)").replace("%1", c.name).replace("%2", reason))
            else:
                out.append(f"{c.name} : {fmt.clock(c.old_arrival)} → {fmt.clock(c.new_arrival)}"
                           if fmt.language() == "fr" else f"{c.name}: {fmt.clock(c.old_arrival)} → "
                           f"{fmt.clock(c.new_arrival)}")
        if order_changed:
            out.append(QCoreApplication.translate("TourDayMode", "The order of the stops changes."))
        return "\n".join(out) or QCoreApplication.translate("TourDayMode", "Nothing changes.")

    def _show_replan(self, plan, lines, order_changed: bool) -> None:
        from PySide6.QtWidgets import QMessageBox

        window = self._window
        if window is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("TourDayMode", "Re-plan from here"),
                          QCoreApplication.translate("TourDayMode", "The rest of the day, planned from where the bus is:"),
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, window)
        box.setObjectName("replanBox")
        box.setInformativeText(self.replan_text(lines, order_changed))
        box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("TourDayMode", "Use this plan"))
        box.accepted.connect(self.live.accept_replan)
        box.rejected.connect(self.live.reject_replan)
        self.replan_box = box
        box.open()  # not exec(): the day goes on while the organiser reads

    # -- the passenger screen -----------------------------------------------------------------
    def open_passenger_screen(self) -> None:
        window = self._window
        if window is None or window.session.project is None:
            return
        from app.ui.live.passenger import passenger_window_for

        if self.passenger is None:
            self.passenger = passenger_window_for(window.session.project, self._passenger_map)
            self.passenger.video_missing.connect(lambda path: window.notifier.status(
                QCoreApplication.translate("TourDayMode", "Video %1 cannot be played: its card is shown instead.").replace("%1", path), 10_000))
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            other = next(i for i, sc in enumerate(screens) if sc is not window.screen()) if any(
                sc is not window.screen() for sc in screens) else 0
            self.passenger.show_on(other)
        else:  # one screen: a window the organiser can move to a projector later
            self.passenger.resize(960, 540)
            self.passenger.show()

    def _passenger_map(self, parent):
        """The route map of the passenger screen: the plan, the sites, the bus (no controls)."""
        from app.ui.map.canvas import MapCanvas

        s = self._window.session
        canvas = MapCanvas(parent)
        canvas.set_tool(BrowseTool())
        if s.region is not None:
            canvas.set_layers(s.region.layers, fit=False)
        canvas.set_sites(list(s.sites_by_id.values()))
        canvas.set_plan(s.plan, s.sites_by_id)
        canvas.fit_to_plan()
        return canvas

    def _cue(self, trigger) -> None:
        if self.passenger is not None:
            self.passenger.show_cue(trigger)

    def _pause(self) -> None:
        if self.passenger is not None:
            self.passenger.toggle_pause()

    # -- files ------------------------------------------------------------------------------------
    def _replay_file(self, speed: int) -> None:
        window = self._window
        path, _ = QFileDialog.getOpenFileName(window, QCoreApplication.translate("TourDayMode", "Replay a track"), str(window.session.project.folder),
                                              QCoreApplication.translate("TourDayMode", "Tracks (*.nmea *.log *.txt *.gpx);;All files (*)"))
        if path:
            self.live.replay_file(Path(path), speed)

    def _use_gps(self) -> None:
        """Ask which serial port the GPS is on (the ports the system sees, or one typed), remember it."""
        from PySide6.QtSerialPort import QSerialPortInfo
        from PySide6.QtWidgets import QInputDialog

        window = self._window
        port, baud = window.settings.gps_port()
        ports = [p.systemLocation() for p in QSerialPortInfo.availablePorts()]
        choices = ([port] if port not in ports else []) + ports
        chosen, ok = QInputDialog.getItem(window, QCoreApplication.translate("TourDayMode", "GPS"),
                                          QCoreApplication.translate("TourDayMode",
                                                                     "Serial port of the GPS (NMEA 0183, %1 bauds):")
                                          .replace("%1", str(baud)), choices, choices.index(port), True)
        if ok and chosen.strip():
            window.settings.set_gps_port(chosen.strip(), baud)
            self.live.use_gps(chosen.strip(), baud)

    def _export_report(self) -> None:
        """The day report of the bus on screen, with its export."""
        from app.ui.dialogs.day_report import DayReportDialog

        window = self._window
        if window is None or self.live.day is None:
            return
        names = {site.id: site.name for site in window.session.project.sites()}
        self.report_dialog = DayReportDialog(self.live.day.plan, self.live.day.events,
                                             names.get(self.live.day.plan.start_site_id, ""), self._export_files,
                                             window)
        self.report_dialog.open()

    def _export_files(self) -> None:
        window = self._window
        folder = QFileDialog.getExistingDirectory(window, QCoreApplication.translate(
            "TourDayMode", "Write the day report to a folder"), str(window.session.project.folder))
        if folder:
            self.write_report(Path(folder))

    def write_report(self, folder: Path) -> list[Path]:
        """Planned against actual (CSV per stop and per leg) and the track (GPX) of every bus."""
        from zoneinfo import ZoneInfo

        from app.exports.day_report import write_day_report
        from app.exports.files import slug
        from app.store import day_log

        s = self._window.session
        tour = s.tour()
        buses = [(b, day_log.events(s.project, tour.id, b.bus_id), day_log.track(s.project, tour.id, b.bus_id))
                 for b in s.plan.buses]
        names = {site.id: site.name for site in s.project.sites()}
        depot = names.get(s.plan.buses[0].start_site_id, "")
        paths = write_day_report(folder, slug(tour.name), ZoneInfo(tour.timezone), buses, depot)
        self._window.notifier.status(QCoreApplication.translate("TourDayMode", "Day report written: %1").replace("%1", str(folder)), 8000)
        return paths
