#!/usr/bin/env python3
"""Screenshots of the tour-day mode ("Jour J") on a 1366x768 laptop screen, in a real X window.

    .venv/bin/python packaging/screenshot_tourday.py [OUT_DIR]   (default docs/screenshots/)

Builds and plans the demo in a temporary folder, opens it in French, enters the tour day of the
prescripteurs' tour, rehearses it up to the approach of a company the bus drives past, and saves
``tour_day_console.png`` (the whole screen: map following the bus, the console) and
``tour_day_passengers.png`` (the passenger screen showing that company's card), then the
passenger screen playing the next video (``tour_day_video.png``).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "packaging"))

import screenshot  # noqa: E402  (ensure_display, grab)

TOUR = "ZI Tour prescripteurs — Port et chimie"


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    screenshot.SCREEN = "1366x768"
    xvfb = screenshot.ensure_display()
    tmp = Path(tempfile.mkdtemp(prefix="zitour-day-shot-"))
    os.environ.setdefault("ZITOUR_DATA_DIR", str(tmp / "data"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "cfg")
    try:
        from app.services.demo import build_demo
        from app.services.planning import plan_tour
        from app.store.project import Project

        path = build_demo(tmp / "demo.zitour")
        with Project.open(path) as project:
            tour = project.tour_by_name(TOUR)
            plan_tour(project, tour.id)
            tour_id = tour.id
        from PySide6.QtCore import QTimer

        from app.ui.launch import create_window

        app, window = create_window(path, "fr", open_last=False)
        window.setGeometry(window.screen().availableGeometry())
        window.showMaximized()
        out_dir.mkdir(parents=True, exist_ok=True)
        saved: list[bool] = []

        def save(pixmap, name: str) -> None:
            saved.append(pixmap.save(str(out_dir / name)))
            print(f"saved {out_dir / name} ({pixmap.width()}x{pixmap.height()})")

        def start() -> None:
            window.session.set_tour(tour_id)
            window.actions["actTourDay"].trigger()
            live, mode = window.modes.live, window.modes.tour_day_mode
            mode.open_passenger_screen()
            source = live.rehearse(60)
            source.pause()
            company = next(t for t in live.day.triggers if t.kind == "company")
            while company.key not in live.day.state.fired and source.remaining:
                source.step(5)
                app.processEvents()
            source.step(8)  # a few seconds on: the map has followed the bus
            window.canvas.zoom_by(4.0)
            app.processEvents()
            QTimer.singleShot(800, lambda: shoot(live, mode, source))

        def shoot(live, mode, source) -> None:
            save(window.grab(), "tour_day_console.png")  # the passenger window may lie over it
            save(mode.passenger.grab(), "tour_day_passengers.png")
            mode.passenger.show_map()
            app.processEvents()
            save(mode.passenger.grab(), "tour_day_passenger_map.png")
            video = next((t for t in live.day.triggers if t.kind == "video" and t.key not in live.day.state.fired), None)
            while video is not None and video.key not in live.day.state.fired and source.remaining:
                source.step(5)
                app.processEvents()
            QTimer.singleShot(2500, lambda: finish(mode))

        def finish(mode) -> None:
            save(screenshot.grab(mode.passenger), "tour_day_video.png")  # video frames: from the screen
            print("passenger screen shows:", mode.passenger.shown_kind)
            window.close()
            app.quit()

        window.session.region_changed.connect(lambda _r: QTimer.singleShot(1500, start))
        QTimer.singleShot(90_000, app.quit)
        app.exec()
        return 0 if saved and all(saved) else 1
    finally:
        if xvfb is not None:
            xvfb.terminate()


if __name__ == "__main__":
    sys.exit(main())
