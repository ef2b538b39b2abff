"""Plan.all_required_served looks at required stops only; old plans keep their meaning."""
from __future__ import annotations

import dataclasses
import json

from app.model import DroppedStop, Plan
from routing.messages import Message
from tests.model.test_plan import sample_plan


def _with_drops(*drops: DroppedStop) -> Plan:
    return dataclasses.replace(sample_plan(), dropped=drops)


def test_only_required_drops_count():
    optional = DroppedStop(12, 6, Message("solver.optional_left_out", stop="B"), required=False)
    required = DroppedStop(11, 5, Message("solver.lock", stop="A"))
    assert _with_drops().all_required_served
    assert _with_drops(optional).all_required_served
    assert not _with_drops(optional, required).all_required_served
    back = Plan.from_json_dict(json.loads(json.dumps(_with_drops(optional, required).to_json_dict())))
    assert [d.required for d in back.dropped] == [False, True]


def test_plans_saved_without_the_field_read_back():
    data = _with_drops(DroppedStop(12, 6, Message("solver.optional_left_out", stop="B"), required=False),
                       DroppedStop(11, 5, Message("solver.lock", stop="A"))).to_json_dict()
    for d in data["dropped"]:
        del d["required"]
    # the first release kept required-ness in the solver stats (stop id -> bool) ...
    data["solver"]["required"] = {"12": False, "11": True}
    assert [d.required for d in Plan.from_json_dict(data).dropped] == [False, True]
    assert Plan.from_json_dict(data).all_required_served is False
    # ... and without either, a dropped stop counts as required (the safe side)
    del data["solver"]["required"]
    assert [d.required for d in Plan.from_json_dict(data).dropped] == [True, True]
