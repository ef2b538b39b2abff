"""``zitour self-check``: does this installation work on this machine, before the tour day?

Builds the demo in a temporary folder and runs what the day needs, each step timed and said
in one line: the road network and the planner, the PDF itinerary, a video played by
QtMultimedia. Nothing is written outside the temporary folder (its own data folder too) and
nothing uses the network. Exit 0 when every step passed, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Callable

from routing.messages import Message


def register(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser("self-check", help="check that this installation works here: demo, roads and planner, "
                                              "PDF export, video playback (offline, in a temporary folder)")
    check.set_defaults(func=run)


def _steps(folder: Path) -> list[tuple[str, Callable[[], dict]]]:
    state: dict = {}

    def demo() -> dict:
        from app.model.media import video_file
        from app.services.demo import build_demo
        from app.store import Project

        state["path"] = build_demo(folder / "demo.zitour")
        with Project.open(state["path"]) as project:
            state["tour"] = project.tours()[0]
            state["video"] = video_file(project.folder, project.videos()[0].path)
            return {"sites": len(project.sites())}

    def plan() -> dict:
        from app.services.planning import plan_tour
        from app.store import Project

        with Project.open(state["path"]) as project:
            result = plan_tour(project, state["tour"].id, time_limit_s=1.0)
        return {"stops": sum(len(b.stops) for b in result.buses),
                "km": str(round(sum(b.distance_m for b in result.buses) / 1000))}

    def pdf() -> dict:
        from app.services.export import export_tour
        from app.store import Project

        with Project.open(state["path"]) as project:
            (path,) = export_tour(project, state["tour"].id, "pdf", folder / "export")
        data = path.read_bytes()
        if not data.startswith(b"%PDF"):
            raise ValueError(f"{path.name} is not a PDF")
        return {"pages": data.count(b"/Type /Page") - data.count(b"/Type /Pages"), "kb": len(data) // 1024}

    def video() -> dict:
        from PySide6.QtGui import QGuiApplication

        from app.ui.media_check import frames_played

        state["qt"] = QGuiApplication.instance() or QGuiApplication([])  # alive while the player plays
        frames, error = frames_played(state["video"])
        if error or frames < 3:  # the demo clips are 2 images a second
            raise RuntimeError(error or f"{frames} frames")
        return {"frames": frames, "file": state["video"].name}

    return [("demo", demo), ("plan", plan), ("pdf", pdf), ("video", video)]


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    failed = 0
    # QtMultimedia's probing of optional libraries (PipeWire, VA-API) is noise here (read by the
    # first Qt application, which the PDF step makes)
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
    with tempfile.TemporaryDirectory(prefix="zitour-self-check-") as tmp:
        folder = Path(tmp)
        saved = os.environ.get("ZITOUR_DATA_DIR")
        os.environ["ZITOUR_DATA_DIR"] = str(folder / "data")  # the check's region never lands in the user's
        try:
            for name, step in _steps(folder):
                started = time.perf_counter()
                try:
                    facts = step()
                except Exception as exc:  # noqa: BLE001 - a failed step is the answer, said in one line
                    failed += 1
                    print(Message(f"selfcheck.{name}.failed", error=f"{type(exc).__name__}: {exc}").text(lang))
                    if name == "demo":
                        break  # the other steps work on the demo
                    continue
                seconds = f"{time.perf_counter() - started:.1f}"
                print(Message(f"selfcheck.{name}.ok", seconds=seconds, **facts).text(lang))
        finally:
            if saved is None:
                os.environ.pop("ZITOUR_DATA_DIR", None)
            else:
                os.environ["ZITOUR_DATA_DIR"] = saved
    print(Message("selfcheck.summary.failed" if failed else "selfcheck.summary.ok", failed=failed).text(lang))
    return 1 if failed else 0
