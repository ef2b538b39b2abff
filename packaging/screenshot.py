#!/usr/bin/env python3
"""Save screenshots of the app on the demo project with its plan, in a real X window.

    .venv/bin/python packaging/screenshot.py [OUT_DIR]   (default docs/screenshots/)

Starts ``Xvfb`` (on a free display) if no X display is given, builds the demo project in a
temporary folder, plans its first tour, opens the window (1600x1000, French)
and, once the region and the plan are drawn, saves:

- ``main_window.png``: the whole screen (map, sites, tour dock, itinerary, timeline);
- ``tour_coaches.png``: the tour dock with the editor on its "Cars" (coaches) tab;
- ``export_dialog.png``: the Export dialog of the Export menu.

For reviewers: the files are looked at, not compared pixel by pixel.
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
    # -displayfd: Xvfb picks a free display number and writes it (other jobs may hold :99).
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write_fd,))
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.terminate()
        sys.exit("Xvfb did not start")
    display = f":{number}"
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return proc


def grab(widget) -> "QPixmap":  # noqa: F821 - PySide6 is imported once the display exists
    """The widget as drawn on screen (a real X grab), or its own rendering if the screen is empty."""
    from PySide6.QtGui import QGuiApplication

    top_left = widget.mapToGlobal(widget.rect().topLeft())
    pixmap = QGuiApplication.primaryScreen().grabWindow(0, top_left.x(), top_left.y(), widget.width(),
                                                        widget.height())
    if pixmap.isNull() or pixmap.toImage().pixelColor(pixmap.width() // 2, pixmap.height() // 2).alpha() == 0:
        pixmap = widget.grab()
    return pixmap


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    if out_dir.suffix == ".png":  # the old call: a file name for the main window
        out_dir = out_dir.parent
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

        from app.ui.launch import create_window

        app, window = create_window(path, "fr", open_last=False)
        window.resize(1600, 1000)
        window.move(0, 0)
        window.show()
        out_dir.mkdir(parents=True, exist_ok=True)
        saved: list[bool] = []

        def save(pixmap, name: str) -> None:
            target = out_dir / name
            saved.append(pixmap.save(str(target)))
            print(f"saved {target} ({pixmap.width()}x{pixmap.height()})")

        def shoot_main() -> None:
            window.fit_map()
            window.itinerary_dock.raise_()
            app.processEvents()
            save(grab(window), "main_window.png")
            window.tour_editor.tabs.setCurrentIndex(1)  # the coaches ("Cars") tab
            QTimer.singleShot(300, shoot_coaches)

        def shoot_coaches() -> None:
            save(grab(window.tour_dock), "tour_coaches.png")
            window.tour_editor.tabs.setCurrentIndex(0)
            dialog = window.c.exporting.make_export_dialog()
            if dialog is None:
                print("nothing to export: no plan?", file=sys.stderr)
                saved.append(False)
                finish()
                return
            dialog.show()
            QTimer.singleShot(500, lambda: shoot_dialog(dialog))

        def shoot_dialog(dialog) -> None:
            save(grab(dialog), "export_dialog.png")
            dialog.reject()
            finish()

        def finish() -> None:
            window.close()
            app.quit()

        window.session.region_changed.connect(lambda _r: QTimer.singleShot(1500, shoot_main))
        QTimer.singleShot(60000, app.quit)
        app.exec()
        return 0 if len(saved) == 3 and all(saved) else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if xvfb is not None:
            xvfb.terminate()


if __name__ == "__main__":
    sys.exit(main())
