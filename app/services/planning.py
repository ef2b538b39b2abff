"""Plan a tour: project -> road matrix -> solver -> :class:`app.model.plan.Plan`, stored.

No Qt. Long work: ``progress(fraction, label)`` and ``cancel`` as in
:mod:`routing.progress`. Times handed to the solver are seconds since local
midnight of the tour's date in the tour's time zone.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Optional
from zoneinfo import ZoneInfo

import numpy as np

from app.model.entities import Bus, LockKind, Site, StopKind, Tour
from app.model.plan import BusPlan, Cue, DroppedStop, Leg, Plan, PlannedStop, PlanWarning
from routing.errors import Message, PlanningError
from routing.profile import VehicleProfile
from routing.progress import CancelToken, ProgressCallback, check, report
from routing.solver import (Ambassador, DriverRules, Lock, Node, NodeKind, Objective, Problem, SiteCapacity,
                            Solution, Vehicle, Video, Window, replan_problem, solve)

DEFAULT_TIME_LIMIT_S = 5.0


def _secs(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def plan_tour(project, tour_id: int, *, keep_order: bool = False, time_limit_s: float = DEFAULT_TIME_LIMIT_S,
              progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
              now: Optional[dt.datetime] = None, save: bool = True) -> Plan:
    """Plan tour ``tour_id`` of ``project`` and store the plan (unless ``save`` is False).

    ``now`` (timezone-aware): re-plan from now: stops the current plan has
    already left are done, each bus starts where it last left, the current
    order seeds the search. Raises :class:`PlanningError` on bad input.
    """
    from routing.regions import load_region

    tour: Tour = project.get(Tour, tour_id)
    tz = ZoneInfo(tour.timezone)
    midnight = dt.datetime.combine(tour.date, dt.time(0), tzinfo=tz)
    sites = {s.id: s for s in project.sites()}
    buses = project.buses(tour_id) or [Bus(name="Car 1", tour_id=tour_id, id=None)]
    stops = sorted(project.stops(tour_id), key=lambda s: (s.position, s.id))
    if not stops:
        raise PlanningError(Message(f"Tour {tour.name} has no stop to plan.",
                                    f"La tournée {tour.name} n'a aucun arrêt à planifier."))
    region_name = project.region_name
    if not region_name:
        raise PlanningError(Message("The project has no road region: import or choose one first.",
                                    "Le projet n'a pas de région routière : importez-en ou choisissez-en une."))
    report(progress, 0.0, "region")
    region = load_region(region_name)
    check(cancel)
    v0 = buses[0].vehicle
    profile = VehicleProfile(name=v0.name, height_m=v0.height_m, weight_t=v0.weight_t, width_m=v0.width_m,
                             length_m=v0.length_m, speed_factor=v0.speed_factor)
    net = region.network(profile)

    def depots(b: Bus) -> tuple[Optional[int], Optional[int]]:
        s = b.start_site_id if b.start_site_id is not None else tour.start_site_id
        e = b.end_site_id if b.end_site_id is not None else (tour.return_site_id if b.start_site_id is None else s)
        return s, e

    place_sites: list[int] = []
    for b in buses:
        for sid in depots(b):
            if sid is None:
                raise PlanningError(Message(f"Tour {tour.name}: bus {b.name} has no start or end depot.",
                                            f"Tournée {tour.name} : le car {b.name} n'a pas de dépôt de départ ou d'arrivée."))
            if sid not in place_sites:
                place_sites.append(sid)
    for s in stops:
        if s.site_id not in sites:
            raise PlanningError(Message(f"Stop {s.id} refers to a missing site.", f"L'arrêt {s.id} désigne un site absent."))
        if s.site_id not in place_sites:
            place_sites.append(s.site_id)
    report(progress, 0.05, "snap")
    snaps = [net.snap(*sites[sid].routing_point) for sid in place_sites]
    for sid, sn in zip(place_sites, snaps):
        if not sn.ok and any(sid in depots(b) for b in buses):
            why = sn.reason.en if sn.reason else ""
            why_fr = sn.reason.fr if sn.reason else ""
            raise PlanningError(Message(f"Depot {sites[sid].name} cannot be reached by coach. {why}",
                                        f"Le dépôt {sites[sid].name} n'est pas accessible en car. {why_fr}"))
    report(progress, 0.1, "matrix")
    tm = net.matrix(snaps, progress=lambda f, l: report(progress, 0.1 + 0.2 * f, l), cancel=cancel)
    dur = np.array(tm.duration_s, dtype=float)
    dist = np.array(tm.distance_m, dtype=float)
    for i, sn in enumerate(snaps):  # a stop off the coach network: unreachable (explained as such)
        if not sn.ok:
            dur[i, :] = dur[:, i] = np.inf
            dist[i, :] = dist[:, i] = np.inf
            dur[i, i] = dist[i, i] = 0.0
    idx = {sid: i for i, sid in enumerate(place_sites)}
    check(cancel)

    # participants per bus
    groups = project.groups(tour_id)
    size = {b.id: 0 for b in buses}
    for g in groups:
        if g.bus_id in size:
            size[g.bus_id] += g.size
    for g in sorted((g for g in groups if g.bus_id not in size), key=lambda g: -g.size):
        target = max(buses, key=lambda b: b.seats - size[b.id])
        size[target.id] += g.size
    if not groups and tour.participants:
        per = math.ceil(tour.participants / len(buses))
        size = {b.id: min(per, b.seats) for b in buses}
    rules = tour.driver_rules
    vehicles = []
    for b in buses:
        s, e = depots(b)
        vehicles.append(Vehicle(b.id, idx[s], idx[e], _secs(tour.earliest_departure), _secs(tour.latest_return),
                                seats=b.seats, group_size=size[b.id], max_duty_s=rules.max_duty_s, name=b.name))
    lock_map = {LockKind.FIRST: Lock.FIRST, LockKind.LAST: Lock.LAST, LockKind.INDEX: Lock.INDEX}
    nodes = []
    for s in stops:
        site = sites[s.site_id]
        nodes.append(Node(
            s.id, idx[s.site_id], NodeKind(s.kind.value), 0.0 if s.kind == StopKind.DRIVE_BY else float(s.dwell_s),
            tuple(Window(w.start_s, w.end_s) for w in s.windows), s.required, s.priority,
            lock_map.get(s.lock), s.lock_index, frozenset({s.bus_id}) if s.bus_id is not None else None,
            s.site_id, site.name, site.visit_capacity if s.kind == StopKind.VISIT else None))
    ambassadors = []
    for a in project.ambassadors():
        wins = tuple(Window(_secs(av.start), _secs(av.end)) for av in a.availability
                     if av.day is None or av.day == tour.date)
        if a.availability and not wins:
            continue  # not available that day
        ambassadors.append(Ambassador(a.id, frozenset(a.site_ids), wins, a.name))
    videos = tuple(Video(v.id, v.site_id, float(v.duration_s), v.title) for v in project.videos()
                   if v.site_id is not None)
    caps = ()
    if len(buses) > 1:
        smallest = sorted(size.values())
        pair = sum(smallest[:2])
        caps = tuple(SiteCapacity(sid) for sid in {s.site_id for s in stops}
                     if sites[sid].visit_capacity is not None and pair > sites[sid].visit_capacity)
    keep = None
    if keep_order:
        keep = {b.id: [] for b in buses}
        for s in stops:
            keep[s.bus_id if s.bus_id in keep else buses[0].id].append(s.id)
    old = project.plan(tour_id)
    previous = None
    if old is not None:
        known = {s.id for s in stops}
        previous = {bp.bus_id: [ps.stop_id for ps in bp.stops if ps.stop_id in known] for bp in old.buses}
    known_prec = {s.id for s in stops}
    from routing.solver import Precedence
    precs = tuple(Precedence(p.before_stop_id, p.after_stop_id) for p in project.precedences(tour_id)
                  if p.before_stop_id in known_prec and p.after_stop_id in known_prec)
    problem = Problem(dur, dist, tuple(nodes), tuple(vehicles), precs,
                      DriverRules(True, rules.max_driving_s, rules.break_s, rules.split_break_s[0],
                                  rules.split_break_s[1]),
                      Objective(tour.objective.value), tuple(ambassadors), videos, caps, keep, previous)
    if now is not None and old is not None:
        now_s = (now.astimezone(tz) - midnight).total_seconds()
        done, positions = [], {}
        for bp in old.buses:
            for ps in bp.stops:
                if ps.stop_id is not None and ps.departure <= now:
                    done.append(ps.stop_id)
                    positions[bp.bus_id] = idx[ps.site_id]
        problem = replan_problem(problem, now_s=now_s, positions=positions, done=done, previous=previous)
    report(progress, 0.3, "solve")
    sol = solve(problem, time_limit_s=time_limit_s, cancel=cancel,
                progress=lambda f, l: report(progress, 0.3 + 0.6 * f, l))
    report(progress, 0.9, "geometry")
    plan = to_plan(sol, tour, buses, stops, sites, place_sites, snaps, net, midnight, keep_order)
    if save:
        project.save_plan(plan)
    report(progress, 1.0, "done")
    return plan


def to_plan(sol: Solution, tour: Tour, buses, stops, sites: dict, place_sites: list, snaps, net,
            midnight: dt.datetime, keep_order: bool) -> Plan:
    """The solver's answer as the app's Plan value object (with leg geometry from the road network)."""
    at = lambda s: midnight + dt.timedelta(seconds=float(s))  # noqa: E731
    stop_by_id = {s.id: s for s in stops}
    bus_by_id = {b.id: b for b in buses}
    geo_cache: dict = {}

    def geometry(i: int, j: int):
        if i == j:
            return ()
        if (i, j) not in geo_cache:
            try:
                geo_cache[(i, j)] = tuple(tuple(p) for p in net.leg(snaps[i], snaps[j]).coords)
            except Exception:  # noqa: BLE001 - a missing geometry must not lose the plan
                geo_cache[(i, j)] = ()
        return geo_cache[(i, j)]

    bus_plans = []
    for bs in sol.buses:
        b = bus_by_id[bs.bus_id]
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
                            geometry(leg.from_index, leg.to_index), tuple(leg.on_board)))
            if k < len(bs.stops):
                s = bs.stops[k]
                st = stop_by_id[s.node_id]
                pstops.append(PlannedStop(seq, st.id, st.site_id, st.kind.value, at(s.arrival_s), at(s.departure_s),
                                          s.wait_s, s.slack_s, s.presenter, sites[st.site_id].name))
                seq += 1
        cues = tuple(Cue(c.video_id, c.site, c.leg_index + sum(1 for kk in inserted if kk <= c.leg_index),
                         at(c.start_s), c.offset_s, c.trim_start_s, c.trim_end_s, c.title) for c in bs.cues)
        start_site = place_sites[bs.legs[0].from_index] if bs.legs else None
        end_site = place_sites[bs.legs[-1].to_index] if bs.legs else None
        bus_plans.append(BusPlan(b.id, b.name, start_site, end_site, at(bs.departure_s), at(bs.return_s),
                                 tuple(pstops), tuple(legs), cues))
    dropped = tuple(DroppedStop(d.node_id, stop_by_id[d.node_id].site_id, d.reason) for d in sol.dropped)
    warnings = tuple(
        PlanWarning(w.code, w.message, w.node_id if w.node_id in stop_by_id else None,
                    stop_by_id[w.node_id].site_id if w.node_id in stop_by_id else None, w.bus_id, w.severity)
        for w in sol.warnings)
    stats = {k: (float(v) if isinstance(v, (np.floating,)) else v) for k, v in sol.stats.items()}
    stats["required"] = {str(d.node_id): bool(d.required) for d in sol.dropped}
    return Plan(tour.id, dt.datetime.now(tz=midnight.tzinfo), tuple(bus_plans), dropped, warnings,
                float(sol.objective_value), keep_order, stats)
