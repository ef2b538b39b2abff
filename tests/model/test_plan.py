"""Plan value objects: JSON round trip keeps every field, time zones included."""
from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from app.model import BusPlan, Cue, DroppedStop, Leg, Plan, PlannedStop, PlanWarning
from routing.messages import Clock, Duration, Message, Spans

TZ = ZoneInfo("Europe/Vienna")


def t(h: int, m: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, 24, h, m, tzinfo=TZ)


def sample_plan(tour_id: int | None = 1) -> Plan:
    stops = (
        PlannedStop(1, 10, 2, "visit", t(9, 5), t(10, 20), wait_s=300.0, slack_s=600.0, ambassador_id=3, name="Voest"),
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
        dropped=(DroppedStop(11, 5, Message("solver.window_unreachable.one", stop="Voest", windows=Spans([(32400, 34200)]),
                                            arrival=Clock(34920))),),
        warnings=(PlanWarning("video_too_long", Message("solver.videos_too_long", stop="Voest", videos=Duration(400.0),
                                                        leg=Duration(300.0)), stop_id=10, severity="info"),),
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


def test_messages_are_stored_as_codes_with_typed_parameters():
    data = json.loads(json.dumps(sample_plan().to_json_dict()))
    assert data["dropped"][0]["reason"] == {
        "code": "solver.window_unreachable.one",
        "params": {"stop": "Voest", "windows": {"spans": [[32400.0, 34200.0]]}, "arrival": {"clock": 34920}},
    }
    assert data["warnings"][0]["message"]["params"]["videos"] == {"duration": 400.0}
    back = Plan.from_json_dict(data)
    assert back.dropped[0].reason.text("fr") == ("La fenêtre 9\u00a0h\u00a000–9\u00a0h\u00a030 de l'arrêt Voest ne peut "
                                                 "pas être atteinte (arrivée au plus tôt 9\u00a0h\u00a042 depuis le dépôt).")
    assert "last 7 min but the leg to it takes 5 min" in back.warnings[0].message.text("en")


def test_plans_saved_with_two_texts_still_open():
    """Plans saved before message codes kept each message as its English and French texts."""
    data = sample_plan().to_json_dict()
    data["dropped"][0]["reason"] = {"en": "Stop Voest is closed.", "fr": "L'arrêt Voest est fermé."}
    data["warnings"][0]["message"] = {"en": "The videos are too long.", "fr": "Les vidéos sont trop longues."}
    plan = Plan.from_json_dict(json.loads(json.dumps(data)))
    assert plan.dropped[0].reason.text("fr") == "L'arrêt Voest est fermé."
    assert plan.dropped[0].reason.text("en") == "Stop Voest is closed."
    assert plan.warnings[0].message.text("fr") == "Les vidéos sont trop longues."
    # saved again, they keep both texts
    again = Plan.from_json_dict(json.loads(json.dumps(plan.to_json_dict())))
    assert again == plan and again.warnings[0].message.text("en") == "The videos are too long."


def test_plans_saved_with_presenter_id_still_open():
    """Plans saved before the rename kept each stop's ambassador as ``presenter_id``."""
    data = json.loads(json.dumps(sample_plan().to_json_dict()))
    for s in data["buses"][0]["stops"]:
        s["presenter_id"] = s.pop("ambassador_id")
    assert data["buses"][0]["stops"][0]["presenter_id"] == 3
    plan = Plan.from_json_dict(data)
    assert plan.buses[0].stops[0].ambassador_id == 3
    assert plan.buses[0].stops[1].ambassador_id is None
    assert plan == sample_plan()
    # saved again, it uses the new key only
    again = plan.to_json_dict()["buses"][0]["stops"][0]
    assert again["ambassador_id"] == 3 and "presenter_id" not in again
