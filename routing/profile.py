"""Vehicle profile: the coach whose legality, speeds and time model the road graph uses.

A profile is a small frozen value; the compiled region stores raw road restrictions
(see :mod:`routing.osm_tags`) so legality and costs for any profile are computed at
load time (:mod:`routing.costs`, :mod:`routing.turns`), one bus after another.

The time model (free-flow speed, then delays at nodes, turns and stops) is documented with
its sources and calibration in ``docs/road-model.md``. Its parameters are few and named so
that actual times logged on tour day can fit them later.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VehicleProfile:
    """A coach: dimensions in metres / tonnes, speeds in km/h, delays in seconds.

    Speed: the road's speed (maxspeed, or the class default) times ``urban_speed_factor``
    on town roads of 31-50 km/h and ``speed_factor`` elsewhere, capped by ``max_speed_kph``.

    Delays (added to the driving time and the routing cost): ``signal_delay_s`` at traffic
    signals (mean wait), ``signal_crossing_delay_s`` at a pedestrian crossing with lights,
    ``stop_sign_delay_s``, ``give_way_delay_s``, ``crossing_delay_s`` at a zebra; at a junction
    a turn costs ``right_turn_s`` or ``left_turn_s`` (crossing the oncoming traffic), sharper
    turns ``sharp_turn_s``, and turning round where allowed (a dead end, a turning circle)
    ``u_turn_s``. ``stop_allowance_s`` is added to every leg: pulling out of and into a stop.

    Penalties multiply the routing *cost* of a road (the reported duration stays the real
    driving time): residential streets, living streets and service roads are allowed but
    avoided when a better road exists; ``hgv=no`` roads are allowed (a coach is not a lorry)
    but avoided and reported; roads a coach may use only to reach or leave a site
    (``access=destination|private``, parking aisles) cost ``end_only_penalty``.
    """

    name: str = "Autocar 12 m"
    height_m: float = 3.70
    weight_t: float = 18.0
    width_m: float = 2.55
    length_m: float = 12.0
    speed_factor: float = 0.85       # coaches are slower than cars on open roads
    urban_speed_factor: float = 0.80  # ... and much slower in town (bends, parked cars, buses)
    max_speed_kph: float = 100.0     # legal cap for coaches (France, Austria)
    residential_penalty: float = 1.3
    living_street_penalty: float = 2.5
    service_penalty: float = 1.6
    hgv_no_penalty: float = 1.5
    end_only_penalty: float = 2.0
    signal_delay_s: float = 8.0
    signal_crossing_delay_s: float = 4.0
    stop_sign_delay_s: float = 6.0
    give_way_delay_s: float = 3.0
    crossing_delay_s: float = 1.0
    right_turn_s: float = 3.0
    left_turn_s: float = 6.0
    sharp_turn_s: float = 10.0
    u_turn_s: float = 60.0
    stop_allowance_s: float = 15.0


COACH_12M = VehicleProfile()
