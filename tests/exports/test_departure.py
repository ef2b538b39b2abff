"""The cover page, the calendar and the pack say when the bus actually leaves: the plan's departure.

The tour's earliest departure is 8:30 but it floats ("au plus tôt"): the plan leaves at 9:17.
A second bus the planner left without stops "leaves" at 8:30 without moving: it is not the day's
departure either.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from dataclasses import replace

from icalendar import Calendar

from app.exports.context import ExportContext
from app.model.entities import Bus
from app.model.plan import BusPlan
from app.services import export as svc
from app.services.plan_inputs import inputs_fingerprint
from tests.exports.conftest import build_project

LATER = dt.timedelta(minutes=47)  # 8:30 -> 9:17


def _shifted(bus: BusPlan) -> BusPlan:
    return replace(bus, departure=bus.departure + LATER, return_=bus.return_ + LATER,
                   stops=tuple(replace(s, arrival=s.arrival + LATER, departure=s.departure + LATER)
                               for s in bus.stops),
                   legs=tuple(replace(g, departure=g.departure + LATER, arrival=g.arrival + LATER) for g in bus.legs),
                   cues=tuple(replace(c, start=c.start + LATER) for c in bus.cues))


def _floating_project(tmp_path, krems):
    project = build_project(tmp_path / "flottant.zitour", krems, n_stops=3, hostile=False)
    tour = project.tours()[0]
    tour.departure_fixed = False
    project.update(tour)
    idle = project.add(Bus(name="Car vide", seats=50, tour_id=tour.id))
    plan = project.plan(tour.id)
    [bus] = plan.buses
    assert bus.departure.astimezone(dt.timezone.utc).time() == dt.time(6, 30)  # 8:30 in Paris, summer time
    empty = BusPlan(idle.id, idle.name, None, None, bus.departure, bus.departure, (), (), ())
    plan = replace(plan, buses=(_shifted(bus), empty))
    project.save_plan(replace(plan, inputs_fingerprint=inputs_fingerprint(project, tour.id)))
    return project, tour


def test_the_context_takes_the_departure_of_the_buses_that_drive(tmp_path, krems):
    project, tour = _floating_project(tmp_path, krems)
    try:
        ctx: ExportContext = svc.build_context(project, tour.name)
        assert ctx.local(ctx.departure).time() == dt.time(9, 17)
        assert ctx.local(ctx.return_) == ctx.local(ctx.plan.buses[0].return_)
    finally:
        project.close()


def test_pdf_cover_ics_and_pack_show_the_planned_departure(tmp_path, krems):
    project, tour = _floating_project(tmp_path, krems)
    try:
        paths = svc.export_tour(project, tour.name, ["pdf", "ics", "pack"], tmp_path / "out", layers=None)
    finally:
        project.close()
    by = {p.suffix: p for p in paths if not p.name.endswith("-fiches-arrets.pdf")}
    # the PDF cover line: "Départ : 9 h 17 · Retour : …"
    text = subprocess.run(["pdftotext", "-layout", str(by[".pdf"]), "-"], check=True, capture_output=True,
                          text=True).stdout.replace("\u00a0", " ")
    cover = text.split("\f")[0]
    assert re.search(r"Départ : 9 h 17\b", cover), cover
    assert "8 h 30" not in cover
    # the calendar's tour event starts at the planned departure
    with open(by[".ics"], "rb") as f:
        cal = Calendar.from_ical(f.read())
    events = list(cal.walk("VEVENT"))
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts[0].time() == dt.time(9, 17) and str(events[0]["DTSTART"].params.get("TZID")) == "Europe/Paris"
    assert events[0].decoded("DTSTART").time() == dt.time(9, 17)  # the tour's own event comes first
    # the partners' pack says so in its README
    with zipfile.ZipFile(by[".zip"]) as z:
        readme = z.read("README.txt").decode("utf-8").replace("\u00a0", " ")
    assert "Départ à 9 h 17," in readme and "8 h 30" not in readme
