"""An outdated plan in the window: the session says so after every edit (and undo brings "up to date"
back), the itinerary has a banner, the route is grey and dashed, the timeline faded, the warnings
marked as the old plan's, and exporting or printing asks first. Real window, real demo project."""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.model.entities import VehicleSpec
from app.services.plan_inputs import PlanState
from tests.ui.test_plan_views import handmade_plan

OUTDATED_FR = "Le plan ne correspond plus au circuit : relancez l'optimisation."


def _show_plan(window, plan):
    window.session.project.save_plan(plan)
    window.session.flush()


@pytest.fixture
def planned(sync_window, project_path):
    """The window showing an up-to-date plan of its tour (hand-built, with the fingerprint of the inputs)."""
    _show_plan(sync_window, handmade_plan(project_path, sync_window.session.tour_id))
    assert sync_window.session.plan_status.up_to_date
    return sync_window


def _shows_outdated(window) -> bool:
    """Every view of the plan agrees on the plan being outdated (True) or current (False)."""
    banner, routes = window.plan_banner, window.canvas.routes()
    outdated = not banner.isHidden()
    assert routes and all(r.outdated == outdated for r in routes)
    dashed = Qt.PenStyle.CustomDashLine
    assert all((r.line_pen().style() == dashed) == outdated for r in routes)
    assert window.timeline.outdated == outdated
    assert window.warnings.outdated == outdated
    assert window.canvas.plan_outdated() == outdated
    return outdated


def test_optimise_then_edit_then_undo_then_optimise_again_from_the_banner(sync_window):
    window, s = sync_window, sync_window.session
    window.c.planning.optimise()  # the synchronous runner: the real planner, recorded by the service
    assert s.plan.inputs_fingerprint and s.plan_status.up_to_date and not s.plan_outdated
    assert not _shows_outdated(window)
    seen = []
    s.plan_status_changed.connect(seen.append)

    stop = next(x for x in s.project.stops(s.tour_id) if x.windows)
    after = copy.deepcopy(stop)
    after.dwell_s += 15 * 60
    assert window.c.editing.update(stop, after)
    assert s.plan_outdated and [x.state for x in seen] == [PlanState.OUTDATED]
    assert _shows_outdated(window)
    assert window.plan_banner.label.text() == OUTDATED_FR
    assert window.plan_banner.button.text() == "Relancer l'optimisation"
    assert window.timeline.outdated_notice() == "Plan pas à jour : relancez l'optimisation"
    texts = window.warnings.warning_texts()
    assert texts[0].startswith("Ces avertissements sont ceux de l'ancien plan")
    assert all(t.startswith("(ancien plan)") for t in texts[1:] if not t.startswith("L'ancien plan"))

    window.c.editing.undo_stack.undo()  # the inputs as they were: the plan is up to date again
    assert s.plan_status.up_to_date and not _shows_outdated(window)
    assert [x.state for x in seen] == [PlanState.OUTDATED, PlanState.UP_TO_DATE]
    assert not window.warnings.warning_texts()[0].startswith("Ces avertissements")
    window.c.editing.undo_stack.redo()
    assert s.plan_outdated and _shows_outdated(window)

    window.plan_banner.button.click()  # "Relancer l'optimisation": planned again, up to date
    assert s.plan_status.up_to_date and not _shows_outdated(window)
    assert s.project.plan(s.tour_id).inputs_fingerprint == s.plan.inputs_fingerprint


def _dwell(w, s):
    stop = next(x for x in s.project.stops(s.tour_id) if x.kind.value == "visit")
    after = copy.deepcopy(stop)
    after.dwell_s += 600
    return w.c.editing.update(stop, after)


def _window(w, s):
    from app.model.entities import TimeWindow

    stop = next(x for x in s.project.stops(s.tour_id) if x.windows)
    after = copy.deepcopy(stop)
    after.windows = [TimeWindow(dt.time(9, 15), dt.time(11, 45))]
    return w.c.editing.update(stop, after)


def _order_constraint(w, s):
    stops = s.project.stops(s.tour_id)
    return w.c.editing.add_precedence(stops[-1].id, stops[0].id)


def _seats(w, s):
    bus = s.project.buses(s.tour_id)[0]
    after = copy.deepcopy(bus)
    after.seats = 19
    return w.c.editing.update(bus, after)


def _vehicle(w, s):
    return w.c.editing.set_tour_vehicle(VehicleSpec(name="Midibus", height_m=3.2, weight_t=12.0, width_m=2.4,
                                                    length_m=9.0, speed_factor=0.9))


def _site_moved(w, s):
    site = s.sites_by_id[s.project.stops(s.tour_id)[0].site_id]
    w.c.editing.move_site(site.id, site.lon + 0.001, site.lat)
    return s.project.get(type(site), site.id).lon != site.lon


def _region(w, s):
    return w.c.editing.set_region("autre-region")


@pytest.mark.parametrize("edit", [_dwell, _window, _order_constraint, _seats, _vehicle, _site_moved, _region],
                         ids=lambda f: f.__name__.strip("_"))
def test_each_edit_of_an_input_outdates_the_plan_and_its_undo_does_not(planned, edit):
    window, s = planned, planned.session
    assert edit(window, s)
    assert s.plan_outdated and s.plan_status.state is PlanState.OUTDATED and _shows_outdated(window)
    window.actions["actUndo"].trigger()
    assert s.plan_status.up_to_date and not _shows_outdated(window)


def test_a_site_description_does_not_outdate_the_plan(planned):
    window, s = planned, planned.session
    seen = []
    s.plan_status_changed.connect(seen.append)
    site = s.sites_by_id[s.project.stops(s.tour_id)[0].site_id]
    after = copy.deepcopy(site)
    after.products, after.talking_points, after.notes = "Tôles et bobines", "Parler des métiers", "Casques"
    assert window.c.editing.update(site, after)
    assert s.project.get(type(site), site.id).products == "Tôles et bobines"
    assert s.plan_status.up_to_date and seen == [] and not _shows_outdated(window)


def test_exporting_or_printing_an_outdated_plan_asks_and_no_writes_nothing(planned, monkeypatch):
    from app.ui import printing

    window, s = planned, planned.session
    notifier = window.notifier
    printed = []
    monkeypatch.setattr(printing, "print_document", lambda *a, **k: printed.append(a[1]))
    monkeypatch.setattr(printing, "print_preview", lambda *a, **k: printed.append(a[1]))
    folder = s.project.folder / "exports"
    assert not folder.exists()
    # up to date: no question
    dialog = window.c.exporting.make_export_dialog()
    assert dialog is not None and notifier.questions == []
    dialog.deleteLater()

    assert _dwell(window, s) and s.plan_outdated
    notifier.answer = False
    window.c.exporting.export_dialog()  # would block in exec() if a dialog were made
    window.c.exporting.pack_dialog()
    window.c.exporting.print_itinerary()
    window.c.exporting.preview_sheets()
    assert len(notifier.questions) == 4 and printed == []
    export_q, pack_q, print_q, _preview_q = notifier.questions
    assert export_q.startswith("Le plan n'est plus à jour") and export_q.endswith("Exporter quand même ?")
    assert pack_q == export_q and print_q.endswith("Imprimer quand même ?")
    assert not folder.exists()  # nothing written
    assert notifier.statuses[-1] == "Rien n'a été imprimé : optimisez d'abord le circuit."

    notifier.answer = True  # "yes": the dialog opens, printing goes on
    dialog = window.c.exporting.make_export_dialog()
    assert dialog is not None and len(notifier.questions) == 5
    dialog.deleteLater()
    window.c.exporting.print_itinerary()
    assert printed == [printing.ITINERARY]


def test_reopening_keeps_the_state(planned, project_path):
    window, s = planned, planned.session
    assert _window(window, s) and s.plan_outdated
    window.c.files.close_project()
    assert s.plan_status.state is PlanState.NONE and window.plan_banner.isHidden()
    assert window.c.files.open_project(project_path)
    assert s.plan_outdated and not window.plan_banner.isHidden()
    assert window.plan_banner.label.text() == OUTDATED_FR


def test_a_plan_saved_before_fingerprints_shows_as_possibly_outdated(planned, project_path):
    window, s = planned, planned.session
    _show_plan(window, dataclasses.replace(s.plan, inputs_fingerprint=None))
    assert s.plan_status.state is PlanState.UNKNOWN and s.plan_outdated and _shows_outdated(window)
    assert window.plan_banner.label.text().startswith("Ce plan a été calculé par une version précédente")
    window.notifier.answer = False
    assert window.c.exporting.make_export_dialog() is None
    assert window.notifier.questions[-1].startswith("Ce plan a été calculé par une version précédente")
    _show_plan(window, handmade_plan(project_path, s.tour_id))  # stamped again: current
    assert s.plan_status.up_to_date and not _shows_outdated(window)


def test_renaming_a_site_in_its_editor_keeps_the_plan_up_to_date(sync_window, qtbot):
    """Found by trying the window: a name typed in the site editor rewrote the coordinates rounded to
    the boxes' 6 decimals, which moved the site by a tenth of a millimetre and outdated the plan."""
    window = sync_window
    window.c.planning.optimise()
    assert not window.session.plan_outdated
    site = next(s for s in window.session.sites_by_id.values() if round(s.lon, 6) != s.lon)
    window.session.select(site_id=site.id)
    editor = window.site_editor
    editor.name.setText(site.name + " (renommé)")
    editor.name.editingFinished.emit()
    stored = window.session.sites_by_id[site.id]
    assert stored.name.endswith("(renommé)") and (stored.lon, stored.lat) == (site.lon, site.lat)
    assert not window.session.plan_outdated
