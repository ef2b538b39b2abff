"""Plan a tour: project -> road matrices -> solver -> :class:`app.model.plan.Plan`, stored.

No Qt. Long work: ``progress(fraction, label)`` and ``cancel`` as in
:mod:`routing.progress`. Times handed to the solver are seconds since local
midnight of the tour's date in the tour's time zone.

Buses of different vehicle profiles (height, weight, width, length, speed)
drive on different roads: one coach network, snap and matrix per distinct
profile, and each bus is scheduled and drawn on its own profile's roads.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Optional
from zoneinfo import ZoneInfo

import numpy as np

from app.model.rules import DAY_S, head_count, service_windows
from app.model.entities import Bus, LockKind, Site, SiteKind, StopKind, Tour, VehicleSpec
from app.model.plan import BusPlan, Cue, DroppedStop, Leg, Plan, PlannedStop, PlanWarning
from app.model.rules import people_on_board
from app.services.editing import new_bus
from app.services.plan_inputs import inputs_fingerprint
from routing import solver  # solver.Ambassador, solver.Precedence...: never confused with app.model's
from routing.errors import PlanningError
from routing.messages import Duration, Message, Spans
from routing.profile import VehicleProfile
from routing.progress import CancelToken, ProgressCallback, check, report

if TYPE_CHECKING:  # scipy-heavy: loaded with the region, not with this module
    from routing.network import CoachNetwork, Snap

DEFAULT_TIME_LIMIT_S = 5.0


def _secs(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def vehicle_profile(spec: VehicleSpec) -> VehicleProfile:
    """The routing profile of a bus's vehicle (equal specs give equal, shared profiles)."""
    return VehicleProfile(name=spec.name, height_m=spec.height_m, weight_t=spec.weight_t, width_m=spec.width_m,
                          length_m=spec.length_m, speed_factor=spec.speed_factor,
                          urban_speed_factor=spec.town_speed_factor, signal_delay_s=spec.signal_delay_s,
                          stop_allowance_s=spec.stop_allowance_s)


@dataclass
class Roads:
    """One vehicle profile's view of the tour's places (``place_sites`` order)."""

    profile: VehicleProfile
    net: "CoachNetwork"
    snaps: "list[Snap]"  # one per place
    matrices: solver.RoadMatrices


def _depots(tour: Tour, b: Bus) -> tuple[Optional[int], Optional[int]]:
    s = b.start_site_id if b.start_site_id is not None else tour.start_site_id
    e = b.end_site_id if b.end_site_id is not None else (tour.return_site_id if b.start_site_id is None else s)
    return s, e


def places(tour: Tour, buses: list, stops: list, sites: dict) -> list[int]:
    """Site ids of every depot and stop, each once: index i is row i of the matrices."""
    place_sites: list[int] = []
    for b in buses:
        for sid in _depots(tour, b):
            if sid is None:
                raise PlanningError("planning.bus_without_depot", tour=tour.name, bus=b.name)
            if sid not in place_sites:
                place_sites.append(sid)
    for s in stops:
        if s.site_id not in sites:
            raise PlanningError("planning.stop_site_missing", stop=s.id)
        if s.site_id not in place_sites:
            place_sites.append(s.site_id)
    return place_sites


def road_matrices(region, tour: Tour, buses: list, sites: dict, place_sites: list[int],
                  progress: Optional[ProgressCallback] = None,
                  cancel: Optional[CancelToken] = None) -> dict[VehicleProfile, Roads]:
    """Snaps and travel matrices per distinct vehicle profile of ``buses``.

    A place that does not snap for a profile is unreachable in its matrices,
    with the road engine's reason kept for the explanation. Raises
    :class:`PlanningError` when a bus's own depot does not snap for its profile.
    """
    profiles: list[VehicleProfile] = []
    for b in buses:
        p = vehicle_profile(b.vehicle)
        if p not in profiles:
            profiles.append(p)
    out: dict[VehicleProfile, Roads] = {}
    span = 0.25 / len(profiles)
    for n, prof in enumerate(profiles):
        lo = 0.05 + n * span
        report(progress, lo, "snap")
        net = region.network(prof)
        snaps = [net.snap(*sites[sid].routing_point, turnable=sites[sid].coach_turns) for sid in place_sites]
        for b in buses:
            if vehicle_profile(b.vehicle) != prof:
                continue
            for sid in _depots(tour, b):
                sn = snaps[place_sites.index(sid)]
                if not sn.ok:
                    raise PlanningError("planning.depot_unreachable", depot=sites[sid].name, bus=b.name,
                                        profile=prof.name, reason=sn.reason if sn.reason is not None else "")
        check(cancel)
        tm = net.matrix(snaps, progress=lambda f, l, lo=lo: report(progress, lo + span * f, l), cancel=cancel)
        dur = np.array(tm.duration_s, dtype=float)
        dist = np.array(tm.distance_m, dtype=float)
        unreachable = {}
        for i, sn in enumerate(snaps):  # a stop off this profile's network: unreachable, with the road engine's reason
            if not sn.ok:
                dur[i, :] = dur[:, i] = np.inf
                dist[i, :] = dist[:, i] = np.inf
                dur[i, i] = dist[i, i] = 0.0
                if sn.reason is not None:
                    unreachable[i] = sn.reason
        out[prof] = Roads(prof, net, snaps, solver.RoadMatrices(dur, dist, unreachable, prof.name))
        check(cancel)
    return out


def _site_capacities(buses: list, stops: list, sites: dict, participants: dict) -> tuple[solver.SiteCapacity, ...]:
    """One bus at a time where two groups exceed the company's capacity; visit slots where the site has some.

    ``participants``: bus id -> people on board from the start.
    """
    smallest = sorted(participants.values())
    pair = sum(smallest[:2])
    caps = []
    for sid in sorted({s.site_id for s in stops}):
        site: Site = sites[sid]
        one_at_a_time = (len(buses) > 1 and site.visit_capacity is not None and pair > site.visit_capacity)
        slots = tuple(solver.Window(w.start_s, w.end_s) for w in site.visit_slots)
        if one_at_a_time or slots:
            caps.append(solver.SiteCapacity(sid, one_at_a_time, slots))
    return tuple(caps)


def _start_windows(stop, ambassadors, day) -> tuple:
    """The solver's windows for ``stop``: when it may start (see app.model.rules.service_windows)."""
    windows, _why = service_windows(stop, ambassadors, day)
    if not stop.windows and windows == [(0.0, DAY_S)]:
        return ()  # any time
    return tuple(solver.Window(a, b) for a, b in windows)


def _stated_windows(stop, ambassadors, day) -> tuple:
    """The stop's own windows, for the solver's messages, when its start windows are them minus the
    dwell only (the whole stop inside): "does not fit in its hours 9 h–10 h 30", never "9 h–9 h 15".
    Empty when only the arrival counts, or when an ambassador's hours narrowed them too."""
    if not stop.windows or stop.arrival_only or stop.kind == StopKind.DRIVE_BY or stop.dwell_s <= 0:
        return ()
    if service_windows(stop, ambassadors, day) != service_windows(stop, (), day):
        return ()
    return tuple(solver.Window(w.start_s, w.end_s) for w in stop.windows)


def check_tour_day(tour: Tour, buses: list, groups: list) -> None:
    """Refuse a tour no plan can serve, saying why: a return before the departure, fewer seats
    than people (a 1-seat bus for 30 participants planned quietly before)."""
    if tour.latest_return <= tour.earliest_departure:
        raise PlanningError("planning.return_before_departure", tour=tour.name, departure=tour.earliest_departure,
                            back=tour.latest_return)
    people, seats = head_count(tour, groups), sum(max(0, b.seats) for b in buses)
    if people > seats:
        raise PlanningError("planning.not_enough_seats", tour=tour.name, people=people, seats=seats)
    for b in buses:
        aboard = sum(g.size for g in groups if g.bus_id == b.id)
        if aboard > b.seats:
            raise PlanningError("planning.bus_overfull", bus=b.name, people=aboard, seats=b.seats)


def unfit_stops(project, tour: Tour, stops: list, sites: dict) -> dict:
    """Stops that cannot happen whatever the route, with the reason: a visit longer than its
    company's opening, or a presentation when none of the ambassadors who can give it is there."""
    people = project.ambassadors()
    out = {}
    for s in stops:
        windows, why = service_windows(s, people, tour.date)
        if why is None:
            continue
        name = sites[s.site_id].name
        spans = Spans([(w.start_s, w.end_s) for w in s.windows])
        if why == "window_too_short":
            out[s.id] = Message("planning.visit_longer_than_window", stop=name, visit=Duration(s.dwell_s),
                                windows=spans)
        else:
            able = [a.name for a in people if s.site_id in a.site_ids]
            out[s.id] = Message("planning.no_ambassador_available", stop=name, ambassadors=able,
                                windows=Message("planning.in_windows", windows=spans) if s.windows
                                else Message("planning.any_time"))
    return out


def build_problem(project, tour: Tour, buses: list, stops: list, sites: dict, place_sites: list[int],
                  roads: dict[VehicleProfile, Roads], keep_order: bool = False) -> solver.Problem:
    """The solver's problem for ``tour`` (previous plan, if any, seeds the search)."""
    idx = {sid: i for i, sid in enumerate(place_sites)}
    participants = people_on_board(tour, buses, project.groups(tour.id))
    rules = tour.driver_rules
    vehicles = []
    for b in buses:
        s, e = _depots(tour, b)
        leave = _secs(tour.earliest_departure)
        vehicles.append(solver.Vehicle(b.id, idx[s], idx[e], leave, _secs(tour.latest_return),
                                       seats=b.seats, participants=participants[b.id], max_duty_s=rules.max_duty_s,
                                       # a meeting time: the bus leaves then, and waits where the windows need it
                                       latest_departure_s=leave if tour.departure_fixed else None,
                                       name=b.name, profile=vehicle_profile(b.vehicle)))
    lock_map = {LockKind.FIRST: solver.Lock.FIRST, LockKind.LAST: solver.Lock.LAST, LockKind.INDEX: solver.Lock.INDEX}
    nodes = []
    people = project.ambassadors()
    for s in stops:
        site = sites[s.site_id]
        nodes.append(solver.Node(
            s.id, idx[s.site_id], solver.NodeKind(s.kind.value),
            0.0 if s.kind == StopKind.DRIVE_BY else float(s.dwell_s),
            _start_windows(s, people, tour.date), s.required, s.priority,
            lock_map.get(s.lock), s.lock_index, frozenset({s.bus_id}) if s.bus_id is not None else None,
            s.site_id, site.name, site.visit_capacity if s.kind == StopKind.VISIT else None,
            stated_windows=_stated_windows(s, people, tour.date)))
    ambassadors = []
    for a in project.ambassadors():
        wins = tuple(solver.Window(_secs(av.start), _secs(av.end)) for av in a.availability
                     if av.day is None or av.day == tour.date)
        if a.availability and not wins:
            continue  # not available that day
        ambassadors.append(solver.Ambassador(a.id, frozenset(a.site_ids), wins, a.name))
    # the solver places the part played on the bus (trim in to out); to_plan shifts the cues' trims back
    videos = tuple(solver.Video(v.id, v.site_id, float(v.play_s), v.title) for v in project.videos()
                   if v.site_id is not None)
    keep = None
    if keep_order:
        keep = {b.id: [] for b in buses}
        for s in stops:
            keep[s.bus_id if s.bus_id in keep else buses[0].id].append(s.id)
    known = {s.id for s in stops}
    old = project.plan(tour.id)
    previous = None
    if old is not None:
        previous = {bp.bus_id: [ps.stop_id for ps in bp.stops if ps.stop_id in known] for bp in old.buses}
    precs = tuple(solver.Precedence(p.before_stop_id, p.after_stop_id) for p in project.precedences(tour.id)
                  if p.before_stop_id in known and p.after_stop_id in known)
    first = roads[vehicles[0].profile].matrices
    return solver.Problem(
        first.duration_s, first.distance_m, tuple(nodes), tuple(vehicles), precs,
        driver_rules=solver.DriverRules(True, rules.max_driving_s, rules.break_s, rules.split_break_s[0],
                                        rules.split_break_s[1]),
        objective=solver.Objective(tour.objective.value), ambassadors=tuple(ambassadors), videos=videos,
        site_capacities=_site_capacities(buses, stops, sites, participants), keep_order=keep, previous=previous,
        profiles={p: r.matrices for p, r in roads.items()}, unreachable=first.unreachable)


def plan_tour(project, tour_id: int, *, keep_order: bool = False, time_limit_s: float = DEFAULT_TIME_LIMIT_S,
              progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
              now: Optional[dt.datetime] = None, save: bool = True,
              start_points: Optional[dict] = None, done_stop_ids: Optional[set] = None) -> Plan:
    """Plan tour ``tour_id`` of ``project`` and store the plan (unless ``save`` is False).

    ``now`` (timezone-aware): re-plan from now: stops the current plan has
    already left are done, each bus starts where it last left, the current
    order seeds the search. With ``start_points`` (bus id -> (lon, lat), the tour day's
    GPS position) those buses start from there instead, and ``done_stop_ids`` (what the
    tour day logged as done, passed or skipped) replaces "already left"; such a plan's first
    leg starts at a place that is no site (``from_site_id`` is None).
    Raises :class:`PlanningError` on bad input.
    """
    from routing.regions import load_region

    tour: Tour = project.get(Tour, tour_id)
    tz = ZoneInfo(tour.timezone)
    midnight = dt.datetime.combine(tour.date, dt.time(0), tzinfo=tz)
    sites = {s.id: s for s in project.sites()}
    buses = project.buses(tour_id) or [new_bus(tour_id, 0)]  # named from the catalog, like a bus added by hand
    stops = sorted(project.stops(tour_id), key=lambda s: (s.position, s.id))
    if not stops:
        raise PlanningError("planning.no_stop", tour=tour.name)
    check_tour_day(tour, buses, project.groups(tour_id))
    region_name = project.region_name
    if not region_name:
        raise PlanningError("planning.no_region")
    place_sites = places(tour, buses, stops, sites)
    here: dict = {}  # bus id -> the transient place where it is now (negative ids: no site of the project)
    for k, (bus_id, (lon, lat)) in enumerate((start_points or {}).items()):
        here[bus_id] = -(k + 1)
        sites[here[bus_id]] = Site(name="", lon=float(lon), lat=float(lat), kind=SiteKind.OTHER, id=here[bus_id])
        place_sites.append(here[bus_id])
    fingerprint = inputs_fingerprint(project, tour_id, keep_order)  # what this plan is computed from
    report(progress, 0.0, "region")
    region = load_region(region_name)
    check(cancel)
    roads = road_matrices(region, tour, buses, sites, place_sites, progress, cancel)
    unfit = unfit_stops(project, tour, stops, sites)  # cannot happen whatever the route: said, not searched
    if len(unfit) == len(stops):
        raise PlanningError(next(iter(unfit.values())))
    stops = [s for s in stops if s.id not in unfit]
    problem = build_problem(project, tour, buses, stops, sites, place_sites, roads, keep_order)
    old = project.plan(tour_id)
    if now is not None and old is not None:
        idx = {sid: i for i, sid in enumerate(place_sites)}
        now_s = (now.astimezone(tz) - midnight).total_seconds()
        done, positions = [], {}
        for bp in old.buses:
            for ps in bp.stops:
                if ps.stop_id is not None and ps.departure <= now:
                    done.append(ps.stop_id)
                    positions[bp.bus_id] = idx[ps.site_id]
        if done_stop_ids is not None:
            done = list(done_stop_ids)
        positions.update({bus_id: idx[sid] for bus_id, sid in here.items()})
        problem = solver.replan_problem(problem, now_s=now_s, positions=positions, done=done, previous=problem.previous)
    report(progress, 0.3, "solve")
    sol = solver.solve(problem, time_limit_s=time_limit_s, cancel=cancel,
                progress=lambda f, l: report(progress, 0.3 + 0.6 * f, l))
    report(progress, 0.9, "geometry")
    roads_of = {b.id: roads[vehicle_profile(b.vehicle)] for b in buses}
    plan = to_plan(sol, tour, buses, stops, sites, place_sites, roads_of, midnight, keep_order,
                   {v.id: v for v in project.videos()})
    if unfit:
        unfit_rows = [st for st in project.stops(tour_id) if st.id in unfit]
        plan = replace(plan, dropped=plan.dropped + tuple(
            DroppedStop(st.id, st.site_id, unfit[st.id], bool(st.required)) for st in unfit_rows))
    plan = replace(plan, inputs_fingerprint=fingerprint)
    if save:
        record_plan(project, plan)
    report(progress, 1.0, "done")
    return plan


def _file_trims(cue: Cue, video) -> Cue:
    """``cue`` with its trims in the file's time: the solver cut the part from the trim-in point."""
    if video is None or (not video.trim_in_s and video.trim_out_s is None):
        return cue
    start = cue.trim_start_s + video.trim_in_s
    if cue.trim_end_s is not None:
        end = cue.trim_end_s + video.trim_in_s
    else:
        end = video.trim_out_s if video.trim_out_s is not None and video.trim_out_s < video.duration_s else None
    return replace(cue, trim_start_s=start, trim_end_s=end)


def to_plan(sol: solver.Solution, tour: Tour, buses, stops, sites: dict, place_sites: list, roads_of: dict,
            midnight: dt.datetime, keep_order: bool, videos: Optional[dict] = None) -> Plan:
    """The solver's answer as the app's Plan value object.

    ``videos`` (id -> Video): the solver placed each video's part between its trim points; the
    cues' trims are shifted back into the file's own time.

    ``roads_of`` maps a bus id to its profile's :class:`Roads`: each leg's
    geometry is drawn on the roads that bus may use.
    """
    at = lambda s: midnight + dt.timedelta(seconds=float(s))  # noqa: E731
    stop_by_id = {s.id: s for s in stops}
    bus_by_id = {b.id: b for b in buses}
    geo_cache: dict = {}
    road_notes: dict = {}
    leg_notes: list[PlanWarning] = []

    def geometry(roads: Roads, i: int, j: int):
        if i == j:
            return ()
        key = (roads.profile, i, j)
        if key not in geo_cache:
            try:
                path = roads.net.leg(roads.snaps[i], roads.snaps[j])
                geo_cache[key] = tuple(tuple(p) for p in path.coords)
                road_notes[key] = path.warnings
            except Exception:  # noqa: BLE001 - a missing geometry must not lose the plan
                geo_cache[key] = ()
        return geo_cache[key]

    def notes(roads: Roads, i: int, j: int, bus_id: int) -> list[PlanWarning]:
        """What the road engine says of a leg (an hgv=no road, a turn where the map ends)."""
        frm, to = place_sites[i], place_sites[j]
        return [PlanWarning("road", Message("planning.leg_road_note", origin=sites[frm].name,
                                            destination=sites[to].name, note=w), None, to, bus_id)
                for w in road_notes.get((roads.profile, i, j), ())]

    bus_plans = []
    for bs in sol.buses:
        b = bus_by_id[bs.bus_id]
        roads = roads_of[bs.bus_id]
        pstops, legs = [], []
        inserted = {br.before_leg: br for br in bs.breaks if br.inserted and br.index >= 0}
        seq = 1
        for k, leg in enumerate(bs.legs):
            if k in inserted:  # a driver break where the bus stands: a planner-made stop, zero-length leg
                br = inserted[k]
                site_id = place_sites[br.index]
                pstops.append(PlannedStop(seq, None, site_id, "break", at(br.start_s), at(br.start_s + br.duration_s),
                                          name=sites[site_id].name))
                seq += 1
                legs.append(Leg(site_id, site_id, at(br.start_s), at(br.start_s), 0.0, 0.0, (), leg.on_board))
            frm, to = place_sites[leg.from_index], place_sites[leg.to_index]
            legs.append(Leg(frm, to, at(leg.departure_s), at(leg.arrival_s), leg.duration_s, leg.distance_m,
                            geometry(roads, leg.from_index, leg.to_index), tuple(leg.on_board)))
            leg_notes.extend(n for n in notes(roads, leg.from_index, leg.to_index, b.id) if n not in leg_notes)
            if k < len(bs.stops):
                s = bs.stops[k]
                st = stop_by_id[s.node_id]
                pstops.append(PlannedStop(seq, st.id, st.site_id, st.kind.value, at(s.arrival_s), at(s.departure_s),
                                          s.wait_s, s.slack_s, s.ambassador_id, sites[st.site_id].name))
                seq += 1
        cues = tuple(_file_trims(Cue(c.video_id, c.site, c.leg_index + sum(1 for kk in inserted if kk <= c.leg_index),
                                     at(c.start_s), c.offset_s, c.trim_start_s, c.trim_end_s, c.title),
                                 (videos or {}).get(c.video_id)) for c in bs.cues)
        start_site = place_sites[bs.legs[0].from_index] if bs.legs else None
        end_site = place_sites[bs.legs[-1].to_index] if bs.legs else None
        bus_plans.append(BusPlan(b.id, b.name, start_site, end_site, at(bs.departure_s), at(bs.return_s),
                                 tuple(pstops), tuple(legs), cues))
    dropped = tuple(DroppedStop(d.node_id, stop_by_id[d.node_id].site_id, d.reason, bool(d.required))
                    for d in sol.dropped)
    warnings = tuple(
        PlanWarning(w.code, w.message, w.node_id if w.node_id in stop_by_id else None,
                    stop_by_id[w.node_id].site_id if w.node_id in stop_by_id else None, w.bus_id, w.severity)
        for w in sol.warnings) + tuple(leg_notes)
    stats = {k: (float(v) if isinstance(v, (np.floating,)) else v) for k, v in sol.stats.items()}
    return Plan(tour.id, dt.datetime.now(tz=midnight.tzinfo), tuple(bus_plans), dropped, warnings,
                float(sol.objective_value), keep_order, stats)


def record_plan(project, plan: Plan) -> None:
    """Store ``plan`` as its tour's plan: the one place a plan is saved (GUI and CLI alike)."""
    project.save_plan(plan)
