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
from app.model.programme import Layout, lay_out
from app.model.rules import people_on_board, seat_groups
from app.services.editing import new_bus
from app.services.event_pins import PIN_LEEWAY_S
from app.services.event_pins import pins as event_pins
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


RECEPTION_CHANGEOVER_S = 5 * 60  # between two buses' visits of a company: one group out, the next in
RECEPTION_LEEWAY_S = 15 * 60  # a reception time is a quarter of an hour wide: the bus need not be exact


def _reception_grid(site_stops: list, layout: Layout, tour: Tour, pins: dict) -> tuple[solver.Window, ...]:
    """Reception times for a company that hosts one bus at a time on an event day: a visit starts
    within a quarter of an hour of a reception time; reception times are one longest stay (every
    turn), that quarter and a changeover apart, from the company's earliest opening to its latest
    closing. Each hosts one bus, so two buses' visits never overlap, and a bus that comes second
    waits for its time instead of losing the visit. A start the organiser fixed (``pins``) is a
    reception time of its own, the others fall around it."""
    ids = {s.id for s in site_stops}
    stays = [v.dwell_s for v in layout.visits if v.stop_id in ids]
    step = max(stays, default=0) + RECEPTION_LEEWAY_S + RECEPTION_CHANGEOVER_S
    wins = [w for s in site_stops for w in s.windows]
    if any(not s.windows for s in site_stops) or not wins:
        lo, hi = _secs(tour.earliest_departure), _secs(tour.latest_return)
    else:
        lo, hi = min(w.start_s for w in wins), max(w.end_s for w in wins)
    fixed = sorted(t for (sid, _b), t in pins.items() if sid in ids)
    out, t = [], float(lo)
    while len(out) < 200:
        nxt = next((p for p in fixed if p < t + step), None)  # a fixed time this reception would overlap
        if nxt is not None:
            fixed.remove(nxt)
            out.append(solver.Window(nxt, nxt + PIN_LEEWAY_S))
            t = max(t, nxt + step)
            continue
        if t > hi:
            break
        out.append(solver.Window(t, min(t + RECEPTION_LEEWAY_S, hi)))
        t += step
    return tuple(sorted(out, key=lambda w: w.start_s))


def _site_capacities(buses: list, stops: list, sites: dict, participants: dict,
                     layout: Optional[Layout] = None, tour: Optional[Tour] = None,
                     pins: Optional[dict] = None) -> tuple[solver.SiteCapacity, ...]:
    """One bus at a time where two buses' people would exceed the company's capacity; visit slots where
    the site has some.

    ``participants``: bus id -> people on board from the start. With a ``layout`` (event days) the
    people a bus brings at once to a company are its largest turn there; the two largest loads
    decide, so the company never receives more than it can at once.
    """
    caps = []
    for sid in sorted({s.site_id for s in stops}):
        site: Site = sites[sid]
        if layout is not None:
            stop_ids = {s.id for s in stops if s.site_id == sid}
            loads = sorted((v.at_once for v in layout.visits if v.stop_id in stop_ids), reverse=True)
        else:
            loads = sorted(participants.values(), reverse=True) if len(buses) > 1 else []
        pair = sum(loads[:2]) if len(loads) > 1 else 0
        one_at_a_time = site.visit_capacity is not None and pair > site.visit_capacity
        slots = tuple(solver.Window(w.start_s, w.end_s) for w in site.visit_slots)
        if one_at_a_time and not slots and layout is not None:
            slots = _reception_grid([s for s in stops if s.site_id == sid], layout, tour, pins or {})
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
    where = seat_groups(buses, groups)
    for b in buses:
        mine = [g for g in groups if where.get(g.id) == b.id]
        aboard = sum(g.people for g in mine)
        if aboard > b.seats:
            if all(g.bus_id == b.id for g in mine):
                raise PlanningError("planning.bus_overfull", bus=b.name, people=aboard, seats=b.seats)
            # the groups fit in the seats as a whole, not group by group: the organiser decides who goes where
            raise PlanningError("planning.groups_do_not_fit", bus=b.name, people=aboard, seats=b.seats,
                                groups=[g.name for g in mine])


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


def node_stop(node_id) -> int:
    """The stop id of a solver node: the stop itself, or (stop id, bus id) on event days."""
    return node_id[0] if isinstance(node_id, tuple) else node_id


CHOICE_ROUNDS = 2  # re-plans with other choices when chosen visits do not fit (each at half the time)


def event_layout(project, tour: Tour, buses: list, stops: list, sites: dict,
                 avoid: frozenset = frozenset()) -> Optional[Layout]:
    """The tour's layout when it has participant groups (every group makes its programme), else None
    (each stop once, by any bus). ``avoid``: (bus id, stop id) choices not to make."""
    groups = project.groups(tour.id)
    return lay_out(buses, stops, groups, sites, avoid) if groups else None


def unfit_services(project, tour: Tour, layout: Layout, stops: list, sites: dict, buses: list) -> dict:
    """Visits of one bus that cannot happen whatever the route: its groups' turns at the company last
    longer than the company's opening. (stop id, bus id) -> reason."""
    stop_by_id = {s.id: s for s in stops}
    bus_name = {b.id: b.name for b in buses}
    people = project.ambassadors()
    out = {}
    for v in layout.visits:
        s = stop_by_id[v.stop_id]
        if v.turns <= 1 or not s.windows:
            continue
        _windows, why = service_windows(replace(s, dwell_s=v.dwell_s), people, tour.date)
        if why == "window_too_short":
            out[(v.stop_id, v.bus_id)] = Message(
                "programme.turns_longer_than_window", stop=sites[s.site_id].name, bus=bus_name[v.bus_id],
                people=v.people, capacity=sites[s.site_id].visit_capacity, turns=v.turns,
                visit=Duration(s.dwell_s), total=Duration(v.dwell_s),
                windows=Spans([(w.start_s, w.end_s) for w in s.windows]))
    return out


def build_problem(project, tour: Tour, buses: list, stops: list, sites: dict, place_sites: list[int],
                  roads: dict[VehicleProfile, Roads], keep_order: bool = False,
                  layout: Optional[Layout] = None, skip: frozenset = frozenset(),
                  pins: Optional[dict] = None) -> solver.Problem:
    """The solver's problem for ``tour`` (previous plan, if any, seeds the search).

    Without ``layout`` a node is a stop, served once by any bus. With one (event days) a node
    is one bus's service of a stop, ``(stop id, bus id)``, for that bus's groups, staying for
    every turn of them; ``skip`` lists the services left out up front; ``pins`` ((stop id, bus id) ->
    start, seconds) the starts the organiser fixed in the event grid.
    """
    pins = pins or {}
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
    people = project.ambassadors()
    stop_by_id = {s.id: s for s in stops}
    bus_name = {b.id: b.name for b in buses}
    if layout is None:
        services = [(s.id, None) for s in stops]
    else:
        services = [(sid, b) for sid, b in layout.services() if sid in stop_by_id and (sid, b) not in skip]
        services.sort(key=lambda sb: ([b.id for b in buses].index(sb[1]), stops.index(stop_by_id[sb[0]])))
    named_by_bus = layout is not None and len({b for _, b in services}) > 1
    nodes = []
    for sid, bus_id in services:
        s = stop_by_id[sid]
        site = sites[s.site_id]
        visit = layout.visit(sid, bus_id) if layout is not None else None
        if visit is not None:
            s = replace(s, dwell_s=visit.dwell_s)  # the bus stays for every turn
        node_id = sid if bus_id is None else (sid, bus_id)
        allowed = frozenset({bus_id}) if bus_id is not None else (
            frozenset({s.bus_id}) if s.bus_id is not None else None)
        name = f"{site.name} ({bus_name[bus_id]})" if named_by_bus else site.name
        pinned = pins.get((sid, bus_id))
        nodes.append(solver.Node(
            node_id, idx[s.site_id], solver.NodeKind(s.kind.value),
            0.0 if s.kind == StopKind.DRIVE_BY else float(s.dwell_s),
            (solver.Window(pinned, pinned + PIN_LEEWAY_S),) if pinned is not None
            else _start_windows(s, people, tour.date), s.required if visit is None or not visit.visitors else True,
            s.priority, lock_map.get(s.lock), s.lock_index, allowed,
            # turns already keep each company within its capacity on event days
            s.site_id, name, site.visit_capacity if s.kind == StopKind.VISIT and layout is None else None,
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
    node_ids = [nd.id for nd in nodes]
    keep = None
    if keep_order:
        keep = {b.id: [] for b in buses}
        for nd, (sid, bus_id) in zip(nodes, services):
            owner = bus_id if bus_id is not None else stop_by_id[sid].bus_id
            keep[owner if owner in keep else buses[0].id].append(nd.id)
    known = set(node_ids)
    old = project.plan(tour.id)
    previous = None
    if old is not None:
        previous = {}
        for bp in old.buses:
            ids = [ps.stop_id if layout is None else (ps.stop_id, bp.bus_id) for ps in bp.stops]
            previous[bp.bus_id] = [n for n in ids if n in known]
    precs = []
    for p in project.precedences(tour.id):
        if layout is None:
            pairs = [(p.before_stop_id, p.after_stop_id)]
        else:  # on each bus serving both
            pairs = [((p.before_stop_id, b.id), (p.after_stop_id, b.id)) for b in buses]
        precs += [solver.Precedence(a, b) for a, b in pairs if a in known and b in known]
    first = roads[vehicles[0].profile].matrices
    return solver.Problem(
        first.duration_s, first.distance_m, tuple(nodes), tuple(vehicles), tuple(precs),
        driver_rules=solver.DriverRules(True, rules.max_driving_s, rules.break_s, rules.split_break_s[0],
                                        rules.split_break_s[1]),
        objective=solver.Objective(tour.objective.value), ambassadors=tuple(ambassadors), videos=videos,
        site_capacities=_site_capacities(buses, stops, sites, participants, layout, tour, pins), keep_order=keep,
        previous=previous, profiles={p: r.matrices for p, r in roads.items()}, unreachable=first.unreachable)


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
    layout = event_layout(project, tour, buses, stops, sites)
    unfit_by_bus = unfit_services(project, tour, layout, stops, sites, buses) if layout is not None else {}
    fixed = event_pins(project, tour_id) if layout is not None else {}
    problem = build_problem(project, tour, buses, stops, sites, place_sites, roads, keep_order, layout,
                            frozenset(unfit_by_bus), fixed)
    old = project.plan(tour_id)
    if now is not None and old is not None:
        idx = {sid: i for i, sid in enumerate(place_sites)}
        now_s = (now.astimezone(tz) - midnight).total_seconds()
        done, positions = [], {}
        for bp in old.buses:
            for ps in bp.stops:
                if ps.stop_id is not None and ps.departure <= now:
                    done.append(ps.stop_id if layout is None else (ps.stop_id, bp.bus_id))
                    positions[bp.bus_id] = idx[ps.site_id]
        if done_stop_ids is not None:
            if layout is None:
                done = list(done_stop_ids)
            else:  # the tour day's bus: what it logged; the others: what they have left by now
                done = [n for n in done if n[1] not in here] + [
                    (sid, b) for b in here for sid in done_stop_ids]
        positions.update({bus_id: idx[sid] for bus_id, sid in here.items()})
        known = {nd.id for nd in problem.nodes}
        done = [n for n in done if n in known]
        problem = solver.replan_problem(problem, now_s=now_s, positions=positions, done=done, previous=problem.previous)
    report(progress, 0.3, "solve")
    sol = solver.solve(problem, time_limit_s=time_limit_s, cancel=cancel,
                progress=lambda f, l: report(progress, 0.3 + 0.6 * f, l))
    avoid: set = set()
    for _round in range(CHOICE_ROUNDS if layout is not None and layout.chosen and now is None else 0):
        # a visit chosen among a group's choices that the plan could not fit: choose another company
        missed = {d.node_id[::-1] for d in sol.dropped if isinstance(d.node_id, tuple)}
        retry = {(b, sid) for b, sid in missed if any(sid in layout.chosen.get(g, ()) for g, gb in
                                                        layout.seating.items() if gb == b)} - avoid
        if not retry:
            break
        avoid |= retry
        layout2 = event_layout(project, tour, buses, stops, sites, frozenset(avoid))
        if layout2.chosen == layout.chosen:
            break
        unfit2 = unfit_services(project, tour, layout2, stops, sites, buses)
        problem2 = build_problem(project, tour, buses, stops, sites, place_sites, roads, keep_order, layout2,
                                 frozenset(unfit2), fixed)
        sol2 = solver.solve(problem2, time_limit_s=time_limit_s / 2, cancel=cancel)
        lost = lambda x, u: sum(1 for d in x.dropped if d.required) + len(u)  # noqa: E731
        if lost(sol2, unfit2) >= lost(sol, unfit_by_bus):
            break
        layout, unfit_by_bus, problem, sol = layout2, unfit2, problem2, sol2
    report(progress, 0.9, "geometry")
    roads_of = {b.id: roads[vehicle_profile(b.vehicle)] for b in buses}
    plan = to_plan(sol, tour, buses, stops, sites, place_sites, roads_of, midnight, keep_order,
                   {v.id: v for v in project.videos()}, layout)
    if unfit:
        unfit_rows = [st for st in project.stops(tour_id) if st.id in unfit]
        plan = replace(plan, dropped=plan.dropped + tuple(
            DroppedStop(st.id, st.site_id, unfit[st.id], bool(st.required)) for st in unfit_rows))
    if unfit_by_bus:
        stop_by_id = {st.id: st for st in stops}
        plan = replace(plan, dropped=plan.dropped + tuple(
            DroppedStop(sid, stop_by_id[sid].site_id, why, True, b) for (sid, b), why in unfit_by_bus.items()))
    plan = replace(plan, warnings=plan.warnings + idle_bus_warnings(plan, tour, buses, project.groups(tour_id),
                                                                    layout))
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


def idle_bus_warnings(plan: Plan, tour: Tour, buses: list, groups: list, layout: Optional[Layout]
                      ) -> tuple[PlanWarning, ...]:
    """A bus carrying people never stays at the depot silently: a warning for each with no stop,
    saying why (its visits were dropped, or the other buses serve every stop), and the layout's own
    notes (a group with an empty programme, visits in turns, a bus nobody rides)."""
    out = [] if layout is None else [PlanWarning(n.code, n.message, n.stop_id, None, n.bus_id, n.severity)
                                     for n in layout.notes]
    aboard = people_on_board(tour, buses, groups)
    for bp in plan.buses:
        if bp.stops or not aboard.get(bp.bus_id):
            continue
        lost = [d for d in plan.dropped if d.bus_id == bp.bus_id]
        if lost:
            msg = Message("planning.bus_without_stop_dropped", bus=bp.bus_name, people=aboard[bp.bus_id],
                          count=len(lost))
        elif layout is None:
            msg = Message("planning.bus_without_stop_shared", bus=bp.bus_name, people=aboard[bp.bus_id])
        else:
            msg = Message("planning.bus_without_stop", bus=bp.bus_name, people=aboard[bp.bus_id])
        out.append(PlanWarning("bus_without_stop", msg, None, None, bp.bus_id, "error"))
    return tuple(out)


def to_plan(sol: solver.Solution, tour: Tour, buses, stops, sites: dict, place_sites: list, roads_of: dict,
            midnight: dt.datetime, keep_order: bool, videos: Optional[dict] = None,
            layout: Optional[Layout] = None) -> Plan:
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
                st = stop_by_id[node_stop(s.node_id)]
                visit = layout.visit(st.id, b.id) if layout is not None else None
                pstops.append(PlannedStop(seq, st.id, st.site_id, st.kind.value, at(s.arrival_s), at(s.departure_s),
                                          s.wait_s, s.slack_s, s.ambassador_id, sites[st.site_id].name,
                                          visit.visitors if visit else (), visit.turns if visit else 1))
                seq += 1
        cues = tuple(_file_trims(Cue(c.video_id, c.site, c.leg_index + sum(1 for kk in inserted if kk <= c.leg_index),
                                     at(c.start_s), c.offset_s, c.trim_start_s, c.trim_end_s, c.title),
                                 (videos or {}).get(c.video_id)) for c in bs.cues)
        start_site = place_sites[bs.legs[0].from_index] if bs.legs else None
        end_site = place_sites[bs.legs[-1].to_index] if bs.legs else None
        bus_plans.append(BusPlan(b.id, b.name, start_site, end_site, at(bs.departure_s), at(bs.return_s),
                                 tuple(pstops), tuple(legs), cues))
    dropped = tuple(DroppedStop(node_stop(d.node_id), stop_by_id[node_stop(d.node_id)].site_id, d.reason,
                                bool(d.required), d.node_id[1] if isinstance(d.node_id, tuple) else None)
                    for d in sol.dropped)

    def stop_of(node_id):
        sid = node_stop(node_id) if node_id is not None else None
        return stop_by_id.get(sid)

    warnings = tuple(
        PlanWarning(w.code, w.message, stop_of(w.node_id).id if stop_of(w.node_id) else None,
                    stop_of(w.node_id).site_id if stop_of(w.node_id) else None,
                    w.bus_id if w.bus_id is not None or not isinstance(w.node_id, tuple) else w.node_id[1],
                    w.severity)
        for w in sol.warnings) + tuple(leg_notes)
    stats = {k: (float(v) if isinstance(v, (np.floating,)) else v) for k, v in sol.stats.items()}
    return Plan(tour.id, dt.datetime.now(tz=midnight.tzinfo), tuple(bus_plans), dropped, warnings,
                float(sol.objective_value), keep_order, stats)


def record_plan(project, plan: Plan) -> None:
    """Store ``plan`` as its tour's plan: the one place a plan is saved (GUI and CLI alike)."""
    project.save_plan(plan)
