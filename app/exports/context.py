"""Everything an export needs, gathered once: the tour, its plan and the records it names.

Built by ``app.services.export.build_context`` from a project; format modules are pure
functions of it (they never read the project). Times shown are in the tour's zone.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from zoneinfo import ZoneInfo

from app.exports.files import slug
from app.model.entities import Ambassador, Bus, Participant, ParticipantGroup, Site, Stop, Tour, Video
from app.model.plan import BusPlan, Plan
from app.model.plan_view import StopRow, stop_rows

ATTRIBUTION = "© OpenStreetMap contributors"


@dataclass(frozen=True)
class ExportOptions:
    """Choices the organiser can make; defaults suit French tools."""

    csv_delimiter: str = ";"  # ";" for French spreadsheets, "," for the rest
    online_tiles: bool = True  # offer OSM tiles as an extra layer in the HTML map (off until ticked)
    pack_videos: bool = True  # the partner pack carries the clips (videos/), so its playlists play


@dataclass
class ExportContext:
    """Input of every format module."""

    project_name: str
    project_key: str  # stable identity of the project (UIDs); survives renames and moves
    tour: Tour
    plan: Plan
    sites: dict[int, Site]
    stops: dict[int, Stop]
    buses: dict[int, Bus]
    ambassadors: dict[int, Ambassador]
    videos: dict[int, Video]
    media_folder: Path  # relative video paths are relative to this folder (the project's)
    layers: Any = None  # routing.layers.MapLayers, or None when the region is not available
    region_name: str = ""
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    options: ExportOptions = field(default_factory=ExportOptions)
    ics_state: dict[str, dict[str, Any]] = field(default_factory=dict)  # uid -> {"hash", "sequence"}
    export_folder: Optional[Path] = None  # final folder, for relative paths in playlists
    # In a partner pack: each video's stored path -> its path inside the pack ("videos/clip.mp4")
    pack_video_names: Optional[dict[str, str]] = None
    pack_videos_included: bool = True  # False: the pack's playlists say the clips must be added
    organiser: str = ""  # who organises (the project's "organiser" setting), the PDFs' author
    groups: dict[int, ParticipantGroup] = field(default_factory=dict)  # the tour's participant groups
    # the tour's named participants: personal data, read by the bus manifest only (asked for by name)
    participants: list[Participant] = field(default_factory=list)

    # -- naming ------------------------------------------------------------------
    @property
    def base_name(self) -> str:
        """File-name stem for this tour: an ASCII slug of its name."""
        return slug(self.tour.name)

    @property
    def author(self) -> str:
        """The documents' author: the organisers named in the project, else the project."""
        return self.organiser or f"ZI Tour — {self.project_name}"

    @property
    def region_title(self) -> str:
        """The region's name as a title ("krems" -> "Krems", "rhone-alpes" -> "Rhone-Alpes")."""
        return "-".join(part[:1].upper() + part[1:] for part in self.region_name.replace("_", " ").split("-"))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tour.timezone or "Europe/Paris")

    def local(self, when: dt.datetime) -> dt.datetime:
        """``when`` in the tour's zone (naive datetimes are taken as already local)."""
        if when.tzinfo is None:
            return when.replace(tzinfo=self.zone)
        return when.astimezone(self.zone)

    def uid(self, *parts: object) -> str:
        """A UID stable across re-exports: project key + tour id + the given parts."""
        raw = "/".join(str(p) for p in (self.project_key, self.tour.id, *parts))
        return f"{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:24]}@zitour"

    # -- records -----------------------------------------------------------------
    def site(self, site_id: Optional[int]) -> Optional[Site]:
        return self.sites.get(site_id) if site_id is not None else None

    def site_name(self, site_id: Optional[int], fallback: str = "") -> str:
        s = self.site(site_id)
        return s.name if s is not None else fallback

    def ambassador_names(self, ids: tuple[int, ...]) -> str:
        return ", ".join(self.ambassadors[i].name for i in ids if i in self.ambassadors)

    def bus_label(self, bus: BusPlan) -> str:
        return bus.bus_name or "Car"

    def rows(self, bus: Optional[BusPlan] = None) -> list[StopRow]:
        """Planned stops, bus by bus in plan order, with their records resolved."""
        return stop_rows(self.plan, self.sites, self.stops, self.ambassadors, bus)

    def leg_coords(self, bus: BusPlan, index: int) -> list[tuple[float, float]]:
        """(lon, lat) polyline of leg ``index``: its road geometry, else a straight line."""
        leg = bus.legs[index]
        if leg.geometry:
            return [(float(x), float(y)) for x, y in leg.geometry]
        a, b = self.site(leg.from_site_id), self.site(leg.to_site_id)
        return [(s.lon, s.lat) for s in (a, b) if s is not None]

    def bus_track(self, bus: BusPlan) -> list[tuple[float, float]]:
        """The whole road polyline of a bus, depot to depot."""
        coords: list[tuple[float, float]] = []
        for i in range(len(bus.legs)):
            part = self.leg_coords(bus, i)
            if coords and part and coords[-1] == part[0]:
                part = part[1:]
            coords.extend(part)
        return coords

    def tour_sites(self) -> list[Site]:
        """Sites the plan uses (depots and stops), in first-use order."""
        seen: dict[int, Site] = {}
        for b in self.plan.buses:
            ids = [b.start_site_id, *(s.site_id for s in b.stops), b.end_site_id]
            for sid in ids:
                s = self.site(sid)
                if s is not None and s.id not in seen:
                    seen[s.id] = s  # type: ignore[index]
        return list(seen.values())

    def bounds(self) -> Optional[tuple[float, float, float, float]]:
        """(west, south, east, north) of every route point and used site, degrees."""
        pts = [p for b in self.plan.buses for p in self.bus_track(b)]
        pts += [(s.lon, s.lat) for s in self.tour_sites()]
        if not pts:
            return None
        lons = [p[0] for p in pts]
        lats = [p[1] for p in pts]
        return (min(lons), min(lats), max(lons), max(lats))

    def _driving_buses(self) -> list:
        """The plan's buses that go somewhere (a bus left without stops "leaves" at the tour's earliest
        departure without moving: its times are not the day's)."""
        return [b for b in self.plan.buses if b.stops or b.legs] or list(self.plan.buses)

    @property
    def departure(self) -> Optional[dt.datetime]:
        """When the day starts: the first bus's departure as planned (a meeting time, or a floating
        departure the planner put later), never the tour's earliest departure as such."""
        return min((b.departure for b in self._driving_buses()), default=None)

    @property
    def return_(self) -> Optional[dt.datetime]:
        return max((b.return_ for b in self._driving_buses()), default=None)
