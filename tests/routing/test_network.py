"""Snapping, legs and matrices on hand-written fixtures and the real Krems extract."""
import numpy as np
import osmium
import pytest

from routing.errors import RoutingError
from routing.network import SNAP_MAX_DISTANCE_M, STOP_END_MARGIN_M, Snap, haversine_m
from routing.profile import COACH_12M, VehicleProfile

from .conftest import MAPS

A, B = (5.0000, 45.1000), (5.0040, 45.1000)


def test_low_bridge_forces_detour_over_private_road_open_to_coaches(detour):
    net = detour.network()
    a, b = net.snap(*A), net.snap(*B)
    # A and B are corners: each stop is kept STOP_END_MARGIN_M (8 m) into its street, out of the junction
    assert a.ok and b.ok and a.distance_m == pytest.approx(STOP_END_MARGIN_M) and b.distance_m == pytest.approx(8)
    leg = net.leg(a, b)
    direct = haversine_m(*A, *B)
    # via C and D: the 3.2 m bridge is excluded, the private road with tourist_bus=yes is used
    assert leg.distance_m == pytest.approx(2 * (333.6 - STOP_END_MARGIN_M) + direct, rel=0.01)
    lats = [lat for _, lat in leg.coords]
    assert min(lats) == pytest.approx(45.097, abs=1e-6)
    low = detour.network(VehicleProfile(name="Minibus", height_m=3.0))
    assert low.leg(low.snap(*A), low.snap(*B)).distance_m == pytest.approx(direct - 2 * STOP_END_MARGIN_M, rel=0.01)


def test_far_site_flagged(detour):
    s = detour.network().snap(5.03, 45.12)
    assert not s.ok and s.distance_m > SNAP_MAX_DISTANCE_M
    assert "m from the nearest coach-legal road" in s.reason.text("en") and "route autorisée" in s.reason.text("fr")


def test_site_near_isolated_part_flagged(detour):
    s = detour.network().snap(5.0125, 45.0985)     # 40 m from way 207, an island
    assert not s.ok
    assert "cannot both enter and leave" in s.reason.text("en")


def test_site_near_road_ok_and_on_edge_point(detour):
    net = detour.network()
    s = net.snap(5.0005, 45.0985)                 # ~40 m east of Rue Ouest (lon 5.0)
    assert s.ok and s.reason is None
    assert s.road_lon == pytest.approx(5.0, abs=1e-7) and s.road_lat == pytest.approx(45.0985, abs=1e-6)
    assert s.distance_m == pytest.approx(haversine_m(5.0005, 45.0985, 5.0, 45.0985), abs=0.5)


def test_one_way_dead_end_not_used_for_snapping(detour):
    net = detour.network()
    s = net.snap(5.0070, 45.0972)                 # beside the end of one-way spur 208
    # the spur cannot be left: snap to the connected network instead (Rue Est, ~230 m away)
    assert s.road_lon == pytest.approx(5.004, abs=1e-6)


def test_matrix_matches_legs_and_diagonal(detour):
    net = detour.network()
    snaps = [net.snap(*A), net.snap(*B), net.snap(5.0005, 45.0985), net.snap(5.0035, 45.097)]
    m = net.matrix(snaps)
    assert m.duration_s.shape == (4, 4)
    assert np.all(np.diag(m.duration_s) == 0)
    for i in range(4):
        for j in range(4):
            if i != j:
                leg = net.leg(snaps[i], snaps[j])
                assert m.duration_s[i, j] == pytest.approx(leg.duration_s, rel=1e-9)
                assert m.distance_m[i, j] == pytest.approx(leg.distance_m, rel=1e-9)


def test_unreachable_leg_raises(detour):
    net = detour.network()
    # a snap made by hand on the island's node (snap() itself only uses the connected part)
    node = int(np.searchsorted(detour.graph["node_osm_id"], 7))
    assert detour.graph["node_osm_id"][node] == 7
    island = Snap(5.012, 45.1, 5.012, 45.1, 0.0, node, False, None)
    with pytest.raises(RoutingError):
        net.leg(net.snap(*A), island)
    m = net.matrix([net.snap(*A), island])
    assert np.isinf(m.duration_s[0, 1])


# ---------------------------------------------------------------- real data: Krems

def _way_tags(osm_id):
    for obj in osmium.FileProcessor(str(MAPS / "krems_austria.osm.gz"), osmium.osm.WAY):
        if obj.id == osm_id:
            return {t.k: t.v for t in obj.tags}
    raise AssertionError(osm_id)


def _point_along(coords, fraction):
    seg = haversine_m(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])
    cum = np.concatenate([[0], np.cumsum(seg)])
    s = fraction * cum[-1]
    return float(np.interp(s, cum, coords[:, 0])), float(np.interp(s, cum, coords[:, 1])), cum[-1]


def test_one_way_street_driven_one_way_only(krems):
    """Missongasse (way 25096351) is tagged oneway=yes in the extract."""
    assert _way_tags(25096351).get("oneway") == "yes"
    region = krems
    w = int(np.flatnonzero(region.graph["way_osm_id"] == 25096351)[0])
    assert region.way_names[w] == "Missongasse"
    net = region.network()
    links = np.flatnonzero(net.link_way == w)
    coords = np.vstack([region.graph["geom"][net.geom_offsets[l]:net.geom_offsets[l + 1]] for l in links])
    a_lon, a_lat, length = _point_along(coords, 0.3)
    b_lon, b_lat, _ = _point_along(coords, 0.7)
    a, b = net.snap(a_lon, a_lat), net.snap(b_lon, b_lat)
    assert a.ok and b.ok and a.distance_m < 1 and b.distance_m < 1
    ab, ba = net.leg(a, b), net.leg(b, a)
    assert ab.distance_m == pytest.approx(0.4 * length, rel=0.05)
    assert ba.distance_m > 2 * ab.distance_m          # must go round the block
    m = net.matrix([a, b])
    assert m.duration_s[0, 1] < m.duration_s[1, 0] / 2


def test_route_between_two_named_places_is_plausible(krems):
    feats = {f.name: f for f in krems.named_features()}
    gw, other = feats["Gewerbepark - Ost"], feats["Pipelife"]
    net = krems.network()
    a, b = net.snap(gw.lon, gw.lat), net.snap(other.lon, other.lat)
    assert a.ok and b.ok
    leg = net.leg(a, b)
    crow = haversine_m(a.road_lon, a.road_lat, b.road_lon, b.road_lat)
    assert crow < leg.distance_m < 3 * crow
    speed_kph = leg.distance_m / leg.duration_s * 3.6
    assert 15 < speed_kph < COACH_12M.max_speed_kph
    poly = np.array(leg.coords)
    assert haversine_m(poly[:-1, 0], poly[:-1, 1], poly[1:, 0], poly[1:, 1]).sum() == \
        pytest.approx(leg.distance_m, rel=1e-6)
    assert leg.coords[0] == pytest.approx((a.road_lon, a.road_lat))
    assert leg.coords[-1] == pytest.approx((b.road_lon, b.road_lat))


def test_krems_matrix_asymmetric_and_finite(krems):
    net = krems.network()
    snaps = [net.snap(f.lon, f.lat) for f in krems.named_features()]
    # the VOEST works lie behind lift gates without access tags: their middle is not reachable
    closed = {f.name for f, s in zip(krems.named_features(), snaps) if not s.ok}
    assert closed == {"Voest Alpine Krems", "Industriegebiet - VOEST Alpine Krems"}
    snaps = [s for s in snaps if s.ok]
    m = net.matrix(snaps)
    assert np.isfinite(m.duration_s).all()
    assert not np.allclose(m.duration_s, m.duration_s.T)
    # triangle inequality holds on the routing cost's real durations only approximately
    # (penalties), but a direct trip never exceeds a detour by much
    n = len(snaps)
    assert (m.distance_m[~np.eye(n, dtype=bool)] > 0).all()


def test_far_from_krems_flagged(krems):
    s = krems.network().snap(15.70, 48.45)
    assert not s.ok and s.distance_m > 1000
