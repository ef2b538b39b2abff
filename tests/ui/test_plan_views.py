"""The plan as the window shows it: itinerary, timeline, warnings that select their stop, optimise."""
from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from app.model.plan import BusPlan, Cue, Leg, Plan, PlannedStop, PlanWarning
from app.store.project import Project
from app.ui import fmt
from routing.messages import Clock, Duration, Message, Spans


def handmade_plan(project_path, tour_id) -> Plan:
    """A plan written by hand from the tour's stops (independent of the planner); like the planner's,
    it carries the fingerprint of the inputs it stands for (it is up to date)."""
    from app.services.plan_inputs import inputs_fingerprint

    with Project.open(project_path, read_only=True) as p:
        tour = p.get(__import__("app.model.entities", fromlist=["Tour"]).Tour, tour_id)
        stops = p.stops(tour_id)
        videos = p.videos()
        fingerprint = inputs_fingerprint(p, tour_id)
    zone = ZoneInfo(tour.timezone)
    t = dt.datetime.combine(tour.date, dt.time(8, 30), zone)
    start = t
    planned, legs = [], []
    prev = tour.start_site_id
    for i, s in enumerate(stops):
        arrive = t + dt.timedelta(minutes=17)
        legs.append(Leg(prev, s.site_id, t, arrive, 17 * 60, 5400.0, ((15.60, 48.40), (15.61, 48.41))))
        depart = arrive + dt.timedelta(seconds=max(s.dwell_s, 0))
        planned.append(PlannedStop(i + 1, s.id, s.site_id, s.kind.value, arrive, depart, wait_s=0.0))
        t, prev = depart, s.site_id
    back = t + dt.timedelta(minutes=20)
    legs.append(Leg(prev, tour.return_site_id, t, back, 20 * 60, 7000.0, ((15.61, 48.41), (15.60, 48.40))))
    cues = (Cue(videos[0].id, videos[0].site_id, 0, start + dt.timedelta(minutes=2), 120.0, title=videos[0].title),) if videos else ()
    bus = BusPlan(None, "Car 1", tour.start_site_id, tour.return_site_id, start, back, tuple(planned), tuple(legs), cues)
    late = Message("solver.late", stop="3", arrival=Clock(10 * 3600 + 5 * 60), previous="Voestalpine",
                   late=Duration(5 * 60), windows=Spans([(9 * 3600, 10 * 3600)]))
    warning = PlanWarning("window_unreachable", late,
                          stop_id=stops[2].id, site_id=stops[2].site_id)
    return Plan(tour_id, dt.datetime.now(zone), (bus,), warnings=(warning,), inputs_fingerprint=fingerprint)


@pytest.fixture
def planned(window, project_path):
    plan = handmade_plan(project_path, window.session.tour_id)
    window.session.project.save_plan(plan)
    window.session.flush()
    return plan


def test_itinerary_rows_match_the_plan(window, planned):
    table = window.itinerary
    bus = planned.buses[0]
    assert table.rowCount() == len(bus.stops) + 2  # departure, stops, return
    for row, ps in enumerate(bus.stops, start=1):
        assert table.item(row, 1).text() == str(ps.sequence)
        assert table.item(row, 2).text() == window.session.sites_by_id[ps.site_id].name
        assert table.item(row, 4).text() == fmt.clock(ps.arrival)
        assert table.item(row, 5).text() == fmt.clock(ps.departure)
    assert table.item(0, 5).text() == fmt.clock(bus.departure)
    assert table.item(table.rowCount() - 1, 4).text() == fmt.clock(bus.return_)
    assert "\u00a0h\u00a0" in table.item(1, 4).text()  # French clock: "8 h 47"


def test_timeline_draws_every_leg_stop_and_cue(window, planned):
    window.timeline_dock.show()
    window.timeline.repaint()
    texts = window.timeline.block_texts()
    bus = planned.buses[0]
    assert sum(t.startswith("Trajet") for t in texts) == len(bus.legs)
    assert sum(t.startswith("Vidéo") for t in texts) == len(bus.cues)
    for ps in bus.stops:
        assert any(t.startswith(f"{ps.sequence}. ") for t in texts)


def test_clicking_a_warning_selects_its_stop_on_the_map(window, planned, qtbot):
    selected = []
    original = window.canvas.select_site
    window.canvas.select_site = lambda site_id, **kw: (selected.append(site_id), original(site_id, **kw))
    warning = planned.warnings[0]
    window.warnings_dock.show()
    window.warnings_dock.raise_()
    panel = window.warnings
    item = next(panel.item(i) for i in range(panel.count()) if panel.item(i).text().startswith("L'arrêt 3 est en retard : arrivée 10\u00a0h\u00a005 depuis Voestalpine"))
    rect = panel.visualItemRect(item)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected and selected[-1] == warning.site_id
    # and its numbered badge is highlighted
    assert [b.stop_id for b in window.canvas.badges() if b.is_highlighted()] == [warning.stop_id]
    assert window.stops_panel.current_stop_id() == warning.stop_id
    assert window.sites_panel.current_site_id() == warning.site_id


def test_clicking_a_stop_badge_selects_the_stop(window, planned):
    stop = planned.buses[0].stops[4]
    window.canvas.stop_clicked.emit(stop.stop_id)
    assert window.stops_panel.current_stop_id() == stop.stop_id
    assert window.site_editor.site_id() == stop.site_id


def test_plan_is_drawn_on_the_map(window, planned):
    canvas = window.canvas
    assert len(canvas.routes()) == len(planned.buses)
    badges = [(b.number, b.stop_id) for b in canvas.badges()]
    assert badges == [(ps.sequence, ps.stop_id) for bus in planned.buses for ps in bus.stops]


# --------------------------------------------------------------------------- real optimiser
def _has_planner() -> bool:
    try:
        import app.services.planning  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _has_planner(), reason="app.services.planning not written yet")
def test_optimise_through_the_worker_updates_the_views(window, project_path, qtbot):
    # entered before the worker starts: a queued signal emitted before connecting would be missed
    with qtbot.waitSignal(window.c.planning.plan_ready, timeout=180_000) as blocker:
        assert window.c.planning.optimise(keep_order=False) is not None
    plan = blocker.args[0]
    qtbot.waitUntil(lambda: window.session.plan == plan, timeout=5000)
    with Project.open(project_path, read_only=True) as p:
        assert p.plan(window.session.tour_id) == plan  # saved
    rows = sum(len(b.stops) + 2 for b in plan.buses)
    assert window.itinerary.rowCount() == rows
    first = plan.buses[0].stops[0]
    assert window.itinerary.item(1, 4).text() == fmt.clock(first.arrival)


def _long_job(window):
    """The real optimiser on the demo tour, or (until it exists) a real region import."""
    from app.ui.workers import Worker

    if _has_planner():
        return window.c.planning.optimise(keep_order=False)
    from app.ui import jobs
    from app.ui.process_job import run_in_process
    from tests.conftest import KREMS_OSM

    worker = Worker(run_in_process, jobs.import_region_job, str(KREMS_OSM), "krems-copy", title="import")
    window.start_worker(worker, lambda _r: None)
    return worker


def _largest_gui_gap_ms(window, qtbot) -> tuple[int, int]:
    """Optimise once while a 10 ms timer in the GUI thread records its gaps: (largest gap, ticks)."""
    gaps = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    worker = _long_job(window)
    timer.start()
    last[0] = clock.elapsed()
    started = time.monotonic()
    qtbot.waitUntil(lambda: worker.done and not window.tasks.busy(), timeout=180_000)
    timer.stop()
    qtbot.wait(50)
    print(f"job {time.monotonic() - started:.2f} s, {len(gaps)} ticks, largest GUI gap {max(gaps)} ms")
    return max(gaps), len(gaps)


def test_the_gui_thread_never_blocks_more_than_100_ms(window, qtbot):
    """The GUI thread keeps ticking every 10 ms while the demo tour is optimised.

    Work the app does in the GUI thread shows up as the same long gap on every run;
    a busy 2-core machine (CI, other processes) can delay one tick by chance. So a
    run over the limit is measured once more, and the better run must pass.
    """
    largest, ticks = _largest_gui_gap_ms(window, qtbot)
    assert ticks > 5, "the job was too short to measure anything"
    if largest >= 100:
        largest = min(largest, _largest_gui_gap_ms(window, qtbot)[0])
    assert largest < 100
