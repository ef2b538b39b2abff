"""Times the organiser fixed for one bus's visit on an event day (a reception moved in the event
grid), and what moving a reception there would break.

Stored in the project's settings as JSON (``event_pins/<tour id>``: {"<stop id>:<bus id>": start
in seconds since midnight}); part of the plan's inputs, so a moved reception makes the plan
outdated until it is computed again. No Qt.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from routing.messages import Clock, Message

PIN_LEEWAY_S = 10 * 60  # a pinned visit starts within ten minutes of the time it was moved to


def _key(tour_id: int) -> str:
    return f"event_pins/{tour_id}"


def pins(project: Any, tour_id: int) -> dict[tuple[int, int], float]:
    """(stop id, bus id) -> the start (seconds since midnight) the organiser fixed; {} when none or
    when the stored value is damaged (a pin is a wish, never worth refusing the project)."""
    raw = project.setting(_key(tour_id))
    try:
        data = json.loads(raw) if raw else {}
        out = {}
        for k, v in data.items():
            stop, bus = (int(x) for x in k.split(":"))
            if isinstance(v, (int, float)) and 0 <= v <= 86_400:
                out[(stop, bus)] = float(v)
        return out
    except (ValueError, AttributeError, TypeError):
        return {}


def set_pin(project: Any, tour_id: int, stop_id: int, bus_id: int, start_s: Optional[float]) -> None:
    """Fix (or, with None, free) when bus ``bus_id`` starts its visit of stop ``stop_id``."""
    current = pins(project, tour_id)
    if start_s is None:
        current.pop((stop_id, bus_id), None)
    else:
        current[(stop_id, bus_id)] = float(round(start_s))
    project.set_setting(_key(tour_id), json.dumps({f"{s}:{b}": t for (s, b), t in sorted(current.items())}))


@dataclass(frozen=True)
class Block:
    """A reception as the event grid shows it: one bus's visit of a company, in seconds since midnight."""

    stop_id: int
    bus_id: int
    site_id: int
    start_s: float
    end_s: float
    people: int  # at once (the largest turn)
    label: str = ""


def seconds(when: dt.datetime) -> float:
    return when.hour * 3600 + when.minute * 60 + when.second


def consequences(blocks: Sequence[Block], moved: Block, new_start_s: float, *, capacity: Optional[int],
                 windows: Sequence[tuple[float, float]], bus_before_s: Optional[float],
                 bus_after_s: Optional[float], company: str, bus: str) -> list[Message]:
    """What moving ``moved`` to start at ``new_start_s`` would break, each said: outside the
    company's opening, more people at once than it receives (with another bus's visit), before the
    bus has left its previous stop or after it should be at its next one. [] when nothing."""
    length = moved.end_s - moved.start_s
    start, end = new_start_s, new_start_s + length
    out = []
    if windows and not any(a <= start and end <= b for a, b in windows):
        out.append(Message("event.move_outside_opening", company=company, start=Clock(start), end=Clock(end)))
    if capacity:
        others = [b for b in blocks if b.site_id == moved.site_id and b is not moved and b.start_s < end
                  and start < b.end_s]
        if others and moved.people + sum(b.people for b in others) > capacity:
            out.append(Message("event.move_over_capacity", company=company, people=moved.people + sum(
                b.people for b in others), capacity=capacity, other=others[0].label))
    if bus_before_s is not None and start < bus_before_s:
        out.append(Message("event.move_before_previous", bus=bus, left=Clock(bus_before_s)))
    if bus_after_s is not None and end > bus_after_s:
        out.append(Message("event.move_after_next", bus=bus, due=Clock(bus_after_s)))
    return out
