"""The day of a bus against its plan, driven by the rehearsal of the real demo tour (Krems roads)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from app.model.plan import BusPlan, Cue, Leg, PlannedStop
from app.tourday.day import Kind, TourDay
from app.tourday.fixes import Fix
from app.tourday.route_track import RouteTrack, rehearsal_fixes

CUE_TOLERANCE_S = 10.0  # the target: every cue within 10 s of its planned route point


def _drive(day: TourDay, fixes):
    events = []
    for f in fixes:
        events += day.feed(f)
    return events


@pytest.mark.parametrize("noise_m", [0.0, 8.0])
def test_the_rehearsed_demo_tour_fires_every_cue_once_at_its_place(demo_bus_plan, noise_m):
    _, bus = demo_bus_plan
    day = TourDay(bus)
    assert {t.kind for t in day.triggers} == {"video", "next_stop", "company"}
    assert sum(t.kind == "video" for t in day.triggers) == len(bus.cues) > 0
    events = _drive(day, rehearsal_fixes(day.track, noise_m=noise_m, seed=3))
    fired = [e for e in events if e.kind == Kind.CUE]
    assert sorted(e.ref for e in fired) == sorted(t.key for t in day.triggers)  # every one, none twice
    assert not [e for e in events if e.kind in (Kind.CUE_DROPPED, Kind.OFF_ROUTE)]
    by_key = {t.key: t for t in day.triggers}
    for e in fired:
        assert abs((e.at - by_key[e.ref].planned_at).total_seconds()) <= CUE_TOLERANCE_S, e
    # Each stop once, in order, at its planned times (the rehearsal drives on time).
    stop_events = [e for e in events if e.kind in (Kind.ARRIVED, Kind.DEPARTED, Kind.PASSED)]
    expected = []
    for i, s in enumerate(bus.stops):
        expected += [(Kind.PASSED, i)] if s.kind == "drive_by" else [(Kind.ARRIVED, i), (Kind.DEPARTED, i)]
    assert [(e.kind, e.stop_index) for e in stop_events] == expected
    for e in stop_events:
        planned = bus.stops[e.stop_index]
        target = planned.departure if e.kind == Kind.DEPARTED else planned.arrival
        assert abs((e.at - target).total_seconds()) <= 5, e
    assert events[0].kind == Kind.LEFT_DEPOT and events[-1].kind == Kind.RETURNED
    assert abs(day.delay_s()) < 60


def _out_and_back(bus: BusPlan) -> BusPlan:
    """A plan on a real street driven twice: out to a visit at the end, back past a company halfway."""
    line = list(bus.legs[0].geometry)
    track = RouteTrack(bus)
    half = int(np.searchsorted(track.s, track.leg_end_m[0] / 2))
    back = line[::-1]
    t0 = bus.departure
    at = lambda minutes: t0 + dt.timedelta(minutes=minutes)  # noqa: E731
    legs = (Leg(None, 1, at(0), at(10), 600, 4000, tuple(line)),
            Leg(1, 2, at(40), at(45), 300, 2000, tuple(back[:len(line) - half])),
            Leg(2, None, at(45), at(50), 300, 2000, tuple(back[len(line) - half - 1:])))
    stops = (PlannedStop(1, 101, 1, "visit", at(10), at(40), name="Visite"),
             PlannedStop(2, 102, 2, "drive_by", at(45), at(45), name="Passage"))
    cue = Cue(7, 2, 1, at(43), 0.0, title="Clip")
    return BusPlan(1, "Car 1", None, None, at(0), at(50), stops, legs, (cue,))


def test_a_street_driven_twice_fires_its_cues_on_the_right_pass(demo_bus_plan):
    _, bus = demo_bus_plan
    plan = _out_and_back(bus)
    day = TourDay(plan)
    events = _drive(day, rehearsal_fixes(day.track, noise_m=6.0, seed=11))
    fired = {e.ref: e.at for e in events if e.kind == Kind.CUE}
    assert set(fired) == {t.key for t in day.triggers}
    company = next(t for t in day.triggers if t.kind == "company")
    assert company.s_m > day.track.leg_end_m[0]  # on the way back
    assert fired[company.key] > plan.stops[0].departure  # not on the way out, where the bus passes it too
    assert abs((fired[company.key] - company.planned_at).total_seconds()) <= CUE_TOLERANCE_S
    assert abs((fired["video7@stop102"] - plan.cues[0].start).total_seconds()) <= CUE_TOLERANCE_S
    assert [e.kind for e in events if e.stop_index == 0] == [Kind.CUE, Kind.ARRIVED, Kind.DEPARTED]


def test_a_detour_is_off_route_and_picks_the_plan_up_again(demo_bus_plan):
    _, bus = demo_bus_plan
    day = TourDay(bus)
    fixes = rehearsal_fixes(day.track)
    # On leg 1 the bus leaves the route for 90 s, 300 m north of it, and rejoins it farther on.
    i0 = next(i for i, f in enumerate(fixes) if f.at >= bus.legs[1].departure + dt.timedelta(seconds=60))
    detour = []
    for k in range(90):
        f = fixes[i0 + k]
        detour.append(Fix(f.at, f.lon, f.lat + 0.0027, f.speed_mps, None))
    events = _drive(day, fixes[:i0] + detour + fixes[i0 + 90:])
    kinds = [e.kind for e in events]
    assert kinds.count(Kind.OFF_ROUTE) == 1 and kinds.count(Kind.BACK_ON_ROUTE) == 1
    off = next(e for e in events if e.kind == Kind.OFF_ROUTE)
    assert off.at == detour[0].at  # the state names when the bus left the route
    assert kinds.index(Kind.OFF_ROUTE) < kinds.index(Kind.BACK_ON_ROUTE)
    back = next(e for e in events if e.kind == Kind.BACK_ON_ROUTE)
    assert (back.at - detour[-1].at).total_seconds() <= 2
    assert kinds[-1] == Kind.RETURNED


def test_a_skipped_stop_drops_its_cues_with_a_note(demo_bus_plan):
    _, bus = demo_bus_plan
    day = TourDay(bus)
    fixes = rehearsal_fixes(day.track)
    target = next(i for i, s in enumerate(bus.stops) if s.kind == "visit" and i > 0)
    before = [f for f in fixes if f.at < bus.legs[target].departure + dt.timedelta(seconds=5)]
    _drive(day, before)
    assert day.next_index() == target
    events = day.skip_next()
    assert events[0].kind == Kind.SKIPPED and events[0].stop_index == target and events[0].source == "manual"
    dropped = [e for e in events if e.kind == Kind.CUE_DROPPED]
    assert dropped and all(e.ref.endswith(" skipped") for e in dropped)
    assert {e.ref.split()[0] for e in dropped} == {t.key for t in day.triggers if t.stop_index == target
                                                    and t.key not in {x.ref for x in day.events if x.kind == Kind.CUE}}
    assert day.next_index() == target + 1


def test_the_buttons_make_manual_events_and_move_the_state(demo_bus_plan):
    _, bus = demo_bus_plan
    day = TourDay(bus)
    t = bus.departure + dt.timedelta(minutes=2)
    assert [e.kind for e in day.mark_departed(t)] == [Kind.LEFT_DEPOT]
    arrived = day.mark_arrived(t + dt.timedelta(minutes=12))
    assert [(e.kind, e.stop_index, e.source) for e in arrived] == [(Kind.ARRIVED, 0, "manual")]
    assert day.at_stop() == 0
    assert day.delay_s(t + dt.timedelta(minutes=12)) == pytest.approx(
        (t + dt.timedelta(minutes=12) - bus.stops[0].arrival).total_seconds())
    heads = day.count_heads(29)
    assert heads[0].value == 29 and heads[0].stop_index == 0
    video = day.fire_next_cue()
    assert video[0].kind == Kind.CUE and video[0].source == "manual"
    assert day.next_trigger("video").key != video[0].ref
    assert [e.kind for e in day.mark_departed(t + dt.timedelta(minutes=90))] == [Kind.DEPARTED]
    assert day.next_index() == 1


def test_a_day_resumed_from_its_events_does_not_fire_twice(demo_bus_plan):
    _, bus = demo_bus_plan
    first = TourDay(bus)
    fixes = rehearsal_fixes(first.track, noise_m=5.0, seed=5)
    half = len(fixes) // 2
    early = _drive(first, fixes[:half])
    again = TourDay.resume(bus, early)
    assert again.next_index() == first.next_index()
    assert again.state.fired == first.state.fired
    late = _drive(again, fixes[half:])
    whole = early + late
    cues = [e.ref for e in whole if e.kind == Kind.CUE]
    assert sorted(cues) == sorted(t.key for t in first.triggers)
    assert [e.kind for e in whole].count(Kind.ARRIVED) == sum(s.kind != "drive_by" for s in bus.stops)
