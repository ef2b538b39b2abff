"""Independent audit of coach routes on the bundled OSM extracts (turns, U-turns, barriers, speeds).

    .venv/bin/python tests/benchmarks/coach_audit.py [--tours 200] [--seed 1] [--json OUT]
                                                      [--examples 3] [--repo DIR]
    .venv/bin/python tests/benchmarks/coach_audit.py --self-test

For each extract of ``maps/`` the app compiles the region (``routing.regions.import_region``
into a temporary folder) and plans N random three-stop tours with the default coach profile:
depot -> s1 -> s2 -> s3 -> depot, stops in the order drawn, each leg ``CoachNetwork.leg``.
Points are the region's named features when it has 20 or more, else uniform in its bounds;
a tour with a point that does not snap is drawn again, an unreachable leg is counted and skipped.

Every route is then checked against the raw OSM file, read again here with pyosmium and
none of the app's routing code (see :class:`OsmData`, :func:`audit_leg`, :func:`audit_tour`):

  forbidden turns    a turn that a ``type=restriction`` relation binding a tourist coach forbids
                     (via node or via way(s); ``except=psv|bus`` do not exempt a coach; time
                     conditions are not read: the restriction always applies)
  junction U-turns   a heading change > 150 deg at a node inside a leg, not a hairpin bend of
                     the road itself. Allowed (column "allowed") at a dead end of the motor road
                     graph or a turning circle / loop / mini roundabout; counted otherwise, the
                     breakdown telling "elsewhere" (a junction or plain node) from in front of a
                     closed barrier ("closed_barrier") and where every way on is closed to the
                     coach ("coach_dead_end": access, oneway, weight/height limit)
  stop reversals     leg k's last segment vs leg k+1's first segment > 150 deg: the coach turns
                     round in the street at the stop (legs of < 2 distinct points skipped)
  barriers           the route passes (does not turn round at) a barrier node closed to a coach
  restricted through a leg uses, other than as its first or last way, a destination/private/
                     delivery/customers way, a parking aisle, driveway, emergency access or a
                     bus-only way; the diagnostics count apart the legs where that happens
                     mid-leg rather than on a run of such ways at the leg's start or end
  speeds             median distance_m/duration_s (km/h) of legs > 500 m: urban ones (>= 80 %
                     of their length on ways with maxspeed <= 50, or none on residential,
                     living_street, service, unclassified, tertiary) and all

Route coordinates are matched to OSM nodes on 7-decimal coordinates (a leg's first and last
points are road points, used for headings and to find the OSM segment they lie on); a leg's
``node_ids``, when the engine gives them, are checked against that match. Diagnostics also
count legs on ways closed to a coach, oneways driven backwards and unmatched coordinates.

``--repo DIR`` imports ``routing`` from another checkout (e.g. a ``git worktree`` of HEAD) to
measure the code before a change; the maps are always this checkout's. ``--self-test`` runs
the audit's own sanity checks on a small hand-made OSM file.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXTRACTS = (("krems", REPO / "maps" / "krems_austria.osm.gz"),
            ("lyon-la-doua", REPO / "maps" / "lyon_villeurbanne_ladoua_campus.osm"))

EARTH_RADIUS_M = 6_371_008.8
U_TURN_DEG = 150.0             # a heading change above this is a turn-round
SHORT_END_M = 1.0              # an end segment shorter than this takes its OSM segment's heading
LONG_LEG_M = 500.0             # legs counted in the speed medians
URBAN_SHARE = 0.8              # share of a leg's length on urban ways that makes it urban
URBAN_KPH = 50.0

# highway classes of the motor road graph (dead ends are counted on it; access tags ignored)
MOTOR_HIGHWAYS = frozenset({
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary",
    "secondary_link", "tertiary", "tertiary_link", "unclassified", "residential", "living_street",
    "service", "road"})
URBAN_DEFAULT_HIGHWAYS = frozenset({"residential", "living_street", "service", "unclassified", "tertiary"})
TURN_ROUND_NODES = frozenset({"turning_circle", "turning_loop", "mini_roundabout"})
# where a turn-round counts as a U-turn: a junction or a plain road node ("elsewhere"), and, shown
# apart, in front of a closed barrier or where every way on is closed to the coach (access, oneway,
# weight/height limit): neither is a dead end of the road graph nor a turning place
COUNTED_U_TURNS = frozenset({"elsewhere", "closed_barrier", "coach_dead_end"})
PASSABLE_BARRIERS = frozenset({"entrance", "border_control", "toll_booth", "cattle_grid", "kerb", "no"})
OPEN_VALUES = frozenset({"yes", "permissive", "designated", "destination"})
END_ONLY_VALUES = frozenset({"destination", "delivery", "private", "customers"})
CLOSED_VALUES = frozenset({"no", "agricultural", "forestry", "emergency", "military"})
END_ONLY_SERVICES = frozenset({"parking_aisle", "driveway", "emergency_access"})
YES_DESIGNATED = frozenset({"yes", "designated"})
# the default coach profile (routing.profile.COACH_12M): a limit below these closes a way
COACH_LIMITS = (("maxheight", 3.70), ("maxheight:physical", 3.70), ("maxweight", 18.0), ("maxwidth", 2.55),
                ("maxlength", 12.0))
# except= values that exempt a tourist coach from a turn restriction (psv, bus, hgv, motorcar do not)
RESTRICTION_EXEMPT = frozenset({"vehicle", "motor_vehicle", "coach", "tourist_bus"})
RESTRICTION_KEYS = ("restriction:bus", "restriction:motor_vehicle", "restriction")  # most specific first


# ---------------------------------------------------------------------------------- geometry
def seg_length_m(p: tuple[float, float], q: tuple[float, float]) -> float:
    """Length in metres of p -> q ((lon, lat) degrees), equirectangular projection."""
    lat0 = math.radians((p[1] + q[1]) / 2)
    dx = math.radians(q[0] - p[0]) * math.cos(lat0)
    dy = math.radians(q[1] - p[1])
    return EARTH_RADIUS_M * math.hypot(dx, dy)


def heading_deg(p: tuple[float, float], q: tuple[float, float]) -> float:
    """Compass heading of p -> q in degrees [0, 360) (0 = north, 90 = east), equirectangular."""
    lat0 = math.radians((p[1] + q[1]) / 2)
    return math.degrees(math.atan2((q[0] - p[0]) * math.cos(lat0), q[1] - p[1])) % 360.0


def turn_deg(h1: float, h2: float) -> float:
    """Absolute heading change in degrees [0, 180] from heading h1 to h2."""
    d = abs(h2 - h1) % 360.0
    return min(d, 360.0 - d)


def point_segment_m(p, a, b) -> float:
    """Distance in metres from point p to segment a-b (all (lon, lat), local plane at p)."""
    k = math.cos(math.radians(p[1]))
    ax, ay = (a[0] - p[0]) * k, a[1] - p[1]
    bx, by = (b[0] - p[0]) * k, b[1] - p[1]
    dx, dy = bx - ax, by - ay
    l2 = dx * dx + dy * dy
    t = 0.0 if l2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / l2))
    return math.radians(math.hypot(ax + t * dx, ay + t * dy)) * EARTH_RADIUS_M


def coord_key(lon: float, lat: float) -> tuple[float, float]:
    """Dictionary key of a coordinate: OSM's 7 decimals."""
    return (round(lon, 7), round(lat, 7))


# ---------------------------------------------------------------------------------- OSM tags
def values(tag: str | None) -> list[str]:
    """``a;b`` -> [a, b] (lower case, stripped); None -> []."""
    return [v.strip().lower() for v in (tag or "").split(";") if v.strip()]


def most_specific(tags: dict, keys: tuple[str, ...]) -> tuple[str, str] | None:
    """(key, value) of the first of ``keys`` (most specific first) that ``tags`` has."""
    for k in keys:
        if tags.get(k):
            return k, tags[k].strip().lower()
    return None


def maxspeed_kph(value: str | None) -> float | None:
    """A ``maxspeed`` value in km/h ("50", "30 mph", "FR:urban", "AT:zone30", "walk"...);
    ``inf`` for "none", None when absent or unreadable (signals, variable)."""
    vs = values(value)
    if not vs:
        return None
    v = vs[0]
    try:
        if v.endswith("mph"):
            return float(v[:-3].strip()) * 1.609344
        if v.endswith("km/h"):
            v = v[:-4]
        return float(v.strip().replace(",", "."))
    except ValueError:
        pass
    zone = v.split(":", 1)[1] if ":" in v else v          # "FR:zone30" -> "zone30"
    if zone == "urban":
        return 50.0
    m = re.fullmatch(r"zone:?(\d+)", zone)
    if m:
        return float(m.group(1))
    if zone in ("walk", "living_street"):
        return 10.0
    if zone in ("rural", "trunk"):
        return 80.0
    if zone in ("motorway", "none"):
        return math.inf
    return None


def barrier_closed(tags: dict) -> str | None:
    """Why a barrier node closes the road to a tourist coach, or None when it does not.

    Passable kinds (entrance, border_control, toll_booth, cattle_grid, kerb) never close.
    Otherwise the most specific of tourist_bus > coach > bus > motor_vehicle > vehicle > access
    decides: yes/permissive/designated/destination open, anything else closes (``bus`` decides
    only when yes or no: ``bus=designated`` is a bus gate); no such tag: closed (a bollard, a
    block, a gate or lift gate with no tags)."""
    kind = (tags.get("barrier") or "").strip().lower()
    if not kind or kind in PASSABLE_BARRIERS:
        return None
    for key in ("tourist_bus", "coach", "bus", "motor_vehicle", "vehicle", "access"):
        v = (tags.get(key) or "").strip().lower()
        if not v or (key == "bus" and v not in ("yes", "no")):
            continue
        return None if v in OPEN_VALUES else f"barrier={kind} {key}={v}"
    return f"barrier={kind} (no access tag)"


def coach_access(tags: dict) -> tuple[str, str] | None:
    """(key, value) of the access tag that decides for a tourist coach on a way:
    tourist_bus > coach > motor_vehicle > vehicle > access (bus/psv describe public transport)."""
    return most_specific(tags, ("tourist_bus", "coach", "motor_vehicle", "vehicle", "access"))


def bus_only(tags: dict) -> bool:
    """A way for buses only: ``highway=busway``, or closed to motor vehicles with bus/psv yes|designated."""
    if tags.get("highway") == "busway":
        return True
    acc = most_specific(tags, ("motor_vehicle", "vehicle", "access"))
    if acc is None or acc[1] != "no" or most_specific(tags, ("tourist_bus", "coach")):
        return False
    return bool(YES_DESIGNATED & set(values(tags.get("bus")) + values(tags.get("psv"))))


def through_restriction(tags: dict) -> str | None:
    """Why a coach may use a way only to start or end a leg there (None: it may cross it)."""
    if bus_only(tags):
        return "bus only"
    reasons = []
    acc = coach_access(tags)
    if acc is not None and acc[1] in END_ONLY_VALUES:
        reasons.append(f"{acc[0]}={acc[1]}")
    if (tags.get("service") or "").lower() in END_ONLY_SERVICES:
        reasons.append(f"service={tags['service']}")
    return ", ".join(reasons) or None


def limit_value(value: str | None) -> float | None:
    """A maxheight/maxwidth/maxlength (metres) or maxweight (tonnes) value: "3.5", "3,5 m", "16 t",
    "12'6\""; None when absent, "none"/"default" or unreadable."""
    t = (value or "").strip().lower()
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(?:m|t|metres|meters)?", t)
    if m:
        return float(m.group(1).replace(",", "."))
    m = re.fullmatch(r"(\d+)\s*'\s*(?:(\d+)\s*\"?)?", t)
    if m:
        return (int(m.group(1)) * 12 + int(m.group(2) or 0)) * 0.0254
    return None


def too_small(tags: dict) -> str | None:
    """The dimension tag of a way that the 12 m coach (COACH_LIMITS) exceeds, or None."""
    for key, coach in COACH_LIMITS:
        lim = limit_value(tags.get(key))
        if lim is not None and lim < coach:
            return f"{key}={tags[key]}"
    return None


def closed_way(tags: dict) -> str | None:
    """Why a way is closed to a coach altogether (not a motor road, access, bus=no, a dimension
    limit below the coach's), bus-only ways apart (they count as restricted through-use)."""
    hw = tags.get("highway")
    if hw not in MOTOR_HIGHWAYS and hw != "busway":
        return f"highway={hw}"
    acc = coach_access(tags)
    if acc is not None and set(values(acc[1])) <= CLOSED_VALUES and not bus_only(tags):
        return f"{acc[0]}={acc[1]}"
    if "no" in values(tags.get("bus")) and not most_specific(tags, ("tourist_bus", "coach")):
        return "bus=no"
    return too_small(tags)


def oneway_of(tags: dict) -> int:
    """1: drive the way only in its drawing direction, -1: only against it, 0: both.
    ``oneway:bus``/``oneway:psv`` are not read (a coach is not public transport)."""
    ow = (tags.get("oneway") or "").strip().lower()
    if ow in ("yes", "true", "1"):
        return 1
    if ow in ("-1", "reverse"):
        return -1
    if ow:
        return 0
    if tags.get("junction") in ("roundabout", "circular") or tags.get("highway") in ("motorway", "motorway_link"):
        return 1
    return 0


def restriction_kind(tags: dict) -> str | None:
    """The ``no_*``/``only_*`` value of a restriction relation that binds a tourist coach, or None
    (another vehicle class only, an exemption, or no readable value)."""
    if set(values(tags.get("except"))) & RESTRICTION_EXEMPT:
        return None
    for key in RESTRICTION_KEYS:
        v = (tags.get(key) or "").strip().lower()
        if v:
            return v if v.startswith(("no_", "only_")) else None
    return None


# ---------------------------------------------------------------------------------- OSM data
@dataclass(frozen=True)
class Restriction:
    """A ``type=restriction`` relation that binds a tourist coach (ways and nodes by OSM id)."""

    rel_id: int
    kind: str                        # e.g. "no_left_turn", "only_straight_on"
    from_ways: frozenset[int]
    to_ways: frozenset[int]
    via_node: int | None
    via_ways: frozenset[int]         # empty for a via node

    @property
    def only(self) -> bool:
        return self.kind.startswith("only_")


class OsmData:
    """The raw OSM facts the audit needs, in plain dicts.

    ``node_xy`` (lon, lat) of every node of a highway way; ``node_tags`` of tagged nodes;
    ``way_tags``/``way_nodes`` of highway ways; ``at`` coordinate key -> node ids there;
    ``pairs`` (a, b) -> [(way, forward)] for nodes consecutive in a way; ``neighbours`` on the
    motor road graph (access ignored: its degree 1 nodes are the dead ends); ``coach_exits``
    a -> {b} where a coach may legally drive a -> b (access, dimensions, oneway); restrictions
    binding a coach indexed by via node and (for via ways) by from way."""

    def __init__(self, node_xy: dict, node_tags: dict, way_tags: dict, way_nodes: dict, relations: list):
        self.node_xy, self.node_tags, self.way_tags, self.way_nodes = node_xy, node_tags, way_tags, way_nodes
        self.at: dict[tuple, list[int]] = defaultdict(list)
        self.pairs: dict[tuple[int, int], list[tuple[int, bool]]] = defaultdict(list)
        self.neighbours: dict[int, set[int]] = defaultdict(set)
        self.coach_exits: dict[int, set[int]] = defaultdict(set)   # a -> b a coach may drive
        for nid, (lon, lat) in node_xy.items():
            self.at[coord_key(lon, lat)].append(nid)
        for w, nodes in way_nodes.items():
            tags = way_tags[w]
            motor = tags.get("highway") in MOTOR_HIGHWAYS
            coach = motor and closed_way(tags) is None and not bus_only(tags)
            ow = oneway_of(tags)
            for a, b in zip(nodes[:-1], nodes[1:]):
                if a in node_xy and b in node_xy and a != b:
                    self.pairs[(a, b)].append((w, True))
                    self.pairs[(b, a)].append((w, False))
                    if motor:
                        self.neighbours[a].add(b)
                        self.neighbours[b].add(a)
                    if coach and ow >= 0:
                        self.coach_exits[a].add(b)
                    if coach and ow <= 0:
                        self.coach_exits[b].add(a)
        self._adjacent: dict[int, set[int]] = defaultdict(set)
        for a, b in self.pairs:
            self._adjacent[a].add(b)
        self.restrictions_at_node: dict[int, list[Restriction]] = defaultdict(list)
        self.restrictions_from_way: dict[int, list[Restriction]] = defaultdict(list)
        self.restriction_counts: Counter = Counter()
        for rel_id, tags, members in relations:
            self._add_restriction(rel_id, tags, members)

    def _add_restriction(self, rel_id: int, tags: dict, members: list[tuple[str, int, str]]) -> None:
        kind = restriction_kind(tags)
        if kind is None:
            self.restriction_counts["not for a coach"] += 1
            return
        frm = frozenset(r for t, r, role in members if role == "from" and t == "w")
        to = frozenset(r for t, r, role in members if role == "to" and t == "w")
        via_n = [r for t, r, role in members if role == "via" and t == "n"]
        via_w = frozenset(r for t, r, role in members if role == "via" and t == "w")
        if not frm or not to or (len(via_n) == 1) == bool(via_w) or len(via_n) > 1:
            self.restriction_counts["malformed"] += 1
            return
        r = Restriction(rel_id, kind, frm, to, via_n[0] if via_n else None, via_w)
        if not (frm | to | via_w) <= self.way_tags.keys():
            self.restriction_counts["with ways outside the file (still applied)"] += 1
        if r.via_node is not None:
            self.restrictions_at_node[r.via_node].append(r)
            self.restriction_counts["via node"] += 1
        else:
            for w in frm:
                self.restrictions_from_way[w].append(r)
            self.restriction_counts["via way"] += 1

    @classmethod
    def read(cls, path: Path) -> "OsmData":
        """Read an .osm / .osm.gz / .pbf file with pyosmium (one pass, way node locations)."""
        import osmium
        node_xy, node_tags, way_tags, way_nodes, relations = {}, {}, {}, {}, []
        for obj in osmium.FileProcessor(str(path)).with_locations():
            if obj.is_node():
                if len(obj.tags):
                    node_tags[obj.id] = {t.k: t.v for t in obj.tags}
            elif obj.is_way():
                if "highway" not in obj.tags:
                    continue
                refs = []
                for nd in obj.nodes:
                    refs.append(nd.ref)
                    if nd.location.valid():
                        node_xy[nd.ref] = (nd.location.lon, nd.location.lat)
                way_tags[obj.id] = {t.k: t.v for t in obj.tags}
                way_nodes[obj.id] = refs
            elif obj.is_relation() and obj.tags.get("type") == "restriction":
                relations.append((obj.id, {t.k: t.v for t in obj.tags},
                                  [(m.type, m.ref, m.role) for m in obj.members]))
        return cls(node_xy, node_tags, way_tags, way_nodes, relations)

    def way_of(self, a: int | None, b: int | None) -> tuple[int, bool] | None:
        """(way, forward) of the segment a -> b, a motor road preferred; None if no way has it."""
        cands = self.pairs.get((a, b)) if a is not None and b is not None else None
        if not cands:
            return None
        motor = [c for c in cands if self.way_tags[c[0]].get("highway") in MOTOR_HIGHWAYS]
        return (motor or cands)[0]

    def follows_way(self, way: int, a: int, v: int, b: int) -> bool:
        """True if a, v, b are consecutive along ``way`` (either direction): the road bends at v."""
        nodes = self.way_nodes[way]
        return any(nodes[i] == v and {nodes[i - 1], nodes[i + 1]} == {a, b} and a != b
                   for i in range(1, len(nodes) - 1))

    def end_neighbour(self, point: tuple[float, float], node: int) -> tuple[int | None, float]:
        """The neighbour M of ``node`` (on any highway way) such that ``point`` lies on segment
        M-node, with the point's distance to that segment in metres; (None, inf) if none."""
        best, best_d = None, math.inf
        for m in self.adjacent(node):
            d = point_segment_m(point, self.node_xy[m], self.node_xy[node])
            if d < best_d:
                best, best_d = m, d
        return best, best_d

    def adjacent(self, node: int) -> set[int]:
        """Nodes consecutive with ``node`` in some highway way."""
        return self._adjacent.get(node, set())


# ---------------------------------------------------------------------------------- leg audit
@dataclass
class LegAudit:
    """What one leg does on the OSM map. ``nodes[i]`` is the OSM node at ``coords[i]``; the two
    ends (road points) hold the far node of the OSM segment they lie on (M and L, not driven)."""

    coords: list[tuple[float, float]]
    nodes: list[int | None]
    ways: list[int | None]            # per segment coords[i] -> coords[i+1]
    forward: list[bool | None]
    first_heading: float | None = None   # degrees, None for a degenerate leg
    last_heading: float | None = None
    forbidden: list[dict] = field(default_factory=list)
    uturns: list[dict] = field(default_factory=list)        # not allowed where they happen
    allowed_turns: list[dict] = field(default_factory=list)  # dead end / turning circle...
    hairpins: int = 0
    barriers: list[dict] = field(default_factory=list)
    through: list[dict] = field(default_factory=list)
    closed: list[dict] = field(default_factory=list)
    wrong_way: list[dict] = field(default_factory=list)
    length_m: float = 0.0
    urban_m: float = 0.0
    unmatched: int = 0        # interior coordinates that are no OSM node
    ambiguous: int = 0        # interior coordinates shared by several OSM nodes
    no_way: int = 0           # segments no OSM way holds
    end_offset_m: float = 0.0  # worst distance of a road point to its OSM segment
    node_ids: str = "absent"   # exact | with_ends | subsequence | mismatch | absent

    @property
    def degenerate(self) -> bool:
        return self.first_heading is None


def match_nodes(osm: OsmData, coords: list[tuple[float, float]]) -> tuple[list[int | None], int, int]:
    """OSM node id of each interior coordinate (None where no node is there), choosing among
    nodes sharing a coordinate the one consecutive in a way with its predecessor or successor.
    Returns (ids for coords[1:-1], unmatched count, ambiguous count)."""
    cands = [osm.at.get(coord_key(*c), []) for c in coords[1:-1]]
    ids: list[int | None] = []
    ambiguous = 0
    for i, cs in enumerate(cands):
        if len(cs) <= 1:
            ids.append(cs[0] if cs else None)
            continue
        ambiguous += 1
        prev = ids[-1] if ids else None
        nxt = cands[i + 1] if i + 1 < len(cands) else []
        pick = next((c for c in cs if prev is not None and (prev, c) in osm.pairs), None)
        pick = pick or next((c for c in cs if any((c, n) in osm.pairs for n in nxt)), cs[0])
        ids.append(pick)
    return ids, sum(1 for x in ids if x is None), ambiguous


def compare_node_ids(given: tuple[int, ...], derived: list[int | None]) -> tuple[str, list[int] | None]:
    """How a leg's ``node_ids`` agrees with the nodes read from its coordinates, and the interior
    node list to use: exact, with_ends (plus the far ends of the end links), subsequence
    (junctions only: nothing to take from it), or mismatch."""
    g = list(given)
    if g == derived:
        return "exact", g
    for lo, hi in ((1, len(g) - 1), (1, len(g)), (0, len(g) - 1)):
        if g[lo:hi] == derived and g[lo:hi]:
            return "with_ends", g[lo:hi]
    it = iter(derived)
    if g and all(any(x == y for y in it) for x in g):
        return "subsequence", None
    return "mismatch", None


def segment_heading(a: LegAudit, osm: OsmData, i: int) -> float:
    """Heading (degrees) of segment i of the leg; an end segment shorter than SHORT_END_M takes
    the heading of the OSM segment its road point lies on (a road point 1 cm from a node)."""
    p, q = a.coords[i], a.coords[i + 1]
    if seg_length_m(p, q) < SHORT_END_M:
        if i == 0 and a.nodes[0] is not None:
            p = osm.node_xy[a.nodes[0]]
        elif i == len(a.coords) - 2 and a.nodes[-1] is not None:
            q = osm.node_xy[a.nodes[-1]]
    return heading_deg(p, q)


def audit_leg(osm: OsmData, leg) -> LegAudit:
    """Map a ``LegPath`` (coords, optional node_ids) onto OSM nodes and ways and check it."""
    coords = [tuple(c) for c in leg.coords]
    coords = [c for i, c in enumerate(coords) if i == 0 or c != coords[i - 1]]
    interior, unmatched, ambiguous = match_nodes(osm, coords) if len(coords) > 2 else ([], 0, 0)
    status = "absent"
    given = getattr(leg, "node_ids", None)
    if given is not None:
        status, use = compare_node_ids(tuple(int(x) for x in given), interior)
        if use is not None:
            interior = use
    nodes: list[int | None] = [None] + interior + [None]
    a = LegAudit(coords, nodes, [], [], unmatched=unmatched, ambiguous=ambiguous, node_ids=status)
    if len(coords) < 2:
        return a
    if len(coords) > 2:
        for end, node, idx in ((coords[0], interior[0], 0), (coords[-1], interior[-1], -1)):
            if node is not None:
                m, d = osm.end_neighbour(end, node)
                nodes[idx] = m
                a.end_offset_m = max(a.end_offset_m, d)
    for p, q in zip(nodes[:-1], nodes[1:]):
        wf = osm.way_of(p, q)
        a.ways.append(wf[0] if wf else None)
        a.forward.append(wf[1] if wf else None)
    a.no_way = sum(1 for w in a.ways if w is None) if len(coords) > 2 else 0
    a.first_heading = segment_heading(a, osm, 0)
    a.last_heading = segment_heading(a, osm, len(coords) - 2)
    _check_turns(osm, a)
    _check_via_ways(osm, a)
    _check_nodes(osm, a)
    _check_ways(osm, a)
    return a


def _check_turns(osm: OsmData, a: LegAudit) -> None:
    """Via-node restrictions and turn-rounds at each interior node."""
    for i in range(1, len(a.coords) - 1):
        v, prev, nxt = a.nodes[i], a.nodes[i - 1], a.nodes[i + 1]
        w_in, w_out = a.ways[i - 1], a.ways[i]
        if v is None:
            continue
        for r in osm.restrictions_at_node.get(v, ()):
            if w_in not in r.from_ways or w_out is None:
                continue
            reversal = nxt == prev and w_in == w_out
            onto = w_out in r.to_ways
            if r.only:
                bad = not onto or (reversal and w_out in r.from_ways and r.kind != "only_u_turn")
            else:
                bad = onto and (w_out not in r.from_ways or reversal)
            if bad:
                a.forbidden.append({"node": v, "from_way": w_in, "to_way": w_out, "relation": r.rel_id,
                                    "restriction": r.kind, "coord_index": i})
        angle = turn_deg(segment_heading(a, osm, i - 1), segment_heading(a, osm, i))
        if angle <= U_TURN_DEG:
            continue
        if w_in is not None and w_in == w_out and prev is not None and nxt is not None \
                and osm.follows_way(w_in, prev, v, nxt):
            a.hairpins += 1
            continue
        tags = osm.node_tags.get(v, {})
        degree = len(osm.neighbours.get(v, ()))
        where = ("dead_end" if degree <= 1 else tags.get("highway") if tags.get("highway") in TURN_ROUND_NODES
                 else "closed_barrier" if barrier_closed(tags)
                 else "coach_dead_end" if prev == nxt and not osm.coach_exits.get(v, set()) - {prev}
                 else "elsewhere")
        rec = {"node": v, "angle_deg": round(angle, 1), "where": where, "degree": degree,
               "prev": prev, "next": nxt, "way_in": w_in, "way_out": w_out, "coord_index": i}
        (a.uturns if where in COUNTED_U_TURNS else a.allowed_turns).append(rec)


def _check_via_ways(osm: OsmData, a: LegAudit) -> None:
    """Via-way restrictions on the leg's sequence of ways (runs of equal ways merged)."""
    runs: list[tuple[int | None, int]] = []     # (way, index of its first segment)
    for i, w in enumerate(a.ways):
        if not runs or runs[-1][0] != w:
            runs.append((w, i))
    for j, (w, _) in enumerate(runs):
        for r in osm.restrictions_from_way.get(w, ()):
            k = j + 1
            while k < len(runs) and runs[k][0] in r.via_ways:
                k += 1
            if k == j + 1 or k == len(runs):
                continue          # the via ways are not entered, or the leg ends on them
            crossed = {runs[x][0] for x in range(j + 1, k)}
            out = runs[k][0]
            bad = (out not in r.to_ways) if r.only else (crossed == r.via_ways and out in r.to_ways)
            if bad:
                i = runs[k][1]
                a.forbidden.append({"node": a.nodes[i], "from_way": w, "to_way": out, "relation": r.rel_id,
                                    "restriction": r.kind, "via_ways": sorted(r.via_ways), "coord_index": i})


def _check_nodes(osm: OsmData, a: LegAudit) -> None:
    """Closed barriers at the nodes the coach passes (interior nodes it does not turn round at)."""
    for i in range(1, len(a.coords) - 1):
        v = a.nodes[i]
        if v is None or a.nodes[i - 1] == a.nodes[i + 1]:
            continue
        why = barrier_closed(osm.node_tags.get(v, {}))
        if why:
            a.barriers.append({"node": v, "why": why, "coord_index": i})


def _check_ways(osm: OsmData, a: LegAudit) -> None:
    """Through-use of end-only ways, closed ways, wrong-way driving, and urban length (metres)."""
    ends = {a.ways[0], a.ways[-1]}
    seen = set()
    restricted = [w is not None and through_restriction(osm.way_tags[w]) is not None for w in a.ways]
    lead = next((i for i, r in enumerate(restricted) if not r), len(restricted))
    trail = len(restricted) - next((i for i, r in enumerate(reversed(restricted)) if not r), len(restricted))
    middle = {w for i, w in enumerate(a.ways) if restricted[i] and lead <= i < trail}
    for i, w in enumerate(a.ways):
        length = seg_length_m(a.coords[i], a.coords[i + 1])
        a.length_m += length
        if w is None:
            continue
        tags = osm.way_tags[w]
        ow = oneway_of(tags)
        if (ow == 1 and a.forward[i] is False) or (ow == -1 and a.forward[i] is True):
            a.wrong_way.append({"way": w, "coord_index": i})
        speed_key = "maxspeed:forward" if a.forward[i] else "maxspeed:backward"
        ms = maxspeed_kph(tags.get(speed_key) or tags.get("maxspeed"))
        urban = ms <= URBAN_KPH if ms is not None else tags.get("highway") in URBAN_DEFAULT_HIGHWAYS
        a.urban_m += length if urban else 0.0
        if w in seen:
            continue
        seen.add(w)
        why = through_restriction(tags)
        if why and w not in ends:
            a.through.append({"way": w, "why": why, "where": "mid_leg" if w in middle else "end_stretch"})
        why = closed_way(tags)
        if why:
            a.closed.append({"way": w, "why": why})


# ---------------------------------------------------------------------------------- tours
@dataclass
class TourResult:
    legs: list[LegAudit | None]      # None: unreachable
    distances_m: list[float | None]
    durations_s: list[float | None]
    reversals: list[dict] = field(default_factory=list)
    stops_checked: int = 0


def audit_tour(legs: list[LegAudit | None]) -> tuple[int, list[dict]]:
    """(stops checked, reversals) at the junctions of consecutive legs (degenerate or
    unreachable legs skipped): leg k's last heading vs leg k+1's first, > U_TURN_DEG."""
    checked, out = 0, []
    for k in range(len(legs) - 1):
        a, b = legs[k], legs[k + 1]
        if a is None or b is None or a.degenerate or b.degenerate:
            continue
        checked += 1
        angle = turn_deg(a.last_heading, b.first_heading)
        if angle > U_TURN_DEG:
            out.append({"stop": k + 1, "angle_deg": round(angle, 1), "at": [round(x, 7) for x in a.coords[-1]],
                        "arrive_from": a.nodes[-2], "leave_to": b.nodes[1], "way": a.ways[-1]})
    return checked, out


def draw_points(region, rng, n: int) -> list[tuple[float, float]]:
    """n random candidate sites (lon, lat): named features when >= 20, else uniform in bounds."""
    feats = region.named_features()
    if len(feats) >= 20:
        return [(feats[i].lon, feats[i].lat) for i in rng.choice(len(feats), n, replace=False)]
    w, s, e, nn = region.bounds
    return list(zip(rng.uniform(w, e, n).tolist(), rng.uniform(s, nn, n).tolist()))


def plan_and_audit(region, osm: OsmData, n_tours: int, seed: int) -> tuple[list[TourResult], dict]:
    """Plan n_tours random depot + 3 stop tours with the app's network and audit each leg
    (legs cached per snap pair). Returns (tours, counters)."""
    import numpy as np
    from routing.errors import RoutingError
    net = region.network()
    rng = np.random.default_rng(seed)
    cache: dict[tuple, tuple] = {}
    counters = Counter()
    tours: list[TourResult] = []
    t_plan = t_audit = 0.0
    while len(tours) < n_tours and counters["drawn"] < 50 * n_tours:
        counters["drawn"] += 1
        try:
            snaps = [net.snap(lon, lat) for lon, lat in draw_points(region, rng, 4)]
        except RoutingError:
            continue
        if not all(s.ok for s in snaps):
            continue
        stops = snaps + [snaps[0]]
        audits, dists, durs = [], [], []
        for s, t in zip(stops[:-1], stops[1:]):
            key = (repr(s), repr(t))    # every field of both snaps, whatever the engine puts there
            if key not in cache:
                t0 = time.perf_counter()
                try:
                    leg = net.leg(s, t)
                except RoutingError:
                    leg = None
                t1 = time.perf_counter()
                cache[key] = (leg, audit_leg(osm, leg) if leg is not None else None)
                t_plan += t1 - t0
                t_audit += time.perf_counter() - t1
            leg, audit = cache[key]
            audits.append(audit)
            dists.append(leg.distance_m if leg else None)
            durs.append(leg.duration_s if leg else None)
        tr = TourResult(audits, dists, durs)
        tr.stops_checked, tr.reversals = audit_tour(audits)
        tours.append(tr)
    counters["distinct_legs"] = len(cache)
    counters["plan_s"], counters["audit_s"] = t_plan, t_audit
    return tours, counters


# ---------------------------------------------------------------------------------- figures
def pct(k: int, n: int) -> float:
    return round(100.0 * k / n, 1) if n else 0.0


def median_kph(pairs: list[tuple[float, float]]) -> float | None:
    """Median of distance (m) / duration (s) in km/h, None when empty."""
    speeds = [3.6 * d / t for d, t in pairs if t > 0]
    return round(statistics.median(speeds), 1) if speeds else None


def summarise(tours: list[TourResult], counters: Counter, osm: OsmData, n_examples: int) -> dict:
    """The figures of one extract (see the module docstring) and a few examples of each finding."""
    legs = [(t, k, a) for t, tr in enumerate(tours) for k, a in enumerate(tr.legs)]
    ok = [(t, k, a) for t, k, a in legs if a is not None]
    n_t, n_l = len(tours), len(ok)

    def routes_with(attr):
        return sum(1 for tr in tours if any(a is not None and getattr(a, attr) for a in tr.legs))

    def total(attr):
        return sum(len(getattr(a, attr)) for _, _, a in ok)

    def examples(attr, key="node"):
        """Up to n_examples records, one per distinct place (node or way)."""
        out, seen = [], set()
        for t, k, a in ok:
            for rec in getattr(a, attr):
                if len(out) < n_examples and rec.get(key) not in seen:
                    seen.add(rec.get(key))
                    out.append(dict(rec, tour=t, leg=k))
        return out

    def top(attr, key="node", n=5):
        """The n places (node or way ids) a finding happens at most often, with counts."""
        return Counter(rec.get(key) for _, _, a in ok for rec in getattr(a, attr)).most_common(n)

    speed_all, speed_urban = [], []
    for tr in tours:
        for a, d, s in zip(tr.legs, tr.distances_m, tr.durations_s):
            if a is None or d is None or d <= LONG_LEG_M:
                continue
            speed_all.append((d, s))
            if a.length_m > 0 and a.urban_m >= URBAN_SHARE * a.length_m:
                speed_urban.append((d, s))
    stops = sum(tr.stops_checked for tr in tours)
    reversals = sum(len(tr.reversals) for tr in tours)
    allowed = Counter(r["where"] for _, _, a in ok for r in a.allowed_turns)
    through_legs = sum(1 for _, _, a in ok if a.through)
    rev_examples = [dict(r, tour=t) for t, tr in enumerate(tours) for r in tr.reversals][:n_examples]
    return {
        "tours": n_t, "points_drawn": counters["drawn"] * 4, "tours_drawn": counters["drawn"],
        "legs": n_l, "distinct_legs": counters["distinct_legs"],
        "unreachable_legs": len(legs) - n_l,
        "degenerate_legs": sum(1 for _, _, a in ok if a.degenerate),
        "forbidden_turns": {"routes": routes_with("forbidden"), "total": total("forbidden")},
        "junction_u_turns": {"routes": routes_with("uturns"), "routes_pct": pct(routes_with("uturns"), n_t),
                             "total": total("uturns"),
                             "by_place": dict(Counter(r["where"] for _, _, a in ok for r in a.uturns))},
        "allowed_turn_rounds": {"total": sum(allowed.values()), "by_place": dict(allowed)},
        "stop_reversals": {"count": reversals, "stops": stops, "pct": pct(reversals, stops)},
        "barrier_crossings": {"routes": routes_with("barriers"), "routes_pct": pct(routes_with("barriers"), n_t),
                              "total": total("barriers")},
        "restricted_through_use": {"legs": through_legs, "legs_pct": pct(through_legs, n_l)},
        "median_urban_kph": median_kph(speed_urban), "urban_legs": len(speed_urban),
        "median_all_kph": median_kph(speed_all), "long_legs": len(speed_all),
        "diagnostics": {
            "hairpin_bends": sum(a.hairpins for _, _, a in ok),
            "restricted_through_mid_leg_legs": sum(1 for _, _, a in ok if any(r["where"] == "mid_leg"
                                                                            for r in a.through)),
            "legs_on_closed_ways": sum(1 for _, _, a in ok if a.closed),
            "closed_way_reasons": dict(Counter(r["why"] for _, _, a in ok for r in a.closed)),
            "legs_wrong_way": sum(1 for _, _, a in ok if a.wrong_way),
            "unmatched_coords": sum(a.unmatched for _, _, a in ok),
            "ambiguous_coords": sum(a.ambiguous for _, _, a in ok),
            "segments_without_way": sum(a.no_way for _, _, a in ok),
            "worst_road_point_offset_m": round(max((a.end_offset_m for _, _, a in ok), default=0.0), 3),
            "node_ids": dict(Counter(a.node_ids for _, _, a in ok)),
            "restrictions": dict(osm.restriction_counts),
            "plan_s": round(counters["plan_s"], 2), "audit_s": round(counters["audit_s"], 2),
        },
        "examples": {"forbidden_turns": examples("forbidden"), "junction_u_turns": examples("uturns"),
                     "allowed_turn_rounds": examples("allowed_turns"), "stop_reversals": rev_examples,
                     "barrier_crossings": examples("barriers"), "restricted_through_use": examples("through", "way"),
                     "closed_ways": examples("closed", "way"), "wrong_way": examples("wrong_way", "way")},
        "top_places": {"forbidden_turns": top("forbidden"), "junction_u_turns": top("uturns"),
                       "barrier_crossings": top("barriers"), "restricted_through_use": top("through", "way")},
    }


# (header, width, cell) of the table's columns; cell(r) formats one extract's figures
def _n_of(k: int, n: int) -> str:
    return f"{k}/{n}"


def _speed(v: float | None, n: int) -> str:
    return f"{'-' if v is None else f'{v:.1f}'} ({n})"


COLUMNS = (
    ("extract", 13, None),
    ("tours", 5, lambda r: r["tours"]),
    ("legs", 5, lambda r: r["legs"]),
    ("unreach", 7, lambda r: r["unreachable_legs"]),
    ("forbid rt/n", 11, lambda r: _n_of(r["forbidden_turns"]["routes"], r["forbidden_turns"]["total"])),
    ("U-turn rt", 9, lambda r: r["junction_u_turns"]["routes"]),
    ("%", 5, lambda r: f"{r['junction_u_turns']['routes_pct']:.1f}"),
    ("allowed", 7, lambda r: r["allowed_turn_rounds"]["total"]),
    ("stop rev n/stops", 16, lambda r: _n_of(r["stop_reversals"]["count"], r["stop_reversals"]["stops"])),
    ("%", 5, lambda r: f"{r['stop_reversals']['pct']:.1f}"),
    ("barrier rt", 10, lambda r: r["barrier_crossings"]["routes"]),
    ("%", 5, lambda r: f"{r['barrier_crossings']['routes_pct']:.1f}"),
    ("restr legs", 10, lambda r: r["restricted_through_use"]["legs"]),
    ("%", 5, lambda r: f"{r['restricted_through_use']['legs_pct']:.1f}"),
    ("urban km/h (n)", 14, lambda r: _speed(r["median_urban_kph"], r["urban_legs"])),
    ("all km/h (n)", 13, lambda r: _speed(r["median_all_kph"], r["long_legs"])),
)


def print_table(results: dict[str, dict]) -> None:
    """One row per extract (COLUMNS), then per extract its counts, diagnostics and examples."""
    head = " ".join(f"{h:{w}}" if cell is None else f"{h:>{w}}" for h, w, cell in COLUMNS)
    print(head)
    print("-" * len(head))
    for name, r in results.items():
        print(" ".join(f"{name:{w}}" if cell is None else f"{cell(r)!s:>{w}}" for h, w, cell in COLUMNS))
    for name, r in results.items():
        d, u = r["diagnostics"], r["junction_u_turns"]
        print(f"\n{name}: drew {r['tours_drawn']} tours for {r['tours']} that snap; {r['distinct_legs']} distinct "
              f"legs, {r['degenerate_legs']} degenerate; U-turn events {u['total']} {u['by_place']}, allowed "
              f"turn-rounds {r['allowed_turn_rounds']['by_place']}; forbidden turn events "
              f"{r['forbidden_turns']['total']}; barrier events {r['barrier_crossings']['total']}; "
              f"plan {d['plan_s']} s, audit {d['audit_s']} s")
        print(f"  diagnostics: restricted through-use mid-leg (not on an end stretch) in "
              f"{d['restricted_through_mid_leg_legs']} legs; hairpin bends {d['hairpin_bends']}; legs on closed "
              f"ways {d['legs_on_closed_ways']} {d['closed_way_reasons']}; legs driving a oneway backwards "
              f"{d['legs_wrong_way']}; unmatched coords {d['unmatched_coords']}, shared coords "
              f"{d['ambiguous_coords']}, segments without way {d['segments_without_way']}, worst road point "
              f"offset {d['worst_road_point_offset_m']} m; node_ids {d['node_ids']}; restrictions {d['restrictions']}")
        for kind, places in r["top_places"].items():
            if places:
                osm_type = "way" if kind == "restricted_through_use" else "node"
                print(f"  most often, {kind}: " + ", ".join(f"{osm_type}/{p} x{c}" for p, c in places))
        for kind, recs in r["examples"].items():
            for rec in recs:
                print(f"  e.g. {kind}: {json.dumps(rec)}")


def code_version(repo: Path) -> str:
    """``git describe`` of the checkout whose routing code is measured, + dirty routing/."""
    try:
        rev = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "routing"], capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return str(repo)
    return f"{repo} @ {rev}" + (" + uncommitted routing/ changes" if dirty else "")


# ---------------------------------------------------------------------------------- self-test
_TEST_OSM = """<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6">
 <node id="1" lat="45.000" lon="0.000"/>
 <node id="2" lat="45.000" lon="0.001"/>
 <node id="3" lat="45.000" lon="0.002"><tag k="barrier" v="bollard"/></node>
 <node id="4" lat="45.001" lon="0.001"><tag k="highway" v="turning_circle"/></node>
 <node id="5" lat="44.999" lon="0.001"/>
 <node id="6" lat="45.000" lon="0.003"/>
 <node id="7" lat="45.000" lon="0.004"><tag k="barrier" v="gate"/><tag k="access" v="yes"/></node>
 <node id="8" lat="45.000" lon="0.005"/>
 <node id="9" lat="45.002" lon="0.001"/>
 <node id="20" lat="45.000" lon="0.006"/>
 <node id="21" lat="45.0001" lon="0.005"/>
 <node id="22" lat="45.0003" lon="0.006"/>
 <node id="23" lat="45.0003" lon="0.005"/>
 <node id="24" lat="44.999" lon="0.002"/>
 <node id="25" lat="44.998" lon="0.002"/>
 <node id="26" lat="45.0002" lon="0.0065"/>
 <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/><tag k="maxspeed" v="30"/></way>
 <way id="11"><nd ref="2"/><nd ref="4"/><tag k="highway" v="residential"/></way>
 <way id="12"><nd ref="2"/><nd ref="5"/><tag k="highway" v="residential"/></way>
 <way id="13"><nd ref="3"/><nd ref="6"/><tag k="highway" v="service"/><tag k="service" v="parking_aisle"/></way>
 <way id="15"><nd ref="4"/><nd ref="9"/><tag k="highway" v="residential"/></way>
 <way id="16"><nd ref="8"/><nd ref="20"/><nd ref="21"/><tag k="highway" v="residential"/></way>
 <way id="17"><nd ref="26"/><nd ref="20"/><tag k="highway" v="service"/><tag k="service" v="parking_aisle"/></way>
 <way id="18"><nd ref="20"/><nd ref="22"/><tag k="highway" v="service"/><tag k="service" v="parking_aisle"/></way>
 <way id="19"><nd ref="22"/><nd ref="23"/><nd ref="8"/><tag k="highway" v="residential"/></way>
 <way id="24"><nd ref="3"/><nd ref="24"/><tag k="highway" v="residential"/></way>
 <way id="25"><nd ref="24"/><nd ref="25"/><tag k="highway" v="residential"/><tag k="maxweight" v="10"/></way>
 <way id="14"><nd ref="6"/><nd ref="7"/><nd ref="8"/><tag k="highway" v="primary"/><tag k="oneway" v="yes"/></way>
 <relation id="100"><member type="way" ref="10" role="from"/><member type="node" ref="2" role="via"/>
  <member type="way" ref="11" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_left_turn"/></relation>
 <relation id="101"><member type="way" ref="11" role="from"/><member type="node" ref="2" role="via"/>
  <member type="way" ref="12" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="only_straight_on"/></relation>
 <relation id="102"><member type="way" ref="12" role="from"/><member type="way" ref="10" role="via"/>
  <member type="way" ref="13" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_right_turn"/></relation>
 <relation id="103"><member type="way" ref="12" role="from"/><member type="node" ref="2" role="via"/>
  <member type="way" ref="11" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_straight_on"/>
  <tag k="except" v="psv"/></relation>
 <relation id="104"><member type="way" ref="10" role="from"/><member type="node" ref="2" role="via"/>
  <member type="way" ref="12" role="to"/><tag k="type" v="restriction"/><tag k="restriction:bicycle" v="no_right_turn"/></relation>
</osm>
"""


@dataclass
class FakeLeg:
    coords: list
    duration_s: float = 60.0
    distance_m: float = 600.0
    node_ids: tuple | None = None


def _fake_leg(osm: OsmData, start: tuple[int, int], via: list[int], end: tuple[int, int], t=0.5, **kw) -> FakeLeg:
    """A leg from a road point a fraction t along segment start=(M, N1) through ``via`` (N1...Nk)
    to a road point t along end=(Nk, L)."""
    def lerp(a, b, f):
        (x0, y0), (x1, y1) = osm.node_xy[a], osm.node_xy[b]
        return (x0 + f * (x1 - x0), y0 + f * (y1 - y0))
    return FakeLeg([lerp(*start, t)] + [osm.node_xy[n] for n in via] + [lerp(*end, t)], **kw)


def self_test() -> int:
    """Sanity checks of the audit on a hand-made map (read with osmium); prints and returns 0/1."""
    checks = []

    def check(name, cond):
        checks.append((name, bool(cond)))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "test.osm"
        path.write_text(_TEST_OSM)
        osm = OsmData.read(path)
    check("restrictions read (3 via node, 1 via way, 1 bicycle only)",
          osm.restriction_counts == Counter({"via node": 3, "via way": 1, "not for a coach": 1}))
    straight = audit_leg(osm, _fake_leg(osm, (1, 2), [2], (2, 3)))
    check("straight 1-2-3: no turn, no U-turn, no barrier", not (straight.forbidden or straight.uturns
                                                                  or straight.allowed_turns or straight.barriers))
    check("straight: heading east at both ends", abs(straight.first_heading - 90) < 1e-6
          and abs(straight.last_heading - 90) < 1e-6)
    check("straight: way 10 from 1 to 3 (M=1, L=3)", straight.nodes == [1, 2, 3] and straight.ways == [10, 10])
    left = audit_leg(osm, _fake_leg(osm, (1, 2), [2], (2, 4)))
    check("1-2-4 breaks no_left_turn 100", [f["relation"] for f in left.forbidden] == [100])
    only = audit_leg(osm, _fake_leg(osm, (4, 2), [2], (2, 3)))
    check("4-2-3 breaks only_straight_on 101", [f["relation"] for f in only.forbidden] == [101])
    ok_only = audit_leg(osm, _fake_leg(osm, (4, 2), [2], (2, 5)))
    check("4-2-5 obeys only_straight_on 101", not ok_only.forbidden)
    via_way = audit_leg(osm, _fake_leg(osm, (5, 2), [2, 3], (3, 6)))
    check("5-2-3-6 breaks via-way no_right_turn 102",
          [f["relation"] for f in via_way.forbidden] == [102])
    psv = audit_leg(osm, _fake_leg(osm, (5, 2), [2], (2, 4)))
    check("5-2-4: except=psv binds a coach (103)", [f["relation"] for f in psv.forbidden] == [103])
    check("5-2-3-6 passes the bollard at 3", [b["node"] for b in via_way.barriers] == [3])
    dead = audit_leg(osm, _fake_leg(osm, (1, 2), [2, 5, 2], (2, 3)))
    check("U-turn at dead end 5 is allowed", [u["node"] for u in dead.allowed_turns] == [5] and not dead.uturns)
    circle = audit_leg(osm, _fake_leg(osm, (1, 2), [2, 4, 2], (2, 3)))
    check("U-turn at turning circle 4 (not a dead end) is allowed",
          [(u["node"], u["where"]) for u in circle.allowed_turns] == [(4, "turning_circle")] and not circle.uturns)
    hairpin = audit_leg(osm, _fake_leg(osm, (7, 8), [8, 20], (20, 21)))
    check("hairpin bend of way 16 at 20 is no U-turn", hairpin.hairpins == 1 and not hairpin.uturns
          and not hairpin.allowed_turns)
    at_bollard = audit_leg(osm, _fake_leg(osm, (2, 3), [3], (3, 2)))
    check("turning round at the bollard 3: a U-turn 'closed_barrier', no crossing",
          [u["where"] for u in at_bollard.uturns] == ["closed_barrier"] and not at_bollard.barriers)
    junction = audit_leg(osm, _fake_leg(osm, (4, 2), [2], (2, 4), t=0.5))
    check("4-2-4: U-turn at junction 2 counted", [u["node"] for u in junction.uturns] == [2])
    through = audit_leg(osm, _fake_leg(osm, (1, 2), [2, 3, 6, 7], (7, 8)))
    check("parking aisle 13 crossed mid-leg: through-use", [(t["way"], t["where"]) for t in through.through]
          == [(13, "mid_leg")])
    stretch = audit_leg(osm, _fake_leg(osm, (26, 20), [20, 22, 23], (23, 8)))
    check("aisles 17, 18 at the leg's start: through-use of 18 on the end stretch",
          [(t["way"], t["where"]) for t in stretch.through] == [(18, "end_stretch")])
    weak = audit_leg(osm, _fake_leg(osm, (1, 2), [2, 3, 24], (24, 3)))
    check("U-turn before the 10 t bridge 25 at 24: coach_dead_end", [u["where"] for u in weak.uturns]
          == ["coach_dead_end"])
    check("gate with access=yes at 7 is open", [b["node"] for b in through.barriers] == [3])
    check("oneway 14 driven forwards", not through.wrong_way)
    check("urban share: ways 10 (30), 13 (service) urban, 14 (primary) not",
          0 < through.urban_m < through.length_m)
    wrong = audit_leg(osm, _fake_leg(osm, (8, 7), [7, 6], (6, 3)))
    check("oneway 14 driven backwards; aisle 13 is the last way: not through", wrong.wrong_way and not wrong.through)
    arrive = _fake_leg(osm, (1, 2), [2], (2, 3), t=0.5)
    leave_back = _fake_leg(osm, (3, 2), [2], (2, 1), t=0.5)
    leave_on = _fake_leg(osm, (2, 3), [3, 6], (6, 7), t=0.5)
    check("stop reversal when leaving back the way the coach came",
          len(audit_tour([audit_leg(osm, arrive), audit_leg(osm, leave_back)])[1]) == 1)
    check("no stop reversal when going on", audit_tour([audit_leg(osm, arrive), audit_leg(osm, leave_on)]) == (1, []))
    tiny = audit_leg(osm, _fake_leg(osm, (1, 2), [2], (2, 3), t=1 - 1e-9))
    check("a road point 1e-9 from its node keeps the segment's heading", abs(tiny.first_heading - 90) < 1e-6)
    degenerate = audit_leg(osm, FakeLeg([osm.node_xy[1]]))
    check("one-point leg is degenerate", degenerate.degenerate and audit_tour([degenerate, straight]) == (0, []))
    with_ids = audit_leg(osm, _fake_leg(osm, (1, 2), [2], (2, 3), node_ids=(1, 2, 3)))
    check("node_ids with link ends agree", with_ids.node_ids == "with_ends")
    bad_ids = audit_leg(osm, _fake_leg(osm, (1, 2), [2], (2, 3), node_ids=(4,)))
    check("node_ids naming another node disagree", bad_ids.node_ids == "mismatch")
    check("maxspeed parsing", [maxspeed_kph(v) for v in ("50", "30 mph", "FR:urban", "AT:zone30", "DE:zone:30",
                                                         "walk", "none", "signals", None)]
          == [50.0, 30 * 1.609344, 50.0, 30.0, 30.0, 10.0, math.inf, None, None])
    check("barriers", [barrier_closed(t) is not None for t in (
        {"barrier": "bollard"}, {"barrier": "gate"}, {"barrier": "lift_gate", "access": "private"},
        {"barrier": "lift_gate", "access": "yes", "motor_vehicle": "no"}, {"barrier": "gate", "bus": "yes"},
        {"barrier": "gate", "psv": "yes"}, {"barrier": "entrance"}, {"barrier": "gate", "motor_vehicle": "destination"},
        {"barrier": "lift_gate", "bus": "designated", "access": "no"})]
          == [True, True, True, True, False, True, False, False, True])
    check("bus-only and end-only ways", [through_restriction(t) for t in (
        {"highway": "residential", "motor_vehicle": "no", "bus": "yes"}, {"highway": "busway"},
        {"highway": "service", "access": "private"}, {"highway": "residential", "access": "destination",
                                                      "motor_vehicle": "yes"},
        {"highway": "service", "service": "driveway"})] == ["bus only", "bus only", "access=private", None,
                                                            "service=driveway"])
    check("limits", [limit_value(v) for v in ("3.5", "3,5 m", "16 t", "12'6\"", "none", None)]
          == [3.5, 3.5, 16.0, (12 * 12 + 6) * 0.0254, None, None])
    check("heading/turn helpers", turn_deg(350, 10) == 20 and turn_deg(0, 180) == 180
          and abs(heading_deg((0, 0), (0, 1))) < 1e-9)
    for name, good in checks:
        print(f"{'ok  ' if good else 'FAIL'} {name}")
    failed = sum(1 for _, g in checks if not g)
    print(f"self-test: {len(checks) - failed}/{len(checks)} checks passed")
    return 1 if failed else 0


# ---------------------------------------------------------------------------------- main
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tours", type=int, default=200, help="tours per extract (default 200)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the figures (and examples) as JSON here")
    ap.add_argument("--examples", type=int, default=3, help="examples printed per finding (default 3)")
    ap.add_argument("--repo", type=Path, default=REPO, help="checkout whose routing package is measured")
    ap.add_argument("--self-test", action="store_true", help="run the audit's sanity checks and exit")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    sys.path.insert(0, str(args.repo.resolve()))
    from routing.region import Region
    from routing.regions import import_region
    import routing
    version = code_version(Path(routing.__file__).resolve().parents[1])
    print(f"routing code: {version}; {args.tours} tours per extract, seed {args.seed}\n")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k, (name, path) in enumerate(EXTRACTS):
            t0 = time.perf_counter()
            region = Region.load(import_region(path, name=name, dest_dir=Path(tmp)))
            osm = OsmData.read(path)
            tours, counters = plan_and_audit(region, osm, args.tours, args.seed * 1000 + k)
            results[name] = summarise(tours, counters, osm, args.examples)
            results[name]["diagnostics"]["total_s"] = round(time.perf_counter() - t0, 2)
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps({"routing_code": version, "tours": args.tours, "seed": args.seed,
                                         "extracts": results}, indent=1))
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
