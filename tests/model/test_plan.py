"""Plan value objects: JSON round trip keeps every field, time zones included."""
from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from app.model import BusPlan, Cue, DroppedStop, Leg, Plan, PlannedStop, PlanWarning
from routing.errors import Message

TZ = ZoneInfo("Europe/Vienna")


def t(h: int, m: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, 24, h, m, tzinfo=TZ)


def sample_plan(tour_id: int | None = 1) -> Plan:
    stops = (
        PlannedStop(1, 10, 2, "visit", t(9, 5), t(10, 20), wait_s=300.0, slack_s=600.0, presenter_id=3, name="Voest"),
        PlannedStop(2, None, None, "break", t(10, 40), t(11, 25), name="Pause"),
    )
    legs = (
        Leg(1, 2, t(8, 45), t(9, 5), 1200.0, 8300.5, ((15.6044579, 48.4095333), (15.64, 48.41)), (3,)),
        Leg(2, None, t(10, 20), t(10, 40), 1180.0, 8000.0),
        Leg(None, 1, t(11, 25), t(11, 45), 1190.0, 8100.0, ((15.6, 48.4), (15.6044579, 48.4095333))),
    )
    cues = (Cue(7, 2, 0, t(8, 50), 300.0, trim_start_s=5.0, trim_end_s=65.0, title="Métiers"),)
    bus = BusPlan(4, "Car 1", 1, 1, t(8, 45), t(11, 45), stops, legs, cues)
    return Plan(
        tour_id=tour_id,
        computed_at=dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.timezone.utc),
        buses=(bus,),
        dropped=(DroppedStop(11, 5, Message("closed", "fermé")),),
        warnings=(PlanWarning("video_too_long", Message("too long", "trop longue"), stop_id=10, severity="info"),),
        objective_value=4321.5,
        keep_order=True,
        solver={"engine": "pyvrp", "runtime_s": 1.5},
    )


def test_plan_json_round_trip_through_text():
    plan = sample_plan()
    text = json.dumps(plan.to_json_dict(), ensure_ascii=False)
    back = Plan.from_json_dict(json.loads(text))
    assert back == plan
    assert back.buses[0].stops[0].arrival.utcoffset() == dt.timedelta(hours=1)
    assert back.buses[0].cues[0].play_s == 60.0
    assert back.buses[0].driving_s == 3570.0 and back.buses[0].distance_m == 24400.5
    assert not back.all_required_served
