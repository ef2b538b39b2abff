"""Map-matching a fix to the planned route: which leg, how far along, on or off the route.

The bus moves forward along its plan, so the match is a cursor that only advances: each fix is
projected on the segments of a window around the cursor (``BACK_M`` behind for GPS noise, ahead
as far as the bus could have gone since the last fix), and among those the segments whose
direction disagrees with the fix's course by more than ``HEADING_TOLERANCE_DEG`` are ignored
while the bus moves. A route that passes the same street twice (out to a company and back) is
therefore never confused: the other pass is either outside the window or the wrong way.

A fix farther than ``OFF_ROUTE_M`` from every candidate leaves the cursor where it was; when that
lasts ``OFF_ROUTE_S`` the bus is off route (a detour, a closed road, a skipped stop), and the
search then looks along the whole rest of the route, so the cursor picks the plan up again
wherever the bus rejoins it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

import numpy as np

from app.tourday.fixes import Fix
from app.tourday.route_track import RouteTrack

BACK_M = 40.0  # how far behind the cursor a fix may project (GPS noise when standing)
AHEAD_MIN_M = 250.0  # the window ahead, at least
MAX_SPEED_MPS = 35.0  # no coach goes faster: bounds the window ahead between two fixes
OFF_ROUTE_M = 50.0  # farther than this from the route: not on it
OFF_ROUTE_S = 20.0  # ...for this long: off route
HEADING_TOLERANCE_DEG = 75.0  # a segment this far from the course is the other direction
MOVING_MPS = 2.0  # below this, a GPS course is noise


@dataclass(frozen=True)
class Match:
    """Where a fix lies on the plan: ``s_m`` along the route (the cursor), the leg, how far the
    fix is from the route, and whether the bus is off route (``off_route_since``: when it left)."""

    fix: Fix
    s_m: float
    leg_index: int
    offset_m: float
    on_route: bool
    off_route: bool
    off_route_since: Optional[dt.datetime] = None


def _angle_between(a: np.ndarray, b: float) -> np.ndarray:
    d = np.abs((a - b + 180.0) % 360.0 - 180.0)
    return d


class Matcher:
    """The cursor of one bus on its :class:`RouteTrack`; ``update(fix)`` gives the :class:`Match`."""

    def __init__(self, track: RouteTrack, s_m: float = 0.0):
        self.track = track
        self.s_m = float(s_m)
        self._last: Optional[Fix] = None
        self._away_since: Optional[dt.datetime] = None
        self.off_route = False

    def _project(self, x: float, y: float, lo_m: float, hi_m: float, heading: Optional[float],
                 expected_m: float, weight: float):
        """The best projection of (x, y) on the segments overlapping [lo_m, hi_m]: (s, distance) or None.
        Best: nearest, plus ``weight`` per metre away from ``expected_m`` along the route (so a bus
        standing by a street it will come back along later stays on this pass)."""
        t = self.track
        if len(t.s) < 2:
            return float(t.s[0]), float(np.hypot(x - t.xy[0, 0], y - t.xy[0, 1]))
        first = max(int(np.searchsorted(t.s, lo_m, side="right")) - 1, 0)
        last = min(int(np.searchsorted(t.s, hi_m, side="left")), len(t.s) - 1)
        if last <= first:
            last = min(first + 1, len(t.s) - 1)
        a = t.xy[first:last]
        b = t.xy[first + 1:last + 1]
        length = t.seg_len[first:last]
        d = b - a
        with np.errstate(invalid="ignore", divide="ignore"):
            f = ((x - a[:, 0]) * d[:, 0] + (y - a[:, 1]) * d[:, 1]) / (length ** 2)
        f = np.nan_to_num(np.clip(f, 0.0, 1.0))
        px = a[:, 0] + f * d[:, 0]
        py = a[:, 1] + f * d[:, 1]
        dist = np.hypot(x - px, y - py)
        s = t.s[first:last] + f * length
        ok = (s >= lo_m) & (s <= hi_m) & (length > 0)
        if heading is not None:
            ok &= _angle_between(t.seg_bearing[first:last], heading) <= HEADING_TOLERANCE_DEG
        if not ok.any():
            return None
        score = np.where(ok, dist + weight * np.abs(s - expected_m), np.inf)
        k = int(np.argmin(score))
        return float(s[k]), float(dist[k])

    def update(self, fix: Fix) -> Match:
        t = self.track
        x, y = t.projection.to_xy(fix.lon, fix.lat)
        x, y = float(x), float(y)
        dt_s = (fix.at - self._last.at).total_seconds() if self._last is not None else 0.0
        moving = fix.speed_mps is not None and fix.speed_mps >= MOVING_MPS
        heading = fix.heading_deg if moving else None
        ahead = max(AHEAD_MIN_M, MAX_SPEED_MPS * max(dt_s, 0.0) * 1.5)
        # The first fix (a day opened or resumed mid-leg) and a bus off route look along the whole
        # rest of the route; the distance penalty keeps the nearest pass ahead of the cursor.
        acquiring = self._last is None or self.off_route
        hi = t.length_m if acquiring else self.s_m + ahead
        expected = self.s_m + (fix.speed_mps or 0.0) * max(dt_s, 0.0)
        found = self._project(x, y, self.s_m - BACK_M, hi, heading, expected,
                              0.05 if moving or acquiring else 0.5)
        self._last = fix
        if found is not None and found[1] <= OFF_ROUTE_M:
            s, offset = found
            if moving or acquiring:  # standing, GPS noise must not ratchet the cursor forward
                self.s_m = max(self.s_m, s)  # the cursor only advances
            self._away_since = None
            self.off_route = False
            return Match(fix, self.s_m, t.leg_of(self.s_m), offset, True, False)
        offset = found[1] if found is not None else float("inf")
        if self._away_since is None:
            self._away_since = fix.at
        if (fix.at - self._away_since).total_seconds() >= OFF_ROUTE_S:
            self.off_route = True
        return Match(fix, self.s_m, t.leg_of(self.s_m), offset, False, self.off_route, self._away_since)
