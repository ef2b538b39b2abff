"""Position fixes, and the track files that hold them: NMEA 0183 logs and GPX tracks.

A USB GPS speaks NMEA 0183; a rehearsal or a test replays a log of it (or a GPX track, what
phones and most trackers record). Only what the tour day needs is read: ``RMC`` sentences
(time, date, position, speed, course; ``$GP``, ``$GN``, ``$GL``... talkers alike) with their
checksum checked, and GPX ``<trkpt>`` with a time. Anything unreadable is refused with a
:class:`TrackError` naming the file and the line (NMEA) or the point (GPX); a sentence the
receiver marks void (no fix) is skipped, as a receiver's own software does.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from routing.errors import UserError

KNOT_MPS = 1852.0 / 3600.0  # one knot in metres per second
MAX_FIXES = 500_000  # a week at one fix a second: more is not a tour's log


class TrackError(UserError):
    """A track file (NMEA or GPX) that cannot be replayed; the message names the file and where."""


@dataclass(frozen=True)
class Fix:
    """One position: ``at`` (timezone-aware), WGS84 ``lon``/``lat`` in degrees, ground speed in m/s
    and course over ground in degrees clockwise from north (None when the source does not say)."""

    at: dt.datetime
    lon: float
    lat: float
    speed_mps: Optional[float] = None
    heading_deg: Optional[float] = None


# -- NMEA 0183 -------------------------------------------------------------------------


def _checksum(body: str) -> int:
    value = 0
    for ch in body:
        value ^= ord(ch)
    return value


def _angle(value: str, hemisphere: str, degree_digits: int) -> float:
    degrees = int(value[:degree_digits])
    minutes = float(value[degree_digits:])
    if not 0 <= minutes < 60:
        raise ValueError(value)
    angle = degrees + minutes / 60.0
    return -angle if hemisphere in ("S", "W") else angle


def parse_rmc(sentence: str) -> Optional[Fix]:
    """The fix of one ``RMC`` sentence; None for another sentence type or a void fix.

    Raises ValueError when the sentence is malformed or its checksum is wrong."""
    sentence = sentence.strip()
    if not sentence.startswith("$"):
        raise ValueError("no $")
    body, star, given = sentence[1:].partition("*")
    if star:
        if _checksum(body) != int(given[:2], 16):
            raise ValueError("checksum")
    fields = body.split(",")
    if len(fields[0]) != 5 or fields[0][2:] != "RMC":
        return None
    if len(fields) < 10:
        raise ValueError("fields")
    hhmmss, status, lat, ns, lon, ew, knots, course, ddmmyy = fields[1:10]
    if status != "A":
        return None  # void: the receiver has no fix
    yy = int(ddmmyy[4:6])
    year = 1900 + yy if yy >= 80 else 2000 + yy  # two digits: 1980-2079, as receivers mean it
    when = dt.datetime(year, int(ddmmyy[2:4]), int(ddmmyy[0:2]),
                       int(hhmmss[0:2]), int(hhmmss[2:4]), 0, tzinfo=dt.timezone.utc)
    when += dt.timedelta(seconds=float(hhmmss[4:]))
    lat_deg = _angle(lat, ns, 2)
    lon_deg = _angle(lon, ew, 3)
    if not (-90 <= lat_deg <= 90 and -180 <= lon_deg <= 180):
        raise ValueError("range")
    speed = float(knots) * KNOT_MPS if knots else None
    heading = float(course) % 360.0 if course else None
    return Fix(when, lon_deg, lat_deg, speed, heading)


def read_nmea(path: Path | str) -> list[Fix]:
    """The fixes of an NMEA 0183 log, in file order. Lines that are not sentences (blank lines, a
    logger's own comments starting with ``#``) are skipped; a malformed ``RMC`` is refused."""
    path = Path(path)
    fixes: list[Fix] = []
    try:
        with open(path, encoding="ascii", errors="strict", newline=None) as f:
            for number, line in enumerate(f, start=1):
                text = line.strip()
                if not text or text.startswith("#"):
                    continue
                try:
                    fix = parse_rmc(text)
                except (ValueError, IndexError):
                    raise TrackError("tourday.track.bad_sentence", file=str(path), line=number) from None
                if fix is not None:
                    fixes.append(fix)
                    if len(fixes) > MAX_FIXES:
                        raise TrackError("tourday.track.too_long", file=str(path), limit=MAX_FIXES)
    except UnicodeDecodeError:
        raise TrackError("tourday.track.not_nmea", file=str(path)) from None
    except OSError as exc:
        raise TrackError("tourday.track.unreadable", file=str(path), reason=exc.strerror or str(exc)) from None
    if not fixes:
        raise TrackError("tourday.track.empty", file=str(path))
    return fixes


def _nmea_angle(value: float, degree_digits: int, positive: str, negative: str) -> tuple[str, str]:
    hemisphere = positive if value >= 0 else negative
    value = abs(value)
    degrees = int(value)
    minutes = (value - degrees) * 60.0
    if round(minutes, 4) >= 60.0:
        degrees, minutes = degrees + 1, 0.0
    return f"{degrees:0{degree_digits}d}{minutes:07.4f}", hemisphere


def rmc_sentence(fix: Fix) -> str:
    """``fix`` as a ``$GPRMC`` sentence with its checksum (time in UTC, to the tenth of a second)."""
    utc = fix.at.astimezone(dt.timezone.utc)
    lat, ns = _nmea_angle(fix.lat, 2, "N", "S")
    lon, ew = _nmea_angle(fix.lon, 3, "E", "W")
    knots = "" if fix.speed_mps is None else f"{fix.speed_mps / KNOT_MPS:.1f}"
    course = "" if fix.heading_deg is None else f"{fix.heading_deg % 360.0:.1f}"
    seconds = utc.second + utc.microsecond / 1e6
    body = (f"GPRMC,{utc:%H%M}{seconds:04.1f},A,{lat},{ns},{lon},{ew},{knots},{course},"
            f"{utc:%d%m%y},,,A")
    return f"${body}*{_checksum(body):02X}"


def write_nmea(path: Path | str, fixes: Iterable[Fix]) -> Path:
    """Write ``fixes`` as an NMEA 0183 log (one ``RMC`` a line, CRLF as receivers send them)."""
    path = Path(path)
    with open(path, "w", encoding="ascii", newline="\r\n") as f:
        for fix in fixes:
            f.write(rmc_sentence(fix) + "\n")
    return path


# -- GPX ---------------------------------------------------------------------------------


def read_gpx(path: Path | str) -> list[Fix]:
    """The timed points of a GPX file's tracks, in order (speed and course from the points' own
    extensions when present, else from the next point)."""
    import gpxpy
    import gpxpy.gpx

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        gpx = gpxpy.parse(text)
    except OSError as exc:
        raise TrackError("tourday.track.unreadable", file=str(path), reason=exc.strerror or str(exc)) from None
    except (gpxpy.gpx.GPXException, ValueError, UnicodeDecodeError):
        raise TrackError("tourday.track.not_gpx", file=str(path)) from None
    points = [p for t in gpx.tracks for s in t.segments for p in s.points]
    if not points:
        raise TrackError("tourday.track.empty", file=str(path))
    if len(points) > MAX_FIXES:
        raise TrackError("tourday.track.too_long", file=str(path), limit=MAX_FIXES)
    fixes: list[Fix] = []
    for number, p in enumerate(points, start=1):
        if p.time is None:
            raise TrackError("tourday.track.point_without_time", file=str(path), point=number)
        at = p.time if p.time.tzinfo else p.time.replace(tzinfo=dt.timezone.utc)
        if not (math.isfinite(p.latitude) and math.isfinite(p.longitude)):
            raise TrackError("tourday.track.bad_point", file=str(path), point=number)
        fixes.append(Fix(at, float(p.longitude), float(p.latitude)))
    return with_motion(fixes)


MOTION_BASELINE = 2  # fixes either side: speed over ~5 s, so a standing bus's GPS noise is not speed


def with_motion(fixes: list[Fix]) -> list[Fix]:
    """``fixes`` with speed and heading filled in where they are missing, from the fixes
    ``MOTION_BASELINE`` before and after (a GPX point has neither; a phone's noise of a few metres
    a second would otherwise read as a moving bus)."""
    out = []
    for i, f in enumerate(fixes):
        if f.speed_mps is not None and f.heading_deg is not None:
            out.append(f)
            continue
        a = fixes[max(i - MOTION_BASELINE, 0)]
        b = fixes[min(i + MOTION_BASELINE, len(fixes) - 1)]
        span = (b.at - a.at).total_seconds()
        dist = distance_m(a.lon, a.lat, b.lon, b.lat)
        speed = dist / span if span > 0 else 0.0
        heading = bearing_deg(a.lon, a.lat, b.lon, b.lat) if dist > 0.5 else f.heading_deg
        out.append(Fix(f.at, f.lon, f.lat, f.speed_mps if f.speed_mps is not None else speed,
                       f.heading_deg if f.heading_deg is not None else heading))
    return out


def read_track(path: Path | str) -> list[Fix]:
    """The fixes of a track file: GPX by its suffix, NMEA otherwise (``.nmea``, ``.log``, ``.txt``)."""
    path = Path(path)
    fixes = read_gpx(path) if path.suffix.lower() == ".gpx" else read_nmea(path)
    for a, b in zip(fixes, fixes[1:]):
        if b.at < a.at:
            raise TrackError("tourday.track.time_backwards", file=str(path), when=b.at.isoformat())
    return fixes


# -- geometry on the sphere (metres, degrees) -----------------------------------------------

EARTH_RADIUS_M = 6_371_008.8


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Initial bearing from the first point to the second, degrees clockwise from north in [0, 360)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0
