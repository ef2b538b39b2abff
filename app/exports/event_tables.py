"""Event days as tables: each company's reception schedule and each group's programme.

Pure functions of an :class:`ExportContext` (no Qt): the PDF and CSV modules
(:mod:`app.exports.receptions`, :mod:`app.exports.programmes`) and the UI's event grid
read the same rows. Times are the plan's (timezone-aware, the tour's zone).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from app.exports.context import ExportContext
from app.model.entities import ParticipantGroup, Site
from app.model.plan import BusPlan, PlannedStop
from app.model.rules import people_on_board, seat_groups

KIND_FR = {"visit": "Visite", "drive_by": "Passage commenté", "lunch": "Déjeuner", "break": "Pause",
           "pickup": "Prise en charge"}


@dataclass(frozen=True)
class Reception:
    """One bus's visit of a company: who comes, how many, when, in how many turns."""

    site: Site
    bus: BusPlan
    planned: PlannedStop
    groups: tuple[ParticipantGroup, ...]  # empty on a tour without groups
    people: int  # participants and accompanying adults
    adults: int
    turns: tuple[tuple[dt.datetime, dt.datetime], ...]  # each turn's start and end (one when no split)

    @property
    def start(self) -> dt.datetime:
        """When the visit starts (the bus may arrive earlier and wait)."""
        return self.turns[0][0]

    @property
    def end(self) -> dt.datetime:
        return self.turns[-1][1]


def turn_times(p: PlannedStop) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """The turns of a planned visit, equal parts of the time between its start and the bus's departure."""
    start = p.arrival + dt.timedelta(seconds=p.wait_s)
    n = max(1, p.turns)
    step = (p.departure - start) / n
    return tuple((start + step * k, start + step * (k + 1)) for k in range(n))


def receptions(ctx: ExportContext) -> list[Reception]:
    """Every visit of the plan, by company (name order) then time."""
    aboard = people_on_board(ctx.tour, list(ctx.buses.values()), list(ctx.groups.values()))
    out = []
    for bus in ctx.plan.buses:
        for p in bus.stops:
            site = ctx.site(p.site_id)
            if p.kind != "visit" or site is None:
                continue
            groups = tuple(ctx.groups[g] for g in p.visitors if g in ctx.groups)
            if groups:
                people, adults = sum(g.people for g in groups), sum(g.adults for g in groups)
            else:
                people, adults = aboard.get(bus.bus_id, 0), 0
            out.append(Reception(site, bus, p, groups, people, adults, turn_times(p)))
    return sorted(out, key=lambda r: (r.site.name.lower(), r.site.id or 0, r.start))


@dataclass(frozen=True)
class ProgrammeLine:
    """One moment of a group's day: a visit it makes, or a stop its bus makes with it on board."""

    planned: PlannedStop
    site: Optional[Site]
    visits: bool  # True: the group gets off and visits; False: it stays with the bus (drive-by, lunch...)


def programmes(ctx: ExportContext) -> list[tuple[ParticipantGroup, Optional[BusPlan], list[ProgrammeLine]]]:
    """Each group (name order) with its bus's plan and its day. A visit of its bus that is for other
    groups is left out (the group waits on the bus, or the bus drops it before and fetches it after);
    every other stop of its bus is on its day."""
    bus_of: dict[int, BusPlan] = {}
    for bus in ctx.plan.buses:
        for p in bus.stops:
            for g in p.visitors:
                bus_of.setdefault(g, bus)
    seating = seat_groups(list(ctx.buses.values()), list(ctx.groups.values()))
    by_id = {b.bus_id: b for b in ctx.plan.buses}
    out = []
    for g in sorted(ctx.groups.values(), key=lambda g: (g.name.lower(), g.id or 0)):
        bus = bus_of.get(g.id) or by_id.get(seating.get(g.id))
        lines = []
        if bus is not None:
            for p in bus.stops:
                if p.kind == "visit":
                    if g.id in p.visitors:
                        lines.append(ProgrammeLine(p, ctx.site(p.site_id), True))
                else:
                    lines.append(ProgrammeLine(p, ctx.site(p.site_id), False))
        out.append((g, bus, lines))
    return out
