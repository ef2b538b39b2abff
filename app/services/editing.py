"""New items and their defaults: what a new site, tour, bus, stop or group looks like.

The interface asks here instead of deciding in a widget; the names come from the
message catalog in the user's language ("Nouveau site 3", "Car 2").
"""
from __future__ import annotations

import datetime as dt
from typing import Optional, Sequence

from app.model.entities import Ambassador, Bus, ParticipantGroup, Site, SiteKind, SiteSource, Stop, StopKind, Tour
from routing.messages import Message

# Dwell of a new visit and of a new lunch stop, seconds.
DEFAULT_VISIT_S = 45 * 60
DEFAULT_LUNCH_S = 60 * 60
DEFAULT_SEATS = 50
# A new tour is dated two weeks ahead: organisers plan ahead, and today is rarely the tour's day.
NEW_TOUR_LEAD_DAYS = 14
# A group added when every participant already has one.
DEFAULT_GROUP_SIZE = 10


def _name(code: str, n: int) -> str:
    return Message(code, n=n).text()


def new_site(existing: int, lon: float, lat: float, name: Optional[str] = None) -> Site:
    """A company placed by hand at (lon, lat) degrees; ``existing`` sites are already in the project."""
    return Site(name=name or _name("default.site_name", existing + 1), lon=float(lon), lat=float(lat),
                kind=SiteKind.COMPANY, source=SiteSource.MANUAL)


# Where a site goes when there is no map to aim at: La Doua, Villeurbanne (the bundled Lyon extract).
FALLBACK_LONLAT = (4.85, 45.78)


def place_without_map(sites: Sequence[Site], bounds: Optional[tuple[float, float, float, float]]
                      ) -> tuple[float, float]:
    """(lon, lat) for a new site when the map shows nothing: the region's centre, else the sites' mean."""
    if bounds is not None:
        w, s, e, n = bounds
        return ((w + e) / 2, (s + n) / 2)
    if sites:
        return (sum(x.lon for x in sites) / len(sites), sum(x.lat for x in sites) / len(sites))
    return FALLBACK_LONLAT


def new_tour(existing: int, sites: Sequence[Site], today: Optional[dt.date] = None) -> tuple[Tour, Bus]:
    """A tour (starting at the first depot, if any) with its first bus; the bus's ``tour_id`` is set on adding."""
    depots = [s for s in sites if s.kind is SiteKind.DEPOT]
    tour = Tour(name=_name("default.tour_name", existing + 1),
                date=(today or dt.date.today()) + dt.timedelta(days=NEW_TOUR_LEAD_DAYS),
                start_site_id=depots[0].id if depots else None)
    return tour, new_bus(tour.id, 0)


def new_bus(tour_id: Optional[int], existing: int) -> Bus:
    """The tour's next bus: a 12 m coach with 50 seats."""
    return Bus(name=_name("default.bus_name", existing + 1), seats=DEFAULT_SEATS, tour_id=tour_id)


def new_stop(tour_id: int, site: Optional[Site], site_id: int, stops: Sequence[Stop]) -> Stop:
    """``site`` as the tour's last stop: lunch for a restaurant, else a visit."""
    kind = StopKind.LUNCH if site is not None and site.kind is SiteKind.RESTAURANT else StopKind.VISIT
    return Stop(site_id=site_id, kind=kind, dwell_s=DEFAULT_LUNCH_S if kind is StopKind.LUNCH else DEFAULT_VISIT_S,
                tour_id=tour_id, position=max((s.position for s in stops), default=-1) + 1)


def new_ambassador(existing: int) -> Ambassador:
    """An ambassador to fill in, available all day, presenting no site yet."""
    return Ambassador(name=_name("default.ambassador_name", existing + 1))


def new_group(tour: Tour, groups: Sequence[ParticipantGroup]) -> ParticipantGroup:
    """A group holding the tour's participants not yet in a group (else 10 people)."""
    left = tour.participants - sum(g.size for g in groups)
    return ParticipantGroup(name=_name("default.group_name", len(groups) + 1),
                            size=left if left > 0 else DEFAULT_GROUP_SIZE, tour_id=tour.id)
