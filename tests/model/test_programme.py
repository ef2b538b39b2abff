"""Event layout rules: turns at a company, choices spread over companies, who rides with nobody."""
from __future__ import annotations

import pytest

from app.model.entities import Bus, ParticipantGroup, Site, Stop, StopKind
from app.model.programme import lay_out, turns_for


@pytest.mark.parametrize("sizes, capacity, expected", [
    ([30], None, (1, 30)),
    ([30], 30, (1, 30)),
    ([30], 15, (2, 15)),           # one class split in two halves
    ([31], 15, (3, 11)),           # 11 + 10 + 10: never more than 15 at once
    ([15, 15], 20, (2, 15)),       # two groups that cannot stand together
    ([10, 8], 20, (1, 18)),        # two small groups share the turn
    ([25, 25], 20, (3, 17)),       # two classes become three sub-groups, not four
    ([25, 10, 10], 20, (3, 15)),
    ([0], 10, (1, 0)),
])
def test_turns_keep_every_turn_within_the_capacity(sizes, capacity, expected):
    assert turns_for(sizes, capacity) == expected


def _world(n_buses: int, n_groups: int, capacity=None):
    sites = {i: Site(f"S{i}", 0.0, 0.0, visit_capacity=capacity, id=i) for i in range(1, 5)}
    stops = [Stop(i, StopKind.VISIT, 1800, id=10 + i, position=i) for i in (1, 2, 3)]
    stops.append(Stop(4, StopKind.LUNCH, 3600, id=14, position=4))
    buses = [Bus(f"Car {k}", 50, id=100 + k) for k in range(1, n_buses + 1)]
    groups = [ParticipantGroup(f"G{k}", 20, id=200 + k) for k in range(1, n_groups + 1)]
    return buses, stops, groups, sites


def test_without_a_programme_every_group_makes_every_visit_and_buses_fill_evenly():
    buses, stops, groups, sites = _world(2, 4)
    layout = lay_out(buses, stops, groups, sites)
    assert sorted(layout.seating.values()) == [101, 101, 102, 102]
    assert len(layout.visits) == 6 and all(len(v.visitors) == 2 and v.people == 40 for v in layout.visits)
    assert layout.shared == {14: (101, 102)}  # lunch: both buses
    assert not layout.notes


def test_choices_go_to_the_company_fewest_buses_visit():
    buses, stops, groups, sites = _world(3, 3)
    for g in groups:
        g.choices, g.choices_k = [11, 12, 13], 1
    layout = lay_out(buses, stops, groups, sites)
    chosen = sorted(layout.chosen[g.id] for g in groups)
    assert chosen == [(11,), (12,), (13,)]  # one company each, not all three at S1
    assert all(layout.programme(g.id) == list(layout.chosen[g.id]) for g in groups)


def test_asking_more_choices_than_offered_is_said():
    buses, stops, groups, sites = _world(1, 1)
    groups[0].visits, groups[0].choices, groups[0].choices_k = [11], [12], 2
    layout = lay_out(buses, stops, groups, sites)
    assert [n.code for n in layout.notes] == ["programme_short"]
    assert "2 visites au choix" in layout.notes[0].message.text("fr")
    assert layout.programme(groups[0].id) == [11, 12]


def test_a_bus_with_no_group_serves_nothing_and_is_said():
    buses, stops, groups, sites = _world(3, 2)
    layout = lay_out(buses, stops, groups, sites)
    empty = [n for n in layout.notes if n.code == "bus_unused"]
    assert [n.bus_id for n in empty] == [103] and empty[0].severity == "info"
    assert all(v.bus_id != 103 for v in layout.visits) and 103 not in layout.shared[14]


def test_a_visit_larger_than_the_company_stays_for_every_turn():
    buses, stops, groups, sites = _world(1, 2, capacity=25)
    layout = lay_out(buses, stops, groups, sites)
    v = layout.visit(11, 101)
    assert (v.turns, v.at_once, v.dwell_s) == (2, 20, 3600)
    assert any(n.code == "visit_in_turns" for n in layout.notes)


def test_adults_count_at_the_company_and_on_the_seats():
    g = ParticipantGroup("3e B", 26, adults=2)
    assert g.people == 28
    buses, stops, _, sites = _world(1, 0, capacity=27)
    layout = lay_out(buses, stops, [ParticipantGroup("3e B", 26, adults=2, id=1)], sites)
    assert layout.visit(11, 101).turns == 2
