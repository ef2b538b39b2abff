"""Start-up time: from a fresh interpreter to an interactive main window on the demo project.

Run: ``.venv/bin/python tests/benchmarks/startup.py [--runs N]``. Each run is a
fresh child process (cold imports) that builds the window on a copy of the demo
project, shows it, and reports when the event loop first runs (the window
answers input from then on) and when the region is drawn. The compiled region
is made once beforehand, as after a first use. Prints a table; the heavy
libraries imported on the start path are listed (osmnx and geopandas must not be).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from PySide6.QtCore import QTimer
from app.ui.launch import create_window
app, window = create_window(Path(sys.argv[1]), "fr", open_last=False)
window.show()
marks = {"window_built_s": time.perf_counter() - t0}
def interactive():
    marks["interactive_s"] = time.perf_counter() - t0
def region(_r):
    marks["region_drawn_s"] = time.perf_counter() - t0
    app.processEvents()
    marks["heavy_modules"] = sorted(m for m in ("osmnx", "geopandas", "pandas", "pyvrp", "scipy", "shapely", "networkx")
                                    if m in sys.modules)
    print(json.dumps(marks)); window.close(); app.quit()
window.session.region_changed.connect(region)
QTimer.singleShot(0, interactive)
QTimer.singleShot(20000, app.quit)
app.exec()
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zitour-startup-") as tmp:
        env = dict(os.environ, ZITOUR_DATA_DIR=str(Path(tmp) / "data"), XDG_CONFIG_HOME=str(Path(tmp) / "cfg"))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        project = Path(tmp) / "demo.zitour"
        prep = ("from app.services.demo import build_demo; from routing.regions import load_region;"
                f"build_demo({str(project)!r}); load_region('krems')")
        subprocess.run([sys.executable, "-c", prep], cwd=REPO, env=env, check=True)
        rows = []
        for _ in range(args.runs):
            started = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", CHILD, str(project)], cwd=REPO, env=env, capture_output=True,
                                 text=True, timeout=60)
            line = [l for l in out.stdout.splitlines() if l.startswith("{")]
            if not line:
                print(out.stdout, out.stderr, file=sys.stderr)
                return 1
            marks = json.loads(line[-1])
            marks["process_s"] = time.perf_counter() - started
            rows.append(marks)
    print(f"{'run':>3} {'window built':>13} {'interactive':>12} {'region drawn':>13}  heavy modules loaded")
    for i, m in enumerate(rows, 1):
        print(f"{i:>3} {m['window_built_s']:>12.2f}s {m['interactive_s']:>11.2f}s {m['region_drawn_s']:>12.2f}s  "
              f"{', '.join(m['heavy_modules']) or '-'}")
    best = min(m["interactive_s"] for m in rows)
    print(f"best interactive: {best:.2f} s (target 3 s)")
    print(json.dumps(rows[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
