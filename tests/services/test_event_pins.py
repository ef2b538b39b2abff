"""What moving a reception breaks, and the fixed times as stored in a real project file."""
from __future__ import annotations

import datetime as dt

from app.model.entities import Tour
from app.services.event_pins import Block, consequences, pins, set_pin
from app.store.project import Project

H = 3600


def _check(new_start, **kw):
    moved = Block(1, 10, 5, 9 * H, 10 * H, 25, "Car 1")
    other = Block(2, 20, 5, 11 * H, 12 * H, 25, "Car 2")
    args = dict(capacity=40, windows=[(8 * H, 12 * H)], bus_before_s=8.5 * H, bus_after_s=13 * H,
                company="Dynea", bus="Car 1")
    args.update(kw)
    return [m.code for m in consequences([moved, other], moved, new_start, **args)]


def test_each_consequence_of_a_move_is_said():
    assert _check(9.5 * H) == []
    assert _check(10.5 * H) == ["event.move_over_capacity"]  # 25 + 25 > 40 from 11 h
    assert _check(10.5 * H, capacity=50) == []  # both fit at once
    assert _check(11.5 * H) == ["event.move_outside_opening", "event.move_over_capacity"]
    assert _check(8 * H) == ["event.move_before_previous"]
    assert _check(12.5 * H, windows=[]) == ["event.move_after_next"]


def test_fixed_times_round_trip_and_a_damaged_value_is_ignored(tmp_path):
    with Project.create(tmp_path / "p.zitour") as p:
        tour = p.add(Tour("T", dt.date(2026, 5, 12)))
        set_pin(p, tour.id, 3, 7, 9.5 * H)
        set_pin(p, tour.id, 4, 7, 14 * H)
        set_pin(p, tour.id, 4, 7, None)
    with Project.open(tmp_path / "p.zitour") as p:
        assert pins(p, tour.id) == {(3, 7): 9.5 * H}
        p.set_setting(f"event_pins/{tour.id}", "{not json")
        assert pins(p, tour.id) == {}
