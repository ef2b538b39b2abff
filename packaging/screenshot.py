#!/usr/bin/env python3
"""Save screenshots of the app on the demo project with its plan, in a real X window.

    .venv/bin/python packaging/screenshot.py [OUT_DIR]   (default docs/screenshots/)
    .venv/bin/python packaging/screenshot.py OUT_DIR --screen 1366x768 [--scale 1.25]

With ``--screen`` (a laptop), the window opens maximised on a screen of that size (at
that scale factor, as a 125 % desktop setting does) and the script also writes
``layout-WxH[@S].json``: the screen, the window, every visible widget that reaches past
the window or the screen, and how much of each tour-form field shows.

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


SCREEN = "1600x1000"
SCALE = 1.0


def ensure_display() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb" and SCREEN == "1600x1000":
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        sys.exit("Xvfb is not installed (apt-get install xvfb)")
    # -displayfd: Xvfb picks a free display number and writes it (other jobs may hold :99).
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0", f"{SCREEN}x24", "-nolisten", "tcp"],
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


def layout_report(window) -> dict:
    """Where the window and its widgets are, against the screen (laptop checks)."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication, QWidget

    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    inside = QRect(window.mapToGlobal(window.rect().topLeft()), window.size())
    outside = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.isWindow() or w.width() <= 0 or w.visibleRegion().isEmpty():
            continue  # hidden, or a dock behind another dock's tab
        rect = QRect(w.mapToGlobal(w.rect().topLeft()), w.size())
        if not inside.contains(rect) and not _clipped_by_a_scroll_area(w):
            outside.append(f"{type(w).__name__}:{w.objectName()} {rect.getRect()}")
    fields = {}
    editor = window.tour_editor
    for name in ("name", "date", "start_depot", "departure", "return_", "participants", "objective"):
        field = getattr(editor, name, None)
        if field is not None:
            fields[name] = field.visibleRegion().boundingRect().width() if field.isVisible() else 0
    return {"screen": screen.getRect(), "frame": frame.getRect(), "scale": QApplication.instance().devicePixelRatio(),
            "outside": outside, "tour_fields_visible_px": fields}


def _clipped_by_a_scroll_area(widget) -> bool:
    """Inside a scroll area, a widget may extend past the view: the user scrolls to it."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def main() -> int:
    global SCREEN, SCALE
    args = sys.argv[1:]
    if "--screen" in args:
        SCREEN = args.pop(args.index("--screen") + 1)
        args.remove("--screen")
    if "--scale" in args:
        SCALE = float(args.pop(args.index("--scale") + 1))
        args.remove("--scale")
        os.environ["QT_SCALE_FACTOR"] = str(SCALE)
    laptop = SCREEN != "1600x1000" or SCALE != 1.0
    suffix = f"-{SCREEN}" + (f"@{SCALE:g}" if SCALE != 1.0 else "") if laptop else ""
    out_dir = Path(args[0]) if args else REPO / "docs" / "screenshots"
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
        if laptop:  # maximised; Xvfb has no window manager to do it, so the screen's area is given
            window.setGeometry(window.screen().availableGeometry())
            window.showMaximized()
        else:
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
            save(grab(window), f"main_window{suffix}.png")
            if laptop:
                import json

                (out_dir / f"layout{suffix}.json").write_text(json.dumps(layout_report(window), indent=1))
                saved.extend([True, True])
                finish()
                return
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
        return 0 if len(saved) == 3 and all(saved) else 1  # a laptop run: main window + report
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if xvfb is not None:
            xvfb.terminate()


if __name__ == "__main__":
    sys.exit(main())
