"""The organiser's console of the tour day: large type, readable on a moving bus, at 1366 x 768.

It shows what :func:`app.tourday.console_state.console_state` computed — the stop the bus is at
or heads to with its countdown, ahead or behind the plan, who presents next, the next video,
off route — and the buttons of the day. Keys: F6 arrived, F7 departed, F8 skip the next stop,
Page Down next video and Page Up pause (what a presenter clicker sends). It holds no state of
its own: the controller's ``changed`` redraws it.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QVBoxLayout,
    QWidget,
)

from app.tourday.console_state import ConsoleState
from app.ui import fmt

SPEEDS = (1, 10, 30, 60)
KIND_MARK = {"visit": "●", "lunch": "●", "break": "●", "pickup": "●", "drive_by": "○"}
STATUS_MARK = {"done": "✓", "passed": "✓", "skipped": "✗", "arrived": "▶", "pending": ""}


def _big(label: QLabel, points: float, bold: bool = False) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class ConsolePanel(QWidget):
    """The console; ``set_state`` redraws it. Its buttons emit what the organiser asks."""

    arrived = Signal()
    departed = Signal()
    skip = Signal()
    next_video = Signal()
    pause_video = Signal()
    headcount = Signal(int)
    rehearse = Signal(int)  # speed
    replay_file = Signal(int)  # speed: the controller asks which file
    use_gps = Signal()
    stop_source = Signal()
    passenger_screen = Signal()
    replan = Signal()
    export_report = Signal()
    leave = Signal()
    bus_chosen = Signal(int)
    cue_before = Signal(float)  # metres before the company a video starts; 0: at the plan's time
    new_day = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("tourDayConsole")
        self.title = _big(QLabel(self), 13, True)
        self.phase = _big(QLabel(self), 18, True)
        self.phase.setObjectName("consoleStop")
        self.countdown = _big(QLabel(self), 26, True)
        self.countdown.setObjectName("consoleCountdown")
        self.delay = _big(QLabel(self), 18, True)
        self.delay.setObjectName("consoleDelay")
        self.presenter = _big(QLabel(self), 15)
        self.presenter.setObjectName("consolePresenter")
        self.video = _big(QLabel(self), 13)
        self.video.setObjectName("consoleVideo")
        self.off_route = _big(QLabel(self), 14, True)
        self.off_route.setObjectName("consoleOffRoute")
        self.off_route.setStyleSheet("QLabel { background: #c62828; color: white; padding: 4px; }")
        self.off_route.hide()
        self.buses = QComboBox(self)
        self.buses.setObjectName("consoleBus")
        self.buses.activated.connect(self.bus_chosen)
        self.stops = QListWidget(self)
        self.stops.setObjectName("consoleStops")
        self.stops.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stops.setMinimumHeight(70)  # it shrinks first: every button stays in view at 1366 x 768
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for k, (name, text, key, signal) in enumerate((
                ("arrived", self.tr("Arrived (F6)"), "F6", self.arrived),
                ("departed", self.tr("Departed (F7)"), "F7", self.departed),
                ("skip", self.tr("Skip the next stop (F8)"), "F8", self.skip),
                ("next_video", self.tr("Next video (Page Down)"), "PgDown", self.next_video),
                ("pause", self.tr("Pause the video (Page Up)"), "PgUp", self.pause_video))):
            button = QPushButton(text, self)
            button.setObjectName(f"console_{name}")
            button.setMinimumHeight(44)
            button.clicked.connect(signal)
            action = QAction(text, self)  # the key works wherever the focus is in the window
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(signal)
            self.addAction(action)
            self.buttons[name] = button
            grid.addWidget(button, k // 2, k % 2)
        heads = QHBoxLayout()
        heads.addWidget(_big(QLabel(self.tr("On board:"), self), 13))
        self.heads = QSpinBox(self)
        self.heads.setObjectName("consoleHeads")
        self.heads.setRange(0, 999)
        self.heads.setMinimumHeight(40)
        heads.addWidget(self.heads)
        count = QPushButton(self.tr("Count"), self)
        count.setObjectName("console_count")
        count.setToolTip(self.tr("Record how many participants are back on board before leaving"))
        count.clicked.connect(lambda: self.headcount.emit(self.heads.value()))
        heads.addWidget(count)
        self.expected = QLabel(self)
        heads.addWidget(self.expected, 1)
        source = QHBoxLayout()
        self.speed = QComboBox(self)
        self.speed.setObjectName("consoleSpeed")
        for s in SPEEDS:
            self.speed.addItem(f"{s}×", s)
        self.speed.setCurrentIndex(2)
        rehearse = QPushButton(self.tr("Rehearse"), self)
        rehearse.setObjectName("console_rehearse")
        rehearse.setToolTip(self.tr("Drive the plan on its own clock, to try the day (nothing goes on the road)"))
        rehearse.clicked.connect(lambda: self.rehearse.emit(int(self.speed.currentData())))
        replay = QPushButton(self.tr("Replay a track…"), self)
        replay.setObjectName("console_replay")
        replay.clicked.connect(lambda: self.replay_file.emit(int(self.speed.currentData())))
        gps = QPushButton(self.tr("GPS"), self)
        gps.setObjectName("console_gps")
        gps.setToolTip(self.tr("Follow the bus with the GPS plugged in (serial port in the settings)"))
        gps.clicked.connect(self.use_gps)
        stop = QPushButton(self.tr("Stop following"), self)
        stop.setObjectName("console_stop")
        stop.clicked.connect(self.stop_source)
        for w in (self.speed, rehearse, replay, gps, stop):
            source.addWidget(w)
        bottom = QHBoxLayout()
        for name, text, signal in (("replan", self.tr("Re-plan from here"), self.replan),
                                   ("passengers", self.tr("Passenger screen"), self.passenger_screen),
                                   ("report", self.tr("Day report…"), self.export_report),
                                   ("leave", self.tr("Back to planning"), self.leave)):
            button = QPushButton(text, self)
            button.setObjectName(f"console_{name}")
            button.clicked.connect(signal)
            bottom.addWidget(button)
        cues = QHBoxLayout()
        cues.addWidget(QLabel(self.tr("Videos start:"), self))
        self.cue_mode = QComboBox(self)
        self.cue_mode.setObjectName("consoleCueMode")
        for metres, text in ((0.0, self.tr("at the plan's time")), (300.0, self.tr("300 m before the company")),
                             (600.0, self.tr("600 m before the company")),
                             (1000.0, self.tr("1 km before the company"))):
            self.cue_mode.addItem(text, metres)
        self.cue_mode.activated.connect(lambda i: self.cue_before.emit(float(self.cue_mode.itemData(i))))
        cues.addWidget(self.cue_mode, 1)
        new_day = QPushButton(self.tr("New day…"), self)
        new_day.setObjectName("console_new_day")
        new_day.setToolTip(self.tr("Forget this bus's log (after a rehearsal) and start the day afresh"))
        new_day.clicked.connect(self.new_day)
        cues.addWidget(new_day)
        self.source_label = QLabel(self)
        self.source_label.setObjectName("consoleSource")
        self._expected: Optional[int] = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.buses)
        layout.addWidget(self.off_route)
        layout.addWidget(self.phase)
        layout.addWidget(self.countdown)
        layout.addWidget(self.delay)
        layout.addWidget(self.presenter)
        layout.addWidget(self.video)
        layout.addLayout(grid)
        layout.addLayout(heads)
        layout.addWidget(self.stops, 1)
        layout.addLayout(source)
        layout.addWidget(self.source_label)
        layout.addLayout(cues)
        layout.addLayout(bottom)

    # -- drawing ----------------------------------------------------------------------------------
    def set_buses(self, names: list[str], current: int) -> None:
        self.buses.clear()
        self.buses.addItems(names)
        self.buses.setCurrentIndex(current)
        self.buses.setVisible(len(names) > 1)

    def set_title(self, text: str, expected_heads: Optional[int]) -> None:
        self.title.setText(text)
        self._expected = expected_heads or None
        self.expected.setText(self.tr("of %1 registered").replace("%1", str(expected_heads))
                              if expected_heads else "")

    def set_cue_mode(self, metres: Optional[float]) -> None:
        index = self.cue_mode.findData(float(metres or 0.0))
        self.cue_mode.setCurrentIndex(max(index, 0))

    def set_source(self, text: str) -> None:
        self.source_label.setText(text)

    def _minutes(self, seconds: Optional[float]) -> str:
        if seconds is None:
            return ""
        if abs(seconds) < 60:
            return self.tr("< 1 min")
        return fmt.duration(abs(seconds))

    def delay_text(self, delay_s: float) -> str:
        if abs(delay_s) < 60:
            return self.tr("On time")
        if delay_s > 0:
            return self.tr("%1 behind schedule").replace("%1", fmt.duration(delay_s))
        return self.tr("%1 ahead of schedule").replace("%1", fmt.duration(-delay_s))

    def set_state(self, st: Optional[ConsoleState]) -> None:
        if st is None:
            for label in (self.phase, self.countdown, self.delay, self.presenter, self.video):
                label.clear()
            self.stops.clear()
            return
        at_stop = st.phase == "at_stop"
        if st.phase == "returned":
            self.phase.setText(self.tr("Back at the depot"))
            self.countdown.clear()
        elif st.stop_index is None:
            self.phase.setText(self.tr("Returning to the depot"))
            self.countdown.clear()
        elif at_stop:
            self.phase.setText(self.tr("At %1").replace("%1", st.stop_name))
            self.countdown.setText(self.tr("Leave in %1").replace("%1", self._minutes(st.countdown_s))
                                   if st.countdown_s is not None and st.countdown_s > 0
                                   else self.tr("Time to leave"))
        else:
            verb = self.tr("Passing %1") if st.stop_kind == "drive_by" else self.tr("Next stop: %1")
            self.phase.setText(verb.replace("%1", st.stop_name))
            eta = fmt.clock(st.stop_eta) if st.stop_eta is not None else ""
            if st.countdown_s is None:  # no position yet: the plan's time only
                self.countdown.setText(self.tr("planned at %1").replace("%1", eta))
            else:
                self.countdown.setText(self.tr("in %1 (%2)").replace("%1", self._minutes(st.countdown_s))
                                       .replace("%2", eta))
        if st.phase == "before_start":
            self.delay.setText(self.tr("Not left yet"))
        else:
            self.delay.setText(self.delay_text(st.delay_s))
        colour = "#2e7d32" if st.delay_s < 300 else ("#ef6c00" if st.delay_s < 900 else "#c62828")
        self.delay.setStyleSheet(f"QLabel {{ color: {colour}; }}")
        if st.presenter and st.presenter_in_s is None:
            self.presenter.setText(self.tr("%1 presents %2").replace("%1", st.presenter).replace("%2", st.presenter_stop))
        elif st.presenter:
            self.presenter.setText(self.tr("%1 presents %2 in %3").replace("%1", st.presenter)
                                   .replace("%2", st.presenter_stop).replace("%3", self._minutes(st.presenter_in_s)))
        else:
            self.presenter.clear()
        if st.video_title or st.video_in_m is not None:
            title = st.video_title or self.tr("video")
            text = (self.tr("Next video: %1 in %2") if st.video_in_s is None
                    else self.tr("Next video: %1 in %2 (%3)").replace("%3", self._minutes(st.video_in_s)))
            self.video.setText(text.replace("%1", title).replace("%2", fmt.distance(st.video_in_m or 0.0)))
        else:
            self.video.setText(self.tr("No video left"))
        self.off_route.setVisible(st.off_route_since is not None)
        if st.off_route_since is not None:
            self.off_route.setText(self.tr("Off the planned route since %1").replace(
                "%1", fmt.clock(st.off_route_since)))
        self.buttons["arrived"].setEnabled(not at_stop and st.stop_index is not None)
        self.buttons["departed"].setEnabled(at_stop or st.phase == "before_start")
        self.buttons["skip"].setEnabled(not at_stop and st.stop_index is not None)
        if st.headcount is not None and not self.heads.hasFocus():
            self.heads.setValue(st.headcount)
        short = st.headcount is not None and self._expected is not None and st.headcount < self._expected
        self.expected.setStyleSheet("QLabel { color: #c62828; font-weight: bold; }" if short else "")
        self._fill_stops(st)

    def _fill_stops(self, st: ConsoleState) -> None:
        if self.stops.count() != len(st.stops):
            self.stops.clear()
            for _ in st.stops:
                self.stops.addItem(QListWidgetItem())
        for line in st.stops:
            item = self.stops.item(line.index)
            planned = fmt.clock(line.planned_arrival)
            actual = f" → {fmt.clock(line.actual_arrival)}" if line.actual_arrival is not None else ""
            item.setText(f"{STATUS_MARK.get(line.status, '')} {planned}{actual}  "
                         f"{KIND_MARK.get(line.kind, '')} {line.name}".strip())
            font = item.font()
            font.setBold(line.index == st.stop_index)
            font.setStrikeOut(line.status == "skipped")
            item.setFont(font)
        if st.stop_index is not None:
            self.stops.scrollToItem(self.stops.item(st.stop_index))
