"""Regressions found in review: via-way restrictions sharing a via, stops on a via way, ``only_*``
via a way, the extract's edge is no dead end, cul-de-sacs that go on as driveways, co-located
stops. Each builds a tiny OSM file (grid units of 0.001 deg around 5.0 E, 45.0 N)."""
from __future__ import annotations

from pathlib import Path

import pytest

from routing.region import Region
from routing.regions import import_region


@pytest.fixture(autouse=True, params=["dijkstra", "cch"])
def engine(request, monkeypatch):
    """Every rule holds with both query engines: the Dijkstra and the hierarchy (routing.cch)."""
    monkeypatch.setattr("routing.region.DEFAULT_ENGINE", request.param)
    return request.param


LON0, LAT0, S = 5.0, 45.0, 0.001
R = {"highway": "residential"}


def _osm(path: Path, nodes: dict, ways: dict, rels=(), east=None) -> Path:
    """Write nodes {id: (x, y)}, ways {id: (refs, tags)}, relations [(id, members, tags)] as OSM XML;
    ``east``: the file's east bound in grid units (default: past every node)."""
    xs = [LON0 + x * S for x, _ in nodes.values()]
    ys = [LAT0 + y * S for _, y in nodes.values()]
    max_lon = max(xs) + 0.002 if east is None else LON0 + east * S
    out = ["<?xml version='1.0' encoding='UTF-8'?>", '<osm version="0.6" generator="hand">',
           f'<bounds minlat="{min(ys) - 0.002}" minlon="{min(xs) - 0.002}" maxlat="{max(ys) + 0.002}" '
           f'maxlon="{max_lon}"/>']
    out += [f'<node id="{i}" lat="{LAT0 + y * S:.7f}" lon="{LON0 + x * S:.7f}"/>' for i, (x, y) in nodes.items()]
    for i, (refs, tags) in ways.items():
        out.append(f'<way id="{i}">' + "".join(f'<nd ref="{r}"/>' for r in refs)
                   + "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items()) + "</way>")
    for i, members, tags in rels:
        out.append(f'<relation id="{i}">' + "".join(f'<member type="{t}" ref="{r}" role="{ro}"/>' for t, r, ro in members)
                   + "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items()) + "</relation>")
    path.write_text("\n".join(out + ["</osm>"]), encoding="utf-8")
    return path


def _region(tmp_path, name, nodes, ways, rels=(), east=None) -> Region:
    src = _osm(tmp_path / f"{name}.osm", nodes, ways, rels, east)
    return Region.load(import_region(src, dest_dir=tmp_path / name))


def _ll(x, y):
    return LON0 + x * S, LAT0 + y * S


def _via_way(i, kind, frm, via, to):
    return (i, [("way", frm, "from"), ("way", via, "via"), ("way", to, "to")], {"type": "restriction", "restriction": kind})


# A = 101 (1 -> 2), W = 102 (2 -> 3), B = 104 north and C = 105 south of 3, loops back round 4
NODES = {1: (0, 0), 2: (1, 0), 3: (2, 0), 4: (3, 0), 5: (2, 1), 6: (2, -1), 7: (3, 1), 8: (3, -1), 9: (0, 1), 10: (0, -1)}
WAYS = {101: ([1, 2], R), 102: ([2, 3], R), 103: ([3, 4], R), 104: ([3, 5], R), 105: ([3, 6], R),
        106: ([4, 7, 5], R), 107: ([4, 8, 6], R), 108: ([1, 9, 5], R), 109: ([1, 10, 6], R)}


def _runs(way_ids, seq) -> bool:
    n = len(seq)
    return any(tuple(way_ids[k:k + n]) == seq for k in range(len(way_ids) - n + 1))


def test_two_via_way_rules_on_one_via_both_hold(tmp_path):
    rels = [_via_way(1, "no_left_turn", 101, 102, 104), _via_way(2, "no_right_turn", 101, 102, 105)]
    net = _region(tmp_path, "two", NODES, WAYS, rels).network()
    assert net.restrictions_honoured == 2
    a = net.snap(*_ll(0.5, -0.15))                       # on A, driving east
    to_b = net.leg(a, net.snap(*_ll(2.15, 0.5)))         # beside B, driving north
    to_c = net.leg(a, net.snap(*_ll(1.85, -0.5)))        # beside C, driving south
    assert not _runs(to_b.way_ids, (101, 102, 104)) and not _runs(to_c.way_ids, (101, 102, 105))
    free = _region(tmp_path, "free", NODES, WAYS).network()
    assert free.leg(free.snap(*_ll(0.5, -0.15)), free.snap(*_ll(2.15, 0.5))).way_ids == (101, 102, 104)


def test_a_stop_on_the_via_way_is_reached_straight_from_the_from_way(tmp_path):
    net = _region(tmp_path, "goal", NODES, WAYS, [_via_way(1, "no_left_turn", 101, 102, 104)]).network()
    a, on_via = net.snap(*_ll(0.5, -0.15)), net.snap(*_ll(1.5, -0.15))
    leg = net.leg(a, on_via)
    assert leg.way_ids == (101, 102) and leg.distance_m < 130
    assert net.matrix([a, on_via]).duration_s[0, 1] == pytest.approx(leg.duration_s)


def test_only_straight_on_via_a_way_forbids_the_other_turns_at_its_start(tmp_path):
    nodes = {1: (0, 0), 2: (1, 0), 3: (2, 0), 4: (3, 0), 5: (1, 1), 6: (2, 1), 7: (3, 1), 8: (0, 1)}
    ways = {101: ([1, 2], R), 102: ([2, 3], R), 103: ([3, 4], R), 104: ([2, 5], R), 105: ([3, 6], R),
            106: ([4, 7, 6, 5, 8, 1], R)}
    net = _region(tmp_path, "only", nodes, ways, [_via_way(1, "only_straight_on", 101, 102, 103)]).network()
    leg = net.leg(net.snap(*_ll(0.5, -0.1)), net.snap(*_ll(1.1, 0.5)))   # A east, then 104 north
    assert not _runs(leg.way_ids, (101, 104))


def test_a_street_that_goes_on_as_a_driveway_is_no_place_to_turn_round(tmp_path):
    """Turning at every car park's entrance would be turning in the street: such a cul-de-sac is
    left out of the stops (the site snaps elsewhere) unless a turning circle is mapped."""
    nodes = {1: (0, 0), 2: (1, 0), 3: (2, 0), 4: (2, 1), 7: (1, 1), 8: (0, 1), 5: (1, -1), 6: (1.3, -1.2)}
    ways = {10: ([1, 2, 3, 4, 7, 8, 1], R), 11: ([2, 5], R), 12: ([5, 6], {"highway": "service", "service": "driveway"})}
    region = _region(tmp_path, "culdesac", nodes, ways)
    net = region.network()
    s = net.snap(*_ll(1.1, -0.6))                        # beside the cul-de-sac 2-5
    assert int(region.graph["way_osm_id"][net.link_way[s.link]]) != 11
    plain = _region(tmp_path, "plain", nodes, {10: ways[10], 11: ways[11]}).network()
    s = plain.snap(*_ll(1.1, -0.6))
    assert s.ok and s.distance_m < 10                    # a plain cul-de-sac: turned at its end


def test_the_map_edge_is_a_last_resort_to_turn_round_and_is_reported(tmp_path):
    """Street 1-2-3 goes on east to 4, beyond the file's bounds: the road continues out there.
    Across the street, the coach loops round the block 2-5-6-3 rather than turn at 4; with no
    block it turns at 4, and the leg says so."""
    nodes = {1: (0, 0), 2: (1, 0), 3: (2, 0), 4: (3, 0), 5: (1, 1), 6: (2, 1)}
    street = {101: ([1, 2, 3], R), 102: ([3, 4], R)}
    block = {103: ([2, 5, 6, 3], R)}
    here, across = _ll(0.5, -0.15), _ll(0.4, 0.15)      # south kerb (eastbound), north kerb (westbound)
    net = _region(tmp_path, "block", nodes, {**street, **block}, east=2.5).network()
    leg = net.leg(net.snap(*here), net.snap(*across))
    # either way round the block: a left and a right turn each, the same length (a tie)
    assert leg.node_ids in ((2, 3, 6, 5, 2), (2, 5, 6, 3, 2)) and not leg.warnings
    net = _region(tmp_path, "noblock", nodes, street, east=2.5).network()
    leg = net.leg(net.snap(*here), net.snap(*across))
    assert 4 in leg.node_ids
    [warning] = leg.warnings
    assert warning.code == "road.leg_turns_at_map_edge" and warning.params["node"] == 4
    assert "là où s'arrête la carte (nœud OSM 4)" in warning.text("fr")


def test_a_leg_that_turns_at_the_map_edge_is_a_warning_of_the_plan(tmp_path):
    import datetime as dt

    from app.model.entities import Bus, Site, SiteKind, Stop, Tour
    from app.services.planning import plan_tour
    from app.store.project import Project
    nodes = {1: (0, 0), 2: (1, 0), 3: (2, 0), 4: (3, 0)}
    src = _osm(tmp_path / "edge.osm", nodes, {101: ([1, 2, 3], R), 102: ([3, 4], R)}, east=2.5)
    import_region(src, name="bord-de-carte")            # into the data folder, as `zitour region import` does
    with Project.create(tmp_path / "edge.zitour") as p:
        p.set_setting("region", "bord-de-carte")
        depot = p.add(Site("Dépôt", *_ll(0.5, -0.15), kind=SiteKind.DEPOT, coach_turns=False))
        usine = p.add(Site("Usine d'en face", *_ll(0.4, 0.15)))
        tour = p.add(Tour("Bord", dt.date(2026, 6, 16), start_site_id=depot.id))
        p.add(Bus("Car 1", tour_id=tour.id))
        p.add(Stop(site_id=usine.id, tour_id=tour.id, position=0))
        plan = plan_tour(p, tour.id, time_limit_s=1)
    notes = [w for w in plan.warnings if w.code == "road"]
    assert notes and notes[0].site_id == usine.id
    assert notes[0].message.text("fr").startswith("Dépôt → Usine d'en face : Le car fait demi-tour là où s'arrête la carte")


def test_two_sites_at_one_road_point_have_no_leg_in_the_matrix_as_in_the_legs(krems):
    net = krems.network()
    a = net.snap(15.6378569, 48.4121598)
    b = net.snap(15.6378569, 48.4121598, turnable=True)
    m = net.matrix([a, b])
    assert m.duration_s[0, 1] == net.leg(a, b).duration_s == 0.0
    assert m.duration_s[1, 0] == net.leg(b, a).duration_s == 0.0


def test_a_point_with_no_road_anywhere_near_is_flagged_not_a_crash(krems):
    s = krems.network().snap(-164.4, -48.4)              # the far side of the earth
    assert not s.ok and s.reason is not None


# second review: via-way rules over overlapping or chained vias, files without bounds
LONG = {1: (0, 0), 2: (1, 0), 3: (2, 0), 4: (3, 0), 5: (2, 1), 6: (3, 1), 7: (3, -1), 8: (4, 0)}
LONG_WAYS = {101: ([1, 2], R), 102: ([2, 3], R), 103: ([3, 4], R), 104: ([3, 5], R), 105: ([4, 6], R),
             106: ([5, 6], R), 107: ([4, 7], R), 108: ([4, 8], R)}


def test_a_rule_whose_from_way_is_another_rule_s_via_holds_through_its_copy(tmp_path):
    """r1: no left 101 via 102 onto 104; r2: no left 102 via 103 onto 105. Coming from 101 the
    coach is on r1's copy of 102: r2 must hold there too."""
    rels = [_via_way(1, "no_left_turn", 101, 102, 104), _via_way(2, "no_left_turn", 102, 103, 105)]
    net = _region(tmp_path, "chain", LONG, LONG_WAYS, rels).network()
    assert net.restrictions_honoured == 2
    leg = net.leg(net.snap(*_ll(0.5, -0.15)), net.snap(*_ll(3.15, 0.5)))    # A east -> beside 105 northbound
    assert not _runs(leg.way_ids, (102, 103, 105)) and not _runs(leg.way_ids, (101, 102, 104))


def test_two_rules_entering_different_vias_from_one_way_the_second_is_reported_not_half_applied(tmp_path):
    rels = [_via_way(1, "no_left_turn", 101, 102, 104),
            (2, [("way", 101, "from"), ("way", 102, "via"), ("way", 103, "via"), ("way", 105, "to")],
             {"type": "restriction", "restriction": "no_left_turn"})]
    net = _region(tmp_path, "overlap", LONG, LONG_WAYS, rels).network()
    assert (net.restrictions_honoured, net.restrictions_unusable) == (1, 1)
    leg = net.leg(net.snap(*_ll(0.5, -0.15)), net.snap(*_ll(2.15, 0.5)))    # A east -> beside 104 northbound
    assert not _runs(leg.way_ids, (101, 102, 104))                           # the first rule holds whole


def test_a_no_u_turn_via_a_loop_counts_as_honoured_at_import(tmp_path):
    nodes = {1: (0, 0), 2: (1, 0), 3: (2, 0), 4: (2, 1), 5: (1, 1)}
    ways = {101: ([1, 2], R), 102: ([2, 3, 4, 5, 2], R)}
    rels = [(1, [("way", 101, "from"), ("way", 102, "via"), ("way", 101, "to")],
             {"type": "restriction", "restriction": "no_u_turn"})]
    region = _region(tmp_path, "loop", nodes, ways, rels)
    assert region.report["turn_restrictions_honoured"] == 1 and region.report["turn_restrictions_unusable"] == 0


def test_a_file_without_bounds_has_no_map_edge_at_its_data_extent(tmp_path):
    nodes = {1: (0, 0), 2: (1, 0), 3: (2, 0), 5: (1, 1)}
    src = _osm(tmp_path / "nob.osm", nodes, {101: ([1, 2, 3], R), 102: ([2, 5], R)})
    src.write_text("\n".join(line for line in src.read_text().splitlines() if "<bounds" not in line))
    region = Region.load(import_region(src, dest_dir=tmp_path / "nob"))
    assert region.report["bounds_from"] == "data"
    net = region.network()
    leg = net.leg(net.snap(*_ll(0.5, -0.15)), net.snap(*_ll(1.15, 0.5)))   # into the cul-de-sac 2-5 (north end)
    assert not leg.warnings
