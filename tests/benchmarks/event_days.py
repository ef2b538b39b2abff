"""Event days at real scale, end to end on the Krems roads (project -> layout -> matrices -> solve).

    .venv/bin/python tests/benchmarks/event_days.py [--time-limit 5]

Case 1, the district event: 450 participants in 18 groups (23 pupils + 2 adults each), 9 coaches
of 50 seats, 16 companies (the extract's works and industrial sites, real OSM), 2 days. Each day
every group makes 2 visits among the companies (choices), with a shared lunch; the companies
receive 20 to 60 people at once, 45 or 60 min, open 9 h–12 h and 13 h 30–16 h 30. On day 2 each
group chooses among the companies it did not see on day 1 (what the organiser sets).
Target: both days planned in under 60 s.

Case 2, the two-coach ZI Tour of the report (demo tour, 4 groups of 15, groups 3–4 on Car 2,
companies open all day): target under 10 s, both coaches with every visit.

Prints per case: time, programmes served (groups with all their visits), visits dropped, idle
buses, companies ever holding more people than their capacity and the fullest one's peak (% of
its capacity), companies used, driving time.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


VISITS_PER_DAY = 2  # per group: 4 companies over the event, 16 companies for the district


def _ensure_region() -> None:
    from routing.regions import import_region, load_region
    try:
        load_region("krems")
    except Exception:  # noqa: BLE001 - not imported in this data folder yet
        import_region(ROOT / "maps" / "krems_austria.osm.gz", "krems")


def _peak_load(plan, sites: dict, people: dict) -> tuple[int, int, int]:
    """(companies that ever hold more people than their capacity, the fullest company's peak in % of
    its capacity, receptions). ``people``: group id -> people; a turn holds its share of them."""
    import math

    from app.exports.event_tables import turn_times
    turns: dict = {}
    n = 0
    for b in plan.buses:
        for s in b.stops:
            if s.kind != "visit":
                continue
            n += 1
            share = math.ceil(sum(people.get(g, 0) for g in s.visitors) / max(1, s.turns))
            for a, e in turn_times(s):
                turns.setdefault(s.site_id, []).append((a, e, share))
    over, worst = 0, 0
    for sid, lst in turns.items():
        cap = sites[sid].visit_capacity
        peak = max(sum(x for a2, e2, x in lst if a2 < e and a < e2) for a, e, _ in lst)
        if cap:
            over += peak > cap
            worst = max(worst, round(100 * peak / cap))
    return over, worst, n


def district_event(folder: Path, time_limit: float) -> list[dict]:
    from app.model.entities import Audience, Bus, ParticipantGroup, Site, SiteKind, Stop, StopKind, TimeWindow, Tour
    from app.services.osm_sites import read_osm_features
    from app.services.planning import plan_tour
    from app.store.project import Project

    feats = read_osm_features(ROOT / "maps" / "krems_austria.osm.gz")
    works = [f for f in feats if f.kind in ("man_made=works", "landuse=industrial")]
    works += [f for f in feats if f.kind == "amenity=bus_station" and f.name != "Krems Bahnhof"]
    works = works[:16]
    assert len(works) == 16, len(works)
    depot_f = next(f for f in feats if f.name == "Krems Bahnhof")
    lunch_f = next(f for f in feats if f.name == "Gasthof Klinglhuber")
    pr = Project.create(folder / "district.zitour", overwrite=True)
    pr.set_region_name("krems")
    depot = pr.add(Site("Krems Bahnhof", depot_f.lon, depot_f.lat, kind=SiteKind.DEPOT, coach_turns=True))
    lunch = pr.add(Site("Gasthof Klinglhuber", lunch_f.lon, lunch_f.lat, kind=SiteKind.RESTAURANT, coach_turns=True))
    caps = (20, 25, 30, 50, 60)  # people at once
    # the coach stops on the road nearest each site (what the OSM import proposes as the gate)
    companies = [pr.add(Site(f"{f.name} #{k + 1}", f.lon, f.lat, visit_capacity=caps[k % len(caps)],
                             gate_lon=f.road_lon, gate_lat=f.road_lat))
                 for k, f in enumerate(works)]
    rows = []
    seen: dict[str, set[int]] = {}
    for day, date in enumerate((dt.date(2026, 5, 12), dt.date(2026, 5, 13)), start=1):
        tour = pr.add(Tour(f"Forum des métiers — jour {day}", date, audience=Audience.SCOLAIRES,
                           start_site_id=depot.id, earliest_departure=dt.time(8, 30),
                           latest_return=dt.time(17, 0)))
        buses = [pr.add(Bus(f"Car {k + 1}", 50, tour_id=tour.id)) for k in range(9)]
        stops = {}
        for k, c in enumerate(companies):
            stops[c.id] = pr.add(Stop(c.id, StopKind.VISIT, 3600 if k % 2 else 2700, [
                TimeWindow(dt.time(9), dt.time(12)), TimeWindow(dt.time(13, 30), dt.time(16, 30))],
                tour_id=tour.id, position=k))
        pr.add(Stop(lunch.id, StopKind.LUNCH, 3600, [TimeWindow(dt.time(12), dt.time(13, 30))], tour_id=tour.id,
                    position=99))
        for g in range(18):
            name = f"Classe {g + 1}"
            options = [stops[c.id].id for c in companies if c.id not in seen.get(name, set())]
            pr.add(ParticipantGroup(name, 23, bus_id=buses[g // 2].id, tour_id=tour.id, organisation=f"Collège {g // 3 + 1}",
                                    adults=2, choices=options, choices_k=VISITS_PER_DAY))
        t0 = time.perf_counter()
        plan = plan_tour(pr, tour.id, time_limit_s=time_limit)
        elapsed = time.perf_counter() - t0
        groups = pr.groups(tour.id)
        stop_site = {s.id: s.site_id for s in pr.stops(tour.id)}
        made = {g.id: 0 for g in groups}
        for b in plan.buses:
            for s in b.stops:
                for gid in s.visitors:
                    made[gid] += 1
        for g in groups:
            seen.setdefault(g.name, set()).update(
                stop_site[s.stop_id] for b in plan.buses for s in b.stops if g.id in s.visitors)
        sites = {s.id: s for s in pr.sites()}
        over, worst, n = _peak_load(plan, sites, {g.id: g.people for g in groups})
        rows.append(dict(case=f"district day {day}", seconds=elapsed,
                         served=f"{sum(1 for v in made.values() if v >= VISITS_PER_DAY)}/{len(groups)}",
                         visits=n, dropped=sum(1 for d in plan.dropped if d.required),
                         idle=sum(1 for b in plan.buses if not b.stops), overlaps=over, peak=worst,
                         driving_h=sum(b.driving_s for b in plan.buses) / 3600,
                         companies=len({s.site_id for b in plan.buses for s in b.stops if s.kind == "visit"})))
    repeats = sum(1 for name, s in seen.items() if len(s) < 2 * VISITS_PER_DAY)
    rows.append(dict(case="district, 2 days", seconds=sum(r["seconds"] for r in rows[:2]),
                     served=f"{18 - repeats}/18 saw {2 * VISITS_PER_DAY} companies", visits=rows[0]["visits"] + rows[1]["visits"],
                     dropped=rows[0]["dropped"] + rows[1]["dropped"], idle=rows[0]["idle"] + rows[1]["idle"],
                     overlaps=rows[0]["overlaps"] + rows[1]["overlaps"], peak=max(rows[0]["peak"], rows[1]["peak"]),
                     driving_h=rows[0]["driving_h"] + rows[1]["driving_h"],
                     companies=len(set().union(*seen.values()))))
    pr.close()
    return rows


def two_coaches(folder: Path, time_limit: float) -> dict:
    sys.path.insert(0, str(ROOT / "tests" / "services"))
    from test_event_days import _two_coaches

    from app.services.demo import build_demo
    from app.services.planning import plan_tour
    from app.store.project import Project

    path = build_demo(folder / "demo")
    with Project.open(path) as p:
        tour, car1, car2, groups = _two_coaches(p, wide=True)
        t0 = time.perf_counter()
        plan = plan_tour(p, tour.id, time_limit_s=time_limit)
        elapsed = time.perf_counter() - t0
        n_visits = sum(1 for s in p.stops(tour.id) if s.kind.value == "visit")
        sites = {s.id: s for s in p.sites()}
        people = {g.id: g.people for g in p.groups(tour.id)}
    made = {g.id: sum(1 for b in plan.buses for s in b.stops if g.id in s.visitors) for g in groups}
    over, worst, n = _peak_load(plan, sites, people)
    return dict(case="two-coach ZI Tour", seconds=elapsed,
                served=f"{sum(1 for v in made.values() if v == n_visits)}/{len(groups)}", visits=n,
                dropped=sum(1 for d in plan.dropped if d.required), idle=sum(1 for b in plan.buses if not b.stops),
                overlaps=over, peak=worst, driving_h=sum(b.driving_s for b in plan.buses) / 3600,
                companies=len({s.site_id for b in plan.buses for s in b.stops if s.kind == "visit"}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--time-limit", type=float, default=5.0, help="solver time per day, s (the app's default: 5)")
    ap.add_argument("--visits", type=int, default=VISITS_PER_DAY, help="visits per group and day (default 2)")
    args = ap.parse_args()
    globals()["VISITS_PER_DAY"] = args.visits
    os.environ.setdefault("ZITOUR_DATA_DIR", tempfile.mkdtemp(prefix="zitour-bench-"))
    _ensure_region()
    with tempfile.TemporaryDirectory() as tmp:
        rows = district_event(Path(tmp), args.time_limit) + [two_coaches(Path(tmp), args.time_limit)]
    print(f"{'case':<20} {'time s':>7} {'programmes served':>22} {'visits':>7} {'dropped':>8} {'idle':>5} "
          f"{'over cap':>9} {'peak %cap':>10} {'companies':>10} {'driving h':>10}")
    for r in rows:
        print(f"{r['case']:<20} {r['seconds']:>7.1f} {r['served']:>22} {r['visits']:>7} {r['dropped']:>8} "
              f"{r['idle']:>5} {r['overlaps']:>9} {r['peak']:>10} {r['companies']:>10} {r['driving_h']:>10.1f}")
    targets = [("district, 2 days < 60 s", rows[2]["seconds"] < 60), ("two-coach ZI Tour < 10 s", rows[3]["seconds"] < 10)]
    for name, ok in targets:
        print(f"{name}: {'✓' if ok else '✗'}")
    return 0 if all(ok for _, ok in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
