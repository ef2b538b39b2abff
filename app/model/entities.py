"""The organiser's world: sites, videos, ambassadors, tours, buses and stops.

Plain dataclasses, no Qt, no SQL. Identifiers (``id``) are assigned by the
project store; ``None`` means "not saved yet". Clock times (``datetime.time``)
are local to the tour's time zone on the tour's date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Optional

from routing.messages import Message


class SiteKind(str, Enum):
    """What a site is; decides its marker on the map."""

    COMPANY = "company"
    TRAINING_CENTRE = "training_centre"
    INCLUSION = "inclusion"  # inclusion enterprise (SIAE)
    DEPOT = "depot"
    RESTAURANT = "restaurant"
    OTHER = "other"


class SiteSource(str, Enum):
    """Where a site's record came from."""

    MANUAL = "manual"
    CSV = "csv"
    GEOJSON = "geojson"
    OSM = "osm"
    DEMO = "demo"


class Audience(str, Enum):
    PRESCRIPTEURS = "prescripteurs"
    SCOLAIRES = "scolaires"
    GRAND_PUBLIC = "grand_public"
    DEMANDEURS_EMPLOI = "demandeurs_emploi"
    OTHER = "other"


class StopKind(str, Enum):
    """What the bus does at a stop."""

    VISIT = "visit"  # the group gets off and visits
    DRIVE_BY = "drive_by"  # the bus passes with commentary, no dwell
    LUNCH = "lunch"
    BREAK = "break"
    PICKUP = "pickup"


class LockKind(str, Enum):
    """Where a stop must stand in its bus's order."""

    NONE = "none"
    FIRST = "first"
    LAST = "last"
    INDEX = "index"  # at ``Stop.lock_index`` (1-based among the bus's stops)


@dataclass(frozen=True)
class TimeWindow:
    """A clock-time interval on the tour's date, ``start`` <= ``end``."""

    start: dt.time
    end: dt.time

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"time window ends before it starts: {self.start}–{self.end}")

    @property
    def start_s(self) -> int:
        """Seconds since local midnight."""
        return self.start.hour * 3600 + self.start.minute * 60 + self.start.second

    @property
    def end_s(self) -> int:
        """Seconds since local midnight."""
        return self.end.hour * 3600 + self.end.minute * 60 + self.end.second


@dataclass(frozen=True)
class Availability:
    """When an ambassador can be on board: a clock interval, on ``day`` or any day if None."""

    start: dt.time
    end: dt.time
    day: Optional[dt.date] = None

    def window(self) -> TimeWindow:
        return TimeWindow(self.start, self.end)


@dataclass
class Site:
    """A place the tour can go to or pass: a company, a training centre, a depot..."""

    name: str
    lon: float
    lat: float
    kind: SiteKind = SiteKind.COMPANY
    address: str = ""
    gate_lon: Optional[float] = None  # where a coach can enter, if not at (lon, lat)
    gate_lat: Optional[float] = None
    # the coach may turn round here (a car park, a depot's yard, a company's forecourt): it
    # arrives and leaves either way, so no kerb side binds the stop
    coach_turns: bool = False
    sector: str = ""
    products: str = ""  # what is made
    jobs: str = ""  # jobs to fill
    salaries: str = ""  # salary levels
    training: str = ""  # internal training offers
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    notes: str = ""
    talking_points: str = ""
    visit_capacity: Optional[int] = None  # largest group it can host at once, people
    # When the company hosts visits (empty: any time): a visit starts inside a slot,
    # and each slot hosts at most one bus's visit.
    visit_slots: list[TimeWindow] = field(default_factory=list)
    source: SiteSource = SiteSource.MANUAL
    source_ref: str = ""  # OSM id ("way/123"), file name and row, ...
    id: Optional[int] = None

    @property
    def routing_point(self) -> tuple[float, float]:
        """(lon, lat) the coach drives to: the gate if given, else the site."""
        if self.gate_lon is not None and self.gate_lat is not None:
            return (self.gate_lon, self.gate_lat)
        return (self.lon, self.lat)


@dataclass
class Video:
    """A company video played on the bus."""

    path: str  # relative to the project file's folder where possible
    title: str
    duration_s: float  # the whole file, seconds
    site_id: Optional[int] = None
    id: Optional[int] = None
    trim_in_s: float = 0.0  # the part played on the bus starts here (seconds into the file)...
    trim_out_s: Optional[float] = None  # ...and ends here (None: the file's end)

    @property
    def play_s(self) -> float:
        """How long the part played on the bus lasts, seconds."""
        end = self.duration_s if self.trim_out_s is None else min(self.trim_out_s, self.duration_s)
        return max(0.0, end - self.trim_in_s)


@dataclass
class Ambassador:
    """An "ambassadeur de l'industrie" who presents companies on board."""

    name: str
    organisation: str = ""
    phone: str = ""
    email: str = ""
    availability: list[Availability] = field(default_factory=list)
    site_ids: set[int] = field(default_factory=set)  # sites they can present
    id: Optional[int] = None


@dataclass
class VehicleSpec:
    """A bus's physical and legal limits, mirrored by ``routing.profile.VehicleProfile``.

    The defaults are a standard 12 m coach; its default name comes from the catalog
    ("12 m bus", "Autocar 12 m"). Stored names are kept as they were written.
    """

    name: str = field(default_factory=lambda: Message("default.vehicle_name").text())  # current language
    height_m: float = 3.70
    weight_t: float = 18.0
    width_m: float = 2.55
    length_m: float = 12.0
    speed_factor: float = 0.85       # share of the road's speed on open roads
    town_speed_factor: float = 0.80  # ... on town roads of 31-50 km/h
    signal_delay_s: float = 8.0      # mean wait per traffic signal passed
    stop_allowance_s: float = 15.0   # per leg: pulling out of a stop and into the next


# Common vehicles (metres, tonnes, share of the car speed), by catalog code of their name.
_PRESETS = (
    ("default.vehicle_name", 3.70, 18.0, 2.55, 12.0, 0.85),
    ("vehicle.coach_15", 3.90, 24.0, 2.55, 15.0, 0.80),
    ("vehicle.midibus_9", 3.20, 12.0, 2.40, 9.0, 0.90),
)


def vehicle_presets(lang: Optional[str] = None) -> list[VehicleSpec]:
    """The usual vehicles of a ZI Tour, named in ``lang``: a 12 m coach (the default), a 15 m coach, a 9 m midibus."""
    return [VehicleSpec(Message(code).text(lang), h, w, width, length, speed)
            for code, h, w, width, length, speed in _PRESETS]


@dataclass
class Bus:
    """One bus of a tour, with its own depots if they differ from the tour's.

    Without a name it is the catalog's first bus name ("Bus 1", "Car 1"); the editor
    numbers the next ones (:func:`app.services.editing.new_bus`).
    """

    name: str = field(default_factory=lambda: Message("default.bus_name", n=1).text())  # current language
    seats: int = 50
    operator: str = ""
    driver: str = ""
    driver_phone: str = ""
    vehicle: VehicleSpec = field(default_factory=VehicleSpec)
    start_site_id: Optional[int] = None  # None: the tour's start depot
    end_site_id: Optional[int] = None  # None: the tour's end depot
    tour_id: Optional[int] = None
    id: Optional[int] = None


@dataclass
class ParticipantGroup:
    """A group of people travelling together (a class, a job centre's team), and its programme.

    The programme says which visits of the tour the group makes: ``visits`` (stop ids) it must
    make, and ``choices_k`` visits among ``choices`` (stop ids), chosen by the planner. Both
    empty: every visit of the tour (a ZI Tour where everyone sees every company). Other stops
    (drive-bys, lunch, breaks) are shared: every bus carrying a group serves them.
    """

    name: str
    size: int  # participants, accompanying adults not included
    bus_id: Optional[int] = None  # None: the planner chooses
    tour_id: Optional[int] = None
    id: Optional[int] = None
    organisation: str = ""  # school, job centre, association
    audience: str = ""  # an Audience value, or "" for the tour's
    adults: int = 0  # accompanying adults (teachers, counsellors), on board too
    contact: str = ""  # who answers for the group on the day (name and phone)
    visits: list[int] = field(default_factory=list)
    choices: list[int] = field(default_factory=list)
    choices_k: int = 0

    @property
    def people(self) -> int:
        """Everyone of the group on board and at a company: participants and adults."""
        return max(0, self.size) + max(0, self.adults)

    @property
    def has_programme(self) -> bool:
        """False: the group makes every visit of the tour."""
        return bool(self.visits or self.choices)


@dataclass
class Participant:
    """One person registered for a tour (pupils are counted in their group, not named).

    Personal data, kept to what the day needs and erased after the tour's retention date
    (:mod:`app.services.participants`); only counts remain then (:class:`TourOutcome`)."""

    name: str
    tour_id: Optional[int] = None
    group_id: Optional[int] = None  # the group the person travels with (its bus), if any
    organisation: str = ""
    audience: str = ""  # an Audience value, or "" for the tour's
    contact: str = ""  # phone or e-mail for the day
    pickup: str = ""  # where the bus picks the person up, if not at the depot
    present: Optional[bool] = None  # None: not known yet (before the day, or not checked)
    id: Optional[int] = None


class FollowUpKind(str, Enum):
    """What came of a tour for the people who took it, counted for the funders."""

    RECRUITMENT = "recruitment"
    TRAINING = "training"
    INTERNSHIP = "internship"
    VISIT_REQUEST = "visit_request"


@dataclass
class FollowUp:
    """An outcome after a tour: ``count`` recruitments (or training entries, internships, company
    visits requested) on ``on_date``, for a tour and/or a company (either may be unknown)."""

    kind: FollowUpKind
    on_date: dt.date
    count: int = 1
    tour_id: Optional[int] = None
    site_id: Optional[int] = None
    notes: str = ""
    id: Optional[int] = None


@dataclass
class TourOutcome:
    """What happened on a tour, beyond its plan: the counts that outlive the names (set when the
    names are erased, or entered by hand), who presented, and the feedback questionnaire's counts
    (question -> answer -> how many answered it)."""

    tour_id: int
    registered: Optional[int] = None  # None: counted from the participant list
    present: Optional[int] = None  # None: from the list's ticks, else the tour day's headcount
    by_audience: dict[str, int] = field(default_factory=dict)  # registered per audience, kept on erasure
    present_by_audience: dict[str, int] = field(default_factory=dict)  # present per audience, when known
    presenters: list[int] = field(default_factory=list)  # ambassador ids who presented
    feedback: dict[str, dict[str, int]] = field(default_factory=dict)
    erased_on: Optional[dt.date] = None  # the day the names were erased


@dataclass
class Stop:
    """A site the tour serves, with what happens there and when it may happen."""

    site_id: int
    kind: StopKind = StopKind.VISIT
    dwell_s: int = 0  # time spent at the stop; 0 for a drive-by
    windows: list[TimeWindow] = field(default_factory=list)  # empty: any time
    # False: the whole visit (arrival to departure) fits inside a window, as a company's opening
    # hours mean; True: only the arrival must fall inside it.
    arrival_only: bool = False
    required: bool = True
    priority: int = 1  # for optional stops: higher is collected first (1..10)
    lock: LockKind = LockKind.NONE
    lock_index: Optional[int] = None
    bus_id: Optional[int] = None  # None: any bus
    position: int = 0  # the organiser's order in the stops table
    notes: str = ""
    tour_id: Optional[int] = None
    id: Optional[int] = None


@dataclass(frozen=True)
class Precedence:
    """Stop ``before_stop_id`` must be served before ``after_stop_id``."""

    before_stop_id: int
    after_stop_id: int


@dataclass
class DriverRules:
    """Driving-time rules (EU 561/2006 style), in seconds."""

    max_driving_s: int = 4 * 3600 + 30 * 60
    break_s: int = 45 * 60
    split_break_s: tuple[int, int] = (15 * 60, 30 * 60)
    max_duty_s: int = 12 * 3600


class Objective(str, Enum):
    TOUR_TIME = "tour_time"
    DRIVING_TIME = "driving_time"
    DISTANCE = "distance"


@dataclass
class Tour:
    """A tour on one day: one or several buses leaving from depots and serving stops."""

    name: str
    date: dt.date
    timezone: str = "Europe/Paris"
    audience: Audience = Audience.PRESCRIPTEURS
    start_site_id: Optional[int] = None  # start depot
    end_site_id: Optional[int] = None  # end depot (None: back to the start)
    earliest_departure: dt.time = dt.time(8, 30)
    latest_return: dt.time = dt.time(17, 30)
    participants: int = 0
    objective: Objective = Objective.TOUR_TIME
    # True: ``earliest_departure`` is the meeting time, the bus leaves then (waiting goes where the
    # windows need it); False: it may leave later when that makes the day shorter, never earlier.
    departure_fixed: bool = True
    driver_rules: DriverRules = field(default_factory=DriverRules)
    notes: str = ""
    id: Optional[int] = None
    territory: str = ""  # the area the season's report groups tours by (e.g. "Meyzieu", "Vallée du Gier")
    retention_until: Optional[dt.date] = None  # participants' names are erased after this day

    @property
    def return_site_id(self) -> Optional[int]:
        return self.end_site_id if self.end_site_id is not None else self.start_site_id
