"""Coach road network of a region: snapping, travel-time matrices and leg geometry.

Built at load time from the compiled region's raw arrays for one vehicle profile: legality
and speeds per way (:mod:`routing.costs`), then the edge-based state graph whose states are
directed links and whose transitions are the turns a coach may make (:mod:`routing.turns`:
turn restrictions, no U-turn outside dead ends and turning circles, closed barriers,
end-only roads). Paths minimise routing cost (duration x penalties + turn and node delays).
Matrices and legs use the compiled seeded Dijkstra of :mod:`routing.many_to_many`, which
stops once its targets are settled and never rebuilds the graph for a query; on a large
region (``CCH_MIN_STATES``) a customizable contraction hierarchy (:mod:`routing.cch`) answers
the same queries with the same costs in milliseconds, when the network's shape lets it stay
small (real street networks do; a dense grid city does not, and keeps the Dijkstra).

A site snaps to a *directed* point: the road point nearest to it (:mod:`routing.snapping`)
on the direction of travel that puts the site on the coach's kerb side (right-hand traffic
unless the region says otherwise). A leg arrives at a stop in that direction and the next
leg leaves it in the same direction, so consecutive legs chain without turning round.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from routing import osm_tags as T
from routing.costs import barrier_open, way_costs
from routing.errors import RoutingError
from routing.messages import Distance, Message
from routing.profile import VehicleProfile
from routing.progress import CancelToken, ProgressCallback, report
from routing.snapping import ON_ROAD_M, CrossingIndex, SegmentIndex, kerb_side
from routing.turns import LAYER_END, LAYER_OPEN, LAYER_START, build_arcs, build_states

EARTH_RADIUS_M = 6_371_008.8
SNAP_MAX_DISTANCE_M = 200.0
CCH_MIN_STATES = 100_000  # from here the hierarchy's build (~1 s) pays back on the first matrix
STOP_END_MARGIN_M = 8.0   # a stop is kept this far from a junction (or half its link when shorter)
# classes a site does not stop on unless it lies on them
_NO_STOP_CLASSES = tuple(T.CLASS_CODE[c] for c in ("motorway", "motorway_link", "trunk", "trunk_link"))


def _search_module():
    """:mod:`routing.many_to_many`, imported on the first matrix or leg so that loading a region
    does not pay numba's import (~0.3 s)."""
    from routing import many_to_many
    return many_to_many


def haversine_m(lon1, lat1, lon2, lat2):
    """Great-circle distance in metres (numpy arrays or floats, degrees)."""
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


@dataclass(frozen=True)
class Snap:
    """A query point attached to the road network.

    ``link``/``fraction`` locate the road point on a link (fraction of its length from
    its first node); ``node`` is the nearer end of that link (a graph node id). ``arc`` is
    the directed link the coach drives through the point (``forward``: along the link's
    drawing direction), ``along`` the fraction of that arc behind the point, and
    ``kerb_side`` the side of the road the site is on, seen by the coach ("right"/"left")."""

    lon: float
    lat: float
    road_lon: float
    road_lat: float
    distance_m: float
    node: int
    ok: bool
    reason: Message | None
    link: int = -1
    fraction: float = 0.0
    arc: int = -1
    along: float = 0.0
    forward: bool = True
    kerb_side: str = "right"
    turnable: bool = False     # the coach may turn round at the site (a car park, a yard)


@dataclass(frozen=True)
class TravelMatrix:
    """Row = from, column = to; ``np.inf`` when unreachable. Not symmetric."""

    duration_s: np.ndarray   # float64 (N, N)
    distance_m: np.ndarray   # float64 (N, N)


@dataclass(frozen=True)
class LegPath:
    """The fastest coach path between two snaps."""

    duration_s: float
    distance_m: float
    coords: list[tuple[float, float]]    # (lon, lat) from a's road point to b's road point
    warnings: tuple[Message, ...] = ()   # e.g. hgv=no roads used
    node_ids: tuple[int, ...] = ()       # OSM node ids passed, in order (not the two road points)
    way_ids: tuple[int, ...] = ()        # OSM way ids driven, in order, each run once



class CoachNetwork:
    """The region's roads as driven by one :class:`VehicleProfile`."""

    def __init__(self, region, profile: VehicleProfile, engine: str = "auto"):
        """``engine``: "dijkstra", "cch" (the hierarchy, else the Dijkstra when it would be too
        large) or "auto" (the hierarchy from ``CCH_MIN_STATES`` states)."""
        self.region = region
        self.profile = profile
        g = region.graph
        self.node_lon = g["node_lon"]
        self.node_lat = g["node_lat"]
        self.link_u = g["link_u"].astype(np.int64)
        self.link_v = g["link_v"].astype(np.int64)
        self.link_way = g["link_way"].astype(np.int64)
        self.geom = g["geom"]
        self.geom_offsets = g["geom_offsets"]
        self.geom_node_id = g["geom_node_id"]
        n = self.n_nodes = len(self.node_lon)
        m = len(self.link_u)
        self.right_hand = region.header.get("driving_side", "right") != "left"

        # cumulative length along each link, per geometry point
        geom, goff = self.geom, self.geom_offsets
        self.point_link = np.repeat(np.arange(m), np.diff(goff))
        self.geom_cum_m = self._along_links(haversine_m(geom[:-1, 0], geom[:-1, 1], geom[1:, 0], geom[1:, 1]))
        self.link_length_m = self.geom_cum_m[goff[1:] - 1] if m else np.zeros(0)
        self._x, self._y = self._local_xy(geom[:, 0], geom[:, 1])

        wc = way_costs(g, profile)
        self.way_costs = wc
        lw = self.link_way
        self.fwd_ok = wc.fwd_ok[lw]
        self.bwd_ok = wc.bwd_ok[lw]
        length = self.link_length_m
        self.dur_f = length / (wc.fwd_speed_kph[lw] / 3.6)
        self.dur_b = length / (wc.bwd_speed_kph[lw] / 3.6)
        pen = wc.penalty[lw]
        fwd_end, bwd_end = wc.fwd_end_only[lw], wc.bwd_end_only[lw]
        self.cost_f = self.dur_f * pen * np.where(fwd_end, profile.end_only_penalty, 1.0)
        self.cost_b = self.dur_b * pen * np.where(bwd_end, profile.end_only_penalty, 1.0)

        arcs = build_arcs(self.link_u, self.link_v, self.fwd_ok, self.bwd_ok, fwd_end, bwd_end,
                          self.dur_f, self.dur_b, self.cost_f, self.cost_b, length, self._x, self._y, goff)
        self.node_open = barrier_open(g, profile)
        # a file without <bounds> (an Overpass export): its data's extent says nothing of where the
        # map ends, only the cuts do
        edge_box = None if region.report.get("bounds_from") == "data" else tuple(region.bounds)
        self.arcs, self.states = build_states(g, arcs, n, profile, self.node_open, self.right_hand, edge_box)
        st = self.states
        st.s_cost = self.arcs.cost[st.state_arc]
        st.s_dur = self.arcs.dur[st.state_arc]
        st.s_dist = self.arcs.dist[st.state_arc]
        self._edge_src = np.repeat(np.arange(len(st.indptr) - 1, dtype=np.int64), np.diff(st.indptr))
        self.restrictions_honoured, self.restrictions_unusable = st.honoured, st.unusable
        self._find_usable_arcs()
        # via-way copies of an arc (routing.turns): a stop on the via way is reached in them too
        copies = np.flatnonzero(self.arcs.orig != np.arange(len(self.arcs.orig)))
        self._copies: dict[int, list[int]] = {}
        for c in copies:
            self._copies.setdefault(int(self.arcs.orig[c]), []).append(int(c))
        self._potential = None              # A* arrays of the legs, made on the first leg
        self.hierarchy = None
        if engine == "cch" or (engine == "auto" and len(st.state_arc) >= CCH_MIN_STATES):
            self.hierarchy = self._build_hierarchy()
        self._index_main = None
        self._index_other = None
        self._crossings = None
        self.warnings: list[Message] = self._make_warnings()

    def _along_links(self, seg: np.ndarray) -> np.ndarray:
        """Per geometry point, the length along its link from the link's first point, given the
        length of each segment between consecutive points (``seg``, one shorter than ``geom``)."""
        goff = self.geom_offsets
        seg = seg.copy()
        seg[goff[1:-1] - 1] = 0.0                       # no segment across two links
        cum = np.concatenate([[0.0], np.cumsum(seg)])
        return cum - cum[goff[:-1]][self.point_link]

    def _build_hierarchy(self):
        """The CCH of the state graph (None when it would be too large); a state sits at its
        link's middle."""
        from routing.cch import Hierarchy
        link = self.arcs.link[self.states.state_arc]
        first, last = self.geom_offsets[link], self.geom_offsets[link + 1] - 1
        x = (self._x[first] + self._x[last]) / 2
        y = (self._y[first] + self._y[last]) / 2
        try:
            return Hierarchy.build(self.states, self._edge_src, x, y)
        except MemoryError:             # near the arc budget on a small machine: the Dijkstra answers
            return None

    @property
    def engine(self) -> str:
        """"cch" or "dijkstra": what answers this network's queries."""
        return "cch" if self.hierarchy is not None else "dijkstra"

    def _leg_potential(self) -> tuple[np.ndarray, np.ndarray, float]:
        """(x, y of each state's start in metres, 1 / the largest ratio of a link's length to
        its routing cost): the A* potential of the Dijkstra's legs (routing.many_to_many)."""
        if self._potential is None:
            arc = self.states.state_arc
            link, rev = self.arcs.link[arc], self.arcs.rev[arc]
            goff = self.geom_offsets
            start = np.where(rev, goff[link + 1] - 1, goff[link])
            link_len = self._along_links(np.hypot(np.diff(self._x), np.diff(self._y)))[goff[1:] - 1]
            arc_len, arc_cost = link_len[self.arcs.link], self.arcs.cost
            ok = arc_cost > 0
            ratio = float((arc_len[ok] / arc_cost[ok]).max()) if ok.any() else 0.0
            # the same local metres as the goal point, so the potential is consistent exactly
            self._potential = (self._x[start], self._y[start], 1.0 / (ratio * (1 + 1e-9)) if ratio > 0 else 0.0)
        return self._potential

    def _search(self):
        """The query engine: the hierarchy, or :mod:`routing.many_to_many`."""
        return self.hierarchy if self.hierarchy is not None else _search_module()

    # ------------------------------------------------------------------ reachability
    def _find_usable_arcs(self) -> None:
        """Arcs a stop may lie on: the coach can reach the point from the main part of the
        network and leave it back into it (largest strongly connected set of open states;
        an end-only road counts when its start-zone copy leads there and its end-zone copy is
        reached from there)."""
        st = self.states
        n_states = len(st.state_arc)
        n_arcs = len(self.arcs.link)
        in_main = np.zeros(n_states, bool)
        if n_states:
            csr = csr_matrix((np.ones(len(st.indices)), st.indices, st.indptr), shape=(n_states, n_states))
            _, labels = connected_components(csr, directed=True, connection="strong")
            open_states = st.state_layer == LAYER_OPEN
            if open_states.any():
                sizes = np.bincount(labels[open_states])
                in_main = labels == int(np.argmax(sizes))
        src_layer = st.state_layer[self._edge_src]
        # end zone: reached from main through end-zone transitions
        reached = in_main.copy()
        end_edges = np.flatnonzero(st.state_layer[st.indices] == LAYER_END)
        while True:
            new = end_edges[reached[self._edge_src[end_edges]] & ~reached[st.indices[end_edges]]]
            if len(new) == 0:
                break
            reached[st.indices[new]] = True
        # start zone: leads into main
        leads = in_main.copy()
        start_edges = np.flatnonzero(src_layer == LAYER_START)
        while True:
            new = start_edges[leads[st.indices[start_edges]] & ~leads[self._edge_src[start_edges]]]
            if len(new) == 0:
                break
            leads[self._edge_src[new]] = True
        self.in_main_states = in_main
        usable = np.zeros(n_arcs, bool)
        a_open = st.arc_state[:, LAYER_OPEN]
        has_open = a_open >= 0
        usable[has_open] = in_main[a_open[has_open]]
        a_start, a_end = st.arc_state[:, LAYER_START], st.arc_state[:, LAYER_END]
        has_end = a_start >= 0
        usable[has_end] = leads[a_start[has_end]] & reached[a_end[has_end]]
        # a via-way copy stands for its original: entered from the from-way it is the copy the
        # coach is on (the original then has no way in), and the original leaves wherever the
        # copy does and more
        copy = np.flatnonzero(self.arcs.orig != np.arange(n_arcs))
        usable[self.arcs.orig[copy[usable[copy]]]] = True
        usable &= self.arcs.orig == np.arange(n_arcs)       # snaps name originals only
        self.arc_usable = usable
        m = len(self.link_u)
        self.link_main = np.zeros(m, bool)
        self.link_main[self.arcs.link[usable]] = True
        legal = self.fwd_ok | self.bwd_ok
        self.link_other = legal & ~self.link_main
        # arc per (link, direction) for snapping: -1 where not usable
        self.arc_of = np.full((m, 2), -1, np.int64)
        u = np.flatnonzero(usable)
        self.arc_of[self.arcs.link[u], self.arcs.rev[u].astype(np.int64)] = u

    # ------------------------------------------------------------------ info
    def _make_warnings(self) -> list[Message]:
        out = []
        wc = self.way_costs
        n_hgv = int(wc.hgv_no.sum())
        if n_hgv:
            out.append(Message("road.hgv_no_roads", count=n_hgv))
        dims = {k: v for k, v in wc.excluded.items() if v and k != "access"}
        if dims:
            # OSM tag keys with their counts ("maxheight 3"), the same in every language
            out.append(Message("road.excluded", profile=self.profile.name, detail=[f"{k} {v}" for k, v in dims.items()]))
        g = self.region.graph
        legal = np.zeros(len(g["way_osm_id"]), bool)
        legal[self.link_way[self.fwd_ok | self.bwd_ok]] = True
        legal_ways = np.flatnonzero(legal)
        tunnels = legal_ways[(g["way_structure"][legal_ways] & T.STRUCT_TUNNEL) != 0]
        unknown = int(np.isnan(g["way_maxheight_m"][tunnels]).sum())
        if unknown:
            out.append(Message("road.tunnels_without_height", count=unknown))
        return out

    @property
    def main_node_count(self) -> int:
        """Graph nodes touched by the main part of the network (where stops can be)."""
        links = np.flatnonzero(self.link_main)
        return int(len(np.unique(np.concatenate([self.link_u[links], self.link_v[links]])))) if len(links) else 0

    # ------------------------------------------------------------------ snapping
    def _local_xy(self, lon, lat):
        w, s, e, n = self.region.bounds
        lat0 = (s + n) / 2
        lon0 = (w + e) / 2
        kx = np.cos(np.radians(lat0)) * 111_320.0
        return (np.asarray(lon) - lon0) * kx, (np.asarray(lat) - lat0) * 110_574.0

    def _segment_index(self, link_mask: np.ndarray) -> SegmentIndex | None:
        goff = self.geom_offsets
        last = np.zeros(len(self.geom), bool)
        last[goff[1:] - 1] = True
        starts = np.flatnonzero(~last & link_mask[self.point_link])
        if len(starts) == 0:
            return None
        return SegmentIndex(self._x, self._y, starts)

    def prepare_snapping(self) -> None:
        """Build the snapping indexes now (else on the first snap)."""
        if self._index_main is None:
            self._index_main = self._segment_index(self.link_main)
        if self._index_other is None and self.link_other.any():
            self._index_other = self._segment_index(self.link_other)
        if self._crossings is None:
            self._crossings = CrossingIndex(self.region.layers, self._local_xy)

    def _no_stop_link(self, link: int) -> bool:
        """Motorways, trunk roads, their links, tunnels and bridges: not where a coach stops."""
        w = self.link_way[link]
        g = self.region.graph
        return bool(int(g["way_class"][w]) in _NO_STOP_CLASSES or g["way_structure"][w] != 0)

    def snap(self, lon: float, lat: float, turnable: bool = False) -> Snap:
        """Attach (lon, lat) to the road point a coach would stop at (see module docstring).

        ``turnable``: the coach may turn round at the site (a car park, a depot's yard): it may
        arrive and leave in either direction, so no kerb side binds it.

        ``ok`` is False (with a ``reason`` message) when that point is more than
        SNAP_MAX_DISTANCE_M away, or when only an isolated part of the network is near."""
        if self._index_main is None:
            self._index_main = self._segment_index(self.link_main)
        if self._index_main is None:
            raise RoutingError("road.no_coach_road")
        px, py = (float(v) for v in self._local_xy(lon, lat))
        cands = self._index_main.nearest(px, py, SNAP_MAX_DISTANCE_M)
        hit = self._choose(cands, px, py)
        p, t = hit.point, hit.t
        link = int(self.point_link[p])
        road_lon = float(self.geom[p, 0] + t * (self.geom[p + 1, 0] - self.geom[p, 0]))
        road_lat = float(self.geom[p, 1] + t * (self.geom[p + 1, 1] - self.geom[p, 1]))
        dist = float(haversine_m(lon, lat, road_lon, road_lat))
        length = self.link_length_m[link]
        seg_len = self.geom_cum_m[p + 1] - self.geom_cum_m[p]
        frac = float((self.geom_cum_m[p] + t * seg_len) / length) if length > 0 else 0.0
        frac = min(1.0, max(0.0, frac))
        if length > 0:
            # never in a junction: a stop at a link's end would be in the crossroads, and which
            # way the coach arrives would be undefined; keep it a few metres into the link
            margin = min(STOP_END_MARGIN_M, length / 2) / length
            clamped = min(1.0 - margin, max(margin, frac))
            if clamped != frac:
                frac = clamped
                road_lon, road_lat = self._point_at(link, frac)
                p = int(self.geom_offsets[link] + np.searchsorted(
                    self.geom_cum_m[self.geom_offsets[link]:self.geom_offsets[link + 1]], frac * length, side="right") - 1)
                p = min(max(p, int(self.geom_offsets[link])), int(self.geom_offsets[link + 1]) - 2)
        dist = float(haversine_m(lon, lat, road_lon, road_lat))
        node = int(self.link_u[link] if frac < 0.5 else self.link_v[link])
        # kerb side: drive the direction that puts the site on the right (left-hand: on the left)
        side = kerb_side(self._x[p], self._y[p], self._x[p + 1], self._y[p + 1], px, py)
        want_forward = side <= 0 if self.right_hand else side >= 0
        fwd_arc, bwd_arc = int(self.arc_of[link, 0]), int(self.arc_of[link, 1])
        forward = want_forward if (fwd_arc >= 0 and bwd_arc >= 0) else fwd_arc >= 0
        arc = fwd_arc if forward else bwd_arc
        site_right = (side <= 0) == forward
        ok, reason = True, None
        if dist > SNAP_MAX_DISTANCE_M:
            ok = False
            if self._index_other is None and self.link_other.any():
                self._index_other = self._segment_index(self.link_other)
            other = self._index_other.nearest(px, py) if self._index_other is not None else []
            if other and other[0].distance_m <= SNAP_MAX_DISTANCE_M:
                reason = Message("road.snap_isolated", nearest=Distance(other[0].distance_m), connected=Distance(dist))
            else:
                reason = Message("road.snap_too_far", distance=Distance(dist), limit=Distance(SNAP_MAX_DISTANCE_M))
        return Snap(float(lon), float(lat), road_lon, road_lat, dist, node, ok, reason, link, frac,
                    arc=arc, along=frac if forward else 1.0 - frac, forward=forward,
                    kerb_side="right" if site_right else "left", turnable=bool(turnable))

    def _point_at(self, link: int, frac: float) -> tuple[float, float]:
        """(lon, lat) at ``frac`` of ``link``'s length from its first node."""
        a, b = self.geom_offsets[link], self.geom_offsets[link + 1]
        cum = self.geom_cum_m[a:b]
        at = frac * cum[-1]
        return float(np.interp(at, cum, self.geom[a:b, 0])), float(np.interp(at, cum, self.geom[a:b, 1]))

    def _choose(self, cands, px: float, py: float):
        """The first candidate a driver would stop at: not on a motorway/trunk/tunnel/bridge
        unless the site lies on it, not across a railway or water; else the nearest."""
        if self._crossings is None:
            self._crossings = CrossingIndex(self.region.layers, self._local_xy)
        seen = set()
        for c in cands:
            link = int(self.point_link[c.point])
            if link in seen:
                continue
            seen.add(link)
            if c.distance_m > ON_ROAD_M and self._no_stop_link(link):
                continue
            qx = self._x[c.point] + c.t * (self._x[c.point + 1] - self._x[c.point])
            qy = self._y[c.point] + c.t * (self._y[c.point + 1] - self._y[c.point])
            if self._crossings.crosses(px, py, qx, qy):
                continue
            return c
        if cands:
            return cands[0]
        nearest = self._index_main.nearest(px, py)
        if not nearest:
            raise RoutingError("road.no_coach_road")
        return nearest[0]

    # ------------------------------------------------------------------ queries
    def _directions(self, s: Snap) -> list[tuple[int, float]]:
        """(arc, fraction of it behind the point) the coach may be on at ``s``: its arrival arc,
        and where the coach may turn round at the site (a car park, a depot's yard) the
        opposite arc too."""
        out = [(s.arc, float(s.along))]
        if s.turnable:
            other = int(self.arc_of[s.link, 1 if s.forward else 0])
            if other >= 0:
                out.append((other, 1.0 - float(s.along)))
        return out

    def _seeds(self, s: Snap) -> list[tuple[int, float]]:
        """(state, fraction) a search from ``s`` starts from."""
        out = []
        for arc, along in self._directions(s):
            row = self.states.arc_state[arc]
            out.append((int(row[LAYER_OPEN] if row[LAYER_OPEN] >= 0 else row[LAYER_START]), along))
        return out

    def _goal_states(self, s: Snap) -> list[tuple[int, float]]:
        """(state, fraction) a search to ``s`` may end in (an end-only road: both its copies)."""
        out = []
        for arc0, along in self._directions(s):
            for arc in [arc0] + self._copies.get(arc0, []):
                row = self.states.arc_state[arc]
                states = [row[LAYER_OPEN]] if row[LAYER_OPEN] >= 0 else [row[LAYER_START], row[LAYER_END]]
                out.extend((int(x), along) for x in states if x >= 0)
        return out

    @staticmethod
    def _same_point(a: Snap, b: Snap) -> bool:
        """Both snaps are the same road point, and the coach is on the arc ``b`` needs."""
        return a.link == b.link and a.fraction == b.fraction and (a.arc == b.arc or a.turnable or b.turnable)

    def _straight_on(self, a: Snap, b: Snap) -> tuple[float, int, float, float] | None:
        """(cost, arc, from, to) when ``b`` lies ahead of ``a`` on an arc the coach is on at
        both: no search needed, just drive on. None otherwise."""
        best = None
        ends = dict(self._directions(b))
        for arc, f in self._directions(a):
            g = ends.get(arc)
            if g is not None and g >= f:
                c = (g - f) * self.arcs.cost[arc]
                if best is None or c < best[0]:
                    best = (c, arc, f, g)
        return best

    def query_arrays(self, snaps: Sequence[Snap]) -> tuple[np.ndarray, ...]:
        """(src_ptr, src_state, src_frac, goal_state, goal_frac, goal_target) of
        :func:`routing.many_to_many.many_to_many` for ``snaps`` as sources and as targets."""
        src_ptr, src_state, src_frac = [0], [], []
        for s in snaps:
            for state, frac in self._seeds(s):
                src_state.append(state); src_frac.append(frac)
            src_ptr.append(len(src_state))
        goal_state, goal_frac, goal_target = [], [], []
        for j, s in enumerate(snaps):
            for state, frac in self._goal_states(s):
                goal_state.append(state); goal_frac.append(frac); goal_target.append(j)
        return (np.array(src_ptr), np.array(src_state), np.array(src_frac), np.array(goal_state),
                np.array(goal_frac), np.array(goal_target))

    def matrix(self, snaps: Sequence[Snap], progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None) -> TravelMatrix:
        """Durations (s) and distances (m) of the fastest coach paths between all snaps.

        The path minimises routing cost; the matrix reports its real duration (turn and node
        delays included, plus the profile's ``stop_allowance_s`` per leg) and length.
        Entries are ``np.inf`` when no path exists (a snap that is not ``ok`` has no arc)."""
        k = len(snaps)
        dur = np.full((k, k), np.inf)
        dist = np.full((k, k), np.inf)
        if k == 0:
            return TravelMatrix(dur, dist)
        use = [i for i, s in enumerate(snaps) if s.arc >= 0]
        key = {}
        uniq = []
        inv = {}
        for i in use:
            kk = (snaps[i].arc, snaps[i].along, snaps[i].turnable)
            if kk not in key:
                key[kk] = len(uniq)
                uniq.append(snaps[i])
            inv[i] = key[kk]
        if uniq:
            u_dur, u_dist, u_cost = self._search().many_to_many(
                self.states, self._edge_src, *self.query_arrays(uniq), len(uniq), progress, cancel)
            for i, s in enumerate(uniq):           # a target ahead on the arc the coach is on: straight on
                for j, t in enumerate(uniq):
                    ahead = self._straight_on(s, t) if i != j else None
                    if ahead is not None and ahead[0] <= u_cost[i, j]:
                        _, arc, f, g = ahead
                        u_dur[i, j] = (g - f) * self.arcs.dur[arc]
                        u_dist[i, j] = (g - f) * self.arcs.dist[arc]
            u_dur = u_dur + self.profile.stop_allowance_s
            for i, s in enumerate(uniq):           # two sites at one road point: no leg
                for j, t in enumerate(uniq):
                    if i == j or self._same_point(s, t):
                        u_dur[i, j] = u_dist[i, j] = 0.0
            idx = np.array(use)
            sel = np.array([inv[i] for i in use])
            dur[np.ix_(idx, idx)] = u_dur[np.ix_(sel, sel)]
            dist[np.ix_(idx, idx)] = u_dist[np.ix_(sel, sel)]
        np.fill_diagonal(dur, 0.0)
        np.fill_diagonal(dist, 0.0)
        report(progress, 1.0, "Travel times computed")
        return TravelMatrix(dur, dist)

    # ------------------------------------------------------------------ legs
    def _sub_polyline(self, link: int, f0: float, f1: float) -> tuple[np.ndarray, np.ndarray]:
        """Geometry (n, 2) of ``link`` from fraction f0 to f1 (reversed when f0 > f1) and the
        OSM node id of each point (-1 for the two cut points when they are not nodes)."""
        lo, hi = (f0, f1) if f0 <= f1 else (f1, f0)
        a, b = self.geom_offsets[link], self.geom_offsets[link + 1]
        pts, cum, ids = self.geom[a:b], self.geom_cum_m[a:b], self.geom_node_id[a:b]
        L = cum[-1]
        s0, s1 = lo * L, hi * L
        inner = (cum > s0 + 1e-9) & (cum < s1 - 1e-9)
        if L > 0:
            ends = np.column_stack([np.interp([s0, s1], cum, pts[:, 0]), np.interp([s0, s1], cum, pts[:, 1])])
        else:
            ends = pts[[0, -1]]
        id0 = int(ids[0]) if lo <= 0.0 else (int(ids[np.argmin(np.abs(cum - s0))]) if np.isclose(cum, s0).any() else -1)
        id1 = int(ids[-1]) if hi >= 1.0 else (int(ids[np.argmin(np.abs(cum - s1))]) if np.isclose(cum, s1).any() else -1)
        out = np.vstack([ends[:1], pts[inner], ends[1:]])
        out_ids = np.concatenate([[id0], ids[inner], [id1]])
        if f0 > f1:
            return out[::-1], out_ids[::-1]
        return out, out_ids

    def _arc_piece(self, arc: int, a0: float, a1: float):
        """Geometry and node ids of ``arc`` from fraction a0 to a1 of it (in its direction)."""
        link = int(self.arcs.link[arc])
        if self.arcs.rev[arc]:
            return self._sub_polyline(link, 1.0 - a0, 1.0 - a1)
        return self._sub_polyline(link, a0, a1)

    def _whole_arcs(self, arcs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Geometry and node ids of whole ``arcs``, one after the other, each in its direction."""
        if not len(arcs):
            return np.zeros((0, 2)), np.zeros(0, np.int64)
        link = self.arcs.link[arcs]
        rev = np.asarray(self.arcs.rev[arcs]).astype(bool)
        a = np.asarray(self.geom_offsets[link], np.int64)
        n = np.asarray(self.geom_offsets[link + 1], np.int64) - a
        k = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        idx = np.where(np.repeat(rev, n), np.repeat(a + n - 1, n) - k, np.repeat(a, n) + k)
        return np.asarray(self.geom[idx]), np.asarray(self.geom_node_id[idx])

    def leg(self, a: Snap, b: Snap) -> LegPath:
        """The fastest coach path from ``a`` to ``b`` with its road geometry, the OSM nodes and
        ways it passes. Its duration includes the profile's stop allowance.

        Raises RoutingError if ``b`` cannot be reached from ``a``."""
        if self._same_point(a, b):
            return LegPath(0.0, 0.0, [(a.road_lon, a.road_lat)])
        no_route = RoutingError("road.no_route", origin=f"({a.lon:.5f}, {a.lat:.5f})",
                                destination=f"({b.lon:.5f}, {b.lat:.5f})")
        if a.arc < 0 or b.arc < 0:
            raise no_route
        st = self.states
        seeds, goals = self._seeds(a), self._goal_states(b)
        goal_xy = tuple(float(v) for v in self._local_xy(b.road_lon, b.road_lat))
        potential = self._leg_potential() if self.hierarchy is None else None
        states, entries, which, cost = self._search().path(
            st, self._edge_src, np.array([x for x, _ in seeds]), np.array([f for _, f in seeds]),
            np.array([x for x, _ in goals]), np.array([f for _, f in goals]), goal_xy, potential)
        ahead = self._straight_on(a, b)
        if ahead is not None and ahead[0] <= cost:
            _, arc, f0, f1 = ahead
            arcs_path = [arc]
            dur = (f1 - f0) * self.arcs.dur[arc]
            dist = (f1 - f0) * self.arcs.dist[arc]
        elif which < 0:
            raise no_route
        else:
            arcs_path = [int(x) for x in st.state_arc[states]]
            src, last = int(states[0]), int(states[-1])
            f0 = next(f for x, f in seeds if x == src)
            f1 = goals[which][1]
            # the matrix's sums exactly: whole transitions, less the start behind the point, plus
            # the end up to it (routing.many_to_many._walk_back)
            dur = st.dur[entries].sum() - f0 * st.s_dur[src] + f1 * st.s_dur[last]
            dist = st.dist[entries].sum() - f0 * st.s_dist[src] + f1 * st.s_dist[last]
        # The first and last arcs are cut at the points; the ones between are whole, taken at once
        # (a leg across a département passes 1,500 arcs: one numpy call each cost 70 ms a leg).
        arcs_arr = np.asarray(arcs_path, np.int64)
        ways = self.link_way[self.arcs.link[arcs_arr]].astype(np.int64).tolist()
        if len(arcs_path) == 1:
            coords, node_ids = self._arc_piece(arcs_path[0], f0, f1)
        else:
            first, first_ids = self._arc_piece(arcs_path[0], f0, 1.0)
            last, last_ids = self._arc_piece(arcs_path[-1], 0.0, f1)
            mid, mid_ids = self._whole_arcs(arcs_arr[1:-1])
            coords = np.vstack([first, mid, last])
            node_ids = np.concatenate([first_ids, mid_ids, last_ids])
        keep = np.ones(len(coords), bool)
        keep[1:] = np.any(np.abs(np.diff(coords, axis=0)) > 1e-12, axis=1)
        coords = coords[keep]
        node_ids = node_ids[keep]
        inner = node_ids[1:-1]
        node_seq = inner[inner >= 0].astype(np.int64).tolist() if len(node_ids) > 2 else []
        way_osm = self.region.graph["way_osm_id"]
        way_seq = []
        for w in ways:
            osm = int(way_osm[w])
            if not way_seq or way_seq[-1] != osm:
                way_seq.append(osm)
        return LegPath(float(dur) + self.profile.stop_allowance_s, float(dist),
                       list(map(tuple, np.asarray(coords, np.float64).tolist())),
                       tuple(self._hgv_warnings(ways) + self._edge_turn_warnings(arcs_path)),
                       tuple(node_seq), tuple(way_seq))

    def _edge_turn_warnings(self, arcs_path: list[int]) -> list[Message]:
        """A leg that turns round where the map ends: the road goes on, the route out there is unknown."""
        a = self.arcs
        for p, q in zip(arcs_path[:-1], arcs_path[1:]):
            if a.link[p] == a.link[q] and a.rev[p] != a.rev[q] and self.states.edge_turn_nodes[a.head[p]]:
                node = int(self.region.graph["node_osm_id"][a.head[p]])
                return [Message("road.leg_turns_at_map_edge", node=node)]
        return []

    def _hgv_warnings(self, ways: list[int]) -> list[Message]:
        ways = np.asarray(ways, np.int64)
        hgv_ways = np.unique(ways[self.way_costs.hgv_no[ways]]) if len(ways) else []
        if not len(hgv_ways):
            return []
        names = {}
        for w in hgv_ways:  # a way without a name is named by its OSM id
            osm_id = int(self.region.graph['way_osm_id'][w])
            name = self.region.way_names[w]
            names.setdefault(name or f"way {osm_id}", name or Message("road.osm_way", id=osm_id))
        return [Message("road.leg_uses_hgv_no", roads=[names[k] for k in sorted(names)[:5]])]
