"""Vehicle profile: the coach whose legality and speeds the road graph is computed for.

A profile is a small frozen value; the compiled region stores raw road restrictions
(see :mod:`routing.osm_tags`) so legality and costs for any profile are computed at
load time (:mod:`routing.costs`), one bus after another.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VehicleProfile:
    """A coach: dimensions in metres / tonnes, speeds in km/h.

    ``speed_factor`` multiplies the road speed (maxspeed or class default), then
    ``max_speed_kph`` caps it. Penalties multiply the routing *cost* of a road (the
    reported ``duration_s`` stays the real driving time): residential streets,
    living streets and service roads are allowed but avoided when a better road
    exists; ``hgv=no`` roads are allowed (a coach is not a lorry) but avoided and
    reported as a warning.
    """

    name: str = "Autocar 12 m"
    height_m: float = 3.70
    weight_t: float = 18.0
    width_m: float = 2.55
    length_m: float = 12.0
    speed_factor: float = 0.85       # coaches are slower than cars
    max_speed_kph: float = 100.0     # legal cap for coaches (France, Austria)
    residential_penalty: float = 1.3
    living_street_penalty: float = 2.5
    service_penalty: float = 1.6
    hgv_no_penalty: float = 1.5


COACH_12M = VehicleProfile()
