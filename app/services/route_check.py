"""``zitour region route``: one coach route between points, with what it drives, for checking by hand.

The same network and profile as the planner (:meth:`routing.region.Region.network`), so a
doubtful leg of a plan can be looked at on its own; the JSON follows OSRM's route response
(``routes[0].legs[k].annotation.nodes`` = the OSM node ids traversed) so that audit scripts
written for OSRM read it unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from routing.errors import RoutingError, UserError
from routing.messages import Message
from routing.profile import COACH_12M, VehicleProfile


@dataclass
class RoutedLeg:
    duration_s: float
    distance_m: float
    coords: list[tuple[float, float]]
    node_ids: tuple[int, ...]
    way_ids: tuple[int, ...]
    warnings: tuple[Message, ...] = ()


@dataclass
class Waypoint:
    lon: float
    lat: float
    road_lon: float
    road_lat: float
    distance_m: float
    kerb_side: str          # "right" / "left": the side of the road the point is on, seen by the coach


@dataclass
class RouteResult:
    """A route, or ``error`` (a message naming the point or leg) when there is none."""

    legs: list[RoutedLeg] = field(default_factory=list)
    waypoints: list[Waypoint] = field(default_factory=list)
    error: Message | None = None
    error_code: str = ""      # OSRM's: "NoSegment" (a point off the coach's roads), "NoRoute"

    @property
    def duration_s(self) -> float:
        return sum(g.duration_s for g in self.legs)

    @property
    def distance_m(self) -> float:
        return sum(g.distance_m for g in self.legs)

    def to_json(self) -> dict:
        """The OSRM-shaped JSON object (``code`` "Ok" or the error code and its message in English)."""
        if self.error is not None:
            return {"code": self.error_code, "message": self.error.text("en")}
        return {
            "code": "Ok",
            "routes": [{
                "duration": round(self.duration_s, 1), "distance": round(self.distance_m, 1),
                "legs": [{"duration": round(g.duration_s, 1), "distance": round(g.distance_m, 1),
                          "annotation": {"nodes": list(g.node_ids), "ways": list(g.way_ids)},
                          "geometry": {"type": "LineString", "coordinates": [list(c) for c in g.coords]}}
                         for g in self.legs],
            }],
            "waypoints": [{"location": [w.road_lon, w.road_lat], "distance": round(w.distance_m, 1),
                           "kerb_side": w.kerb_side} for w in self.waypoints],
        }


def parse_point(text: str) -> tuple[float, float]:
    """"LON,LAT" in degrees; UserError naming the text when it is not."""
    try:
        lon, lat = (float(v) for v in text.split(","))
    except ValueError:
        raise UserError("cli.route.bad_point", point=text) from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise UserError("cli.route.bad_point", point=text)
    return lon, lat


def coach_profile(height_m: float | None = None, weight_t: float | None = None, width_m: float | None = None,
                  length_m: float | None = None) -> VehicleProfile:
    """The planner's default coach with the dimensions given replaced."""
    p = COACH_12M
    changes = {k: v for k, v in (("height_m", height_m), ("weight_t", weight_t), ("width_m", width_m),
                                 ("length_m", length_m)) if v is not None}
    if not changes:
        return p
    from dataclasses import replace
    return replace(p, name=f"{p.name} ({', '.join(f'{k}={v:g}' for k, v in changes.items())})", **changes)


def route(net, points: list[tuple[float, float]]) -> RouteResult:
    """The coach's route through ``points`` in order on ``net`` (a :class:`CoachNetwork`)."""
    if len(points) < 2:
        return RouteResult(error=Message("cli.route.too_few_points"), error_code="InvalidQuery")
    res = RouteResult()
    snaps = []
    for k, (lon, lat) in enumerate(points, start=1):
        s = net.snap(lon, lat)
        if not s.ok:
            return RouteResult(error=Message("cli.route.point_off_road", n=k, point=f"{lon:.6f},{lat:.6f}",
                                             reason=s.reason if s.reason is not None else ""),
                               error_code="NoSegment")
        snaps.append(s)
        res.waypoints.append(Waypoint(lon, lat, s.road_lon, s.road_lat, s.distance_m, s.kerb_side))
    for k in range(len(snaps) - 1):
        try:
            leg = net.leg(snaps[k], snaps[k + 1])
        except RoutingError:
            return RouteResult(error=Message("cli.route.no_route", n=k + 1, next=k + 2), error_code="NoRoute")
        res.legs.append(RoutedLeg(leg.duration_s, leg.distance_m, leg.coords, leg.node_ids, leg.way_ids,
                                  leg.warnings))
    return res
