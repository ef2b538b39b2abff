"""The season's report: what its charts cost to start, and how long a season takes to read.

    .venv/bin/python tests/benchmarks/bilan.py [--seasons 1 10 50]

1. Import cost of the chart options, each in a fresh interpreter (best of 3, ``-X importtime``'s
   cumulative figure for the module): matplotlib.pyplot, PySide6.QtCharts, and what the app uses
   (PySide6.QtPdfWidgets for the preview; the PDF's charts are plain QPainter calls).
2. ``read_season`` + ``bilan_report.write`` (PDF + 10 CSV) for N copies of the demo season (4
   files each: 4, 40, 200 project files; each copy's tours moved a few days, so all are distinct
   tours), wall time.

Prints two tables.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def import_ms(module: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import PySide6.QtWidgets; import {module}"],
                             capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        for line in out.stderr.splitlines():
            m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s+(\S+)$", line)
            if m and m.group(2) == module:
                best = min(best, int(m.group(1)) / 1000)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seasons", type=int, nargs="+", default=[1, 10, 50])
    args = parser.parse_args()
    print(f"{'module':<28} {'import (ms)':>12}")
    for module in ("matplotlib.pyplot", "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets"):
        print(f"{module:<28} {import_ms(module):>12.0f}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.exports import bilan_report
    from app.services.bilan import read_season
    from app.services.demo_season import build_season
    from app.store.project import Project

    with tempfile.TemporaryDirectory(prefix="zitour-bilan-bench-") as tmp:
        os.environ.setdefault("ZITOUR_DATA_DIR", str(Path(tmp) / "data"))
        base = build_season(Path(tmp) / "base")
        print(f"\n{'files':>6} {'tours':>6} {'read (s)':>9} {'report (s)':>11}")
        for n in args.seasons:
            folder = Path(tmp) / f"s{n}"
            folder.mkdir()
            files = []
            for i in range(n):  # each copy a season of its own: its tours a few days earlier (distinct tours)
                for f in base:
                    copy = Path(shutil.copy2(f, folder / f"{i:03d}-{f.name}"))
                    with Project.open(copy) as project:
                        for tour in project.tours():
                            tour.date -= dt.timedelta(days=i)
                            project.update(tour)
                    files.append(copy)
            t0 = time.perf_counter()
            season = read_season(files)
            t1 = time.perf_counter()
            bilan_report.write(season, folder / "out", "ZI Tour (benchmark)")
            t2 = time.perf_counter()
            print(f"{len(files):>6} {len(season.tours):>6} {t1 - t0:>9.2f} {t2 - t1:>11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
