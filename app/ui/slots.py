"""Read and write a company's visit slots as one line of text: "9 h 00–10 h 00; 14 h 00–15 h 30".

Each slot is a clock interval in which one bus's visit may start (the planner
lets at most one bus use a slot). Qt-free, so it is tested without widgets.
"""
from __future__ import annotations

from app.model.entities import TimeWindow
from app.ui import fmt
from routing.errors import Message, UserError

EXAMPLE_FR = "9 h 00–10 h 00 ; 14 h 00–15 h 30"
EXAMPLE_EN = "9:00-10:00; 14:00-15:30"


class SlotsError(UserError):
    """A visit-slots text that cannot be read; the message quotes the part at fault."""


def slots_text(slots: list[TimeWindow], lang: str | None = None) -> str:
    """The slots in the UI's clock style, "9 h 00–10 h 00; 14 h 00–15 h 30" (empty for none)."""
    return "; ".join(fmt.clock_range(w.start, w.end, lang) for w in slots)


def parse_slots(text: str) -> list[TimeWindow]:
    """Read "9:00-10:00; 14 h 00–15 h 30" into slots sorted by start; empty text means no slots.

    Raises :class:`SlotsError` naming the first part that is not "start-end" clock
    times, a slot that ends before it starts, or two slots that overlap.
    """
    slots: list[TimeWindow] = []
    for part in fmt.split_ranges(text):
        try:
            start, end = fmt.parse_clock_range(part)
        except ValueError:
            raise SlotsError(Message(
                en=f"Visit slot {part!r} cannot be read: write slots like {EXAMPLE_EN}.",
                fr=f"Créneau de visite « {part} » illisible : écrivez les créneaux comme « {EXAMPLE_FR} »."
            )) from None
        if end < start:
            raise SlotsError(Message(
                en=f"Visit slot {part!r} ends before it starts.",
                fr=f"Le créneau de visite « {part} » finit avant de commencer."))
        slots.append(TimeWindow(start, end))
    slots.sort(key=lambda w: (w.start, w.end))
    for a, b in zip(slots, slots[1:]):
        if b.start < a.end:  # one bus per slot: overlapping slots would host two buses at once
            pair_en = f"{slots_text([a], 'en')} and {slots_text([b], 'en')}"
            pair_fr = f"{slots_text([a], 'fr')} et {slots_text([b], 'fr')}"
            raise SlotsError(Message(
                en=f"Visit slots {pair_en} overlap: each slot hosts one bus, give them separate times.",
                fr=f"Les créneaux de visite {pair_fr} se chevauchent : chaque créneau reçoit un seul car, "
                   f"donnez-leur des heures distinctes."))
    return slots
