"""The fast travel-time matrix (compiled seeded kernel) equals a plain Dijkstra on the same state graph."""
from __future__ import annotations

import heapq

import numpy as np
import pytest

from routing.errors import Cancelled
from routing.network import haversine_m
from routing.progress import CancelToken

from .conftest import DATA



@pytest.fixture(scope="module")
def ring(tmp_path_factory):
    from routing.region import Region
    from routing.regions import import_region
    return Region.load(import_region(DATA / "oneway_ring.osm", dest_dir=tmp_path_factory.mktemp("ring")))


# points of the ring fixture: two on one-way Rue Sud (1 -> 2), a duplicate of the first,
# Rue Est, Rue Nord (residential, one-way 3 -> 4), the bypass, the hgv=no road
RING_POINTS = [(5.0010, 45.0001), (5.0030, 45.0001), (5.0010, 45.0001), (5.0041, 45.0015),
               (5.0020, 45.0031), (5.0079, 45.0014), (4.9981, 45.0014)]


def reference_matrix(net, snaps):
    """(duration_s, distance_m) by a textbook heapq Dijkstra per source over the coach's state
    graph (states = directed links, transitions = allowed turns): the turn model comes from
    ``net.states``, the search, the partial first and last links and the sums are written here."""
    st = net.states
    k = len(snaps)
    dur_m = np.full((k, k), np.inf)
    dist_m = np.full((k, k), np.inf)
    def source(s):
        row = st.arc_state[s.arc]
        return int(row[1] if row[1] >= 0 else row[0])
    def goals(s):
        row = st.arc_state[s.arc]
        return [int(row[1])] if row[1] >= 0 else [int(row[0]), int(row[2])]
    for i, a in enumerate(snaps):
        S = source(a)
        best, pred, done = {}, {}, set()
        heap = []
        for e in range(st.indptr[S], st.indptr[S + 1]):
            v = int(st.indices[e])
            c = st.cost[e] - a.along * st.s_cost[S]
            if c < best.get(v, np.inf):
                best[v] = c
                pred[v] = ("seed", e)
        heap = [(c, v) for v, c in best.items()]
        heapq.heapify(heap)
        while heap:
            c, u = heapq.heappop(heap)
            if u in done:
                continue
            done.add(u)
            for e in range(st.indptr[u], st.indptr[u + 1]):
                v = int(st.indices[e])
                if c + st.cost[e] < best.get(v, np.inf):
                    best[v] = c + st.cost[e]
                    pred[v] = ("edge", e)
                    heapq.heappush(heap, (best[v], v))
        for j, b in enumerate(snaps):
            if i == j or (a.arc == b.arc and a.along == b.along):
                dur_m[i, j] = dist_m[i, j] = 0.0
                continue
            if a.arc == b.arc and b.along >= a.along:   # straight on along the same arc
                part = b.along - a.along
                dur_m[i, j] = part * net.arcs.dur[a.arc] + net.profile.stop_allowance_s
                dist_m[i, j] = part * net.arcs.dist[a.arc]
                continue
            cands = [(best[g] + b.along * st.s_cost[g], g) for g in goals(b) if g in done]
            if not cands:
                continue
            _, g = min(cands)
            t, d, x = b.along * st.s_dur[g], b.along * st.s_dist[g], g
            while True:
                kind, e = pred[x]
                if kind == "seed":
                    t += st.dur[e] - a.along * st.s_dur[S]
                    d += st.dist[e] - a.along * st.s_dist[S]
                    break
                t += st.dur[e]
                d += st.dist[e]
                x = int(np.searchsorted(st.indptr, e, side="right") - 1)
            dur_m[i, j], dist_m[i, j] = t + net.profile.stop_allowance_s, d
    return dur_m, dist_m


def _assert_same(m, ref_dur, ref_dist):
    np.testing.assert_allclose(m.duration_s, ref_dur, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(m.distance_m, ref_dist, rtol=1e-9, atol=1e-6)


def test_ring_matrix_equals_reference_dijkstra(ring):
    net = ring.network()
    snaps = [net.snap(*p) for p in RING_POINTS]
    assert all(s.ok for s in snaps)
    assert snaps[0].link == snaps[1].link and 0 < snaps[0].fraction < snaps[1].fraction < 1
    assert snaps[0].arc == snaps[1].arc and snaps[0].along < snaps[1].along
    ref_dur, ref_dist = reference_matrix(net, snaps)
    _assert_same(net.matrix(snaps), ref_dur, ref_dist)


def test_ring_one_way_partial_link(ring):
    """Two points on one-way Rue Sud: forward is the gap between them, backward goes round."""
    net = ring.network()
    a, b = net.snap(*RING_POINTS[0]), net.snap(*RING_POINTS[1])
    m = net.matrix([a, b, a])
    gap_m = haversine_m(a.road_lon, a.road_lat, b.road_lon, b.road_lat)
    assert m.distance_m[0, 1] == pytest.approx(gap_m, rel=1e-3)
    # from b back to a: round the whole ring (corners 1-2-3-4) less the gap
    corners = [(5.0, 45.0), (5.004, 45.0), (5.004, 45.003), (5.0, 45.003), (5.0, 45.0)]
    ring_m = sum(haversine_m(*corners[k], *corners[k + 1]) for k in range(4))
    assert m.distance_m[1, 0] == pytest.approx(ring_m - gap_m, rel=1e-3)
    assert m.duration_s[0, 2] == 0.0 and m.duration_s[2, 0] == 0.0 and m.duration_s[0, 0] == 0.0
    assert m.duration_s[1, 0] == pytest.approx(m.duration_s[1, 2])
    for i, j in ((0, 1), (1, 0)):     # the leg geometry follows the same path
        leg = net.leg([a, b][i], [a, b][j])
        assert leg.duration_s == pytest.approx(m.duration_s[i, j], rel=1e-9)
        assert leg.distance_m == pytest.approx(m.distance_m[i, j], rel=1e-9)
        assert leg.coords[0] == pytest.approx((([a, b][i]).road_lon, ([a, b][i]).road_lat))


def test_krems_matrix_equals_reference_dijkstra(krems):
    net = krems.network()
    rng = np.random.default_rng(11)
    w, s, e, n = krems.bounds
    pts = list(zip(rng.uniform(w, e, 30), rng.uniform(s, n, 30)))
    snaps = [net.snap(*p) for p in pts]
    snaps.append(snaps[3])                          # a duplicate site
    ref_dur, ref_dist = reference_matrix(net, snaps)
    assert np.isfinite(ref_dur).sum() > 0.8 * ref_dur.size
    m = net.matrix(snaps)
    _assert_same(m, ref_dur, ref_dist)
    # a clustered subset: the kernel stops each search early; still the same numbers
    near = np.argsort(haversine_m(snaps[0].road_lon, snaps[0].road_lat,
                                  np.array([x.road_lon for x in snaps]), np.array([x.road_lat for x in snaps])))[:6]
    sub = net.matrix([snaps[i] for i in near])
    np.testing.assert_allclose(sub.duration_s, ref_dur[np.ix_(near, near)], rtol=1e-9, atol=1e-6)


def test_kernel_threads_progress_and_cancel(krems):
    from routing.many_to_many import many_to_many
    net = krems.network()
    rng = np.random.default_rng(5)
    w, s, e, n = krems.bounds
    snaps = [x for x in (net.snap(*p) for p in zip(rng.uniform(w, e, 20), rng.uniform(s, n, 20))) if x.ok]
    args = (net.states, net._edge_src, *net.query_arrays(snaps), len(snaps))
    one = many_to_many(*args, workers=1)
    two = many_to_many(*args, workers=2)
    for x, y in zip(one, two):
        np.testing.assert_array_equal(x, y)
    assert np.isfinite(one[0]).mean() > 0.9
    seen = []
    net.matrix(snaps, progress=lambda f, label: seen.append(f))
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        net.matrix(snaps, cancel=token)
