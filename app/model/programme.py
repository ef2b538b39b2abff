"""Event days: which bus serves which stop for whom, so that every group gets its programme.

A tour without participant groups is a delivery problem: each stop once, by any bus.
A tour with groups is the opposite: every group makes its programme, so each bus
carrying groups serves the visits of its own groups, and every shared stop
(drive-by, lunch, break, pickup). A company that receives fewer people at once than
a bus brings hosts them in turns (sub-groups of even size visit one after the other
while the others wait), so the bus stays there for every turn.

Plain Python, no Qt, no store: :func:`lay_out` is what the planner, the editor's
checks and the exports share. People are participants plus accompanying adults
(:attr:`ParticipantGroup.people`); durations are seconds.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional, Sequence

from app.model.entities import Bus, ParticipantGroup, Site, Stop, StopKind
from app.model.rules import seat_groups
from routing.messages import Message


@dataclass(frozen=True)
class BusVisit:
    """One bus's visit of a company for its groups.

    ``turns`` sub-groups of at most ``at_once`` people visit in turn; the bus stays
    ``turns`` x the stop's visit length (``dwell_s``).
    """

    stop_id: int
    bus_id: int
    visitors: tuple[int, ...]  # group ids, in the bus's order
    people: int
    turns: int
    at_once: int  # people in the largest turn
    dwell_s: int


@dataclass(frozen=True)
class LayoutNote:
    """Something the organiser should know about the layout (``severity`` as a plan warning's)."""

    code: str
    message: Message
    stop_id: Optional[int] = None
    bus_id: Optional[int] = None
    severity: str = "warning"


@dataclass(frozen=True)
class Layout:
    """Who goes where: the seating, each bus's visits and the shared stops each bus serves."""

    seating: dict[int, Optional[int]]  # group id -> bus id
    visits: tuple[BusVisit, ...]
    shared: dict[int, tuple[int, ...]]  # stop id (not a visit) -> the buses that serve it
    notes: tuple[LayoutNote, ...] = ()
    chosen: dict[int, tuple[int, ...]] = field(default_factory=dict)  # group id -> stop ids chosen among its choices

    def services(self) -> list[tuple[int, int]]:
        """Every (stop id, bus id) a bus must serve, visits first."""
        return [(v.stop_id, v.bus_id) for v in self.visits] + [
            (sid, b) for sid, buses in self.shared.items() for b in buses]

    def visit(self, stop_id: int, bus_id: int) -> Optional[BusVisit]:
        for v in self.visits:
            if v.stop_id == stop_id and v.bus_id == bus_id:
                return v
        return None

    def programme(self, group_id: int) -> list[int]:
        """The visits (stop ids) group ``group_id`` makes."""
        return [v.stop_id for v in self.visits if group_id in v.visitors]


def turns_for(sizes: Sequence[int], capacity: Optional[int]) -> tuple[int, int]:
    """(turns, people in the largest turn) for groups of ``sizes`` visiting a company that receives
    ``capacity`` people at once (None: any number).

    As few turns as the capacity allows, the people shared evenly between them: 50 pupils at a
    company of 20 visit in 3 turns of 17, 17 and 16 (two classes of 25 become three sub-groups;
    the accompanying adults share themselves out with them).
    """
    total = sum(s for s in sizes if s > 0)
    if total == 0:
        return 1, 0
    if capacity is None or capacity <= 0 or total <= capacity:
        return 1, total
    turns = math.ceil(total / capacity)
    return turns, math.ceil(total / turns)


def lay_out(buses: Sequence[Bus], stops: Sequence[Stop], groups: Sequence[ParticipantGroup],
            sites: dict[int, Site], avoid: frozenset = frozenset()) -> Layout:
    """Each bus's services for its groups' programmes (see the module's docstring).

    ``stops`` in the organiser's order. A stop the organiser put on one bus
    (``Stop.bus_id``) is served by that bus only. Choices ("k visits among these")
    go where the bus already goes, else to the company fewest buses visit, so the
    companies' load stays even. ``avoid`` holds (bus id, stop id) choices not to make again (a plan
    could not fit them: the planner asks for another layout).
    """
    seating = seat_groups(buses, groups)
    bus_ids = [b.id for b in buses]
    bus_name = {b.id: b.name for b in buses}
    by_bus: dict[int, list[ParticipantGroup]] = {b: [] for b in bus_ids}
    for g in groups:
        if seating.get(g.id) in by_bus:
            by_bus[seating[g.id]].append(g)
    visits_of_tour = [s for s in stops if s.kind == StopKind.VISIT]
    visit_ids = {s.id for s in visits_of_tour}
    notes: list[LayoutNote] = []
    wants: dict[int, list[int]] = {}  # group id -> visit stop ids
    chosen: dict[int, tuple[int, ...]] = {}
    going: dict[int, set[int]] = {s.id: set() for s in visits_of_tour}  # stop -> buses

    def allowed(stop: Stop, bus_id: int) -> bool:
        return stop.bus_id is None or stop.bus_id == bus_id or stop.bus_id not in by_bus

    stop_by_id = {s.id: s for s in stops}

    def capacity(i: int) -> Optional[int]:
        site = sites.get(stop_by_id[i].site_id)
        return site.visit_capacity if site is not None else None

    def stay(i: int, b: int, extra: Sequence[ParticipantGroup] = ()) -> int:
        """How long bus ``b`` stays at visit ``i`` with its groups already going there (and ``extra``)."""
        who = [g for g in by_bus[b] if i in wants.get(g.id, ())] + list(extra)
        return turns_for([g.people for g in who], capacity(i))[0] * int(stop_by_id[i].dwell_s)

    for b in bus_ids:  # the fixed part of every programme first: choices then see the load
        for g in by_bus[b]:
            ids = [s.id for s in visits_of_tour] if not g.has_programme else [i for i in g.visits if i in visit_ids]
            wants[g.id] = [i for i in ids if allowed(stop_by_id[i], b)]
            for i in wants[g.id]:
                going[i].add(b)
    occupied = {i: sum(stay(i, b) for b in going[i]) for i in going}  # seconds of stays at each visit
    for b in bus_ids:
        for g in by_bus[b]:
            if not g.choices_k:
                continue
            options = [i for i in g.choices if i in visit_ids and i not in wants[g.id] and allowed(stop_by_id[i], b)]
            spare = [i for i in options if (b, i) not in avoid]
            if len(spare) >= g.choices_k:
                options = spare
            pick: list[int] = []
            while len(pick) < g.choices_k and len(pick) < len(options):
                def extra(i: int) -> int:  # how much longer bus b stays at i with g on board too
                    return stay(i, b, [g]) - (stay(i, b) if b in going[i] else 0)

                # where the bus goes anyway, else the company least occupied (every bus's stay, turns
                # included) once this bus is there: a whole bus received at once beats three turns,
                # and no company is crowded while another idles
                best = min((i for i in options if i not in pick),
                           key=lambda i: (b not in going[i], occupied[i] + extra(i), i))
                occupied[best] += extra(best)
                pick.append(best)
                wants[g.id].append(best)
                going[best].add(b)
            if len(pick) < g.choices_k:
                notes.append(LayoutNote("programme_short", Message(
                    "programme.too_few_choices", group=g.name, wanted=g.choices_k, offered=len(pick)), None, b))
            chosen[g.id] = tuple(pick)
    visits: list[BusVisit] = []
    for s in visits_of_tour:
        cap = sites[s.site_id].visit_capacity if s.site_id in sites else None
        for b in bus_ids:
            who = [g for g in by_bus[b] if s.id in wants.get(g.id, ())]
            if not who:
                if s.bus_id == b:  # put on this bus by the organiser, though none of its groups asked
                    visits.append(BusVisit(s.id, b, (), 0, 1, 0, int(s.dwell_s)))
                continue
            turns, at_once = turns_for([g.people for g in who], cap)
            visits.append(BusVisit(s.id, b, tuple(g.id for g in who), sum(g.people for g in who), turns, at_once,
                                   int(s.dwell_s) * turns))
            if turns > 1:
                notes.append(LayoutNote("visit_in_turns", Message(
                    "programme.visit_in_turns", bus=bus_name[b], stop=sites[s.site_id].name, people=sum(
                        g.people for g in who), capacity=cap, turns=turns), s.id, b, "info"))
    carrying = [b for b in bus_ids if by_bus[b]]
    shared: dict[int, tuple[int, ...]] = {}
    for s in stops:
        if s.kind == StopKind.VISIT:
            continue
        if s.bus_id is not None and s.bus_id in by_bus:
            shared[s.id] = (s.bus_id,)
        else:
            shared[s.id] = tuple(carrying)
    for b in bus_ids:
        if not by_bus[b] and not any(v.bus_id == b for v in visits) and not any(b in x for x in shared.values()):
            notes.append(LayoutNote("bus_unused", Message("programme.bus_carries_nobody", bus=bus_name[b]),
                                    None, b, "info"))
    for g in groups:
        if seating.get(g.id) is not None and not wants.get(g.id) and (g.has_programme or visits_of_tour):
            notes.append(LayoutNote("programme_empty", Message("programme.group_without_visit", group=g.name),
                                    None, seating.get(g.id)))
    return Layout(seating, tuple(visits), shared, tuple(notes), chosen)
