"""Coach road rules on hand-written fixtures (tests/routing/data/coach_rules/*.osm).

One small street network per rule, compiled once per test session. Sites are placed 15 m
beside a street, on the side that fixes the direction the coach drives there (right-hand
traffic: the site is on the coach's right), so every leg below has one legal answer; each
fixture's header comment sketches its streets and node ids.

Read ``leg.node_ids`` as the OSM nodes driven through between the two road points. The
helper :func:`_drive` puts the node *behind* the start (the coach came from it) and the node
*ahead* of the end in front and behind, so a forbidden manoeuvre at the first or last
junction shows as three consecutive node ids.
"""
from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np
import osmium
import pytest

from routing.region import Region
from routing.regions import import_region
from routing.profile import VehicleProfile

RULES = Path(__file__).resolve().parent / "data" / "coach_rules"


@pytest.fixture(autouse=True, params=["dijkstra", "cch"])
def engine(request, monkeypatch):
    """Every rule holds with both query engines: the Dijkstra and the hierarchy (routing.cch)."""
    monkeypatch.setattr("routing.region.DEFAULT_ENGINE", request.param)
    return request.param


# ---------------------------------------------------------------- helpers

def _compile(tmp_path_factory, name: str) -> Region:
    return Region.load(import_region(RULES / f"{name}.osm", dest_dir=tmp_path_factory.mktemp(name)))


@functools.lru_cache(maxsize=None)
def _osm_nodes(name: str) -> dict[int, tuple[float, float]]:
    """(lon, lat) of every node of a fixture, read with osmium."""
    return {n.id: (n.location.lon, n.location.lat)
            for n in osmium.FileProcessor(str(RULES / f"{name}.osm"), osmium.osm.NODE)}


def _metres(lon1, lat1, lon2, lat2) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (lon1, lat1, lon2, lat2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(a))


def _length(name: str, *points) -> float:
    """Length in metres of the polyline through ``points``: OSM node ids of fixture ``name``
    or (lon, lat) road points."""
    nodes = _osm_nodes(name)
    pts = [nodes[p] if isinstance(p, int) else p for p in points]
    return sum(_metres(*p, *q) for p, q in zip(pts, pts[1:]))


def _site(net, lon: float, lat: float):
    s = net.snap(lon, lat)
    assert s.ok, f"site ({lon}, {lat}) did not snap"
    return s


def _drive(leg, behind: int, ahead: int) -> tuple:
    """Nodes of the leg with the node behind the start and the node ahead of the end."""
    return (behind, *leg.node_ids, ahead)


def _has_run(seq, run) -> bool:
    """True if ``run`` occurs in ``seq`` as consecutive items."""
    seq, run = tuple(seq), tuple(run)
    return any(seq[i:i + len(run)] == run for i in range(len(seq) - len(run) + 1))


def _dlon_dlat(p, q) -> tuple[float, float]:
    return q[0] - p[0], q[1] - p[1]


def _leaving(leg) -> tuple[float, float]:
    """(dlon, dlat) of the first piece of the leg's geometry."""
    return _dlon_dlat(leg.coords[0], leg.coords[1])


def _arriving(leg) -> tuple[float, float]:
    """(dlon, dlat) of the last piece of the leg's geometry."""
    return _dlon_dlat(leg.coords[-2], leg.coords[-1])


def _near(snap, lon: float, lat: float, tol_m: float = 3.0) -> bool:
    return _metres(snap.road_lon, snap.road_lat, lon, lat) < tol_m


# ---------------------------------------------------------------- fixtures: one compiled region per file

@pytest.fixture(scope="session")
def no_left_turn(tmp_path_factory) -> Region:
    return _compile(tmp_path_factory, "no_left_turn")


@pytest.fixture(scope="session")
def only_straight_on(tmp_path_factory) -> Region:
    return _compile(tmp_path_factory, "only_straight_on")


@pytest.fixture(scope="session")
def via_way(tmp_path_factory) -> Region:
    return _compile(tmp_path_factory, "via_way")


@pytest.fixture(scope="session")
def except_psv(tmp_path_factory) -> Region:
    return _compile(tmp_path_factory, "except_psv")


@pytest.fixture(scope="session")
def uturn_dual_carriageway(tmp_path_factory) -> Region:
    return _compile(tmp_path_factory, "uturn_dual_carriageway")


@pytest.fixture(scope="session")
def barriers(tmp_path_factory) -> Region:
    return _compile(tmp_path_factory, "barriers")


@pytest.fixture(scope="session")
def destination_only(tmp_path_factory) -> Region:
    return _compile(tmp_path_factory, "destination_only")


@pytest.fixture(scope="session")
def bus_only(tmp_path_factory) -> Region:
    return _compile(tmp_path_factory, "bus_only")


@pytest.fixture(scope="session")
def kerb_side_loop(tmp_path_factory) -> Region:
    return _compile(tmp_path_factory, "kerb_side_loop")


@pytest.fixture(scope="session")
def snapping(tmp_path_factory) -> Region:
    return _compile(tmp_path_factory, "snapping")


# ---------------------------------------------------------------- 1. no_left_turn.osm
# Crossroads 5; Rue du Sud 2-5 (drawn northward), Rue de l'Ouest 5-4 (drawn westward).
# Sites: on Rue du Sud, east kerb (coach northbound); on Rue de l'Ouest, north kerb (westbound).
NLT_SOUTH_NB = (5.0017, 45.1005)      # road point (5.0015, 45.1005)
NLT_WEST_WB = (5.00075, 45.10115)     # road point (5.00075, 45.1010)
NLT_WEST_EB = (5.00075, 45.10085)     # same street, south kerb: eastbound
NLT_SOUTH_SB = (5.0013, 45.1005)      # Rue du Sud, west kerb: southbound
NLT_EAST_EB = (5.00225, 45.10085)     # Rue de l'Est, south kerb: eastbound


def test_no_left_turn_is_not_taken_the_coach_loops_round_a_block(no_left_turn):
    net = no_left_turn.network()
    a, b = _site(net, *NLT_SOUTH_NB), _site(net, *NLT_WEST_WB)
    assert a.forward is True and b.forward is True       # northbound on 2-5, westbound on 5-4
    leg = net.leg(a, b)
    # the forbidden left turn 2 -> 5 -> 4 is absent, yet a leg exists
    assert not _has_run(_drive(leg, 2, 4), (2, 5, 4))
    # straight on or right at 5, round the north-east block, back into 5, then west
    assert leg.node_ids in {(5, 8, 9, 6, 5), (5, 6, 9, 8, 5)}
    loop = _length("no_left_turn", (5.0015, 45.1005), 5, 6, 9, 8, 5, (5.00075, 45.1010))
    assert leg.distance_m == pytest.approx(loop, rel=0.01)
    direct = _length("no_left_turn", (5.0015, 45.1005), 5, (5.00075, 45.1010))
    assert leg.distance_m > 4 * direct


def test_no_left_turn_leaves_the_other_turns_at_the_crossroads_allowed(no_left_turn):
    net = no_left_turn.network()
    # Rue de l'Ouest eastbound, right turn into Rue du Sud southbound
    leg = net.leg(_site(net, *NLT_WEST_EB), _site(net, *NLT_SOUTH_SB))
    assert leg.node_ids == (5,)
    assert leg.distance_m == pytest.approx(
        _length("no_left_turn", (5.00075, 45.1010), 5, (5.0015, 45.1005)), rel=0.01)
    # Rue du Sud northbound, right turn into Rue de l'Est
    leg = net.leg(_site(net, *NLT_SOUTH_NB), _site(net, *NLT_EAST_EB))
    assert leg.node_ids == (5,)
    assert leg.distance_m == pytest.approx(
        _length("no_left_turn", (5.0015, 45.1005), 5, (5.00225, 45.1010)), rel=0.01)


def test_import_report_counts_honoured_and_unusable_restrictions(no_left_turn):
    # relation 1 is honoured; relation 2's via node is not on its from way
    assert no_left_turn.report["turn_restrictions_honoured"] == 1
    assert no_left_turn.report["turn_restrictions_unusable"] == 1


# ---------------------------------------------------------------- 2. only_straight_on.osm
# Crossroads 5; only_straight_on from Rue de l'Ouest 4-5 (eastbound) to Rue de l'Est 5-6.
OSO_WEST_EB = (5.00075, 45.10085)     # road point (5.00075, 45.1010)
OSO_SOUTH_SB = (5.0013, 45.1005)      # road point (5.0015, 45.1005)
OSO_EAST_EB = (5.00225, 45.10085)     # road point (5.00225, 45.1010)
OSO_SOUTH_NB = (5.0017, 45.1005)
OSO_WEST_WB = (5.00075, 45.10115)


def test_only_straight_on_forbids_the_natural_right_turn(only_straight_on):
    net = only_straight_on.network()
    a, b = _site(net, *OSO_WEST_EB), _site(net, *OSO_SOUTH_SB)
    assert a.forward is True and b.forward is False      # 4-5 eastbound; 2-5 driven southward
    leg = net.leg(a, b)
    assert not _has_run(_drive(leg, 4, 2), (4, 5, 2))
    # straight on to 6, north, west along Boulevard Nord, down Rue du Nord into 5, on south
    assert leg.node_ids == (5, 6, 9, 8, 5)
    assert leg.distance_m == pytest.approx(
        _length("only_straight_on", (5.00075, 45.1010), 5, 6, 9, 8, 5, (5.0015, 45.1005)), rel=0.01)


def test_only_straight_on_allows_straight_on(only_straight_on):
    net = only_straight_on.network()
    leg = net.leg(_site(net, *OSO_WEST_EB), _site(net, *OSO_EAST_EB))
    assert leg.node_ids == (5,)
    assert leg.distance_m == pytest.approx(
        _length("only_straight_on", (5.00075, 45.1010), 5, (5.00225, 45.1010)), rel=0.01)


def test_only_straight_on_binds_only_its_from_way(only_straight_on):
    net = only_straight_on.network()
    # from Rue du Sud the left turn into Rue de l'Ouest stays allowed
    leg = net.leg(_site(net, *OSO_SOUTH_NB), _site(net, *OSO_WEST_WB))
    assert leg.node_ids == (5,)
    assert only_straight_on.report["turn_restrictions_honoured"] == 1
    assert only_straight_on.report["turn_restrictions_unusable"] == 0


# ---------------------------------------------------------------- 3. via_way.osm
# Dual carriageway: east side northbound 32-22-12, west side southbound 11-21-31, median gap
# 22-21 (way 305). no_u_turn from 301 (32-22) via way 305 to 304 (21-31).
VW_EAST_SOUTH = (5.00045, 45.1005)    # on 301, road point (5.00025, 45.1005)
VW_WEST_SOUTH = (4.9998, 45.1005)     # on 304, road point (5.0, 45.1005)
VW_WEST_NORTH = (4.9998, 45.1015)     # on 303, road point (5.0, 45.1015)
VW_EAST_NORTH = (5.00045, 45.1015)    # on 302, road point (5.00025, 45.1015)


def test_no_u_turn_via_way_through_the_median_gap(via_way):
    net = via_way.network()
    leg = net.leg(_site(net, *VW_EAST_SOUTH), _site(net, *VW_WEST_SOUTH))
    # the forbidden sequence from-way, via-way, to-way: 32 -> 22 -> 21 -> 31
    assert not _has_run(_drive(leg, 32, 31), (32, 22, 21, 31))
    # on to the north end, across, back south
    assert leg.node_ids == (22, 12, 11, 21)
    assert leg.distance_m == pytest.approx(
        _length("via_way", (5.00025, 45.1005), 22, 12, 11, 21, (5.0, 45.1005)), rel=0.01)


def test_u_turn_through_the_median_gap_the_other_way_is_allowed(via_way):
    net = via_way.network()
    leg = net.leg(_site(net, *VW_WEST_NORTH), _site(net, *VW_EAST_NORTH))
    assert leg.node_ids == (21, 22)
    assert leg.distance_m == pytest.approx(
        _length("via_way", (5.0, 45.1015), 21, 22, (5.00025, 45.1015)), rel=0.01)
    assert via_way.report["turn_restrictions_honoured"] == 1
    assert via_way.report["turn_restrictions_unusable"] == 0


# ---------------------------------------------------------------- 4. except_psv.osm
# Four crossroads J on Grande Rue (column 1, 3, 5, 7; node 10 * (column + 1) + 2); each
# relation forbids the left turn from J's south arm (node J - 1) to its west arm (node J - 10).

@pytest.mark.parametrize("column, coach_may_turn", [
    pytest.param(1, False, id="except_psv_bus_still_binds_the_coach"),
    pytest.param(3, True, id="except_tourist_bus_exempts_the_coach"),
    pytest.param(5, False, id="restriction_bus_binds_the_coach"),
    pytest.param(7, False, id="restriction_motor_vehicle_binds_the_coach"),
])
def test_who_a_turn_restriction_applies_to(except_psv, column, coach_may_turn):
    net = except_psv.network()
    j = 10 * (column + 1) + 2
    south, west, east, north = j - 1, j - 10, j + 10, j + 1
    lon_j = 5.0 + 0.0015 * column
    a = _site(net, lon_j + 0.0002, 45.1005)      # south arm, east kerb: northbound
    b = _site(net, lon_j - 0.00075, 45.10115)    # west arm, north kerb: westbound
    leg = net.leg(a, b)
    start, end = (lon_j, 45.1005), (lon_j - 0.00075, 45.1010)
    if coach_may_turn:
        assert leg.node_ids == (j,)
        assert leg.distance_m == pytest.approx(_length("except_psv", start, j, end), rel=0.01)
    else:
        assert not _has_run(_drive(leg, south, west), (south, j, west))
        assert leg.node_ids in {(j, east, east + 1, north, j), (j, north, east + 1, east, j)}
        assert leg.distance_m == pytest.approx(
            _length("except_psv", start, j, east, east + 1, north, j, end), rel=0.01)


# ---------------------------------------------------------------- 5. uturn_dual_carriageway.osm
# Boulevard de la Gare: south carriageway 1-2-3-6 eastbound, north carriageway 6-4-5-1
# westbound, meeting at J = 6; north-east block 6-8-11-10; Impasse 15-16 (dead end 16);
# Rue Haute 13-14-8-11 with a turning circle at 14.
UT_SOUTH_CW = (5.0018, 45.10077)      # south carriageway, road point (5.0018, 45.10091)
UT_NORTH_CW = (5.0018, 45.10123)      # north carriageway, road point (5.0018, 45.10109)
UT_IMPASSE_SB = (5.0013, 45.0991)     # Impasse, west kerb: southbound, road point (5.0015, 45.0991)
UT_BASSE_EB = (5.0022, 45.09936)      # Rue Basse, south kerb: eastbound, road point (5.0022, 45.0995)
UT_HAUTE_EB = (5.0004, 45.10166)      # Rue Haute west of 14, south kerb: eastbound
UT_HAUTE_WB = (5.0007, 45.10194)      # Rue Haute west of 14, north kerb: westbound


def test_no_u_turn_from_one_carriageway_into_the_other_at_a_junction(uturn_dual_carriageway):
    net = uturn_dual_carriageway.network()
    a, b = _site(net, *UT_SOUTH_CW), _site(net, *UT_NORTH_CW)
    leg = net.leg(a, b)
    # turning at J from the south carriageway (3 -> 6) into the north one (6 -> 4) is a U-turn
    assert not _has_run(leg.node_ids, (3, 6, 4))
    assert leg.node_ids in {(3, 6, 8, 11, 10, 6, 4), (3, 6, 10, 11, 8, 6, 4)}
    assert leg.distance_m == pytest.approx(
        _length("uturn_dual_carriageway", (5.0018, 45.10091), 3, 6, 8, 11, 10, 6, 4, (5.0018, 45.10109)),
        rel=0.01)
    u_turn = _length("uturn_dual_carriageway", (5.0018, 45.10091), 3, 6, 4, (5.0018, 45.10109))
    assert leg.distance_m > 3 * u_turn


def test_coach_turns_round_at_the_end_of_a_dead_end(uturn_dual_carriageway):
    net = uturn_dual_carriageway.network()
    d, h = _site(net, *UT_IMPASSE_SB), _site(net, *UT_BASSE_EB)
    assert d.forward is True                              # 15-16 driven southward, into the Impasse
    leg = net.leg(d, h)                                   # a leg exists: the coach turns at 16
    assert leg.node_ids == (16, 15)
    assert leg.distance_m == pytest.approx(
        _length("uturn_dual_carriageway", (5.0015, 45.0991), 16, 15, (5.0022, 45.0995)), rel=0.01)
    assert _leaving(leg)[1] < 0 and _arriving(leg)[0] > 0  # leaves southward, arrives eastbound


def test_coach_turns_round_at_a_turning_circle(uturn_dual_carriageway):
    net = uturn_dual_carriageway.network()
    f, g = _site(net, *UT_HAUTE_EB), _site(net, *UT_HAUTE_WB)
    assert f.forward is True and g.forward is False       # Rue Haute is drawn eastward
    leg = net.leg(f, g)
    # on to the turning circle 14 (not a dead end), round, back west: no loop round a block
    assert leg.node_ids == (14,)
    assert leg.distance_m == pytest.approx(
        _length("uturn_dual_carriageway", (5.0004, 45.1018), 14, (5.0007, 45.1018)), rel=0.01)


# ---------------------------------------------------------------- 6. barriers.osm
# Ladder: Rue du Sud 10-18, Rue du Nord 20-28, rung k = 1x-3x-2x with barrier node 3x
# (k = 1..7), rungs 0 and 8 plain. Sites just west of rung k: Rue du Sud south kerb
# (eastbound), Rue du Nord north kerb (westbound).

def _ladder_sites(net, lon_rung: float, south_lat: float, north_lat: float):
    a = _site(net, lon_rung - 0.0003, south_lat - 0.00014)
    b = _site(net, lon_rung - 0.0003, north_lat + 0.00014)
    return a, b


@pytest.mark.parametrize("k, detour_rung", [
    pytest.param(1, 5, id="bollard"),
    pytest.param(2, 5, id="lift_gate_without_tags"),
    pytest.param(3, 5, id="gate_access_private"),
    pytest.param(4, 5, id="block"),
    pytest.param(7, 8, id="gate_without_tags"),
])
def test_closed_barrier_is_not_crossed(barriers, k, detour_rung):
    net = barriers.network()
    lon_k = 5.0 + 0.001 * k
    leg = net.leg(*_ladder_sites(net, lon_k, 45.1000, 45.1006))
    assert 30 + k not in leg.node_ids
    middle = (30 + detour_rung,) if detour_rung < 8 else ()
    expected = (*range(10 + k, 11 + detour_rung), *middle, *range(20 + detour_rung, 19 + k, -1))
    assert leg.node_ids == expected
    assert leg.distance_m == pytest.approx(
        _length("barriers", (lon_k - 0.0003, 45.1000), *expected, (lon_k - 0.0003, 45.1006)), rel=0.01)


@pytest.mark.parametrize("k", [pytest.param(5, id="lift_gate_bus_yes"),
                               pytest.param(6, id="gate_motor_vehicle_yes")])
def test_barrier_open_to_the_coach_is_crossed(barriers, k):
    net = barriers.network()
    lon_k = 5.0 + 0.001 * k
    leg = net.leg(*_ladder_sites(net, lon_k, 45.1000, 45.1006))
    assert leg.node_ids == (10 + k, 30 + k, 20 + k)
    assert leg.distance_m == pytest.approx(
        _length("barriers", (lon_k - 0.0003, 45.1000), 10 + k, 30 + k, 20 + k, (lon_k - 0.0003, 45.1006)),
        rel=0.01)


# ---------------------------------------------------------------- 7. destination_only.osm
# Ladder: Avenue du Midi 10-15, Avenue du Nord 20-25, rung k = 1k-2k (drawn northward),
# 117.9 m apart; rungs 1..4 are destination-only, rung 5 (and 0) a through road.
DEST_RUNGS = [pytest.param(1, id="service_parking_aisle"), pytest.param(2, id="service_driveway"),
              pytest.param(3, id="access_destination"), pytest.param(4, id="motor_vehicle_destination")]


@pytest.mark.parametrize("k", DEST_RUNGS)
def test_destination_only_road_is_not_a_through_road(destination_only, k):
    net = destination_only.network()
    lon_k = 5.0 + 0.0015 * k
    leg = net.leg(*_ladder_sites(net, lon_k, 45.1000, 45.1006))
    assert not _has_run(leg.node_ids, (10 + k, 20 + k))
    expected = (*range(10 + k, 16), *range(25, 19 + k, -1))      # round by rung 5
    assert leg.node_ids == expected
    assert leg.distance_m == pytest.approx(
        _length("destination_only", (lon_k - 0.0003, 45.1000), *expected, (lon_k - 0.0003, 45.1006)), rel=0.01)


@pytest.mark.parametrize("k", DEST_RUNGS)
def test_site_on_destination_only_road_is_reached_and_left_through_it(destination_only, k):
    net = destination_only.network()
    lon_k = 5.0 + 0.0015 * k
    a, b = _ladder_sites(net, lon_k, 45.1000, 45.1006)
    site = _site(net, lon_k + 0.0002, 45.1003)                  # east of rung k: northbound
    assert _near(site, lon_k, 45.1003) and site.forward is True
    arrive, leave = net.leg(a, site), net.leg(site, b)
    assert arrive.node_ids == (10 + k,)                           # the leg ends on rung k
    assert leave.node_ids == (20 + k,)                            # and the next one starts on it
    assert arrive.distance_m == pytest.approx(
        _length("destination_only", (lon_k - 0.0003, 45.1000), 10 + k, (lon_k, 45.1003)), rel=0.01)
    assert leave.distance_m == pytest.approx(
        _length("destination_only", (lon_k, 45.1003), 20 + k, (lon_k - 0.0003, 45.1006)), rel=0.01)


# ---------------------------------------------------------------- 8. bus_only.osm
# Ladder: Rue du Sud 10-16, Rue du Nord 20-26, rung k = 1k-2k, 117.9 m apart.
# Closed to a tourist coach: 1 (motor_vehicle=no, psv=yes), 2 (motor_vehicle=no,
# bus=designated), 3 (bus=no). Open: 4 (motor_vehicle=no, tourist_bus=yes), 5 (access=no, coach=yes).

@pytest.mark.parametrize("k", [pytest.param(1, id="motor_vehicle_no_psv_yes"),
                               pytest.param(2, id="motor_vehicle_no_bus_designated"),
                               pytest.param(3, id="bus_no")])
def test_bus_only_road_is_not_used_by_the_coach(bus_only, k):
    net = bus_only.network()
    lon_k = 5.0 + 0.0015 * k
    leg = net.leg(*_ladder_sites(net, lon_k, 45.1000, 45.1006))
    assert not _has_run(leg.node_ids, (10 + k, 20 + k))
    expected = (*range(10 + k, 15), *range(24, 19 + k, -1))       # round by rung 4
    assert leg.node_ids == expected
    assert leg.distance_m == pytest.approx(
        _length("bus_only", (lon_k - 0.0003, 45.1000), *expected, (lon_k - 0.0003, 45.1006)), rel=0.01)


@pytest.mark.parametrize("k", [pytest.param(4, id="motor_vehicle_no_tourist_bus_yes"),
                               pytest.param(5, id="access_no_coach_yes")])
def test_road_open_to_tourist_coaches_is_used(bus_only, k):
    net = bus_only.network()
    lon_k = 5.0 + 0.0015 * k
    leg = net.leg(*_ladder_sites(net, lon_k, 45.1000, 45.1006))
    assert leg.node_ids == (10 + k, 20 + k)
    assert leg.distance_m == pytest.approx(
        _length("bus_only", (lon_k - 0.0003, 45.1000), 10 + k, 20 + k, (lon_k - 0.0003, 45.1006)), rel=0.01)


def test_site_beside_a_bus_only_road_snaps_to_a_coach_road(bus_only):
    net = bus_only.network()
    # 10 m east of the psv rung (lon 5.0015), 27 m north of Rue du Sud
    s = _site(net, 5.00163, 45.10024)
    assert _near(s, 5.00163, 45.1000)
    # the same place beside the tourist_bus rung (lon 5.0060) snaps to that rung
    s = _site(net, 5.00613, 45.10024)
    assert _near(s, 5.0060, 45.10024)


# ---------------------------------------------------------------- 9. kerb_side_loop.osm
# Rue du Nord 1-2-3 (drawn eastward), Rue du Sud 4-5-6, Rue de l'Ouest 4-1, Rue du Milieu
# 5-2, Rue de l'Est 6-3, all two-way; one-way Rue du Marche 6-7-8-3.
KS_Z = (5.0006, 45.10096)    # Rue du Nord, west block, south kerb: eastbound; road point (5.0006, 45.1010)
KS_X = (5.0013, 45.10114)    # Rue du Nord, west block, north kerb: westbound; road point (5.0013, 45.1010)
KS_W = (5.0030, 45.10096)    # Rue du Nord, east block, south kerb: eastbound; road point (5.0030, 45.1010)
KS_Z2 = (5.0015, 45.10096)   # Rue du Nord, west block, south kerb, east of Z
KS_MARCHE_W = (5.0058, 45.1005)   # beside one-way 7-8 (northbound), west side: the coach's left
KS_MARCHE_E = (5.0062, 45.1005)   # east side: the coach's right


def test_site_across_the_street_is_reached_by_looping_round_a_block(kerb_side_loop):
    net = kerb_side_loop.network()
    z, x = _site(net, *KS_Z), _site(net, *KS_X)
    assert z.forward is True and z.kerb_side == "right"
    assert x.forward is False and x.kerb_side == "right"
    leg = net.leg(z, x)
    # no turning round in the street or at junction 2: on to 2, round the east block, back west
    assert not _has_run(_drive(leg, 1, 1), (1, 2, 1))
    assert leg.node_ids in {(2, 3, 6, 5, 2), (2, 5, 6, 3, 2)}
    assert leg.distance_m == pytest.approx(
        _length("kerb_side_loop", (5.0006, 45.1010), 2, 3, 6, 5, 2, (5.0013, 45.1010)), rel=0.01)
    assert _leaving(leg)[0] > 0 and _arriving(leg)[0] < 0          # leaves eastward, arrives westward


def test_next_leg_leaves_in_the_arrival_direction(kerb_side_loop):
    net = kerb_side_loop.network()
    z, x, w = _site(net, *KS_Z), _site(net, *KS_X), _site(net, *KS_W)
    leg1, leg2 = net.leg(z, x), net.leg(x, w)
    assert _arriving(leg1)[0] < 0                 # leg 1 arrives at X driving west (from 2)
    assert _leaving(leg2)[0] < 0                  # leg 2 leaves X still driving west
    assert leg1.node_ids[-1] == 2 and leg2.node_ids[0] == 1   # not back towards 2
    # west to 1, down Rue de l'Ouest, east along Rue du Sud, up Rue du Milieu, east to W
    assert leg2.node_ids == (1, 4, 5, 2)
    assert leg2.distance_m == pytest.approx(
        _length("kerb_side_loop", (5.0013, 45.1010), 1, 4, 5, 2, (5.0030, 45.1010)), rel=0.01)


def test_stop_further_along_the_same_kerb_is_reached_directly(kerb_side_loop):
    net = kerb_side_loop.network()
    leg = net.leg(_site(net, *KS_Z), _site(net, *KS_Z2))
    assert leg.node_ids == ()
    assert leg.distance_m == pytest.approx(_metres(5.0006, 45.1010, 5.0015, 45.1010), rel=0.01)


def test_kerb_side_on_a_one_way_street(kerb_side_loop):
    net = kerb_side_loop.network()
    left, right = _site(net, *KS_MARCHE_W), _site(net, *KS_MARCHE_E)
    assert _near(left, 5.0060, 45.1005) and _near(right, 5.0060, 45.1005)
    assert left.forward is True and right.forward is True          # the only allowed direction
    assert left.kerb_side == "left" and right.kerb_side == "right"
    leg = net.leg(_site(net, *KS_W), left)
    assert leg.node_ids == (3, 6, 7)
    assert _arriving(leg)[1] > 0                                    # northbound on 7-8
    assert leg.distance_m == pytest.approx(
        _length("kerb_side_loop", (5.0030, 45.1010), 3, 6, 7, (5.0060, 45.1005)), rel=0.01)


# ---------------------------------------------------------------- 10. snapping.osm

def test_site_near_a_trunk_snaps_to_the_residential_street(snapping):
    s = _site(snapping.network(), 5.0030, 45.10027)     # 30 m from RN 7, 80 m from Rue des Ecoles
    assert _near(s, 5.0030, 45.10099)


def test_site_on_a_trunk_snaps_to_the_trunk(snapping):
    s = _site(snapping.network(), 5.0045, 45.10004)     # 4 m from RN 7
    assert _near(s, 5.0045, 45.1000)


def test_site_beside_a_river_snaps_on_its_own_bank(snapping):
    s = _site(snapping.network(), 5.0100, 45.1000)      # Quai Est 40 m across the river, Quai Ouest 120 m
    assert _near(s, 5.00847, 45.1000)


def test_site_on_a_bridge_snaps_to_the_bridge(snapping):
    s = _site(snapping.network(), 5.0101, 45.09754)     # 4 m from Pont Sud
    assert _near(s, 5.0101, 45.0975)


def test_site_above_a_tunnel_snaps_to_the_surface_street(snapping):
    s = _site(snapping.network(), 5.0170, 45.10018)     # 20 m from the tunnel, 70 m from Rue du Fort
    assert _near(s, 5.0170, 45.10081)


def test_site_beside_a_railway_snaps_on_its_own_side(snapping):
    s = _site(snapping.network(), 5.0260, 45.1000)      # Rue de la Gare 30 m across the rail, Rue du Depot 100 m
    assert _near(s, 5.0260, 45.0991)


# ---------------------------------------------------------------- 11. dimensions.osm
# Ladder: Rue du Sud 10-15, Rue du Nord 20-25, rung k = 1k-3k-2k; rung 1 under a 3.2 m height
# restrictor node, rung 2 2.8 m wide, rung 3 a tunnel without maxheight, rung 4 plain.

@pytest.fixture(scope="module")
def dimensions(tmp_path_factory) -> Region:
    return _compile(tmp_path_factory, "dimensions")


MINIBUS = VehicleProfile(name="Minibus", height_m=3.0, width_m=2.2, length_m=7.0, weight_t=5.0)


@pytest.mark.parametrize("k", [pytest.param(1, id="node_maxheight"), pytest.param(2, id="way_width")])
def test_too_low_node_or_too_narrow_way_closes_the_rung_to_the_coach_not_to_a_minibus(dimensions, k):
    lon_k = 5.0 + 0.001 * k
    net = dimensions.network()
    leg = net.leg(*_ladder_sites(net, lon_k, 45.1000, 45.1006))
    assert 30 + k not in leg.node_ids
    assert leg.node_ids == (*range(10 + k, 14), 33, *range(23, 19 + k, -1))   # through the tunnel, rung 3
    small = dimensions.network(MINIBUS)
    assert small.leg(*_ladder_sites(small, lon_k, 45.1000, 45.1006)).node_ids == (10 + k, 30 + k, 20 + k)


def test_tunnel_without_maxheight_is_passable_and_reported(dimensions):
    net = dimensions.network()
    leg = net.leg(*_ladder_sites(net, 5.003, 45.1000, 45.1006))
    assert leg.node_ids == (13, 33, 23)
    [warning] = [w for w in net.warnings if w.code == "road.tunnels_without_height"]
    assert warning.params["count"] == 1 and "1 tunnels" in warning.text("en")
    assert net.way_costs.excluded["width"] == 1


def test_left_hand_traffic_puts_the_site_on_the_coach_s_left(tmp_path_factory, kerb_side_loop):
    """The same streets imported as a left-hand-traffic region: the coach drives the other way past Z."""
    left_region = Region.load(import_region(RULES / "kerb_side_loop.osm", name="ks-left", left_hand_traffic=True,
                                            dest_dir=tmp_path_factory.mktemp("ks-left")))
    assert left_region.header["driving_side"] == "left"
    right_snap = _site(kerb_side_loop.network(), *KS_Z)
    left_snap = _site(left_region.network(), *KS_Z)
    assert (right_snap.road_lon, right_snap.road_lat) == pytest.approx((left_snap.road_lon, left_snap.road_lat))
    assert left_snap.forward is not right_snap.forward
    leg = left_region.network().leg(_site(left_region.network(), *KS_W), left_snap)
    assert _arriving(leg)[0] < 0                              # westbound on Rue du Nord: Z on the left


def test_building_outlines_are_optional_at_import(tmp_path):
    from tests.routing.conftest import MAPS
    with_b = Region.load(import_region(MAPS / "krems_austria.osm.gz", name="kb", dest_dir=tmp_path / "a"))
    without = Region.load(import_region(MAPS / "krems_austria.osm.gz", name="kn", buildings=False,
                                        dest_dir=tmp_path / "b"))
    assert len(with_b.layers.buildings) > 100 and len(without.layers.buildings) == 0
    assert with_b.header["buildings"] is True and without.header["buildings"] is False
    # the named industrial buildings are still candidate sites, and the roads are the same
    assert {f.name for f in without.named_features()} == {f.name for f in with_b.named_features()}
    assert len(without.graph["link_u"]) == len(with_b.graph["link_u"])


def test_directional_access_closes_one_direction_only(dimensions):
    net = dimensions.network()
    i = int(np.flatnonzero(dimensions.graph["way_osm_id"] == 714)[0])
    assert not net.way_costs.fwd_ok[i] and net.way_costs.bwd_ok[i]      # motor_vehicle:forward=no
    leg = net.leg(*_ladder_sites(net, 5.004, 45.1000, 45.1006))           # northward: round by rung 5
    assert 34 not in leg.node_ids and leg.node_ids == (14, 15, 25, 24)
    south = net.leg(_site(net, 5.0043, 45.10074), _site(net, 5.0043, 45.09986))   # Nord eastbound -> Sud westbound
    assert south.node_ids[:3] == (24, 34, 14)                             # southward through rung 4


def test_a_turning_place_is_reached_and_left_either_way(kerb_side_loop):
    """A car park or a depot's yard: the coach turns round there, no loop round the block."""
    net = kerb_side_loop.network()
    z = _site(net, *KS_Z)
    x_turns = net.snap(*KS_X, turnable=True)
    assert x_turns.ok and x_turns.turnable
    looped, direct = net.leg(z, _site(net, *KS_X)), net.leg(z, x_turns)
    assert direct.node_ids == () and direct.distance_m == pytest.approx(_metres(5.0006, 45.1010, 5.0013, 45.1010),
                                                                        rel=0.01)
    assert direct.distance_m < looped.distance_m / 3
    # and it leaves whichever way is best: back west towards 1 from a stop it reached eastbound
    back = net.leg(net.snap(*KS_Z2, turnable=True), _site(net, *KS_X))
    assert back.node_ids == () and _leaving(back)[0] < 0
    m = net.matrix([z, x_turns, net.snap(*KS_Z2, turnable=True), _site(net, *KS_X)])
    assert m.distance_m[0, 1] == pytest.approx(direct.distance_m, rel=1e-9)
    assert m.distance_m[2, 3] == pytest.approx(back.distance_m, rel=1e-9)
