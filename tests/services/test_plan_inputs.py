"""Plans that say when they are out of date: the fingerprint of a plan's inputs, stored with the plan,
compared by ``plan_status`` (app.services.plan_inputs), on the real demo project and real plans."""
from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import json
import shutil
import time
from pathlib import Path

import pytest

from app.model import entities
from app.model.entities import (
    Availability, Bus, ParticipantGroup, Precedence, Site, Stop, TimeWindow, Tour, VehicleSpec,
)
from app.model.plan import Plan
from app.services.demo import build_demo
from app.services.plan_inputs import (
    IGNORED, INPUTS, PlanState, inputs_fingerprint, plan_inputs, plan_status, record,
)
from app.services.planning import plan_tour
from app.store.project import Project

TOUR = "ZI Tour prescripteurs — Port et chimie"


# ---------------------------------------------------------------------------- a new field is never forgotten
def _entity_dataclasses() -> list[type]:
    return [c for _n, c in inspect.getmembers(entities, inspect.isclass)
            if dataclasses.is_dataclass(c) and c.__module__ == entities.__name__]


def test_every_entity_is_covered():
    """A new entity class must say which of its fields a plan depends on."""
    missing = [c.__name__ for c in _entity_dataclasses() if c not in INPUTS or c not in IGNORED]
    assert missing == [], f"declare these in app.services.plan_inputs INPUTS and IGNORED: {missing}"


@pytest.mark.parametrize("cls", [Stop, Tour, Bus, Site, *[c for c in INPUTS if c not in (Stop, Tour, Bus, Site)]],
                         ids=lambda c: c.__name__)
def test_every_field_is_an_input_or_ignored_on_purpose(cls):
    """Fails when a field is added to an entity without deciding whether plans depend on it: put it in
    INPUTS (the plan must be recomputed when it changes) or in IGNORED with the reason (a name, a note)."""
    names = {f.name for f in dataclasses.fields(cls)}
    inputs, ignored = INPUTS[cls], set(IGNORED[cls])
    assert not inputs & ignored, f"{cls.__name__}: both an input and ignored: {sorted(inputs & ignored)}"
    undecided = names - inputs - ignored
    assert not undecided, (f"{cls.__name__}.{', '.join(sorted(undecided))}: add to INPUTS or IGNORED "
                           "in app/services/plan_inputs.py")
    gone = (inputs | ignored) - names
    assert not gone, f"{cls.__name__} has no field {sorted(gone)} any more"
    assert all(IGNORED[cls].values()), "every ignored field says why"


def test_records_leave_defaults_and_ignored_fields_out():
    """Defaults are left out, so a new field with a default keeps existing fingerprints valid."""
    assert record(Stop(site_id=4)) == {"site_id": 4}
    assert record(Stop(site_id=4, notes="Casques", position=7, dwell_s=600)) == {"site_id": 4, "dwell_s": 600}
    assert record(Bus(name="Car bleu", driver="Jean", vehicle=VehicleSpec(name="Autre nom"))) == {}
    assert record(Bus(vehicle=VehicleSpec(height_m=3.2))) == {"vehicle": {"height_m": 3.2}}
    site = Site("Usine", 15.6, 48.4, products="Acier", visit_slots=[TimeWindow(dt.time(9), dt.time(10))])
    assert record(site) == {"lon": 15.6, "lat": 48.4, "visit_slots": [{"start": "09:00:00", "end": "10:00:00"}]}


# ---------------------------------------------------------------------------- the demo, planned
@pytest.fixture(scope="module")
def planned_master(tmp_path_factory) -> Path:
    """The demo project with its first tour optimised by the real planner (Krems roads)."""
    path = build_demo(tmp_path_factory.mktemp("plan-inputs") / "demo.zitour")
    with Project.open(path) as project:
        plan_tour(project, project.tour_by_name(TOUR).id, time_limit_s=1)
    return path


@pytest.fixture
def project(planned_master, tmp_path):
    target = tmp_path / "demo.zitour"
    shutil.copy2(planned_master, target)
    p = Project.open(target)
    yield p
    p.close()


def _tour(project) -> Tour:
    return project.tour_by_name(TOUR)


def test_the_planner_records_the_fingerprint_of_what_it_planned(project):
    tour = _tour(project)
    plan = project.plan(tour.id)
    assert plan.inputs_fingerprint == inputs_fingerprint(project, tour.id)
    assert plan.inputs_fingerprint.startswith("v3:") and len(plan.inputs_fingerprint) == 3 + 64
    assert plan.to_json_dict()["inputs_fingerprint"] == plan.inputs_fingerprint
    status = plan_status(project, tour.id)
    assert status.state is PlanState.UP_TO_DATE and status.up_to_date and not status.stale
    assert status.stored == status.current == plan.inputs_fingerprint
    other = next(t for t in project.tours() if t.id != tour.id)
    assert plan_status(project, other.id).state is PlanState.NONE  # never planned


def test_keep_order_plans_record_it_too_and_care_about_the_order(project):
    tour = _tour(project)
    optimised = project.plan(tour.id)
    kept = plan_tour(project, tour.id, keep_order=True, time_limit_s=1)
    assert kept.keep_order and kept.inputs_fingerprint == inputs_fingerprint(project, tour.id, keep_order=True)
    assert kept.inputs_fingerprint != optimised.inputs_fingerprint  # the order is an input of this one only
    assert plan_status(project, tour.id).up_to_date
    a, b = project.stops(tour.id)[:2]
    a.position, b.position = b.position, a.position
    project.update(a)
    project.update(b)
    assert plan_status(project, tour.id).state is PlanState.OUTDATED  # the stops' order changed
    assert plan_status(project, tour.id, optimised).up_to_date  # an optimised plan chooses its own order
    a.position, b.position = b.position, a.position
    project.update(a)
    project.update(b)
    assert plan_status(project, tour.id).up_to_date


def _first_stop(p, tour):
    return next(s for s in p.stops(tour.id) if s.windows)


def _used_site(p, tour):
    return p.get(Site, _first_stop(p, tour).site_id)


def _edit_stop_duration(p, tour):
    s = _first_stop(p, tour)
    s.dwell_s += 600
    p.update(s)


def _edit_window(p, tour):
    s = _first_stop(p, tour)
    s.windows = [TimeWindow(dt.time(9, 30), dt.time(11, 0))]
    p.update(s)


def _add_order_constraint(p, tour):
    a, b = p.stops(tour.id)[:2]
    p.add_precedence(Precedence(b.id, a.id))


def _bus_seats(p, tour):
    b = p.buses(tour.id)[0]
    b.seats = 30
    p.update(b)


def _bus_vehicle(p, tour):
    b = p.buses(tour.id)[0]
    b.vehicle = entities.vehicle_presets("fr")[2]  # the 9 m midibus
    p.update(b)


def _site_moved(p, tour):
    site = _used_site(p, tour)
    site.lon += 0.001
    p.update(site)


def _site_gate(p, tour):
    site = _used_site(p, tour)
    site.gate_lon, site.gate_lat = site.lon + 0.0002, site.lat
    p.update(site)


def _site_slots(p, tour):
    site = _used_site(p, tour)
    site.visit_slots = [TimeWindow(dt.time(10), dt.time(11))]
    p.update(site)


def _region(p, tour):
    p.set_region_name("autre-region")


def _latest_return(p, tour):
    tour.latest_return = dt.time(15, 0)
    p.update(tour)


def _driver_rules(p, tour):
    tour.driver_rules.max_driving_s = 3 * 3600
    p.update(tour)


def _group(p, tour):
    p.add(ParticipantGroup("Classe de 3e B", 28, tour_id=tour.id))


def _ambassador_availability(p, tour):
    amb = next(a for a in p.ambassadors() if a.site_ids & {s.site_id for s in p.stops(tour.id)})
    amb.availability = [Availability(dt.time(14), dt.time(15))]
    p.update(amb)


def _video_duration(p, tour):
    sites = {s.site_id for s in p.stops(tour.id)}
    video = next(v for v in p.videos() if v.site_id in sites)
    video.duration_s += 30
    p.update(video)


def _stop_removed(p, tour):
    p.delete(Stop, p.stops(tour.id)[-1].id)


OUTDATING = [_edit_stop_duration, _edit_window, _add_order_constraint, _bus_seats, _bus_vehicle, _site_moved,
             _site_gate, _site_slots, _region, _latest_return, _driver_rules, _group, _ambassador_availability,
             _video_duration, _stop_removed]


@pytest.mark.parametrize("edit", OUTDATING, ids=lambda f: f.__name__.strip("_"))
def test_edits_of_what_the_plan_depends_on_make_it_outdated(project, edit):
    tour = _tour(project)
    assert plan_status(project, tour.id).up_to_date
    edit(project, tour)
    status = plan_status(project, tour.id)
    assert status.state is PlanState.OUTDATED and status.stale and status.current != status.stored


def _site_description(p, tour):
    site = _used_site(p, tour)
    site.products, site.jobs, site.notes = "Autre chose", "Soudeur", "Note"
    site.talking_points = "Parler de l'alternance"
    site.contact_name, site.contact_phone, site.address = "M. Martin", "+33 6 00 00 00 00", "1 rue du Port"
    p.update(site)


def _site_renamed_and_marker_kind(p, tour):
    site = _used_site(p, tour)
    site.name = site.name + " (usine 2)"
    site.kind = entities.SiteKind.TRAINING_CENTRE
    p.update(site)


def _notes_and_contacts(p, tour):
    tour.notes, tour.audience = "Penser aux gilets", entities.Audience.GRAND_PUBLIC
    p.update(tour)
    stop = p.stops(tour.id)[0]
    stop.notes = "Entrée par le portail nord"
    p.update(stop)
    bus = p.buses(tour.id)[0]
    bus.name, bus.driver, bus.driver_phone, bus.operator = "Car bleu", "Jean", "+33 6", "Autocars du Rhône"
    bus.vehicle.name = "Autocar maison"
    p.update(bus)


def _other_places_and_people(p, tour):
    used = {s.site_id for s in p.stops(tour.id)} | {tour.start_site_id, tour.end_site_id}
    p.add(Site("Nouvelle entreprise", 15.62, 48.41))  # a site no stop uses
    amb = p.ambassadors()[0]
    amb.phone, amb.email, amb.organisation = "+33 6 99", "a@example.fr", "CCI"
    p.update(amb)
    video = p.videos()[0]
    video.title = "Nouveau titre"
    p.update(video)
    assert used  # (the tour's own sites were not touched)


NOT_OUTDATING = [_site_description, _site_renamed_and_marker_kind, _notes_and_contacts, _other_places_and_people]


@pytest.mark.parametrize("edit", NOT_OUTDATING, ids=lambda f: f.__name__.strip("_"))
def test_descriptions_names_and_notes_do_not(project, edit):
    tour = _tour(project)
    edit(project, tour)
    assert plan_status(project, tour.id).up_to_date


def test_putting_the_value_back_brings_the_plan_up_to_date_again(project):
    tour = _tour(project)
    stop = _first_stop(project, tour)
    before = stop.dwell_s
    _edit_stop_duration(project, tour)
    assert plan_status(project, tour.id).state is PlanState.OUTDATED
    stop.dwell_s = before
    project.update(stop)
    assert plan_status(project, tour.id).up_to_date


def test_the_state_survives_reopening(project):
    tour = _tour(project)
    _edit_window(project, tour)
    path = project.path
    project.close()
    with Project.open(path, read_only=True) as again:
        assert plan_status(again, tour.id).state is PlanState.OUTDATED
        plan = again.plan(tour.id)
    assert plan.inputs_fingerprint is not None


def test_an_old_plan_without_fingerprint_opens_and_is_of_unknown_state(project):
    tour = _tour(project)
    data = project.plan(tour.id).to_json_dict()
    del data["inputs_fingerprint"]  # as saved before plans had one
    old = Plan.from_json_dict(json.loads(json.dumps(data)))
    assert old.inputs_fingerprint is None and old.buses
    project.save_plan(old)
    path = project.path
    project.close()
    with Project.open(path, read_only=True) as again:
        loaded = again.plan(tour.id)
        status = plan_status(again, tour.id)
    assert loaded.inputs_fingerprint is None and loaded.buses == old.buses
    assert status.state is PlanState.UNKNOWN and status.stale and status.stored is None


def test_a_fingerprint_of_another_version_is_of_unknown_state(project):
    tour = _tour(project)
    plan = project.plan(tour.id)
    project.save_plan(dataclasses.replace(plan, inputs_fingerprint="v0:" + "0" * 64))
    assert plan_status(project, tour.id).state is PlanState.UNKNOWN


def test_a_plan_of_the_previous_road_model_is_outdated(project):
    """v1 plans were planned on the node-based roads without turn rules and with free-flow times."""
    tour = _tour(project)
    plan = project.plan(tour.id)
    project.save_plan(dataclasses.replace(plan, inputs_fingerprint="v1:" + plan.inputs_fingerprint[3:]))
    status = plan_status(project, tour.id)
    assert status.state is PlanState.OUTDATED and status.stale


def test_the_coach_time_model_of_a_bus_is_an_input_and_changes_the_times(project):
    tour = _tour(project)
    plan = project.plan(tour.id)
    [bus] = project.buses(tour.id)
    slow = dataclasses.replace(bus, vehicle=dataclasses.replace(bus.vehicle, stop_allowance_s=135.0))
    project.update(slow)
    assert plan_status(project, tour.id).state is PlanState.OUTDATED
    again = plan_tour(project, tour.id, time_limit_s=1)
    before = {(g.from_site_id, g.to_site_id): g.duration_s for g in plan.buses[0].legs}
    after = {(g.from_site_id, g.to_site_id): g.duration_s for g in again.buses[0].legs}
    common = [k for k in before if k in after and k[0] != k[1]]
    assert common and all(after[k] - before[k] == pytest.approx(120.0, abs=1.0) for k in common)
    with Project.open(project.path, read_only=True) as p:
        assert p.buses(tour.id)[0].vehicle.stop_allowance_s == 135.0   # stored and read back


def test_the_inputs_are_plain_json_and_the_fingerprint_is_stable(project):
    tour = _tour(project)
    inputs = plan_inputs(project, tour.id)
    assert json.loads(json.dumps(inputs)) == inputs
    assert inputs["region"] == "krems" and inputs["order"] is None
    assert str(tour.start_site_id) in inputs["sites"]
    assert all("name" not in s for s in inputs["sites"].values() if s)  # names are not inputs
    assert inputs_fingerprint(project, tour.id) == inputs_fingerprint(project, tour.id)


def test_plan_status_is_cheap(project):
    """Run after every edit: a few milliseconds on the demo (reading the rows, one hash)."""
    tour = _tour(project)
    plan = project.plan(tour.id)
    plan_status(project, tour.id, plan)
    start = time.perf_counter()
    for _ in range(20):
        plan_status(project, tour.id, plan)
    per_call = (time.perf_counter() - start) / 20
    assert per_call < 0.05, f"{per_call * 1000:.1f} ms"
