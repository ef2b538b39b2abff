"""The contraction hierarchy (routing.cch) answers as the Dijkstra does, on the real extracts.

Both engines minimise the same routing cost on the same state graph; the hierarchy sums the
duration and length along its shortcuts in float32, so they agree to well under a second and a
metre. Where two paths cost the same (a tie) they may drive different streets, so legs are
compared by cost, duration and length, and checked to be drivable (each OSM node of the leg
follows the previous one on a link of the graph).
"""
from __future__ import annotations

import numpy as np
import pytest

from routing import network as network_module
from routing.cch import Hierarchy
from routing.network import CoachNetwork
from routing.profile import COACH_12M
from routing.region import Region
from routing.regions import import_region

from tests.conftest import LADOUA_OSM


@pytest.fixture(scope="module")
def ladoua(tmp_path_factory) -> Region:
    return Region.load(import_region(LADOUA_OSM, dest_dir=tmp_path_factory.mktemp("ladoua")))


def _spread_snaps(net: CoachNetwork, n: int, seed: int):
    rng = np.random.default_rng(seed)
    w, s, e, nn = net.region.bounds
    snaps = [net.snap(x, y) for x, y in zip(rng.uniform(w, e, 4 * n), rng.uniform(s, nn, 4 * n))]
    return [p for p in snaps if p.ok][:n]


def _osm_links(region: Region) -> set[tuple[int, int]]:
    """OSM node id pairs consecutive along a link's geometry (either way)."""
    g = region.graph
    ids = g["geom_node_id"]
    pairs = set()
    for k in range(len(g["link_u"])):
        run = [int(x) for x in ids[g["geom_offsets"][k]:g["geom_offsets"][k + 1]] if x >= 0]
        pairs.update(zip(run, run[1:]))
        pairs.update(zip(run[1:], run))
    return pairs


@pytest.mark.parametrize("which", ["krems", "ladoua"])
def test_the_hierarchy_gives_the_dijkstras_matrix_on_real_streets(which, krems, ladoua):
    region = {"krems": krems, "ladoua": ladoua}[which]
    ref = CoachNetwork(region, COACH_12M, engine="dijkstra")
    cch = CoachNetwork(region, COACH_12M, engine="cch")
    assert ref.engine == "dijkstra" and cch.engine == "cch"
    snaps = _spread_snaps(ref, 40, seed=3)
    assert len(snaps) >= 30
    a, b = ref.matrix(snaps), cch.matrix(snaps)
    finite = np.isfinite(a.duration_s)
    assert finite.mean() > 0.9                                   # the points reach each other
    assert (np.isfinite(b.duration_s) == finite).all()
    assert np.abs(a.duration_s[finite] - b.duration_s[finite]).max() < 0.05
    assert np.abs(a.distance_m[finite] - b.distance_m[finite]).max() < 0.5


@pytest.mark.parametrize("which", ["krems", "ladoua"])
def test_hierarchy_legs_cost_the_same_and_can_be_driven(which, krems, ladoua):
    region = {"krems": krems, "ladoua": ladoua}[which]
    ref = CoachNetwork(region, COACH_12M, engine="dijkstra")
    cch = CoachNetwork(region, COACH_12M, engine="cch")
    snaps = _spread_snaps(ref, 24, seed=5)
    links = _osm_links(region)
    compared = 0
    for p, q in zip(snaps[:-1], snaps[1:]):
        try:
            want = ref.leg(p, q)
        except Exception:                                        # unreachable: both say so
            with pytest.raises(Exception):
                cch.leg(p, q)
            continue
        got = cch.leg(p, q)
        assert got.duration_s == pytest.approx(want.duration_s, abs=0.05)
        assert got.distance_m == pytest.approx(want.distance_m, abs=0.5)
        assert got.coords[0] == pytest.approx(want.coords[0]) and got.coords[-1] == pytest.approx(want.coords[-1])
        ids = got.node_ids
        assert all((x, y) in links for x, y in zip(ids, ids[1:])), "the leg jumps between unlinked nodes"
        compared += 1
    assert compared >= 15


def test_a_graph_without_small_separators_keeps_the_dijkstra(krems, monkeypatch):
    """Above the arc budget the hierarchy is not built and the Dijkstra answers (a dense grid
    city of 1.5 million junctions would need some 250 million arcs; real streets 6-8 a state)."""
    net = CoachNetwork(krems, COACH_12M, engine="dijkstra")
    h = net._build_hierarchy()
    per_state = h.arc_count / len(net.states.state_arc)
    assert 3 < per_state < 16
    link = net.arcs.link[net.states.state_arc]
    xy = np.zeros(len(link))
    assert Hierarchy.build(net.states, net._edge_src, xy, xy, max_arcs_per_state=per_state / 2) is None
    import routing.cch as cch_module
    monkeypatch.setattr(cch_module, "MAX_ARCS", int(h.arc_count / 2))
    small = CoachNetwork(krems, COACH_12M, engine="cch")
    assert small.engine == "dijkstra"
    snaps = _spread_snaps(small, 5, seed=1)
    assert np.isfinite(small.matrix(snaps).duration_s).any()


def test_auto_picks_the_hierarchy_on_large_regions_only(krems, monkeypatch):
    assert CoachNetwork(krems, COACH_12M).engine == "dijkstra"          # Krems is small
    monkeypatch.setattr(network_module, "CCH_MIN_STATES", 1000)
    assert CoachNetwork(krems, COACH_12M).engine == "cch"


@pytest.mark.parametrize("which", ["krems", "ladoua"])
def test_the_dijkstras_legs_aimed_at_the_goal_cost_what_the_plain_search_costs(which, krems, ladoua):
    """The A* potential of the Dijkstra's legs (routing.many_to_many._h) never changes a leg's
    cost: it only narrows the search."""
    from routing import many_to_many as mm
    region = {"krems": krems, "ladoua": ladoua}[which]
    net = CoachNetwork(region, COACH_12M, engine="dijkstra")
    snaps = _spread_snaps(net, 40, seed=9)
    st, pot = net.states, net._leg_potential()
    assert 0 < pot[2] < 1                                         # seconds a metre: above 1 m/s
    found = 0
    for p in snaps:
        for q in snaps[::7]:
            seeds, goals = net._seeds(p), net._goal_states(q)
            args = (st, net._edge_src, np.array([x for x, _ in seeds]), np.array([f for _, f in seeds]),
                    np.array([x for x, _ in goals]), np.array([f for _, f in goals]))
            plain = mm.path(*args)
            aimed = mm.path(*args, tuple(float(v) for v in net._local_xy(q.road_lon, q.road_lat)), pot)
            assert aimed[2] == plain[2] or aimed[3] == pytest.approx(plain[3], abs=1e-6)
            assert aimed[3] == pytest.approx(plain[3], rel=1e-9, abs=1e-6)
            found += np.isfinite(plain[3])
    assert found > 150
