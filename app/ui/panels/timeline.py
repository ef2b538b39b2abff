"""The day of each bus on a time axis: drives, visits, drive-bys, breaks, lunch and video cues."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.model.entities import Site
from app.model.plan import Plan
from app.ui import fmt
from app.ui.labels import label

LANE_H = 46
TOP = 22
LEFT = 90
COLOURS = {
    "leg": QColor("#9e9e9e"),
    "visit": QColor("#1f77b4"),
    "drive_by": QColor("#17becf"),
    "lunch": QColor("#2ca02c"),
    "break": QColor("#ff7f0e"),
    "pickup": QColor("#8c564b"),
    "wait": QColor("#e0e0e0"),
    "cue": QColor("#9467bd"),
}


class TimelineWidget(QWidget):
    """Paints ``plan``; hovering a block tells what it is and when."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self.plan: Optional[Plan] = None
        self.sites: dict[int, Site] = {}
        self.video_s: dict[int, float] = {}
        self._blocks: list[tuple[QRectF, str]] = []
        self.outdated = False  # the plan no longer matches the tour: drawn faded, with a notice
        self.setMinimumHeight(TOP + LANE_H + 24)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self.setToolTip(self.tr("The day of each bus: drives (grey), visits (blue), drive-bys, lunch, breaks and videos"))

    def sizeHint(self) -> QSize:
        lanes = len(self.plan.buses) if self.plan else 1
        return QSize(800, TOP + lanes * LANE_H + 24)

    def set_plan(self, plan: Optional[Plan], sites: dict[int, Site], video_s: Optional[dict[int, float]] = None) -> None:
        self.plan = plan
        self.sites = sites
        self.video_s = video_s or {}
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def set_outdated(self, outdated: bool) -> None:
        if outdated != self.outdated:
            self.outdated = outdated
            self.update()

    def outdated_notice(self) -> str:
        """What the timeline says over an outdated plan ("" when it is up to date)."""
        return self.tr("Plan not up to date: optimise again") if self.outdated else ""

    def _paint_outdated(self, p: QPainter) -> None:
        """Fade the old plan's day and say so across the top."""
        p.fillRect(self.rect(), QColor(255, 255, 255, 150))
        text = self.outdated_notice()
        p.setFont(self.font())
        width = p.fontMetrics().horizontalAdvance(text) + 16
        band = QRectF(max(LEFT, self.width() - width - 8), 2, width, TOP - 4)
        p.fillRect(band, QColor("#fdecea"))
        p.setPen(QColor("#6b1d12"))
        p.drawText(band, Qt.AlignmentFlag.AlignCenter, text)

    # -- geometry ------------------------------------------------------------------
    def _span(self) -> tuple[dt.datetime, dt.datetime]:
        assert self.plan is not None
        start = min(b.departure for b in self.plan.buses)
        end = max(b.return_ for b in self.plan.buses)
        start = start.replace(minute=0, second=0, microsecond=0)
        end = (end + dt.timedelta(minutes=59)).replace(minute=0, second=0, microsecond=0)
        return start, max(end, start + dt.timedelta(hours=1))

    def _x(self, t: dt.datetime, start: dt.datetime, end: dt.datetime) -> float:
        width = max(10, self.width() - LEFT - 28)  # room for the last hour's label
        return LEFT + width * (t - start).total_seconds() / max(1.0, (end - start).total_seconds())

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        self._blocks = []
        if not self.plan or not self.plan.buses:
            p.setPen(self.palette().text().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                       self.tr("No plan yet: press Optimise to compute the day."))
            return
        start, end = self._span()
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        # hour grid
        t = start
        grid = QPen(QColor("#d0d0d0"))
        while t <= end:
            x = self._x(t, start, end)
            p.setPen(grid)
            p.drawLine(QPointF(x, TOP - 4), QPointF(x, self.height() - 4))
            p.setPen(self.palette().text().color())
            p.drawText(QPointF(x + 2, TOP - 8), fmt.clock(t).replace("\u00a000", "").replace(":00", ""))
            t += dt.timedelta(hours=1)
        for lane, bus in enumerate(self.plan.buses):
            y = TOP + lane * LANE_H
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(4, y, LEFT - 8, LANE_H - 10), Qt.AlignmentFlag.AlignVCenter, bus.bus_name)
            bar_y, bar_h = y + 14, LANE_H - 22
            for leg in bus.legs:
                self._block(p, leg.departure, leg.arrival, start, end, bar_y + bar_h * 0.3, bar_h * 0.4, COLOURS["leg"],
                            self.tr("Drive") + f" {fmt.clock(leg.departure)} → {fmt.clock(leg.arrival)} · "
                            f"{fmt.duration(leg.duration_s)} · {fmt.distance(leg.distance_m)}")
            for ps in bus.stops:
                site = self.sites.get(ps.site_id)
                name = site.name if site else (ps.name or label(ps.kind))
                service_start = ps.arrival + dt.timedelta(seconds=ps.wait_s)
                if ps.wait_s >= 60:
                    self._block(p, ps.arrival, service_start, start, end, bar_y, bar_h, COLOURS["wait"],
                                self.tr("Wait") + f" {fmt.duration(ps.wait_s)} · {name}")
                if self.is_driver_break(ps):  # the planner's: hatched, with what it is for
                    rect = self._block(p, ps.arrival, ps.departure, start, end, bar_y, bar_h, COLOURS["break"],
                                       self.break_text(ps, name))
                    p.fillRect(rect, QBrush(QColor("white"), Qt.BrushStyle.BDiagPattern))
                    continue
                colour = COLOURS.get(ps.kind, COLOURS["visit"])
                text = f"{ps.sequence}. {name} · {label(ps.kind)} {fmt.clock(service_start)} → {fmt.clock(ps.departure)}"
                if ps.kind == "drive_by" or ps.departure <= service_start:
                    x = self._x(service_start, start, end)
                    rect = QRectF(x - 2, bar_y - 2, 4, bar_h + 4)
                    p.fillRect(rect, colour)
                    self._blocks.append((rect, text))
                else:
                    rect = self._block(p, service_start, ps.departure, start, end, bar_y, bar_h, colour, text)
                    if rect.width() > 16:
                        p.setPen(QColor("white"))
                        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(ps.sequence))
            for cue in bus.cues:
                length = cue.play_s if cue.play_s is not None else self.video_s.get(cue.video_id, 60.0)
                self._block(p, cue.start, cue.start + dt.timedelta(seconds=length), start, end, y + 6, 6,
                            COLOURS["cue"], self.tr("Video") + f" « {cue.title} » {fmt.clock(cue.start)} · "
                            f"{fmt.duration(length)}")
        if self.outdated:
            self._paint_outdated(p)

    @staticmethod
    def is_driver_break(ps) -> bool:
        """A driver break the planner inserted (no stop of the organiser's): the driving rules need it."""
        return ps.kind == "break" and ps.stop_id is None

    def break_text(self, ps, place: str) -> str:
        """The tooltip of a planned driver break."""
        rest = (ps.departure - ps.arrival).total_seconds()
        what = self.tr("Driver break")
        why = self.tr("Rest the driving rules require (Buses tab), taken where the bus stands")
        return f"{what} {fmt.duration(rest)} · {fmt.clock(ps.arrival)} → {fmt.clock(ps.departure)} · {place}\n{why}"

    def _block(self, p: QPainter, a: dt.datetime, b: dt.datetime, start, end, y: float, h: float, colour: QColor,
               text: str) -> QRectF:
        x1, x2 = self._x(a, start, end), self._x(b, start, end)
        rect = QRectF(x1, y, max(1.5, x2 - x1), h)
        p.fillRect(rect, colour)
        self._blocks.append((rect, text))
        return rect

    def block_texts(self) -> list[str]:
        """What is drawn (for tests and screen readers), in paint order."""
        return [t for _r, t in self._blocks]

    def event(self, ev) -> bool:
        if ev.type() == QEvent.Type.ToolTip:
            pos = QPointF(ev.pos())
            for rect, text in reversed(self._blocks):
                if rect.adjusted(-2, -2, 2, 2).contains(pos):
                    QToolTip.showText(ev.globalPos(), text, self)
                    return True
        return super().event(ev)
