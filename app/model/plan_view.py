"""A plan's rows with the records they name, joined once for every view and export.

The itinerary panel and every export read a plan the same way (the timeline and the
ambassadors' legs, which draw legs rather than stops, still walk the plan themselves):
bus by bus, each planned stop with its site, its stop, its presenting ambassador,
the legs in and out, and the video cues played there. :func:`stop_rows` does that
join; :func:`itinerary_lines` adds the departure from and the return to the depot.
Pure functions of the plan and the records (no store, no Qt), so they sit in the
model, below both the services and the exports that use them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping, Optional

from app.i18n import label
from app.model.entities import Ambassador, Site, Stop, StopKind
from app.model.plan import BusPlan, Cue, Leg, Plan, PlannedStop


@dataclass(frozen=True)
class StopRow:
    """One planned stop with the records it refers to resolved."""

    bus: BusPlan
    bus_index: int
    planned: PlannedStop
    site: Optional[Site]
    stop: Optional[Stop]
    ambassador: Optional[Ambassador]  # who presents the stop
    leg_in: Optional[Leg]
    leg_out: Optional[Leg]
    cues: tuple[Cue, ...]

    @property
    def number(self) -> int:
        return self.planned.sequence

    def kind_label(self, lang: Optional[str] = None) -> str:
        """"Visite", "Passage"... (a planned stop keeps its kind as text: the catalog names the enum's)."""
        try:
            kind = StopKind(self.planned.kind)
        except ValueError:
            return str(self.planned.kind)
        return label(kind, lang)

    @property
    def kind_fr(self) -> str:
        return self.kind_label("fr")

    def name_in(self, lang: Optional[str] = None) -> str:
        """The site's name, else the planned stop's own name, else its kind (a driver's break)."""
        if self.site is not None:
            return self.site.name
        return self.planned.name or self.kind_label(lang)

    @property
    def name(self) -> str:
        return self.name_in("fr")

    @property
    def lonlat(self) -> Optional[tuple[float, float]]:
        if self.site is not None:
            return (self.site.lon, self.site.lat)
        if self.leg_in is not None and self.leg_in.geometry:
            return tuple(self.leg_in.geometry[-1])  # type: ignore[return-value]
        return None

    @property
    def visit_start(self):
        """When the stop itself begins: the coach's arrival plus its wait for the window to open."""
        return self.planned.arrival + dt.timedelta(seconds=self.planned.wait_s)

    @property
    def is_inserted(self) -> bool:
        """A stop the planner added (a driver's break), not one of the organiser's."""
        return self.planned.stop_id is None


def stop_rows(plan: Plan, sites: Mapping[int, Site], stops: Mapping[int, Stop] = {},
              ambassadors: Mapping[int, Ambassador] = {}, bus: Optional[BusPlan] = None) -> list[StopRow]:
    """Planned stops, bus by bus in plan order (only ``bus``'s when given), records resolved."""
    out: list[StopRow] = []
    for b_index, b in enumerate(plan.buses):
        if bus is not None and b is not bus:
            continue
        for i, ps in enumerate(b.stops):
            cues = tuple(c for c in b.cues if (ps.site_id is not None and c.site_id == ps.site_id)
                         or (c.site_id is None and c.leg_index == i))
            out.append(StopRow(
                bus=b, bus_index=b_index, planned=ps,
                site=sites.get(ps.site_id) if ps.site_id is not None else None,
                stop=stops.get(ps.stop_id) if ps.stop_id is not None else None,
                ambassador=ambassadors.get(ps.ambassador_id) if ps.ambassador_id is not None else None,
                leg_in=b.legs[i] if i < len(b.legs) else None,
                leg_out=b.legs[i + 1] if i + 1 < len(b.legs) else None, cues=cues))
    return out


@dataclass(frozen=True)
class ItineraryLine:
    """One line of the day: the departure, a stop, or the return (``row`` None at the depot)."""

    bus: BusPlan
    place: str
    kind: str  # a stop kind's value, or "start" / "end" at the depot
    arrival: Optional[dt.datetime]
    departure: Optional[dt.datetime]
    leg_in: Optional[Leg]
    site_id: Optional[int]
    row: Optional[StopRow] = None


def itinerary_lines(plan: Plan, sites: Mapping[int, Site], ambassadors: Mapping[int, Ambassador] = {},
                    lang: Optional[str] = None) -> list[ItineraryLine]:
    """Per bus: the departure from its depot, each planned stop, the return."""
    out: list[ItineraryLine] = []
    rows = stop_rows(plan, sites, ambassadors=ambassadors)
    for bus in plan.buses:
        start, end = sites.get(bus.start_site_id), sites.get(bus.end_site_id)
        out.append(ItineraryLine(bus, start.name if start else "", "start", None, bus.departure, None,
                                 bus.start_site_id))
        for r in (r for r in rows if r.bus is bus):
            out.append(ItineraryLine(bus, r.name_in(lang), r.planned.kind, r.planned.arrival, r.planned.departure,
                                     r.leg_in, r.planned.site_id, r))
        out.append(ItineraryLine(bus, end.name if end else "", "end", bus.return_, None,
                                 bus.legs[-1] if bus.legs else None, bus.end_site_id))
    return out
