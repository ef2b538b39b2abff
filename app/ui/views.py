"""How each view follows the session: which signals it redraws on, and what its gestures ask.

One function per view, ``bind_*(view, session, controllers)``. A view redraws only
on the signals that name what it shows (the sites list on ``sites_changed``, the
plan views on ``plan_changed``...), and it sends the user's requests to a
controller; it never reads another view. A new view is one more function here
(or its own module) that connects to the session: the window does not change.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.ui.session import Selection, Session

if TYPE_CHECKING:  # pragma: no cover
    from app.ui.main_window import Controllers


def _stop_site(session: Session, stop_id: int):
    if session.project is None or session.tour_id is None:
        return None
    return next((s.site_id for s in session.project.stops(session.tour_id) if s.id == stop_id), None)


def bind_canvas(canvas, session: Session, c: "Controllers") -> None:
    def sites(_change=None) -> None:
        canvas.set_sites(list(session.sites_by_id.values()))
        canvas.set_plan(session.plan, session.sites_by_id)

    def region(region) -> None:
        if region is None:
            return
        canvas.set_layers(region.layers)  # fits the whole region; the plan's fit follows
        sites()
        if session.has_plan:
            canvas.fit_to_plan()
        else:
            canvas.fit_to_bounds(*region.bounds)

    def selected(sel: Selection) -> None:
        # Recentre on what the user picked elsewhere; never under the mouse, never for a project opening.
        centre = sel.source is not canvas and sel.source is not c.files
        if sel.stop_id is not None and canvas.highlight_stop(sel.stop_id, centre=centre):
            if sel.site_id is not None:
                canvas.select_site(sel.site_id, centre=False)
        elif sel.site_id is not None:  # no badge (no plan yet, a dropped stop): the site itself
            canvas.select_site(sel.site_id, centre=centre)

    def tour_shown(_tour_id) -> None:
        if session.has_plan:
            canvas.fit_to_plan()

    session.project_changed.connect(lambda p: canvas.clear() if p is None else sites())
    session.sites_changed.connect(sites)
    session.plan_changed.connect(lambda plan: canvas.set_plan(plan, session.sites_by_id))
    session.region_changed.connect(region)
    session.selection_changed.connect(selected)
    session.current_tour_changed.connect(tour_shown)
    canvas.site_selected.connect(lambda site_id: session.select(site_id=site_id, source=canvas))
    canvas.stop_clicked.connect(lambda stop_id: session.select(_stop_site(session, stop_id), stop_id, canvas))
    canvas.site_moved.connect(c.editing.move_site)
    canvas.gate_picked.connect(c.editing.set_gate)
    canvas.add_site_requested.connect(c.editing.add_site)


def bind_sites(panel, editor, session: Session, c: "Controllers") -> None:
    def sites(_change=None) -> None:
        panel.set_sites(list(session.sites_by_id.values()))
        current = editor.site_id()  # the same site, its stored values in the app's style (never another site)
        editor.set_site(session.sites_by_id.get(current) if current else None)

    def selected(sel: Selection) -> None:
        if sel.site_id is not None:
            panel.select_site(sel.site_id)
            editor.set_site(session.sites_by_id.get(sel.site_id))

    session.project_changed.connect(lambda _p: sites())
    session.sites_changed.connect(sites)
    session.selection_changed.connect(selected)
    panel.site_selected.connect(lambda site_id: session.select(site_id=site_id, source=panel))
    panel.add_requested.connect(c.editing.add_site_at_centre)
    panel.delete_requested.connect(c.editing.delete_site)
    panel.import_requested.connect(c.editing.import_sites_dialog)
    panel.add_stop_requested.connect(c.editing.add_stop)
    editor.edited.connect(lambda before, after: c.editing.update(before, after, editor))
    editor.rejected.connect(c.notifier.error)


def bind_tour(editor, stops, session: Session, c: "Controllers") -> None:
    def tour(_change=None) -> None:
        p = session.project
        if p is None:
            return
        t = session.tour()
        buses = p.buses(t.id) if t else []
        editor.set_tours(p.tours(), t, buses, list(session.sites_by_id.values()), p.groups(t.id) if t else [])
        stops.set_stops(p.stops(t.id) if t else [], session.sites_by_id, buses)
        stops.set_precedences(p.precedences(t.id) if t else [])

    def selected(sel: Selection) -> None:
        if sel.stop_id is not None:
            stops.select_stop(sel.stop_id)

    session.project_changed.connect(lambda _p: tour())
    session.tour_changed.connect(tour)  # also sent when the tours' list changes: one redraw
    session.selection_changed.connect(selected)
    editor.tour_selected.connect(session.set_tour)
    editor.new_tour_requested.connect(c.editing.new_tour)
    editor.delete_tour_requested.connect(c.editing.delete_tour)
    editor.tour_edited.connect(lambda b, a: c.editing.update(b, a, editor))
    editor.bus_edited.connect(lambda b, a: c.editing.update(b, a, editor))
    editor.bus_added.connect(lambda: _select_new_bus(editor, c.editing.add_bus()))
    editor.bus_removed.connect(c.editing.remove_bus)
    editor.vehicle_for_all.connect(c.editing.set_tour_vehicle)
    editor.group_added.connect(c.editing.add_group)
    editor.group_removed.connect(c.editing.remove_group)
    editor.group_edited.connect(lambda b, a: c.editing.update(b, a, editor))
    stops.precedence_requested.connect(c.editing.add_precedence)
    stops.precedence_removed.connect(c.editing.remove_precedence)
    stops.add_requested.connect(c.editing.add_selected_site_as_stop)
    stops.remove_requested.connect(c.editing.remove_stop)
    stops.stop_selected.connect(lambda stop_id: session.select(_stop_site(session, stop_id), stop_id, stops))
    stops.model.stop_edited.connect(lambda b, a: c.editing.update(b, a, stops))
    stops.model.reorder_requested.connect(c.editing.reorder_stops)
    stops.model.edit_rejected.connect(lambda text: c.notifier.warning(QCoreApplication.translate(
        "MainWindow", "This value cannot be read: %1\nTimes are written like 9 h 30 and windows like 9 h 00–11 h 30.")
        .replace("%1", text)))


def _select_new_bus(editor, bus_id) -> None:
    if bus_id is not None:
        editor.select_bus(bus_id)


def bind_plan_views(itinerary, timeline, warnings, ambassadors, videos, session: Session, c: "Controllers") -> None:
    """The views of the plan redraw on a new plan, and on the names and durations they show."""

    def redraw(_what=None) -> None:
        p, plan = session.project, session.plan
        if p is None:
            return
        sites = list(session.sites_by_id.values())
        people = p.ambassadors()
        clips = p.videos()
        itinerary.set_plan(plan, session.sites_by_id, {a.id: a for a in people})
        timeline.set_plan(plan, session.sites_by_id, {v.id: v.duration_s for v in clips})
        warnings.set_plan(plan)
        ambassadors.set_data(p, people, sites, plan)
        videos.set_data(p, clips, sites, plan)

    session.plan_changed.connect(redraw)
    session.sites_changed.connect(redraw)
    session.people_changed.connect(redraw)
    itinerary.site_selected.connect(lambda site_id: session.select(site_id=site_id, source=itinerary))
    warnings.warning_activated.connect(
        lambda stop_id, site_id: session.select(site_id if stop_id is None else _stop_site(session, stop_id),
                                                stop_id, warnings))
    ambassadors.edited.connect(lambda before, after: c.editing.update(before, after, ambassadors))
    ambassadors.add_requested.connect(lambda: ambassadors.select_ambassador(c.editing.add_ambassador()))
    ambassadors.delete_requested.connect(c.editing.delete_ambassador)
    ambassadors.rejected.connect(c.notifier.error)
    videos.delete_requested.connect(c.editing.delete_video)
    videos.video_edited.connect(lambda before, after: c.editing.update(before, after, videos))
    videos.error.connect(c.notifier.error)
    videos.files_chosen.connect(lambda files, site_id: c.editing.add_videos(files, site_id, c.tasks))


def bind_plan_status(banner, canvas, timeline, warnings, session: Session, c: "Controllers") -> None:
    """While the shown plan no longer matches the tour (``session.plan_status``): a banner above the
    itinerary with a button to plan again, the route grey and dashed, the timeline faded, the warnings
    marked as the old plan's."""

    def show(_what=None) -> None:
        stale = session.plan_outdated
        banner.set_state(session.plan_status.state if stale else None, can_replan=session.editable)
        canvas.set_plan_outdated(stale)
        timeline.set_outdated(stale)
        warnings.set_outdated(stale)

    def replan() -> None:
        c.planning.optimise(keep_order=bool(session.plan is not None and session.plan.keep_order))

    session.plan_status_changed.connect(show)
    session.plan_changed.connect(show)
    session.editable_changed.connect(show)
    banner.replan_requested.connect(replan)


def bind_welcome(welcome, c: "Controllers") -> None:
    """The welcome page's buttons: the demo, a project, a new one, a recent one, a region."""
    welcome.open_demo.connect(c.files.open_demo)
    welcome.open_file.connect(c.files.open_project_dialog)
    welcome.new_file.connect(c.files.new_project_dialog)
    welcome.open_recent.connect(lambda p: c.files.open_project(Path(p)))
    welcome.import_region.connect(c.files.regions_dialog)
