"""Each coach rule on a hand-written fixture (tests/routing/data/rules.osm: way id = rule)."""
import numpy as np
import pytest

from routing.osm_tags import DEFAULT_SPEED_KPH
from routing.profile import COACH_12M, VehicleProfile


def _by_way(region, profile=COACH_12M):
    """{way osm id: (forward ok, backward ok, fwd speed kph, penalty, hgv_no)} for the profile."""
    net = region.network(profile)
    ids = region.graph["way_osm_id"]
    wc = net.way_costs
    return {int(ids[i]): (bool(wc.fwd_ok[i]), bool(wc.bwd_ok[i]), float(wc.fwd_speed_kph[i]),
                          float(wc.penalty[i]), bool(wc.hgv_no[i])) for i in range(len(ids))}


BOTH, NONE, FWD, BWD = (True, True), (False, False), (True, False), (False, True)


@pytest.mark.parametrize("way, expected", [
    (101, NONE),   # maxheight 3.5 < 3.70
    (102, BOTH),   # maxheight 4.2
    (103, BOTH),   # 12'6" = 3.81 m
    (104, NONE),   # 11' = 3.35 m
    (105, NONE),   # maxweight 7.5 t < 18 t
    (106, BOTH),   # maxweight 20 t
    (107, BOTH),   # access=private, bus=yes: a charter coach is no bus; private = to reach a site (end-only)
    (108, BOTH),   # access=private: end-only
    (109, NONE),   # motor_vehicle=no but psv=yes: a charter coach is not public transport
    (110, NONE),   # vehicle=no
    (111, BOTH),   # hgv=no: allowed (penalised)
    (112, FWD),    # oneway=yes
    (113, BWD),    # oneway=-1
    (114, NONE),   # oneway=reversible: time-dependent, not routed
    (119, NONE),   # maxwidth 2.3 < 2.55
    (120, NONE),   # maxlength 10 < 12
    (121, BOTH),   # access=no but tourist_bus=yes
    (122, BOTH),   # maxheight=default
    (123, FWD),    # roundabout
    (124, NONE),   # access=yes but bus=no
    (125, NONE),   # 7500 kg
    (127, BOTH),   # maxheight=none
    (129, BOTH),   # access=destination
])
def test_rule(rules, way, expected):
    fwd, bwd, *_ = _by_way(rules)[way]
    assert (fwd, bwd) == expected


@pytest.mark.parametrize("way, end_only", [
    (107, True), (108, True), (129, True),   # private (bus=yes does not lift it), destination
    (102, False), (121, False),              # open; access=no lifted by tourist_bus=yes
])
def test_end_only_roads(rules, way, end_only):
    net = rules.network()
    i = int(np.flatnonzero(rules.graph["way_osm_id"] == way)[0])
    assert bool(net.way_costs.fwd_end_only[i]) is end_only and bool(net.way_costs.bwd_end_only[i]) is end_only


def test_non_drivable_ways_are_not_in_the_graph(rules):
    ids = set(int(i) for i in rules.graph["way_osm_id"])
    assert 115 not in ids     # footway
    assert 130 not in ids     # highway area=yes
    assert rules.report["non_drivable_highways"] == 2


def test_speeds_from_maxspeed_and_defaults(rules):
    ways = _by_way(rules)
    f, urban = COACH_12M.speed_factor, COACH_12M.urban_speed_factor
    assert ways[116][2] == pytest.approx(50 * urban)      # FR:urban: the town factor
    assert ways[117][2] == pytest.approx(30 * 1.609344 * urban)   # 48 km/h: a town road
    assert ways[126][2] == pytest.approx(80 * f)          # FR:rural
    assert ways[118][2] < ways[102][2]                    # residential default below primary default
    # no limit: the class default applies, then the coach factor and cap
    assert ways[128][2] == pytest.approx(min(DEFAULT_SPEED_KPH["trunk"] * f, COACH_12M.max_speed_kph))
    fast = VehicleProfile(speed_factor=2.0)
    assert _by_way(rules, fast)[102][2] == pytest.approx(fast.max_speed_kph)


def test_penalties_and_hgv_warning(rules):
    ways = _by_way(rules)
    assert ways[111][3] > 1.0 and ways[111][4]            # hgv=no penalised and flagged
    assert ways[118][3] > 1.0                             # residential
    assert ways[107][3] > 1.0                             # service
    assert ways[102][3] == 1.0
    assert any("hgv=no" in w.text("en") for w in rules.network().warnings)


def test_profile_changes_legality_at_load(rules):
    low = VehicleProfile(name="Minibus", height_m=3.0, weight_t=7.0, length_m=8.0, width_m=2.2)
    ways = _by_way(rules, low)
    assert ways[101][:2] == BOTH     # 3.5 m bridge fine for a 3.0 m minibus
    assert ways[120][:2] == BOTH     # maxlength 10 m
    assert ways[105][:2] == BOTH     # 7.5 t
    assert ways[104][:2] == BOTH     # 11' = 3.35 m
    assert rules.network(low) is rules.network(low)       # cached per profile
    assert rules.network(low) is not rules.network()
