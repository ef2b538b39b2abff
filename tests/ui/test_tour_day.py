"""The tour-day mode driven as the organiser drives it, on the rehearsal of the planned demo tour."""
from __future__ import annotations

import html
import shutil

import pytest
from PySide6.QtCore import Qt

from app.store import day_log
from app.tourday.day import Kind
from tests.ui.conftest import make_window

PRESCRIPTEURS = "ZI Tour prescripteurs — Port et chimie"


@pytest.fixture
def day_window(qtbot, tmp_path, planned_demo, errors):
    target = tmp_path / planned_demo.name
    shutil.copy2(planned_demo, target)
    shutil.copytree(planned_demo.parent / "videos", tmp_path / "videos")
    win = make_window(qtbot, tmp_path)
    with qtbot.waitSignal(win.session.region_changed, timeout=60_000):
        assert win.c.files.open_project(target)
    win.session.set_tour(win.session.project.tour_by_name(PRESCRIPTEURS).id)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    assert [str(e) for e in errors] == []


def _drive(qtbot, source, until=None, chunk=120):
    """Push the replay's fixes through the window (as its timer does, without waiting for the clock)."""
    while source.remaining:
        source.step(chunk)
        qtbot.wait(1)
        if until is not None and until():
            return


def test_the_console_runs_the_rehearsed_day_and_logs_it(qtbot, day_window):
    win = day_window
    win.actions["actTourDay"].trigger()
    assert win.mode.name == "tour_day"
    mode = win.modes.tour_day_mode
    assert mode.dock.isVisible() and not win.tour_dock.isVisible() and not win.sites_dock.isVisible()
    console, live = mode.console, win.modes.live
    assert console.delay.text() == "Pas encore parti"
    first_stop = live.day.plan.stops[0]
    assert console.countdown.text().startswith("prévu à ")  # no position yet: the plan's time, no empty countdown
    assert "dans" not in console.presenter.text() and "()" not in console.video.text()
    assert first_stop.name in console.phase.text()
    fired = []
    live.cue_fired.connect(fired.append)
    source = live.rehearse(60)
    _drive(qtbot, source, until=lambda: live.day.at_stop() == 0)
    first = live.day.plan.stops[0]
    assert console.phase.text() == f"À {first.name}"
    assert console.countdown.text().startswith("Départ dans")
    assert win.canvas.vehicle is not None and win.canvas.vehicle.isVisible()
    _drive(qtbot, source)
    assert console.phase.text() == "Retour au dépôt"
    assert [t.key for t in fired] == [t.key for t in sorted(live.day.triggers, key=lambda t: t.s_m)] or \
        sorted(t.key for t in fired) == sorted(t.key for t in live.day.triggers)
    logged = day_log.events(win.session.project, win.session.tour_id, live.bus_id)
    assert sum(e.kind == Kind.CUE for e in logged) == len(live.day.triggers)
    assert logged[-1].kind == Kind.RETURNED
    assert day_log.track(win.session.project, win.session.tour_id, live.bus_id)
    win.modes.planning()
    assert win.mode.name == "planning" and win.tour_dock.isVisible() and not mode.dock.isVisible()


def test_the_presenter_keys_make_manual_events(qtbot, day_window):
    win = day_window
    win.actions["actTourDay"].trigger()
    live = win.modes.live
    console = win.modes.tour_day_mode.console
    qtbot.keyClick(win, Qt.Key.Key_F7)  # leave the depot by hand
    qtbot.keyClick(win, Qt.Key.Key_F6)  # arrived at the first stop
    assert live.day.at_stop() == 0
    assert console.buttons["departed"].isEnabled() and not console.buttons["arrived"].isEnabled()
    qtbot.keyClick(win, Qt.Key.Key_PageDown)  # the clicker's "next": the next video plays
    logged = day_log.events(win.session.project, win.session.tour_id, live.bus_id)
    assert [(e.kind, e.source) for e in logged][:3] == [(Kind.LEFT_DEPOT, "manual"), (Kind.ARRIVED, "manual"),
                                                      (Kind.CUE, "manual")]
    console.heads.setValue(28)
    qtbot.mouseClick(console.findChild(type(console.buttons["arrived"]), "console_count"),
                     Qt.MouseButton.LeftButton)
    assert live.day.state.headcount == 28


def test_the_passenger_screen_shows_the_company_card_then_its_video(qtbot, day_window):
    win = day_window
    win.actions["actTourDay"].trigger()
    mode, live = win.modes.tour_day_mode, win.modes.live
    mode.open_passenger_screen()
    screen = mode.passenger
    assert screen.isVisible() and screen.findChild(type(mode.console)) is None  # no organiser control there
    source = live.rehearse(60)
    company = next(t for t in live.day.triggers if t.kind == "company")
    _drive(qtbot, source, until=lambda: company.key in live.day.state.fired, chunk=20)
    assert screen.shown_kind == "card"
    site = win.session.project.get(type(next(iter(win.session.project.sites()))), company.site_id)
    assert html.escape(site.name) in screen.card.text() and "Sur votre passage" in screen.card.text()
    video = next(t for t in live.day.triggers if t.kind == "video" and t.key not in live.day.state.fired)
    _drive(qtbot, source, until=lambda: video.key in live.day.state.fired, chunk=20)
    assert screen.shown_kind in ("video", "card")  # a card when this machine has no multimedia backend
    if screen.shown_kind == "video":
        assert screen.playing == video.cue.video_id


def test_a_late_bus_is_re_planned_from_where_it_is_once_the_organiser_accepts(qtbot, day_window):
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    from app.tourday.route_track import rehearsal_fixes
    from app.ui.live.sources import ReplaySource

    win = day_window
    win.actions["actTourDay"].trigger()
    mode, live = win.modes.tour_day_mode, win.modes.live
    bus = live.day.plan
    late = rehearsal_fixes(live.day.track, start=bus.departure + dt.timedelta(minutes=40))
    source = ReplaySource(late, 60)
    live.use_source(source)
    source.pause()
    _drive(qtbot, source, until=lambda: live.day.next_index() == 3 and live.day.match.s_m > live.day.track.leg_start_m[3] + 500)
    assert mode.console.delay.text() == "En retard de 40\u00a0min"
    old_plan = win.session.plan
    with qtbot.waitSignal(live.replan_ready, timeout=60_000):
        qtbot.mouseClick(mode.console.findChild(type(mode.console.buttons["arrived"]), "console_replan"),
                         Qt.MouseButton.LeftButton)
    box = mode.replan_box
    assert box.isVisible() and "→" in box.informativeText()
    assert win.session.plan is old_plan  # nothing changes before the organiser says yes
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    new_plan = win.session.plan
    assert new_plan is not old_plan
    stored = win.session.project.plan(win.session.tour_id)
    assert stored.to_json_dict() == new_plan.to_json_dict()
    assert new_plan.buses[0].stops[:3] == old_plan.buses[0].stops[:3]
    assert new_plan.buses[0].stops[3].arrival > old_plan.buses[0].stops[3].arrival
    assert live.day.plan == new_plan.buses[0] and live.day.next_index() == 3
    assert not win.session.plan_outdated


def test_videos_can_start_a_distance_before_their_company_and_the_day_can_start_afresh(qtbot, day_window,
                                                                                      monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    win = day_window
    win.actions["actTourDay"].trigger()
    mode, live = win.modes.tour_day_mode, win.modes.live
    console = mode.console
    before = {t.key: t.s_m for t in live.day.triggers if t.kind == "video"}
    console.cue_mode.setCurrentIndex(console.cue_mode.findData(600.0))
    console.cue_mode.activated.emit(console.cue_mode.currentIndex())
    assert win.session.project.setting("tourday.cue_before_m") == "600"
    track = live.day.track
    for t in live.day.triggers:
        if t.kind == "video" and t.stop_index is not None and live.day.plan.stops[t.stop_index].site_id == t.site_id:
            assert t.s_m == pytest.approx(max(track.leg_start_m[t.leg_index], track.leg_end_m[t.leg_index] - 600))
    assert {t.key for t in live.day.triggers if t.kind == "video"} == set(before)
    source = live.rehearse(60)
    _drive(qtbot, source, until=lambda: live.day.at_stop() == 0)
    assert day_log.events(win.session.project, win.session.tour_id, live.bus_id)
    # The day report on screen: one row a stop, the first visit being done now.
    mode._export_report()
    dialog = mode.report_dialog
    assert dialog.stops.rowCount() == len(live.day.plan.stops)
    assert dialog.stops.item(0, 7).text() == "sur place" and dialog.stops.item(1, 2).text() == "—"
    dialog.reject()
    # After the rehearsal: a new day forgets this bus's log.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(console.findChild(type(console.buttons["arrived"]), "console_new_day"), Qt.MouseButton.LeftButton)
    assert day_log.events(win.session.project, win.session.tour_id, live.bus_id) == []
    assert day_log.track(win.session.project, win.session.tour_id, live.bus_id) == []
    assert live.day.next_index() == 0 and not live.day.state.started
    # Reopening the project: the setting holds.
    assert live.cue_before_m() == 600.0


def test_a_skipped_stop_says_which_video_is_not_played(qtbot, day_window):
    win = day_window
    win.actions["actTourDay"].trigger()
    live = win.modes.live
    shown = []
    win.notifier.status = lambda text, *a, **k: shown.append(text)
    qtbot.keyClick(win, Qt.Key.Key_F7)
    qtbot.keyClick(win, Qt.Key.Key_F8)  # skip the first stop: its video goes with it
    skipped = live.day.plan.stops[0]
    assert live.day.state.stops[0].status == "skipped"
    titles = [t.cue.title for t in live.day.triggers if t.kind == "video" and t.stop_index == 0]
    assert titles and any(f"Non diffusée : {titles[0]}" in s for s in shown), shown
    assert skipped.name in win.modes.tour_day_mode.console.stops.item(0).text()


def test_closing_the_project_ends_the_tour_day(qtbot, day_window):
    win = day_window
    win.actions["actTourDay"].trigger()
    assert win.mode.name == "tour_day"
    win.c.files.close_project()
    assert win.mode.name == "planning" and win.modes.live.day is None
    assert not win.modes.tour_day_mode.dock.isVisible()
