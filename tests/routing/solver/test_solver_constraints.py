"""Every constraint kind holds in the solver's output (checked from the output itself)."""
from __future__ import annotations


import pytest

from routing.errors import PlanningError
from routing.solver import (Ambassador, DriverRules, Lock, Node, NodeKind, Precedence, Problem, SiteCapacity,
                            Vehicle, Video, Window, solve)
from routing.solver.problem import precedence_cycle
from tests.routing.solver.helpers import hm, one_bus, plane, random_points


def _in_window(stop, node):
    return not node.windows or any(w.start_s - 1e-6 <= stop.start_s <= w.end_s + 1e-6 for w in node.windows)


def test_windows_several_windows_and_return():
    pts = random_points(9, 21)
    dur, dist = plane(pts)
    nodes = [Node(f"n{i}", i, service_s=900,
                  windows=((Window(hm(9), hm(9, 20)), Window(hm(14), hm(14, 30))) if i == 3 else
                           (Window(hm(10), hm(10, 30)),) if i == 5 else ())) for i in range(1, 9)]
    p = one_bus(dur, dist, nodes, latest=hm(16))
    sol = solve(p, time_limit_s=2)
    assert sol.feasible and not sol.dropped
    b = sol.buses[0]
    for s in b.stops:
        assert _in_window(s, p.node(s.node_id))
        assert s.departure_s == pytest.approx(s.start_s + p.node(s.node_id).service_s)
        assert s.start_s >= s.arrival_s - 1e-6
    assert b.return_s <= hm(16)
    # legs come from the matrices
    for g in b.legs:
        assert g.duration_s == pytest.approx(dur[g.from_index, g.to_index])
        assert g.distance_m == pytest.approx(dist[g.from_index, g.to_index])
    assert len(b.legs) == len(b.stops) + 1


def test_locks_first_last_index_and_precedence():
    pts = random_points(9, 5)
    dur, dist = plane(pts)
    nodes = [Node(f"n{i}", i, service_s=600) for i in range(1, 9)]
    nodes[4] = Node("n5", 5, service_s=600, lock=Lock.FIRST)
    nodes[1] = Node("n2", 2, service_s=600, lock=Lock.LAST)
    nodes[6] = Node("n7", 7, service_s=600, lock=Lock.INDEX, lock_index=3)
    p = one_bus(dur, dist, nodes, precedences=(Precedence("n8", "n1"), Precedence("n6", "n3")))
    sol = solve(p, time_limit_s=2)
    order = sol.buses[0].order
    assert sol.feasible and len(order) == 8
    assert order[0] == "n5" and order[-1] == "n2" and order[2] == "n7"
    assert order.index("n8") < order.index("n1") and order.index("n6") < order.index("n3")


def test_driver_breaks_inserted_and_respected():
    # a 60 km square: four legs of 1 h 40, > 4 h 30 of driving in the day
    pts = [(0, 0), (60000.0, 0), (60000.0, 60000.0), (0, 60000.0)]
    dur, dist = plane(pts, speed_mps=10.0)
    nodes = [Node(f"n{i}", i, NodeKind.DRIVE_BY, 0) for i in range(1, 4)]
    rules = DriverRules()
    p = one_bus(dur, dist, nodes, latest=hm(23), driver_rules=rules)
    sol = solve(p, time_limit_s=1)
    b = sol.buses[0]
    assert b.breaks and all(br.duration_s >= rules.split_second_s for br in b.breaks)
    # replay the day: driving between qualifying rests never exceeds the limit
    drive = 0.0
    rests = {br.before_leg: br for br in b.breaks}
    for g_i, g in enumerate(b.legs):
        if g_i in rests and rests[g_i].duration_s >= rules.break_s:
            drive = 0.0
        drive += g.duration_s
        assert drive <= rules.max_driving_s + 1e-6
    assert b.return_s - b.departure_s == pytest.approx(b.driving_s + sum(br.duration_s for br in b.breaks))
    assert any(w.code == "driver_break" for w in sol.warnings)


def test_leg_longer_than_the_limit_gets_a_break_on_the_road():
    pts = [(0, 0), (180000.0, 0)]
    dur, dist = plane(pts)  # 5 h each way
    p = one_bus(dur, dist, [Node("far", 1, NodeKind.DRIVE_BY)], earliest=hm(6), latest=hm(23, 59))
    b = solve(p, time_limit_s=1).buses[0]
    road = [br for br in b.breaks if br.index == -1]
    assert len(road) == 2  # one per 5 h leg
    assert b.return_s - b.departure_s == pytest.approx(b.driving_s + 2 * 2700)
    assert b.legs[0].arrival_s - b.legs[0].departure_s == pytest.approx(5 * 3600 + 2700)


def test_long_visit_counts_as_break():
    pts = [(0, 0), (90000.0, 0)]
    dur, dist = plane(pts)  # 2 h 30 each way: 5 h of driving, the 1 h visit is the rest
    sol = solve(one_bus(dur, dist, [Node("a", 1, service_s=3600)], latest=hm(23)), time_limit_s=1)
    b = sol.buses[0]
    assert not [br for br in b.breaks if br.inserted]
    assert [br for br in b.breaks if not br.inserted]
    assert b.return_s - b.departure_s == pytest.approx(6 * 3600)
    # a 40 min visit is not enough: 15 min part + the rest of the day needs a 30 min break
    sol = solve(one_bus(dur, dist, [Node("a", 1, service_s=2400)], latest=hm(23)), time_limit_s=1)
    b = sol.buses[0]
    ins = [br for br in b.breaks if br.inserted]
    assert len(ins) == 1 and ins[0].duration_s == 1800


def test_group_capacity_seats_and_allowed_buses():
    pts = random_points(7, 8)
    dur, dist = plane(pts)
    small = Vehicle("small", 0, 0, hm(8), hm(18), seats=20, participants=15)
    big = Vehicle("big", 0, 0, hm(8), hm(18), seats=50, participants=45)
    nodes = (
        Node("tiny_site", 1, service_s=1800, group_capacity=20),
        Node("only_big", 2, service_s=600, allowed_buses=frozenset({"big"})),
        Node("pick", 3, NodeKind.PICKUP, 120, boarding=4),
        Node("n4", 4, service_s=600), Node("n5", 5, service_s=600), Node("n6", 6, service_s=600),
    )
    p = Problem(dur, dist, nodes, (small, big))
    sol = solve(p, time_limit_s=2)
    assert sol.feasible and not sol.dropped
    assert "tiny_site" in sol.bus("small").order
    assert "only_big" in sol.bus("big").order
    for b, v in ((sol.bus("small"), small), (sol.bus("big"), big)):
        people = v.participants + sum(p.node(n).boarding for n in b.order)
        assert people <= v.seats


def test_ambassadors_available_and_able_for_each_presented_stop():
    pts = random_points(7, 9)
    dur, dist = plane(pts)
    nodes = [Node(f"n{i}", i, NodeKind.VISIT if i % 2 else NodeKind.DRIVE_BY, 1200 if i % 2 else 0, site=f"s{i}")
             for i in range(1, 7)]
    ambs = (Ambassador("morning", frozenset({"s1", "s2", "s3", "s4", "s5", "s6"}), (Window(hm(8), hm(9, 30)),)),
            Ambassador("allday", frozenset({"s4", "s5", "s6", "s1"}), ()),
            Ambassador("other", frozenset({"s2", "s3"}), (Window(hm(9), hm(18)),)))
    p = one_bus(dur, dist, nodes, ambassadors=ambs)
    sol = solve(p, time_limit_s=2)
    b = sol.buses[0]
    amap = {a.id: a for a in ambs}
    for k, s in enumerate(b.stops):
        if s.ambassador_id is None:
            assert any(w.code == "no_ambassador" and w.node_id == s.node_id for w in sol.warnings)
            continue
        a = amap[s.ambassador_id]
        assert p.node(s.node_id).site in a.sites
        if s.ambassador_id in b.legs[k].on_board:  # rode in: available from the leg approaching the stop
            assert a.available(b.legs[k].departure_s, s.departure_s)
        else:  # nobody could ride in: met the group at the stop (a visit), available for its service
            assert p.node(s.node_id).kind == NodeKind.VISIT and a.available(s.start_s, s.departure_s)


def test_ambassador_meets_the_group_at_a_visit_when_nobody_can_ride_in():
    """The bus waits hours for an afternoon visit: its presenter, there from 14:00, joins it at 14:00
    (riding in from the morning stop would need them in the morning); a drive-by cannot be joined."""
    pts = [(0.0, 0.0), (6000.0, 0.0), (12000.0, 0.0), (18000.0, 0.0)]  # 10 min apart
    dur, dist = plane(pts)
    nodes = (Node("morning", 1, service_s=1800, windows=(Window(hm(9), hm(9, 30)),), site="M"),
             Node("afternoon", 2, service_s=2700, windows=(Window(hm(14), hm(14, 15)),), site="A"),
             Node("passing", 3, NodeKind.DRIVE_BY, windows=(Window(hm(15), hm(15, 30)),), site="P"))
    ambs = (Ambassador("x", frozenset({"M"}), (), "Xavier"),
            Ambassador("y", frozenset({"A", "P"}), (Window(hm(14), hm(17)),), "Yves"),)
    p = one_bus(dur, dist, nodes, ambassadors=ambs, keep_order={"bus": ["morning", "afternoon", "passing"]})
    sol = solve(p, time_limit_s=1)
    b = sol.buses[0]
    assert [s.node_id for s in b.stops] == ["morning", "afternoon", "passing"]
    morning, afternoon, passing = b.stops
    assert morning.ambassador_id == "x"
    assert afternoon.wait_s > 3600 and afternoon.start_s == hm(14)
    assert afternoon.ambassador_id == "y"  # met at the stop: not on board for the leg in
    assert "y" not in b.legs[1].on_board
    # and stays on board to present the drive-by after it
    assert passing.ambassador_id == "y" and "y" in b.legs[2].on_board
    assert not [w for w in sol.warnings if w.code == "no_ambassador"]


def test_one_bus_at_a_time_site():
    pts = random_points(5, 13)
    dur, dist = plane(pts)
    v1 = Vehicle("A", 0, 0, hm(9), hm(12))
    v2 = Vehicle("B", 0, 0, hm(9), hm(12))
    nodes = (Node("x_A", 1, service_s=3600, site="X", allowed_buses=frozenset({"A"})),
             Node("x_B", 1, service_s=3600, site="X", allowed_buses=frozenset({"B"})),
             Node("y", 2, service_s=600), Node("z", 3, service_s=600))
    p = Problem(dur, dist, nodes, (v1, v2), site_capacities=(SiteCapacity("X"),))
    sol = solve(p, time_limit_s=2)
    assert sol.feasible and not sol.dropped
    a, b = sol.stop("x_A"), sol.stop("x_B")
    assert a.departure_s <= b.start_s + 1e-6 or b.departure_s <= a.start_s + 1e-6


def test_videos_end_at_arrival_or_are_trimmed():
    pts = [(0, 0), (6000.0, 0), (6000.0, 3000.0)]
    dur, dist = plane(pts)  # 10 min then 5 min
    nodes = (Node("a", 1, NodeKind.VISIT, 600, site="A"), Node("b", 2, NodeKind.DRIVE_BY, 0, site="B"))
    vids = (Video("va", "A", 240.0), Video("vb1", "B", 200.0), Video("vb2", "B", 200.0))
    p = one_bus(dur, dist, nodes, videos=vids, keep_order={"bus": ["a", "b"]})
    sol = solve(p, time_limit_s=1)
    b = sol.buses[0]
    cues = {c.video_id: c for c in b.cues}
    assert cues["va"].start_s + 240 == pytest.approx(b.stops[0].arrival_s)
    assert cues["va"].leg_index == 0 and cues["va"].trim_end_s is None
    assert cues["va"].offset_s == pytest.approx(cues["va"].start_s - b.departure_s)
    # 400 s of video on a 300 s leg: trimmed so it ends when the bus passes
    played = sum((c.trim_end_s if c.trim_end_s is not None else 200.0) - c.trim_start_s
                  for c in b.cues if c.site == "B")
    assert played == pytest.approx(300.0)
    assert all(c.leg_index == 1 and c.start_s >= b.legs[1].departure_s - 1e-6 for c in b.cues if c.site == "B")
    w = [w for w in sol.warnings if w.code == "video_too_long"]
    # 400 s of videos on a 300 s leg, in minutes (durations are shown to the minute)
    assert w and w[0].message.text("en") == ("The videos of stop b last 7 min but the leg to it takes 5 min: "
                                             "trimmed to 5 min.")
    assert "7\u00a0min" in w[0].message.text("fr") and "5\u00a0min" in w[0].message.text("fr")


def test_slack_and_wait():
    pts = [(0, 0), (6000.0, 0)]
    dur, dist = plane(pts)
    n = Node("a", 1, service_s=600, windows=(Window(hm(10), hm(10, 30)),))
    p = one_bus(dur, dist, [n], keep_order={"bus": ["a"]})
    b = solve(p, time_limit_s=1).buses[0]
    s = b.stops[0]
    # departure pushed so the bus arrives as the window opens: no waiting
    assert s.arrival_s == pytest.approx(hm(10)) and s.wait_s == pytest.approx(0)
    assert s.slack_s == pytest.approx(1800)


def test_a_cycle_of_precedences_is_refused_naming_its_stops():
    dur, dist = plane(random_points(5, 3))
    nodes = [Node("a", 1, name="Agrana"), Node("b", 2, name="Brau Union"), Node("c", 3, name="Casinos"),
             Node("d", 4, name="Dürnstein")]
    cycle = (Precedence("a", "b"), Precedence("b", "c"), Precedence("c", "a"))
    with pytest.raises(PlanningError) as info:
        one_bus(dur, dist, nodes, precedences=(Precedence("d", "a"),) + cycle)
    msg = info.value.message
    assert msg.code == "solver.precedence_cycle"
    assert msg.params == {"stops": ["Agrana", "Brau Union", "Casinos"]}
    assert msg.text("en") == "The order constraints go round in a circle: Agrana, Brau Union, Casinos."
    assert msg.text("fr") == "Les contraintes d'ordre tournent en rond : Agrana, Brau Union, Casinos."
    # a stop before itself is a cycle too
    with pytest.raises(PlanningError) as info:
        one_bus(dur, dist, nodes, precedences=(Precedence("d", "d"),))
    assert info.value.message.params == {"stops": ["Dürnstein"]}


def test_precedences_without_cycle_are_accepted():
    dur, dist = plane(random_points(5, 3))
    nodes = [Node(x, i) for i, x in enumerate("abcd", start=1)]
    diamond = (Precedence("a", "b"), Precedence("a", "c"), Precedence("b", "d"), Precedence("c", "d"))
    p = one_bus(dur, dist, nodes, precedences=diamond)  # two paths to d: no cycle
    assert p.precedences == diamond
    assert precedence_cycle(diamond) == []
    assert precedence_cycle(diamond + (Precedence("d", "b"),)) == ["b", "d"]
