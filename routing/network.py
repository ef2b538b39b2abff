"""Coach road network of a region: snapping, travel-time matrices and leg geometry.

Built at load time from the compiled region's raw arrays for one vehicle profile
(:mod:`routing.costs`). Shortest paths minimise routing cost (duration x penalties) on a
one-way aware CSR graph: travel-time matrices with the compiled many-to-many kernel of
:mod:`routing.many_to_many` (scipy's Dijkstra when numba is unavailable), legs with
``scipy.sparse.csgraph.dijkstra`` and its predecessors. Sites snap to the
nearest point of a coach-legal road of the largest strongly connected part of the
network; the snapped points become temporary nodes splitting their link, so legs
start and end exactly at the road points (partial links included).

Turn restrictions are not honoured (see README: known limitation).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra

from routing.costs import way_costs
from routing.errors import RoutingError
from routing.messages import Distance, Message
from routing.profile import VehicleProfile
from routing.progress import CancelToken, ProgressCallback, check, report

EARTH_RADIUS_M = 6_371_008.8
SNAP_MAX_DISTANCE_M = 200.0
_EPS_COST = 1e-6          # scipy ignores 0-weight entries: keep every edge > 0
_SOURCES_PER_CHUNK = 16   # scipy fallback: dijkstra rows computed at once (memory: rows x nodes x 12 bytes)


_KERNEL: list = []        # [many_to_many function or None], loaded on first matrix


def _many_to_many_kernel():
    """:func:`routing.many_to_many.many_to_many`, or None when numba is missing or cannot
    compile here (e.g. a frozen app with no cache folder): the caller falls back to scipy.
    Imported lazily so loading a region does not pay numba's import (~0.3 s)."""
    if not _KERNEL:
        try:
            from routing.many_to_many import many_to_many
        except Exception:  # noqa: BLE001 - ImportError, or numba refusing to set up its cache
            many_to_many = None
        _KERNEL.append(many_to_many)
    return _KERNEL[0]


def haversine_m(lon1, lat1, lon2, lat2):
    """Great-circle distance in metres (numpy arrays or floats, degrees)."""
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


@dataclass(frozen=True)
class Snap:
    """A query point attached to the road network.

    ``link``/``fraction`` locate the road point on a link (fraction of its length from
    its first node); ``node`` is the nearer end of that link (a graph node id)."""

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


class CoachNetwork:
    """The region's roads as driven by one :class:`VehicleProfile`."""

    def __init__(self, region, profile: VehicleProfile):
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
        n = self.n_nodes = len(self.node_lon)
        m = len(self.link_u)

        # cumulative length along each link, per geometry point
        geom, goff = self.geom, self.geom_offsets
        seg = haversine_m(geom[:-1, 0], geom[:-1, 1], geom[1:, 0], geom[1:, 1])
        seg[goff[1:-1] - 1] = 0.0                       # no segment across two links
        cum = np.concatenate([[0.0], np.cumsum(seg)])
        self.point_link = np.repeat(np.arange(m), np.diff(goff))
        self.geom_cum_m = cum - cum[goff[:-1]][self.point_link]
        self.link_length_m = self.geom_cum_m[goff[1:] - 1] if m else np.zeros(0)

        wc = way_costs(g, profile)
        self.way_costs = wc
        lw = self.link_way
        self.fwd_ok = wc.fwd_ok[lw]
        self.bwd_ok = wc.bwd_ok[lw]
        length = self.link_length_m
        self.dur_f = length / (wc.fwd_speed_kph[lw] / 3.6)
        self.dur_b = length / (wc.bwd_speed_kph[lw] / 3.6)
        pen = wc.penalty[lw]
        self.cost_f = self.dur_f * pen + _EPS_COST
        self.cost_b = self.dur_b * pen + _EPS_COST

        f, b = np.flatnonzero(self.fwd_ok), np.flatnonzero(self.bwd_ok)
        src = np.concatenate([self.link_u[f], self.link_v[b]])
        dst = np.concatenate([self.link_v[f], self.link_u[b]])
        cost = np.concatenate([self.cost_f[f], self.cost_b[b]])
        dur = np.concatenate([self.dur_f[f], self.dur_b[b]])
        link = np.concatenate([f, b])
        rev = np.concatenate([np.zeros(len(f), bool), np.ones(len(b), bool)])
        keep = src != dst
        src, dst, cost, dur, link, rev = src[keep], dst[keep], cost[keep], dur[keep], link[keep], rev[keep]
        key = src * n + dst
        order = np.lexsort((cost, key))                 # per (src, dst): cheapest first
        key = key[order]
        first = np.ones(len(key), bool)
        first[1:] = key[1:] != key[:-1]
        sel = order[first]
        self._e_key = key[first]
        self._e_src, self._e_dst = src[sel], dst[sel]
        self._e_cost, self._e_dur = cost[sel], dur[sel]
        self._e_link, self._e_rev = link[sel], rev[sel]
        self._e_dist = length[self._e_link]
        indptr = np.zeros(n + 1, np.int64)
        np.cumsum(np.bincount(self._e_src, minlength=n), out=indptr[1:])
        self._indptr = indptr
        self.csr = csr_matrix((self._e_cost, self._e_dst, indptr), shape=(n, n))

        # largest strongly connected part: the tour can enter and leave it
        if n:
            _, labels = connected_components(self.csr, directed=True, connection="strong")
            has_edge = np.bincount(self._e_src, minlength=n) > 0
            sizes = np.bincount(labels[has_edge], minlength=labels.max() + 1) if has_edge.any() else np.zeros(1)
            self.in_main = (labels == int(np.argmax(sizes))) & has_edge
        else:
            self.in_main = np.zeros(0, bool)
        legal = self.fwd_ok | self.bwd_ok
        self.link_main = legal & self.in_main[self.link_u] & self.in_main[self.link_v]
        self.link_other = legal & ~self.link_main
        self._index_main = None
        self._index_other = None
        self.warnings: list[Message] = self._make_warnings()

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
        return out

    @property
    def main_node_count(self) -> int:
        """Nodes of the largest strongly connected part."""
        return int(self.in_main.sum())

    # ------------------------------------------------------------------ snapping
    def _local_xy(self, lon, lat):
        w, s, e, n = self.region.bounds
        lat0 = (s + n) / 2
        lon0 = (w + e) / 2
        kx = np.cos(np.radians(lat0)) * 111_320.0
        return (np.asarray(lon) - lon0) * kx, (np.asarray(lat) - lat0) * 110_574.0

    def _segment_index(self, link_mask: np.ndarray):
        """(kd-tree of segment midpoints, segment start point ids, max half length)."""
        from scipy.spatial import cKDTree

        goff = self.geom_offsets
        last = np.zeros(len(self.geom), bool)
        last[goff[1:] - 1] = True
        starts = np.flatnonzero(~last & link_mask[self.point_link])
        if len(starts) == 0:
            return None
        x, y = self._local_xy(self.geom[:, 0], self.geom[:, 1])
        ax, ay, bx, by = x[starts], y[starts], x[starts + 1], y[starts + 1]
        mid = np.column_stack([(ax + bx) / 2, (ay + by) / 2])
        half = np.hypot(bx - ax, by - ay).max() / 2
        return cKDTree(mid), starts, float(half), x, y

    def _nearest(self, index, lon: float, lat: float):
        """(distance_m, point id, t in segment) of the nearest road point, or None."""
        if index is None:
            return None
        tree, starts, half, x, y = index
        px, py = self._local_xy(lon, lat)
        d0, _ = tree.query([px, py])
        cand = np.asarray(tree.query_ball_point([px, py], d0 + half + 1e-6), dtype=np.int64)
        p = starts[cand]
        ax, ay, bx, by = x[p], y[p], x[p + 1], y[p + 1]
        dx, dy = bx - ax, by - ay
        l2 = dx * dx + dy * dy
        t = np.where(l2 > 0, ((px - ax) * dx + (py - ay) * dy) / np.where(l2 > 0, l2, 1), 0.0)
        t = np.clip(t, 0.0, 1.0)
        d = np.hypot(ax + t * dx - px, ay + t * dy - py)
        k = int(np.argmin(d))
        return float(d[k]), int(p[k]), float(t[k])

    def snap(self, lon: float, lat: float) -> Snap:
        """Attach (lon, lat) to the nearest coach-legal road point of the main network part.

        ``ok`` is False (with a ``reason`` message) when that point is more than
        SNAP_MAX_DISTANCE_M away, or when only an isolated part of the network is near."""
        if self._index_main is None:
            self._index_main = self._segment_index(self.link_main)
        hit = self._nearest(self._index_main, lon, lat)
        if hit is None:
            raise RoutingError("road.no_coach_road")
        _, p, t = hit
        link = int(self.point_link[p])
        road_lon = float(self.geom[p, 0] + t * (self.geom[p + 1, 0] - self.geom[p, 0]))
        road_lat = float(self.geom[p, 1] + t * (self.geom[p + 1, 1] - self.geom[p, 1]))
        dist = float(haversine_m(lon, lat, road_lon, road_lat))
        length = self.link_length_m[link]
        seg_len = self.geom_cum_m[p + 1] - self.geom_cum_m[p]
        frac = float((self.geom_cum_m[p] + t * seg_len) / length) if length > 0 else 0.0
        frac = min(1.0, max(0.0, frac))
        node = int(self.link_u[link] if frac < 0.5 else self.link_v[link])
        ok, reason = True, None
        if dist > SNAP_MAX_DISTANCE_M:
            ok = False
            if self._index_other is None and self.link_other.any():
                self._index_other = self._segment_index(self.link_other)
            other = self._nearest(self._index_other, lon, lat) if self._index_other is not None else None
            if other is not None and other[0] <= SNAP_MAX_DISTANCE_M:
                reason = Message("road.snap_isolated", nearest=Distance(other[0]), connected=Distance(dist))
            else:
                reason = Message("road.snap_too_far", distance=Distance(dist), limit=Distance(SNAP_MAX_DISTANCE_M))
        return Snap(float(lon), float(lat), road_lon, road_lat, dist, node, ok, reason, link, frac)

    # ------------------------------------------------------------------ graph with snap nodes
    def _augment(self, snaps: Sequence[Snap], build_csr: bool = True):
        """CSR with one temporary node per distinct snapped road point, splitting its link.

        Returns (csr or None when not ``build_csr``, node id per snap, virtual edge table)."""
        n = self.n_nodes
        vid = np.empty(len(snaps), np.int64)
        by_link: dict[int, dict[float, int]] = {}
        next_id = n
        for i, s in enumerate(snaps):
            if s.link < 0:
                vid[i] = s.node
                continue
            pts = by_link.setdefault(int(s.link), {})
            if s.fraction not in pts:
                pts[s.fraction] = next_id
                next_id += 1
            vid[i] = pts[s.fraction]
        vs, vd, vc, vdur, vdist, vlink, vf0, vf1 = ([] for _ in range(8))
        for link, pts in by_link.items():
            fr = sorted(pts)
            chain = [int(self.link_u[link])] + [pts[f] for f in fr] + [int(self.link_v[link])]
            fracs = [0.0] + fr + [1.0]
            L = self.link_length_m[link]
            for k in range(len(chain) - 1):
                df = fracs[k + 1] - fracs[k]
                if self.fwd_ok[link]:
                    vs.append(chain[k]); vd.append(chain[k + 1])
                    vc.append(df * self.cost_f[link] + _EPS_COST); vdur.append(df * self.dur_f[link])
                    vdist.append(df * L); vlink.append(link); vf0.append(fracs[k]); vf1.append(fracs[k + 1])
                if self.bwd_ok[link]:
                    vs.append(chain[k + 1]); vd.append(chain[k])
                    vc.append(df * self.cost_b[link] + _EPS_COST); vdur.append(df * self.dur_b[link])
                    vdist.append(df * L); vlink.append(link); vf0.append(fracs[k + 1]); vf1.append(fracs[k])
        total = next_id
        vs_a = np.asarray(vs, np.int64)
        vd_a = np.asarray(vd, np.int64)
        vkey = vs_a * total + vd_a
        order = np.argsort(vkey, kind="stable")
        virt = {"key": vkey[order], "cost": np.asarray(vc, dtype=np.float64)[order],
                "dur": np.asarray(vdur, dtype=np.float64)[order], "dist": np.asarray(vdist, dtype=np.float64)[order],
                "link": np.asarray(vlink, np.int64)[order], "f0": np.asarray(vf0)[order],
                "f1": np.asarray(vf1)[order], "total": total}
        if not build_csr:
            return None, vid, virt
        if total == n:
            return self.csr, vid, virt
        src = np.concatenate([self._e_src, vs_a])
        dst = np.concatenate([self._e_dst, vd_a])
        cost = np.concatenate([self._e_cost, np.asarray(vc)])
        csr = csr_matrix((cost, (src, dst)), shape=(total, total))
        return csr, vid, virt

    def _edge_values(self, p: np.ndarray, q: np.ndarray, virt) -> tuple[np.ndarray, np.ndarray]:
        """(duration_s, distance_m) of the chosen edges p -> q (arrays of node ids)."""
        n = self.n_nodes
        dur = np.empty(len(p))
        dist = np.empty(len(p))
        base = (p < n) & (q < n)
        if base.any():
            j = np.searchsorted(self._e_key, p[base] * n + q[base])
            dur[base] = self._e_dur[j]
            dist[base] = self._e_dist[j]
        if (~base).any():
            j = np.searchsorted(virt["key"], p[~base] * virt["total"] + q[~base])
            dur[~base] = virt["dur"][j]
            dist[~base] = virt["dist"][j]
        return dur, dist

    # ------------------------------------------------------------------ matrices
    def augmented_csr_arrays(self, snaps: Sequence[Snap]):
        """CSR arrays (indptr, indices, cost, duration_s, distance_m) of the graph with the
        snap nodes of :meth:`_augment`, and the node id per snap.

        Built by placing the base edges (already grouped by source node) and the few
        virtual edges into the new rows directly: no sort of the 10^5 base edges."""
        _, vid, virt = self._augment(snaps, build_csr=False)
        n, total = self.n_nodes, virt["total"]
        base_cnt = np.zeros(total, np.int64)                    # base edges per source node
        base_cnt[:n] = np.diff(self._indptr)
        vkey = virt["key"]
        vs, vd = vkey // total, vkey % total                    # virtual edges, sorted by (src, dst)
        indptr = np.zeros(total + 1, np.int64)
        np.cumsum(base_cnt + np.bincount(vs, minlength=total), out=indptr[1:])
        # each row: its base edges in their order, then its virtual edges
        pos_base = np.arange(len(self._e_dst)) + (indptr[:n] - self._indptr[:n])[self._e_src]
        rank_v = np.arange(len(vs)) - np.searchsorted(vs, vs)   # rank among virtual edges of the same source
        pos_virt = indptr[vs] + base_cnt[vs] + rank_v
        nnz = int(indptr[-1])
        indices = np.empty(nnz, np.int64)
        cost = np.empty(nnz)
        dur = np.empty(nnz)
        dist = np.empty(nnz)
        indices[pos_base], cost[pos_base] = self._e_dst, self._e_cost
        dur[pos_base], dist[pos_base] = self._e_dur, self._e_dist
        indices[pos_virt], cost[pos_virt] = vd, virt["cost"]
        dur[pos_virt], dist[pos_virt] = virt["dur"], virt["dist"]
        return indptr, indices, cost, dur, dist, vid

    def matrix(self, snaps: Sequence[Snap], progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None, engine: str = "auto") -> TravelMatrix:
        """Durations (s) and distances (m) of the fastest coach paths between all snaps.

        The path minimises duration x penalties; the matrix reports its real duration
        and length. Entries are ``np.inf`` when no path exists. Uses the compiled
        many-to-many kernel (:mod:`routing.many_to_many`, numba) when it can be loaded,
        else scipy's Dijkstra (same results, 2-10 times slower on a large region).
        ``engine``: "auto", or "scipy" to force the fallback (benchmarks and exactness tests)."""
        if engine not in ("auto", "scipy"):
            raise ValueError(f"unknown matrix engine {engine!r}")
        k = len(snaps)
        if k == 0:
            return TravelMatrix(np.full((0, 0), np.inf), np.full((0, 0), np.inf))
        kernel = _many_to_many_kernel() if engine == "auto" else None
        if kernel is None:
            return self._matrix_scipy(snaps, progress, cancel)
        indptr, indices, cost, dur, dist, vid = self.augmented_csr_arrays(snaps)
        uniq, inv = np.unique(vid, return_inverse=True)
        u_dur, u_dist = kernel(indptr, indices, cost, dur, dist, uniq, uniq, progress, cancel)
        report(progress, 1.0, "Travel times computed")
        return TravelMatrix(u_dur[np.ix_(inv, inv)], u_dist[np.ix_(inv, inv)])

    def _matrix_scipy(self, snaps: Sequence[Snap], progress: ProgressCallback | None = None,
                      cancel: CancelToken | None = None) -> TravelMatrix:
        """:meth:`matrix` with scipy's Dijkstra and a predecessor walk (fallback without numba)."""
        k = len(snaps)
        dur_m = np.full((k, k), np.inf)
        dist_m = np.full((k, k), np.inf)
        if k == 0:
            return TravelMatrix(dur_m, dist_m)
        csr, vid, virt = self._augment(snaps)
        uniq, inv = np.unique(vid, return_inverse=True)
        # Search radius guess (cost s) so Dijkstra stops early for clustered sites (a ZI tour);
        # rows that miss a target are recomputed without it, so results stay exact.
        rl = np.array([s.road_lon for s in snaps])
        rt = np.array([s.road_lat for s in snaps])
        crow_m = float(haversine_m(rl[:, None], rt[:, None], rl[None, :], rt[None, :]).max())
        limit = crow_m / (20 / 3.6) * 1.5 + 600.0
        u_dur = np.full((len(uniq), len(uniq)), np.inf)
        u_dist = np.full((len(uniq), len(uniq)), np.inf)
        for c0 in range(0, len(uniq), _SOURCES_PER_CHUNK):
            check(cancel)
            report(progress, c0 / len(uniq), "Computing travel times")
            rows = uniq[c0:c0 + _SOURCES_PER_CHUNK]
            cost, pred = dijkstra(csr, directed=True, indices=rows, return_predecessors=True, limit=limit)
            miss = ~np.isfinite(cost[:, uniq]).all(axis=1)
            if miss.any():   # beyond the guess (or unreachable): exact search without limit
                c2, p2 = dijkstra(csr, directed=True, indices=rows[miss], return_predecessors=True)
                cost[miss], pred[miss] = c2, p2
            nr = len(rows)
            r_idx = np.repeat(np.arange(nr), len(uniq))
            cur = np.tile(uniq, nr)
            src = rows[r_idx]
            reach = np.isfinite(cost[r_idx, cur])
            acc_dur = np.where(reach, 0.0, np.inf)
            acc_dist = acc_dur.copy()
            active = np.flatnonzero(reach & (cur != src))
            while len(active):
                q = cur[active]
                p = pred[r_idx[active], q].astype(np.int64)
                d, l = self._edge_values(p, q, virt)
                acc_dur[active] += d
                acc_dist[active] += l
                cur[active] = p
                active = active[p != src[active]]
            u_dur[c0:c0 + nr] = acc_dur.reshape(nr, len(uniq))
            u_dist[c0:c0 + nr] = acc_dist.reshape(nr, len(uniq))
        report(progress, 1.0, "Travel times computed")
        return TravelMatrix(u_dur[np.ix_(inv, inv)], u_dist[np.ix_(inv, inv)])

    # ------------------------------------------------------------------ legs
    def _sub_polyline(self, link: int, f0: float, f1: float) -> np.ndarray:
        """Geometry (n, 2) of ``link`` from fraction f0 to f1 (reversed when f0 > f1)."""
        lo, hi = (f0, f1) if f0 <= f1 else (f1, f0)
        a, b = self.geom_offsets[link], self.geom_offsets[link + 1]
        pts, cum = self.geom[a:b], self.geom_cum_m[a:b]
        L = cum[-1]
        s0, s1 = lo * L, hi * L
        inner = pts[(cum > s0) & (cum < s1)]
        ends = np.column_stack([np.interp([s0, s1], cum, pts[:, 0]), np.interp([s0, s1], cum, pts[:, 1])]) \
            if L > 0 else pts[[0, -1]]
        out = np.vstack([ends[:1], inner, ends[1:]])
        return out[::-1] if f0 > f1 else out

    def leg(self, a: Snap, b: Snap) -> LegPath:
        """The fastest coach path from ``a`` to ``b`` with its road geometry.

        Raises RoutingError if ``b`` cannot be reached from ``a``."""
        csr, vid, virt = self._augment([a, b])
        va, vb = int(vid[0]), int(vid[1])
        if va == vb:
            return LegPath(0.0, 0.0, [(a.road_lon, a.road_lat)])
        cost, pred = dijkstra(csr, directed=True, indices=va, return_predecessors=True)
        if not np.isfinite(cost[vb]):
            raise RoutingError("road.no_route", origin=f"({a.lon:.5f}, {a.lat:.5f})",
                               destination=f"({b.lon:.5f}, {b.lat:.5f})")
        path = [vb]
        while path[-1] != va:
            path.append(int(pred[path[-1]]))
        path.reverse()
        p = np.asarray(path[:-1], np.int64)
        q = np.asarray(path[1:], np.int64)
        dur, dist = self._edge_values(p, q, virt)
        n = self.n_nodes
        pieces = []
        used_links = []
        for pi, qi in zip(p, q):
            if pi < n and qi < n:
                j = int(np.searchsorted(self._e_key, pi * n + qi))
                link, rev = int(self._e_link[j]), bool(self._e_rev[j])
                f0, f1 = (1.0, 0.0) if rev else (0.0, 1.0)
            else:
                j = int(np.searchsorted(virt["key"], pi * virt["total"] + qi))
                link, f0, f1 = int(virt["link"][j]), float(virt["f0"][j]), float(virt["f1"][j])
            used_links.append(link)
            pieces.append(self._sub_polyline(link, f0, f1))
        coords = np.vstack(pieces)
        keep = np.ones(len(coords), bool)
        keep[1:] = np.any(np.abs(np.diff(coords, axis=0)) > 1e-12, axis=1)
        coords = coords[keep]
        warnings = []
        ways = self.link_way[np.asarray(used_links)]
        hgv_ways = np.unique(ways[self.way_costs.hgv_no[ways]])
        if len(hgv_ways):
            names = {}
            for w in hgv_ways:  # a way without a name is named by its OSM id
                osm_id = int(self.region.graph['way_osm_id'][w])
                name = self.region.way_names[w]
                names.setdefault(name or f"way {osm_id}", name or Message("road.osm_way", id=osm_id))
            roads = [names[k] for k in sorted(names)[:5]]
            warnings.append(Message("road.leg_uses_hgv_no", roads=roads))
        return LegPath(float(dur.sum()), float(dist.sum()), [(float(x), float(y)) for x, y in coords],
                       tuple(warnings))
