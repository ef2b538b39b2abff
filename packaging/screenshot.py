#!/usr/bin/env python3
"""Save a screenshot of the main window on the demo project with its plan, in a real X window.

    .venv/bin/python packaging/screenshot.py [OUT.png]   (default docs/screenshots/main_window.png)

Starts ``Xvfb :99`` if no X display is given, builds the demo project in a
temporary folder, plans its first tour, opens the window (1600x1000, French)
and grabs the screen once the region and the plan are drawn. For reviewers:
the file is looked at, not compared pixel by pixel.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def ensure_display() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb":
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        sys.exit("Xvfb is not installed (apt-get install xvfb)")
    display = ":99"
    proc = subprocess.Popen([xvfb, display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return proc


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots" / "main_window.png"
    xvfb = ensure_display()
    tmp = Path(tempfile.mkdtemp(prefix="zitour-shot-"))
    os.environ.setdefault("ZITOUR_DATA_DIR", str(tmp / "data"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "cfg")
    try:
        from app.services.demo import build_demo
        from app.services.planning import plan_tour
        from app.store.project import Project

        path = build_demo(tmp / "demo.zitour")
        with Project.open(path) as project:
            tour = project.tours()[0]
            plan = plan_tour(project, tour.id)  # stored in the project
            if not any(bus.stops for bus in plan.buses):
                sys.exit("the planner returned a plan without stops: nothing worth a screenshot")

        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QGuiApplication

        from app.ui.launch import create_window

        app, window = create_window(path, "fr", open_last=False)
        window.resize(1600, 1000)
        window.move(0, 0)
        window.show()
        done = {"ok": False}

        def shoot() -> None:
            window.fit_map()
            window.itinerary_dock.raise_()
            app.processEvents()
            screen = QGuiApplication.primaryScreen()
            pixmap = screen.grabWindow(0, 0, 0, 1600, 1000)
            if pixmap.isNull() or pixmap.toImage().pixelColor(800, 500).alpha() == 0:
                pixmap = window.grab()
            out.parent.mkdir(parents=True, exist_ok=True)
            done["ok"] = pixmap.save(str(out))
            print(f"saved {out} ({pixmap.width()}x{pixmap.height()})")
            window.close()
            app.quit()

        window.region_ready.connect(lambda _r: QTimer.singleShot(1500, shoot))
        QTimer.singleShot(30000, app.quit)
        app.exec()
        return 0 if done["ok"] else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if xvfb is not None:
            xvfb.terminate()


if __name__ == "__main__":
    sys.exit(main())
