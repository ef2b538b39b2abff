"""Benchmark: export ``all`` formats of a 20-stop tour (target: at most 5 s in total).

Run: .venv/bin/python tests/benchmarks/export_speed.py [n_stops]
Builds a project with the export tests' fixture (real Krems sites and road geometry),
then times each format alone (fresh import cost included for the first use of a
library, as a user's first export pays it) and the whole ``all`` export.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.exports import registry  # noqa: E402
from app.services.export import build_context, export_context  # noqa: E402
from tests.exports.conftest import RoadPaths, build_project, krems_layers_and_features  # noqa: E402


def main() -> None:
    n_stops = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    layers, features = krems_layers_and_features()
    krems = (layers, features, RoadPaths(layers.roads))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = build_project(tmp / "bench.zitour", krems, n_stops=n_stops, hostile=False)
        tour = project.tours()[0]
        t0 = time.perf_counter()
        ctx = build_context(project, tour.name, layers=layers)
        t_ctx = time.perf_counter() - t0
        rows = [("context (read project)", t_ctx, 0)]
        for fmt in registry.FORMATS:
            t = time.perf_counter()
            paths = export_context(ctx, [fmt], tmp / "single", force=True)
            rows.append((fmt, time.perf_counter() - t, sum(p.stat().st_size for p in paths)))
        t = time.perf_counter()
        paths = export_context(ctx, ["all"], tmp / "all", force=True)
        t_all = time.perf_counter() - t
        project.close()
    print(f"Export benchmark: {n_stops} stops, {len(ctx.plan.buses)} bus, "
          f"{sum(len(l.geometry) for b in ctx.plan.buses for l in b.legs)} road points")
    print(f"{'format':<24}{'time (s)':>10}{'size (kB)':>12}")
    for name, secs, size in rows:
        print(f"{name:<24}{secs:>10.3f}{size / 1024:>12.1f}")
    print(f"{'all (one run, warm)':<24}{t_all:>10.3f}")
    print(f"target: all <= 5 s -> {'OK' if t_all + t_ctx <= 5 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
