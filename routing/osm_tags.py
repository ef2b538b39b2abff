"""Parsing of the OpenStreetMap tags that matter to a coach.

Pure functions from raw tag values (``str``, or a ``list`` of them as osmnx leaves
after simplification) to numbers and small integer codes stored in the compiled
region. Units: lengths in metres, weights in tonnes, speeds in km/h. ``nan``
means "no restriction / unknown".
"""
from __future__ import annotations

import math
import re
from typing import Iterable

NAN = float("nan")

# Drivable highway classes, in the order of their code (uint8 in the compiled file).
# *_link roads share their parent's layer class but keep their own speed.
HIGHWAY_CLASSES: tuple[str, ...] = (
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
    "secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified",
    "residential", "living_street", "service", "road",
)
CLASS_CODE = {c: i for i, c in enumerate(HIGHWAY_CLASSES)}

# Default road speed (km/h) when maxspeed is missing, before the coach factor.
DEFAULT_SPEED_KPH: dict[str, float] = {
    "motorway": 120, "motorway_link": 60, "trunk": 90, "trunk_link": 50,
    "primary": 70, "primary_link": 40, "secondary": 60, "secondary_link": 40,
    "tertiary": 50, "tertiary_link": 30, "unclassified": 40, "residential": 30,
    "living_street": 10, "service": 15, "road": 30,
}

# Access tag values as codes. 0 = tag absent.
ACCESS_VALUES: tuple[str, ...] = (
    "", "yes", "designated", "permissive", "destination", "customers", "official",
    "discouraged", "no", "private", "agricultural", "forestry", "delivery",
    "emergency", "military", "permit", "other",
)
ACCESS_CODE = {v: i for i, v in enumerate(ACCESS_VALUES)}
# closed to a charter coach
ACCESS_DENIED_CODES = frozenset(ACCESS_CODE[v] for v in (
    "no", "agricultural", "forestry", "emergency", "military", "permit"))
# open only to reach or leave a place on the road: the first or last stretch of a leg, never a
# through road (a company's private road, a delivery yard, "riverains")
ACCESS_END_ONLY_CODES = frozenset(ACCESS_CODE[v] for v in ("destination", "customers", "delivery", "private"))
# Keys read per way (and per barrier node), most general first. A charter coach is a
# ``tourist_bus`` under ``motor_vehicle`` in OSM's access hierarchy, NOT a ``psv``: ``bus`` and
# ``psv`` (public transport) are stored for the report but never open a road to it; see
# :func:`routing.costs.coach_access`.
ACCESS_KEYS: tuple[str, ...] = ("access", "vehicle", "motor_vehicle", "psv", "bus", "coach", "tourist_bus")
ACCESS_KEY_INDEX = {k: i for i, k in enumerate(ACCESS_KEYS)}

# service=* of a way (uint8): parking aisles and driveways are ends of a leg only
SERVICE_VALUES: tuple[str, ...] = ("", "parking_aisle", "driveway", "alley", "emergency_access", "other")
SERVICE_CODE = {v: i for i, v in enumerate(SERVICE_VALUES)}

# way structure bits (uint8)
STRUCT_TUNNEL, STRUCT_BRIDGE = 1, 2

# Nodes that change how a coach drives through them (uint8 node_control).
CONTROL_NONE, CONTROL_SIGNALS, CONTROL_STOP, CONTROL_GIVE_WAY, CONTROL_CROSSING, \
    CONTROL_SIGNAL_CROSSING, CONTROL_TURNING_CIRCLE, CONTROL_MINI_ROUNDABOUT = range(8)

# Barrier kinds (uint8 node_barrier). Passable barriers (entrance, kerb, cattle grid...) are 0.
BARRIER_VALUES: tuple[str, ...] = ("", "gate", "lift_gate", "swing_gate", "sliding_gate", "bollard",
                                   "block", "chain", "other")
BARRIER_CODE = {v: i for i, v in enumerate(BARRIER_VALUES)}
PASSABLE_BARRIERS = frozenset({"entrance", "border_control", "toll_booth", "cattle_grid", "kerb",
                               "height_restrictor", "cycle_barrier_open", "no"})
# closed whatever their tags say: a coach cannot pass a bollard or a block
ALWAYS_CLOSED_BARRIERS = frozenset(BARRIER_CODE[v] for v in ("bollard", "block", "chain"))

# Turn restriction kinds (uint8)
RESTRICTION_NO, RESTRICTION_ONLY = 1, 2
# tags whose restriction applies to a tourist coach; :psv, :bicycle, :hgv (a coach carries
# people, not goods) do not
RESTRICTION_KEYS = ("restriction", "restriction:motor_vehicle", "restriction:bus", "restriction:coach",
                    "restriction:tourist_bus")
# an ``except=`` value that exempts a tourist coach (``psv``/``bus`` do not: it is not public transport)
RESTRICTION_EXEMPT = frozenset({"tourist_bus", "coach", "motor_vehicle", "motorcar"})


def control_code(tags: dict) -> int:
    """How a node regulates traffic (``highway=traffic_signals|stop|give_way|crossing``,
    ``turning_circle``...), as a ``CONTROL_*`` code."""
    hw = (first_value(tags.get("highway")) or "").lower()
    if hw == "traffic_signals":
        return CONTROL_SIGNALS
    if hw == "stop":
        return CONTROL_STOP
    if hw == "give_way":
        return CONTROL_GIVE_WAY
    if hw in ("turning_circle", "turning_loop"):
        return CONTROL_TURNING_CIRCLE
    if hw == "mini_roundabout":
        return CONTROL_MINI_ROUNDABOUT
    if hw == "crossing" or "crossing" in tags:
        kind = (first_value(tags.get("crossing")) or "").lower()
        return CONTROL_SIGNAL_CROSSING if kind == "traffic_signals" else CONTROL_CROSSING
    return CONTROL_NONE


def barrier_code(tags: dict) -> int:
    """The ``BARRIER_*`` code of a node; 0 when it has none or a coach can pass it anyway."""
    b = (first_value(tags.get("barrier")) or "").lower()
    if not b or b in PASSABLE_BARRIERS:
        return 0
    return BARRIER_CODE.get(b, BARRIER_CODE["other"])


def service_code(tags: dict) -> int:
    """The ``SERVICE_VALUES`` code of a way's ``service=*``."""
    v = first_value(tags.get("service"))
    if v is None:
        return 0
    return SERVICE_CODE.get(v.lower(), SERVICE_CODE["other"])


def structure_code(tags: dict) -> int:
    """Tunnel / bridge bits of a way (``tunnel=building_passage`` is a tunnel too)."""
    code = 0
    if (first_value(tags.get("tunnel")) or "no").lower() not in ("no", "false"):
        code |= STRUCT_TUNNEL
    if (first_value(tags.get("bridge")) or "no").lower() not in ("no", "false"):
        code |= STRUCT_BRIDGE
    return code


def directional_access(tags: dict, suffix: str) -> list[int]:
    """Access codes of ``ACCESS_KEYS`` for one direction (``suffix`` "forward"/"backward"):
    ``key:forward`` when tagged, else ``key``."""
    return [access_code(tags.get(f"{k}:{suffix}", tags.get(k))) for k in ACCESS_KEYS]


def restriction_of(tags: dict) -> int:
    """RESTRICTION_NO / RESTRICTION_ONLY when a ``type=restriction`` relation's tags bind a
    tourist coach, 0 when not (another vehicle class, an exemption, a condition we do not read)."""
    if (first_value(tags.get("type")) or "") != "restriction":
        return 0
    exempt = {v.lower() for v in split_values(tags.get("except"))}
    if exempt & RESTRICTION_EXEMPT:
        return 0
    for key in RESTRICTION_KEYS:
        v = (first_value(tags.get(key)) or "").lower()
        if v.startswith("no_"):
            return RESTRICTION_NO
        if v.startswith("only_"):
            return RESTRICTION_ONLY
    return 0


# oneway codes
ONEWAY_NO, ONEWAY_FORWARD, ONEWAY_BACKWARD, ONEWAY_REVERSIBLE = 0, 1, -1, 2

# Implicit maxspeed values ("FR:urban"), km/h; None means no limit (class default applies).
IMPLICIT_SPEED_KPH: dict[str, float | None] = {
    "urban": 50, "rural": 80, "motorway": 130, "trunk": 110, "zone30": 30, "zone:30": 30,
    "zone20": 20, "zone:20": 20, "living_street": 7, "walk": 7, "bicycle_road": 30,
}
COUNTRY_RURAL_KPH = {"AT": 100, "DE": 100, "CH": 80, "FR": 80, "IT": 90, "BE": 70,
                     "ES": 90, "NL": 80, "LU": 90, "GB": 96.6, "PL": 90, "CZ": 90}
COUNTRY_MOTORWAY_KPH: dict[str, float | None] = {"DE": None, "CH": 120, "GB": 112.7, "AT": 130,
                                                  "FR": 130, "IT": 130, "ES": 120, "BE": 120}

_NUM = r"[-+]?\d+(?:[.,]\d+)?"


def first_value(value: str | Iterable[str] | None) -> str | None:
    """A tag value as one stripped string; lists (osmnx after simplification) and
    ``a;b`` values yield their first element."""
    values = split_values(value)
    return values[0] if values else None


def split_values(value: str | Iterable[str] | None) -> list[str]:
    """All values of a tag: ``"a;b"`` and ``["a", "b"]`` both give ``["a", "b"]``."""
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.split(";")
    else:
        parts = [p for v in value for p in str(v).split(";")]
    return [p.strip() for p in parts if p.strip()]


def _num(text: str) -> float:
    return float(text.replace(",", "."))


def parse_length_m(value: str | Iterable[str] | None) -> float:
    """maxheight / maxwidth / maxlength in metres; ``nan`` for none/default/unknown.

    Accepts "3.5", "3,5 m", "350 cm", "12'6\"", "12 ft 6 in", "12ft", "11'".
    For lists the smallest value wins (the strictest restriction)."""
    values = [_parse_length_one(v) for v in split_values(value)]
    values = [v for v in values if not math.isnan(v)]
    return min(values) if values else NAN


def _parse_length_one(text: str) -> float:
    t = text.strip().lower().replace("’", "'").replace("″", '"').replace("''", '"')
    if t in ("", "none", "default", "unsigned", "no", "below_default", "fixme", "unknown"):
        return NAN
    m = re.fullmatch(rf"({_NUM})\s*(?:'|ft|feet|foot)\s*(?:({_NUM})\s*(?:\"|in|inch|inches)?)?", t)
    if m:
        inches = _num(m.group(2)) if m.group(2) else 0.0
        return round((_num(m.group(1)) * 12 + inches) * 0.0254, 4)
    m = re.fullmatch(rf"({_NUM})\s*(?:\"|in|inch|inches)", t)
    if m:
        return round(_num(m.group(1)) * 0.0254, 4)
    m = re.fullmatch(rf"({_NUM})\s*(m|metres?|meters?|cm|mm|km)?", t)
    if m:
        v = _num(m.group(1))
        scale = {"cm": 0.01, "mm": 0.001, "km": 1000.0}.get(m.group(2) or "", 1.0)
        return v * scale if v > 0 else NAN
    return NAN


def parse_weight_t(value: str | Iterable[str] | None) -> float:
    """maxweight in tonnes; ``nan`` for none/default/unknown. Accepts "7.5", "7,5 t",
    "7500 kg", "10 st" (US short tons), "20000 lbs". Smallest of a list wins."""
    values = [_parse_weight_one(v) for v in split_values(value)]
    values = [v for v in values if not math.isnan(v)]
    return min(values) if values else NAN


def _parse_weight_one(text: str) -> float:
    t = text.strip().lower()
    m = re.fullmatch(rf"({_NUM})\s*(t|tonnes?|tons?|kg|st|lbs?|)", t)
    if not m:
        return NAN
    v = _num(m.group(1))
    scale = {"kg": 0.001, "st": 0.90718474, "lb": 0.00045359237, "lbs": 0.00045359237}.get(m.group(2), 1.0)
    return v * scale if v > 0 else NAN


def parse_maxspeed_kph(value: str | Iterable[str] | None, highway: str | None = None) -> float:
    """maxspeed in km/h; ``nan`` when unknown or unlimited (the class default then applies).

    Accepts "50", "30 mph", "10 knots", "walk", "FR:urban", "FR:rural", "AT:urban",
    "DE:motorway", "FR:zone30". The lowest of several values is kept."""
    values = [_parse_speed_one(v, highway) for v in split_values(value)]
    values = [v for v in values if not math.isnan(v)]
    return min(values) if values else NAN


def _parse_speed_one(text: str, highway: str | None) -> float:
    t = text.strip()
    low = t.lower()
    m = re.fullmatch(rf"({_NUM})\s*(km/h|kmh|kph|mph|knots)?", low)
    if m:
        v = _num(m.group(1))
        scale = {"mph": 1.609344, "knots": 1.852}.get(m.group(2) or "", 1.0)
        return v * scale if v > 0 else NAN
    if low in ("walk", "living_street"):
        return 7.0
    if low in ("none", "signals", "variable", "no", "unknown"):
        return NAN
    m = re.fullmatch(r"([A-Za-z]{2})(?:-[A-Za-z0-9]+)?:(.+)", t)
    if m:
        country, kind = m.group(1).upper(), m.group(2).lower()
        if kind == "rural":
            return float(COUNTRY_RURAL_KPH.get(country, 80))
        if kind == "motorway":
            v = COUNTRY_MOTORWAY_KPH.get(country, 130)
            return NAN if v is None else float(v)
        if kind in IMPLICIT_SPEED_KPH:
            v = IMPLICIT_SPEED_KPH[kind]
            return NAN if v is None else float(v)
        z = re.fullmatch(r"zone:?(\d+)", kind)
        if z:
            return float(z.group(1))
    return NAN


def access_code(value: str | Iterable[str] | None) -> int:
    """Code of an access-like tag value (see ``ACCESS_VALUES``); 0 when absent."""
    v = first_value(value)
    if v is None:
        return 0
    return ACCESS_CODE.get(v.lower(), ACCESS_CODE["other"])


def oneway_code(tags: dict) -> int:
    """Direction of travel allowed for motor vehicles: 0 both, 1 forward, -1 backward,
    2 reversible (time-dependent: not routed). Roundabouts and motorways are one-way
    unless tagged otherwise."""
    v = first_value(tags.get("oneway"))
    if v is not None:
        v = v.lower()
        if v in ("yes", "true", "1"):
            return ONEWAY_FORWARD
        if v in ("-1", "reverse"):
            return ONEWAY_BACKWARD
        if v in ("reversible", "alternating"):
            return ONEWAY_REVERSIBLE
        if v in ("no", "false", "0"):
            return ONEWAY_NO
    junction = (first_value(tags.get("junction")) or "").lower()
    highway = (first_value(tags.get("highway")) or "").lower()
    if junction in ("roundabout", "circular") or highway == "motorway":
        return ONEWAY_FORWARD
    return ONEWAY_NO


def highway_class(tags: dict) -> str | None:
    """The drivable class of a way, or None if a coach can never drive it
    (footway, track, construction, area=yes squares...)."""
    hw = first_value(tags.get("highway"))
    if hw is None or hw not in CLASS_CODE:
        return None
    if (first_value(tags.get("area")) or "").lower() == "yes":
        return None
    return hw
