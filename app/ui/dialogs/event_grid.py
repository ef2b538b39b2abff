"""The event grid: companies down, the day across, each bus's reception a block (its groups,
its people, its turns). Drag a block along its row to move that visit: what the move would
break is said at once (the company's opening, its capacity with another bus there, the bus's
previous and next stops); "Re-plan with these times" fixes the moved starts and computes the
tour again, so the consequences are checked by the planner too.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGraphicsItem, QGraphicsRectItem, QGraphicsScene,
                               QGraphicsSimpleTextItem, QGraphicsView, QLabel, QPushButton, QVBoxLayout)

from app.services.event_pins import Block, consequences, pins, seconds, set_pin
from app.ui import fmt

PX_PER_MIN = 2.0
ROW_H = 40.0
LABEL_W = 190.0
SNAP_S = 5 * 60
COLOURS = ("#1f77b4", "#8c6d31", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f")


def _clock(s: float) -> str:
    """Seconds since midnight as the interface writes a time."""
    return fmt.clock(dt.time(int(s // 3600) % 24, int(s % 3600 // 60)))


class ReceptionItem(QGraphicsRectItem):
    """One reception; moves along its row only, by five minutes from its planned start."""

    def __init__(self, grid: "EventGridDialog", block: Block, x: float, y: float, w: float, colour: str):
        super().__init__(0, 0, w, ROW_H - 8)
        self.grid, self.block, self.row_y, self.colour, self.home_x = grid, block, y + 4, colour, x
        self.setPos(x, self.row_y)
        self.setBrush(QBrush(QColor(colour)))
        self.setPen(QPen(QColor("#333333"), 0.8))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, True)
        self.setCursor(Qt.CursorShape.SizeHorCursor)
        self.setToolTip(block.label)
        text = QGraphicsSimpleTextItem(block.label, self)
        text.setBrush(QBrush(QColor("#ffffff")))
        font = QFont()
        font.setPointSizeF(7.5)
        text.setFont(font)
        text.setPos(3, 3)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
            step = SNAP_S / 60 * PX_PER_MIN
            # by five minutes from where the plan put it, so that dragging back lands on it exactly
            x = max(LABEL_W, self.home_x + round((value.x() - self.home_x) / step) * step)
            return QPointF(x, self.row_y)
        return super().itemChange(change, value)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        self.grid.block_moved(self)

    def start_s(self) -> float:
        return self.grid.t0 + (self.pos().x() - LABEL_W) / PX_PER_MIN * 60


class EventGridDialog(QDialog):
    """Receptions of the current tour's plan; ``replan_requested`` after the moved times are stored."""

    replan_requested = Signal()

    def __init__(self, project, tour_id: int, parent=None):
        super().__init__(parent)
        from app.exports.event_tables import receptions
        from app.services.export import build_context

        self.project, self.tour_id = project, tour_id
        self.setWindowTitle(self.tr("Event grid"))
        self.resize(1100, 560)
        ctx = build_context(project, tour_id, layers=None)
        self.ctx = ctx
        self.receptions = receptions(ctx)
        self.pending: dict[tuple[int, int], float] = {}
        self.items: dict[tuple[int, int], ReceptionItem] = {}
        self.fixed = pins(project, tour_id)
        people = sum(g.people for g in ctx.groups.values()) or ctx.tour.participants
        summary = QLabel(self.tr("%1 · %2 buses · %3 groups · %4 people · %5 receptions").replace(
            "%1", fmt.long_date(ctx.tour.date)).replace("%2", str(len(ctx.plan.buses))).replace(
            "%3", str(len(ctx.groups))).replace("%4", str(people)).replace("%5", str(len(self.receptions))))
        summary.setObjectName("eventSummary")
        self.scene = QGraphicsScene(self)
        self.view = QGraphicsView(self.scene)
        self.view.setObjectName("eventGrid")
        self.view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.check = QLabel(self.tr("Drag a reception along its row to move that visit."))
        self.check.setObjectName("eventCheck")
        self.check.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.replan_button = QPushButton(self.tr("Re-plan with these times"))
        self.replan_button.setEnabled(False)
        self.replan_button.clicked.connect(self._replan)
        self.free_button = QPushButton(self.tr("Free the fixed times"))
        self.free_button.setEnabled(bool(self.fixed))
        self.free_button.clicked.connect(self._free)
        buttons.addButton(self.replan_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.free_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.check)
        layout.addWidget(buttons)
        self._draw()

    # -- drawing ---------------------------------------------------------------------------------
    def _draw(self) -> None:
        starts = [seconds(self.ctx.local(r.planned.arrival)) for r in self.receptions]
        ends = [seconds(self.ctx.local(r.planned.departure)) for r in self.receptions]
        self.t0 = (min(starts, default=8 * 3600) // 3600) * 3600.0
        t1 = (max(ends, default=17 * 3600) // 3600 + 1) * 3600.0
        width = LABEL_W + (t1 - self.t0) / 60 * PX_PER_MIN
        sites = list(dict.fromkeys(r.site.id for r in self.receptions))
        grid_pen = QPen(QColor("#d0d0d0"), 0.6)
        for h in range(int(self.t0), int(t1) + 1, 3600):
            x = LABEL_W + (h - self.t0) / 60 * PX_PER_MIN
            self.scene.addLine(x, 0, x, ROW_H * (len(sites) + 1), grid_pen)
            label = self.scene.addSimpleText(_clock(h))
            label.setPos(x + 2, 2)
        bus_index = {b.bus_id: k for k, b in enumerate(self.ctx.plan.buses)}
        for row, sid in enumerate(sites):
            y = ROW_H * (row + 1)
            self.scene.addLine(0, y, width, y, grid_pen)
            site = self.ctx.site(sid)
            cap = f" ({site.visit_capacity})" if site and site.visit_capacity else ""
            name = self.scene.addSimpleText((site.name if site else "?")[:30] + cap)
            name.setPos(4, y + ROW_H / 2 - 8)
            for r in (x for x in self.receptions if x.site.id == sid):
                start = seconds(self.ctx.local(r.planned.arrival))
                end = seconds(self.ctx.local(r.planned.departure))
                groups = ", ".join(g.name for g in r.groups)
                label = f"{r.bus.bus_name} · {r.people}" + (f" · {groups}" if groups else "") + (
                    f" · ×{len(r.turns)}" if len(r.turns) > 1 else "")
                block = Block(r.planned.stop_id, r.bus.bus_id, sid, start, end,
                              -(-r.people // max(1, len(r.turns))), label)
                x = LABEL_W + (start - self.t0) / 60 * PX_PER_MIN
                item = ReceptionItem(self, block, x, y, max(6.0, (end - start) / 60 * PX_PER_MIN),
                                     COLOURS[bus_index.get(r.bus.bus_id, 0) % len(COLOURS)])
                if (block.stop_id, block.bus_id) in self.fixed:
                    item.setPen(QPen(QColor("#000000"), 2.0, Qt.PenStyle.DashLine))
                self.scene.addItem(item)
                self.items[(block.stop_id, block.bus_id)] = item
        self.scene.setSceneRect(QRectF(0, 0, width + 10, ROW_H * (len(sites) + 1) + 10))

    # -- moving ----------------------------------------------------------------------------------
    def _bus_neighbours(self, block: Block) -> tuple[Optional[float], Optional[float]]:
        """When the bus leaves the stop before this visit and is due at the one after (seconds)."""
        bus = next(b for b in self.ctx.plan.buses if b.bus_id == block.bus_id)
        idx = next(i for i, s in enumerate(bus.stops) if s.stop_id == block.stop_id)
        before = seconds(self.ctx.local(bus.stops[idx - 1].departure)) if idx > 0 else None
        after = seconds(self.ctx.local(bus.stops[idx + 1].arrival)) if idx + 1 < len(bus.stops) else None
        return before, after

    def move(self, stop_id: int, bus_id: int, start_s: float) -> list[str]:
        """Move one reception to start at ``start_s`` (what a drag does); returns what it breaks."""
        item = self.items[(stop_id, bus_id)]
        item.setPos(LABEL_W + (start_s - self.t0) / 60 * PX_PER_MIN, item.row_y)
        return self.block_moved(item)

    def block_moved(self, item: ReceptionItem) -> list[str]:
        block = item.block
        start = item.start_s()
        if abs(start - block.start_s) < 1:
            self.pending.pop((block.stop_id, block.bus_id), None)
            item.setBrush(QBrush(QColor(item.colour)))
            self._update_buttons()
            return []
        stop = self.ctx.stops.get(block.stop_id)
        site = self.ctx.site(block.site_id)
        before, after = self._bus_neighbours(block)
        others = [i.block if i is not item else block for i in self.items.values()]
        problems = consequences(
            [o for o in others if o is not block] + [block], block, start,
            capacity=site.visit_capacity if site else None,
            windows=[(w.start_s, w.end_s) for w in stop.windows] if stop else [],
            bus_before_s=before, bus_after_s=after, company=site.name if site else "?",
            bus=next(b.bus_name for b in self.ctx.plan.buses if b.bus_id == block.bus_id))
        lang = fmt.language()
        texts = [m.text(lang) for m in problems]
        self.pending[(block.stop_id, block.bus_id)] = start
        item.setBrush(QBrush(QColor("#b00020" if texts else item.colour)))
        head = self.tr("%1 moved to %2.").replace("%1", block.label).replace("%2", _clock(start))
        fine = self.tr("Nothing breaks here; re-plan to check the rest of the day.")
        self.check.setText(head + " " + (" ".join(texts) if texts else fine))
        self._update_buttons()
        return texts

    def _update_buttons(self) -> None:
        self.replan_button.setEnabled(bool(self.pending) and not self.project.read_only)

    def _replan(self) -> None:
        for (stop_id, bus_id), start in self.pending.items():
            set_pin(self.project, self.tour_id, stop_id, bus_id, start)
        self.pending.clear()
        self.replan_requested.emit()
        self.accept()

    def _free(self) -> None:
        for stop_id, bus_id in list(self.fixed):
            set_pin(self.project, self.tour_id, stop_id, bus_id, None)
        self.fixed = {}
        self.free_button.setEnabled(False)
        self.replan_requested.emit()
        self.accept()
