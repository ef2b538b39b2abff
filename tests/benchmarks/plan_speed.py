"""Planning speed, end to end (project -> road matrix -> solve -> Plan), on the Krems region.

    .venv/bin/python tests/benchmarks/plan_speed.py

Case 1: a 15-stop tour (visits, drive-bys, windows) with 3 ambassadors and a
video per site (target <= 2 s). Case 2: a 4-bus, 60-stop event day (<= 30 s).
Sites are the region's named industrial/commercial features (real OSM).
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.model.entities import (Ambassador, Availability, Bus, Site, SiteKind, Stop, StopKind, TimeWindow,  # noqa: E402
                                Tour, Video)
from app.services.planning import plan_tour  # noqa: E402
from app.store.project import Project  # noqa: E402
from routing.regions import load_region  # noqa: E402


def build(path: Path, n_stops: int, n_buses: int) -> tuple[Project, int]:
    region = load_region("krems")
    base = region.named_features()
    # Krems has ~15 named features: further sites are placed 100-300 m around them (roads stay real)
    feats = []
    for k in range(n_stops + 1):
        f = base[k % len(base)]
        r = k // len(base)
        off = 0.0012 * r
        feats.append(type("F", (), dict(name=f"{f.name} #{r}" if r else f.name,
                                        lon=f.lon + off * (1 if k % 2 else -1), lat=f.lat + off * (1 if k % 3 else -1))))
    pr = Project.create(path, overwrite=True)
    pr.set_setting("region", "krems")
    depot = pr.add(Site(name=feats[0].name, lon=feats[0].lon, lat=feats[0].lat, kind=SiteKind.DEPOT))
    sites = [pr.add(Site(name=f.name, lon=f.lon, lat=f.lat)) for f in feats[1:]]
    tour = pr.add(Tour(name="bench", date=dt.date(2026, 3, 24), start_site_id=depot.id,
                       earliest_departure=dt.time(8, 0), latest_return=dt.time(18, 0), participants=30 * n_buses))
    for b in range(n_buses):
        pr.add(Bus(name=f"Car {b + 1}", tour_id=tour.id))
    for i, s in enumerate(sites):
        kind = StopKind.VISIT if i % 3 == 0 else StopKind.DRIVE_BY
        wins = [TimeWindow(dt.time(9 + i % 6, 0), dt.time(11 + i % 6, 0))] if i % 5 == 0 else []
        pr.add(Stop(site_id=s.id, kind=kind, dwell_s=1200 if kind == StopKind.VISIT else 0, windows=wins,
                    tour_id=tour.id, position=i, required=i % 7 != 6))
        pr.add(Video(path=f"v{i}.mp4", title=f"video {i}", duration_s=90 + 30 * (i % 5), site_id=s.id))
    for a in range(3):
        pr.add(Ambassador(name=f"Amb {a}", site_ids={s.id for j, s in enumerate(sites) if j % 3 != a},
                          availability=[Availability(dt.time(8 + a, 0), dt.time(14 + a, 0))]))
    return pr, tour.id


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, n, buses, limit, target in (("15 stops, 1 bus, ambassadors + videos", 15, 1, 1.0, 2.0),
                                               ("60 stops, 4 buses (event day)", 60, 4, 15.0, 30.0)):
            pr, tid = build(Path(tmp) / f"b{n}.zitour", n, buses)
            load_region("krems").network()  # region load is a one-off per session, not per plan
            t = time.perf_counter()
            plan = plan_tour(pr, tid, time_limit_s=limit)
            secs = time.perf_counter() - t
            served = sum(1 for b in plan.buses for s in b.stops if s.stop_id is not None)
            rows.append((label, secs, target, served, len(plan.dropped), len(plan.warnings),
                         plan.solver.get("engine_runtime_s"), plan.solver.get("repair_s")))
            why = Counter((d.reason.params.get("reason").code if d.reason is not None and hasattr(
                d.reason.params.get("reason"), "code") else (d.reason.code if d.reason is not None else "-"))
                for d in plan.dropped)
            print(f"{label}: dropped because {dict(why)}", file=sys.stderr)
            pr.close()
    print(f"{'case':40} {'seconds':>8} {'target':>7} {'served':>7} {'dropped':>8} {'warn':>5} {'engine_s':>9} {'repair_s':>9}")
    for r in rows:
        print(f"{r[0]:40} {r[1]:8.2f} {r[2]:7.1f} {r[3]:7d} {r[4]:8d} {r[5]:5d} {r[6]!s:>9} {r[7]!s:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
