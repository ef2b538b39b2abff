"""Read and write a company's visit slots as one line of text: "9 h 00–10 h 00; 14 h 00–15 h 30".

Each slot is a clock interval in which one bus's visit may start (the planner
lets at most one bus use a slot). Qt-free, so it is tested without widgets.
"""
from __future__ import annotations

from app.model.entities import TimeWindow
from app.i18n import formats, language, reading
from routing.errors import UserError
from routing.messages import Spans


class SlotsError(UserError):
    """A visit-slots text that cannot be read; the message quotes the part at fault."""


def slots_text(slots: list[TimeWindow], lang: str | None = None) -> str:
    """The slots in the UI's clock style, "9 h 00–10 h 00; 14 h 00–15 h 30" (empty for none)."""
    return "; ".join(formats.clock_range(w.start, w.end, lang or language()) for w in slots)


def parse_slots(text: str) -> list[TimeWindow]:
    """Read "9:00-10:00; 14 h 00–15 h 30" into slots sorted by start; empty text means no slots.

    Raises :class:`SlotsError` naming the first part that is not "start-end" clock
    times, a slot that ends before it starts, or two slots that overlap.
    """
    slots: list[TimeWindow] = []
    for part in reading.split_ranges(text):
        try:
            start, end = reading.parse_clock_range(part)
        except ValueError:
            raise SlotsError("slots.unreadable", slot=part) from None
        if end < start:
            raise SlotsError("slots.reversed", slot=part)
        slots.append(TimeWindow(start, end))
    slots.sort(key=lambda w: (w.start, w.end))
    for a, b in zip(slots, slots[1:]):
        if b.start < a.end:  # one bus per slot: overlapping slots would host two buses at once
            raise SlotsError("slots.overlap", first=Spans([(a.start_s, a.end_s)]), second=Spans([(b.start_s, b.end_s)]))
    return slots
