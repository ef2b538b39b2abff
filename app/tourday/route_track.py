"""A bus's planned route as one measured line, with the plan's time at every point of it.

The legs' road polylines are joined end to end and projected to local metres (equirectangular
about the route's middle: within a tour's few tens of kilometres the error is far below GPS
noise). ``s`` is the distance along the whole route in metres from the depot; leg ``i`` runs
from ``leg_start_m[i]`` to ``leg_end_m[i]``, and stop ``i`` of the plan (sequence ``i + 1``)
sits at ``leg_end_m[i]``. Along a leg the planned time grows in proportion to distance (the
plan knows each leg's departure and arrival, not the speed street by street); at a stop it
waits from the planned arrival to the planned departure.

:func:`rehearsal_fixes` drives the plan: one fix a second along the route at the planned
times, stopping at the stops, optionally with GPS noise. It is the "Répétition" of the demo and
the input of the tests and benchmarks.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Optional

import numpy as np

from app.model.plan import BusPlan
from app.tourday.fixes import EARTH_RADIUS_M, Fix


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection about (``lon0``, ``lat0``): degrees <-> local metres."""

    lon0: float
    lat0: float

    @property
    def _kx(self) -> float:
        return EARTH_RADIUS_M * math.cos(math.radians(self.lat0)) * math.pi / 180.0

    @property
    def _ky(self) -> float:
        return EARTH_RADIUS_M * math.pi / 180.0

    def to_xy(self, lon, lat):
        return (np.asarray(lon) - self.lon0) * self._kx, (np.asarray(lat) - self.lat0) * self._ky

    def to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        return self.lon0 + x / self._kx, self.lat0 + y / self._ky


class RouteTrack:
    """The planned route of one bus: vertices ``xy`` (metres), cumulative ``s`` (metres), legs and times."""

    def __init__(self, bus_plan: BusPlan):
        self.bus_plan = bus_plan
        points: list[tuple[float, float]] = []
        ends = []
        for leg in bus_plan.legs:
            geometry = list(leg.geometry)
            if not geometry:  # a leg without geometry (same place): a point
                geometry = [points[-1]] if points else []
            for p in geometry:
                if points and p == points[-1]:
                    continue
                points.append((float(p[0]), float(p[1])))
            ends.append(max(len(points) - 1, 0))
        if not points:
            raise ValueError("a route needs geometry")
        lon = np.array([p[0] for p in points])
        lat = np.array([p[1] for p in points])
        self.projection = Projection(float(lon.mean()), float(lat.mean()))
        x, y = self.projection.to_xy(lon, lat)
        self.xy = np.column_stack([x, y])
        seg = np.hypot(np.diff(x), np.diff(y))
        self.s = np.concatenate([[0.0], np.cumsum(seg)])
        # A leg starts where the previous one ended (its first vertex is the previous leg's last).
        self.leg_end_m = np.array([self.s[e] for e in ends])
        self.leg_start_m = np.concatenate([[0.0], self.leg_end_m[:-1]])
        self.length_m = float(self.s[-1])
        # Segment k goes from vertex k to k+1: its bearing (degrees from north) and length.
        d = np.diff(self.xy, axis=0)
        self.seg_len = seg
        self.seg_bearing = np.degrees(np.arctan2(d[:, 0], d[:, 1])) % 360.0 if len(d) else np.zeros(0)

    # -- where and when ------------------------------------------------------------------
    @property
    def stop_count(self) -> int:
        return len(self.bus_plan.stops)

    def stop_m(self, index: int) -> float:
        """Distance along the route of stop ``index`` (0-based position in the plan)."""
        return float(self.leg_end_m[index])

    def leg_of(self, s: float) -> int:
        """The leg a point ``s`` metres along lies on (a stop's point belongs to the leg ending there)."""
        k = int(np.searchsorted(self.leg_end_m, s - 1e-6, side="left"))
        return min(k, len(self.leg_end_m) - 1)

    def point_at(self, s: float) -> tuple[float, float]:
        """(lon, lat) of the point ``s`` metres along."""
        s = min(max(s, 0.0), self.length_m)
        k = int(np.searchsorted(self.s, s, side="right")) - 1
        k = min(max(k, 0), len(self.s) - 2) if len(self.s) > 1 else 0
        if len(self.s) == 1:
            return self.projection.to_lonlat(*self.xy[0])
        f = (s - self.s[k]) / self.seg_len[k] if self.seg_len[k] > 0 else 0.0
        x, y = self.xy[k] + f * (self.xy[k + 1] - self.xy[k])
        return self.projection.to_lonlat(float(x), float(y))

    def bearing_at(self, s: float) -> float:
        """Bearing of the route (degrees from north) at ``s`` metres along."""
        if not len(self.seg_bearing):
            return 0.0
        k = int(np.searchsorted(self.s, s, side="right")) - 1
        k = min(max(k, 0), len(self.seg_bearing) - 1)
        while k < len(self.seg_len) - 1 and self.seg_len[k] == 0:
            k += 1
        return float(self.seg_bearing[k])

    def planned_time_at(self, s: float, leg_index: Optional[int] = None) -> dt.datetime:
        """When the plan passes ``s`` metres along (on leg ``leg_index`` when given; else at a stop's
        point: its planned arrival)."""
        if leg_index is None:
            leg_index = self.leg_of(s)
        leg = self.bus_plan.legs[leg_index]
        a, b = self.leg_start_m[leg_index], self.leg_end_m[leg_index]
        f = (s - a) / (b - a) if b > a else 1.0
        f = min(max(f, 0.0), 1.0)
        return leg.departure + dt.timedelta(seconds=f * (leg.arrival - leg.departure).total_seconds())

    def s_at_planned_time(self, when: dt.datetime, leg_index: Optional[int] = None) -> float:
        """Where the plan is at ``when`` (on leg ``leg_index`` when given: clamped to it)."""
        legs = self.bus_plan.legs
        if leg_index is None:
            leg_index = len(legs) - 1
            for k, leg in enumerate(legs):
                if when <= leg.arrival:
                    leg_index = k
                    break
        leg = legs[leg_index]
        span = (leg.arrival - leg.departure).total_seconds()
        f = (when - leg.departure).total_seconds() / span if span > 0 else 1.0
        f = min(max(f, 0.0), 1.0)
        return float(self.leg_start_m[leg_index] + f * (self.leg_end_m[leg_index] - self.leg_start_m[leg_index]))


def rehearsal_fixes(track: RouteTrack, step_s: float = 1.0, noise_m: float = 0.0, seed: int = 0,
                    start: Optional[dt.datetime] = None, stand_after_s: float = 60.0) -> list[Fix]:
    """Fixes every ``step_s`` seconds of a bus driving its plan on time: along each leg at the
    leg's planned average speed, standing at each stop from arrival to departure. ``noise_m``:
    the standard deviation of a Gaussian position error (a GPS in town: 3-8 m). ``start``: shift
    the whole day so that it begins then (a rehearsal today of a tour planned for another date)."""
    rng = np.random.default_rng(seed)
    plan = track.bus_plan
    shift = (start - plan.departure) if start is not None else dt.timedelta(0)
    fixes: list[Fix] = []
    t = plan.departure
    end = plan.return_ + dt.timedelta(seconds=stand_after_s)  # parked at the depot a while
    step = dt.timedelta(seconds=step_s)
    legs = plan.legs
    while t <= end:
        # Where is the plan at t: on leg k (moving), or standing at stop k (between its arrival and departure).
        s, moving, leg_index = None, False, len(legs) - 1
        for k, leg in enumerate(legs):
            if t < leg.departure:
                s = float(track.leg_start_m[k])  # standing at the previous stop
                leg_index = k
                break
            if t < leg.arrival:
                s = track.s_at_planned_time(t, k)
                moving = leg.duration_s > 0
                leg_index = k
                break
        if s is None:
            s = track.length_m
        speed = 0.0
        if moving:
            leg = legs[leg_index]
            span = (leg.arrival - leg.departure).total_seconds()
            speed = (track.leg_end_m[leg_index] - track.leg_start_m[leg_index]) / span if span > 0 else 0.0
        lon, lat = track.point_at(s)
        if noise_m > 0:
            x, y = track.projection.to_xy(lon, lat)
            lon, lat = track.projection.to_lonlat(float(x) + rng.normal(0, noise_m), float(y) + rng.normal(0, noise_m))
        heading = track.bearing_at(s) if moving else None
        fixes.append(Fix(t + shift, float(lon), float(lat), float(speed), heading))
        t += step
    return fixes
