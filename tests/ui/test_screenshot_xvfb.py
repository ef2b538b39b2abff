"""A real X window (Xvfb) of the main window on the demo plan, saved for a reviewer to look at.

Not compared pixel by pixel: the test checks the files are real screenshots of a
drawn window (full size, many colours, the route's red present).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed (apt-get install xvfb)")
def test_screenshots_of_the_demo_plan_in_a_real_x_window(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, str(REPO / "packaging" / "screenshot.py"), str(tmp_path)],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("main_window.png", "tour_coaches.png", "export_dialog.png"):
        assert (tmp_path / name).stat().st_size > 10_000, name
    image = QImage(str(tmp_path / "main_window.png"))
    assert image.width() >= 1400 and image.height() >= 900
    colours = set()
    reddish = 0
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            c = QColor(image.pixel(x, y))
            colours.add(c.rgb())
            if c.red() > 170 and c.green() < 60 and c.blue() < 60:
                reddish += 1
    assert len(colours) > 200, "a blank or unpainted window"
    assert reddish > 20, "the planned route is not drawn on the map"


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed (apt-get install xvfb)")
@pytest.mark.parametrize("screen, scale", [("1366x768", None), ("1280x720", "1.25")])
def test_the_window_fits_a_laptop_screen(tmp_path, screen, scale):
    """Maximised on a 1366x768 laptop and on 1280x720 at 125 % (1024x576 logical pixels): the window and
    every visible widget stay on the screen, and the tour form's first fields show without scrolling."""
    import json

    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    args = [sys.executable, str(REPO / "packaging" / "screenshot.py"), str(tmp_path), "--screen", screen]
    if scale:
        args += ["--scale", scale]
    result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    suffix = f"-{screen}" + (f"@{scale}" if scale else "")
    report = json.loads((tmp_path / f"layout{suffix}.json").read_text())
    sx, sy, sw, sh = report["screen"]
    fx, fy, fw, fh = report["frame"]
    assert sx <= fx and sy <= fy and fx + fw <= sx + sw and fy + fh <= sy + sh, report
    assert report["outside"] == []
    shown = report["tour_fields_visible_px"]
    assert all(shown[name] >= 100 for name in ("name", "date", "start_depot")), shown
    if not scale:  # at 1366x768 the times and the head count show too
        assert all(shown[name] >= 40 for name in ("departure", "return_", "participants")), shown
    assert (tmp_path / f"main_window{suffix}.png").stat().st_size > 10_000
