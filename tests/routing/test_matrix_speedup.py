"""The fast travel-time matrix (compiled kernel, scipy fallback) equals a plain Dijkstra.

The reference below is written independently of routing.network: it splits each link at its
snapped points itself, runs a textbook heapq Dijkstra per source and sums duration and
length along the predecessor path. Only the per-link values (legality, duration, routing
cost) come from the network, since the matrix is what is tested, not the cost model.
"""
from __future__ import annotations

import heapq

import numpy as np
import pytest

from routing import network as network_mod
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
    """(duration_s, distance_m) by a plain per-source Dijkstra on the split links."""
    n = net.n_nodes
    node_of = {}                       # (link, fraction) -> node id
    per_link: dict[int, set] = {}
    ids = []
    for s in snaps:
        key = (s.link, s.fraction)
        if key not in node_of:
            node_of[key] = n + len(node_of)
            per_link.setdefault(s.link, set()).add(s.fraction)
        ids.append(node_of[key])
    adj: dict[int, list] = {}

    def add(a, b, cost, dur, dist):
        if a != b or dist > 0:
            adj.setdefault(a, []).append((b, cost, dur, dist))

    for link in range(len(net.link_u)):
        u, v, length = int(net.link_u[link]), int(net.link_v[link]), float(net.link_length_m[link])
        fr = sorted(per_link.get(link, ()))
        chain = [u] + [node_of[(link, f)] for f in fr] + [v]
        fracs = [0.0] + fr + [1.0]
        for k in range(len(chain) - 1):
            df = fracs[k + 1] - fracs[k]
            if net.fwd_ok[link]:
                add(chain[k], chain[k + 1], df * net.cost_f[link], df * net.dur_f[link], df * length)
            if net.bwd_ok[link]:
                add(chain[k + 1], chain[k], df * net.cost_b[link], df * net.dur_b[link], df * length)
    k = len(snaps)
    dur_m = np.full((k, k), np.inf)
    dist_m = np.full((k, k), np.inf)
    for i, src in enumerate(ids):
        best, pred, done = {src: 0.0}, {}, set()
        heap = [(0.0, src)]
        while heap:
            c, u = heapq.heappop(heap)
            if u in done:
                continue
            done.add(u)
            for v, w, dur, dist in adj.get(u, ()):
                if c + w < best.get(v, np.inf):
                    best[v] = c + w
                    pred[v] = (u, dur, dist)
                    heapq.heappush(heap, (c + w, v))
        for j, dst in enumerate(ids):
            if dst in done:
                t = d = 0.0
                x = dst
                while x != src:
                    x, dur, dist = pred[x]
                    t += dur
                    d += dist
                dur_m[i, j], dist_m[i, j] = t, d
    return dur_m, dist_m


def _assert_same(m, ref_dur, ref_dist):
    np.testing.assert_allclose(m.duration_s, ref_dur, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(m.distance_m, ref_dist, rtol=1e-9, atol=1e-6)


def test_ring_matrix_equals_reference_dijkstra(ring):
    net = ring.network()
    snaps = [net.snap(*p) for p in RING_POINTS]
    assert all(s.ok for s in snaps)
    assert snaps[0].link == snaps[1].link and 0 < snaps[0].fraction < snaps[1].fraction < 1
    ref_dur, ref_dist = reference_matrix(net, snaps)
    _assert_same(net.matrix(snaps), ref_dur, ref_dist)
    _assert_same(net.matrix(snaps, engine="scipy"), ref_dur, ref_dist)


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
    _assert_same(net.matrix(snaps, engine="scipy"), ref_dur, ref_dist)
    # a clustered subset: the kernel stops each search early; still the same numbers
    near = np.argsort(haversine_m(snaps[0].road_lon, snaps[0].road_lat,
                                  np.array([x.road_lon for x in snaps]), np.array([x.road_lat for x in snaps])))[:6]
    sub = net.matrix([snaps[i] for i in near])
    np.testing.assert_allclose(sub.duration_s, ref_dur[np.ix_(near, near)], rtol=1e-9, atol=1e-6)


def test_kernel_threads_progress_cancel_and_fallback(krems, monkeypatch):
    from routing.many_to_many import many_to_many
    net = krems.network()
    rng = np.random.default_rng(5)
    w, s, e, n = krems.bounds
    snaps = [net.snap(*p) for p in zip(rng.uniform(w, e, 20), rng.uniform(s, n, 20))]
    indptr, indices, cost, dur, dist, vid = net.augmented_csr_arrays(snaps)
    src = np.unique(vid)
    one = many_to_many(indptr, indices, cost, dur, dist, src, src, workers=1)
    two = many_to_many(indptr, indices, cost, dur, dist, src, src, workers=2)
    np.testing.assert_array_equal(one[0], two[0])
    np.testing.assert_array_equal(one[1], two[1])
    seen = []
    net.matrix(snaps, progress=lambda f, label: seen.append(f))
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        net.matrix(snaps, cancel=token)
    # without the compiled kernel the scipy path gives the same matrix
    fast = net.matrix(snaps)
    monkeypatch.setattr(network_mod, "_KERNEL", [None])
    slow = net.matrix(snaps)
    np.testing.assert_allclose(slow.duration_s, fast.duration_s, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(slow.distance_m, fast.distance_m, rtol=1e-9, atol=1e-6)
