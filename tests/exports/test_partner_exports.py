"""What partners receive, read back as their tools read it (issue: exports partners can rely on).

A pack unzipped elsewhere plays; calendars cancel what will not happen and keep to the itinerary's
minutes; dropped stops are said in every format; one GPX per bus; M3U8 paths a player reads.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import gpxpy
import icalendar
import pytest
from lxml import etree

from app.exports.context import ExportOptions
from app.i18n import label
from app.model.entities import StopKind
from app.model.plan import DroppedStop
from app.services import export as svc
from app.services.videos import write_demo_clip
from routing.messages import Message
from tests.exports.conftest import build_project

DATA = Path(__file__).parent / "data"
XSPF_NS = "{http://xspf.org/ns/0/}"


def _clips(project) -> None:
    """Real (tiny, playable) clips where the project's videos say they are."""
    for k, v in enumerate(project.videos()):
        write_demo_clip(project.folder / v.path, 2, (40 + 20 * k, 80, 160))


def _playlist_entries(folder: Path) -> list[Path]:
    """Every video a playlist in ``folder`` names, resolved as a player resolves it."""
    out = []
    for xspf in folder.glob("*.xspf"):
        for loc in etree.parse(str(xspf)).iter(f"{XSPF_NS}location"):
            out.append((xspf.parent / unquote(loc.text)).resolve())
    for m3u in folder.glob("*.m3u8"):
        for line in m3u.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                out.append(Path(unquote(urlparse(line).path)) if line.startswith("file:") else (m3u.parent / line).resolve())
    return out


def test_the_partner_pack_plays_once_unzipped_anywhere(tmp_path, krems):
    project = build_project(tmp_path / "p" / "demo.zitour", krems, n_stops=4, hostile=False)
    _clips(project)
    tour = project.tours()[0]
    pack = svc.export_tour(project, tour.name, ["pack"], tmp_path / "out", layers=None)[0]
    elsewhere = tmp_path / "partner" / "downloads"
    elsewhere.mkdir(parents=True)
    with zipfile.ZipFile(pack) as z:
        z.extractall(elsewhere)
        stored = {i.filename: i.compress_type for i in z.infolist()}
    entries = _playlist_entries(elsewhere)
    assert entries and all(e.is_file() and elsewhere in e.parents for e in entries)
    assert all(stored[name] == zipfile.ZIP_STORED for name in stored if name.startswith("videos/"))
    assert len([n for n in stored if n.startswith("videos/")]) == len({e for e in entries})
    readme = (elsewhere / "README.txt").read_text(encoding="utf-8")
    assert "videos/" in readme and "copiez le dossier" not in readme
    # Without the clips (to send by e-mail): the README says which files go where, the playlists too.
    light = svc.export_tour(project, tour.name, ["pack"], tmp_path / "light", layers=None,
                            options=ExportOptions(pack_videos=False))[0]
    project.close()
    with zipfile.ZipFile(light) as z:
        names = z.namelist()
        text = z.read("README.txt").decode("utf-8")
        m3u = next(z.read(n).decode("utf-8") for n in names if n.endswith(".m3u8"))
    assert not [n for n in names if n.startswith("videos/")]
    assert "ne sont pas incluses" in text and all(line.split("/")[-1] in text for line in m3u.splitlines()
                                                  if line.startswith("videos/"))
    assert "# Vidéos non incluses" in m3u


def _events(path: Path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return cal, list(cal.walk("VEVENT"))


def test_calendar_events_are_what_partners_attend_to_the_minute(tmp_path, krems):
    project = build_project(tmp_path / "p.zitour", krems, n_stops=5, hostile=False)
    tour = project.tours()[0]
    plan = project.plan(tour.id)
    ics = svc.export_tour(project, tour.name, ["ics"], tmp_path / "a", layers=None)[0]
    project.close()
    cal, events = _events(ics)
    assert str(cal["X-WR-CALNAME"]).count("ZI Tour") == 1
    by_uid = {str(e["UID"]): e for e in events}
    kinds = {s.stop_id: s for b in plan.buses for s in b.stops}
    visits = [s for s in kinds.values() if s.kind != "drive_by"]
    assert len(events) == 1 + len(visits)  # the tour, then each visit and shared stop: no drive-by event
    tour_event = events[0]
    for s in kinds.values():
        if s.kind == "drive_by":
            assert s.name in str(tour_event["DESCRIPTION"])
    for e in events:
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert end > start and start.second == 0 and end.second == 0
    for s in visits:  # from the visit's start (after the coach's wait) to its end, as the itinerary says
        e = next(e for e in events if s.name in str(e["SUMMARY"]))
        begins = s.arrival + dt.timedelta(seconds=s.wait_s)
        assert e.decoded("DTSTART") == begins.replace(second=0, microsecond=0)
        assert e.decoded("DTEND") == s.departure.replace(second=0, microsecond=0)
    assert by_uid


def test_a_stop_removed_from_the_plan_is_cancelled_in_the_next_calendar(tmp_path, krems):
    project = build_project(tmp_path / "p.zitour", krems, n_stops=5, hostile=False)
    tour = project.tours()[0]
    first = svc.export_tour(project, tour.name, ["ics"], tmp_path / "a", layers=None)[0]
    plan = project.plan(tour.id)
    bus = plan.buses[0]
    gone = next(s for s in bus.stops if s.kind == "visit")
    k = bus.stops.index(gone)
    shorter = dataclasses.replace(bus, stops=bus.stops[:k] + bus.stops[k + 1:], legs=bus.legs[:k] + bus.legs[k + 1:])
    project.save_plan(dataclasses.replace(plan, buses=(shorter,)))
    second = svc.export_tour(project, tour.name, ["ics"], tmp_path / "b", layers=None)[0]
    third = svc.export_tour(project, tour.name, ["ics"], tmp_path / "c", layers=None)[0]
    project.close()
    before = {str(e["UID"]): e for e in _events(first)[1]}
    after = {str(e["UID"]): e for e in _events(second)[1]}
    again = {str(e["UID"]): e for e in _events(third)[1]}
    assert set(before) == set(after) == set(again)  # the removed visit is still there...
    uid = next(u for u, e in before.items() if gone.name in str(e["SUMMARY"]))
    assert str(after[uid]["STATUS"]) == "CANCELLED"  # ...cancelled
    assert int(after[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    assert after[uid].decoded("DTSTART") == before[uid].decoded("DTSTART")
    assert str(again[uid]["STATUS"]) == "CANCELLED" and int(again[uid]["SEQUENCE"]) == int(after[uid]["SEQUENCE"])
    assert all(str(e["STATUS"]) == "CONFIRMED" for u, e in after.items() if u != uid)


def test_every_format_says_which_stops_asked_for_are_not_on_the_programme(tmp_path, krems, capsys):
    from app.cli.main import main

    project = build_project(tmp_path / "p.zitour", krems, n_stops=5, hostile=False)
    tour = project.tours()[0]
    plan = project.plan(tour.id)
    bus = plan.buses[0]
    gone = bus.stops[1]
    why = Message("solver.window_unreachable", stop=gone.name)
    plan = dataclasses.replace(plan, buses=(dataclasses.replace(bus, stops=bus.stops[:1] + bus.stops[2:],
                                                                legs=bus.legs[:1] + bus.legs[2:]),),
                               dropped=(DroppedStop(gone.stop_id, gone.site_id, why, True),))
    project.save_plan(plan)
    project.close()
    out = tmp_path / "out"
    code = main(["export", str(tmp_path / "p.zitour"), "--tour", tour.name, "--format", "csv,geojson,ics,html",
                 "--out", str(out), "--allow-outdated"])
    err = capsys.readouterr().err
    assert code == 3 and gone.name in err and why.text("fr") in err
    rows = list(csv.reader(io.StringIO((out / next(p.name for p in out.glob("*.csv"))).read_text("utf-8-sig")),
                           delimiter=";"))
    row = next(r for r in rows if r[3] == gone.name)
    assert row[2] == "Non programmé (obligatoire)" and why.text("fr") in row[17]
    feats = json.loads(next(out.glob("*.geojson")).read_text(encoding="utf-8"))["features"]
    dropped = [f["properties"] for f in feats if f["properties"]["layer"] == "dropped_stop"]
    assert dropped == [dict(dropped[0], name=gone.name, served=False, required=True)]
    _, events = _events(next(out.glob("*.ics")))
    assert gone.name in str(events[0]["DESCRIPTION"]) and "pas au programme" in str(events[0]["DESCRIPTION"])
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "Non programmé" in html and gone.name in html


def test_each_bus_gets_its_own_gpx_with_symbols_and_french_types(tmp_path, krems):
    project = build_project(tmp_path / "p.zitour", krems, n_stops=6, hostile=False, n_buses=2)
    tour = project.tours()[0]
    paths = svc.export_tour(project, tour.name, ["gpx"], tmp_path / "out", layers=None)
    project.close()
    assert [p.name for p in paths] == ["zi-krems-octobre-car-1.gpx", "zi-krems-octobre-car-2.gpx"]
    schema = etree.XMLSchema(etree.parse(str(DATA / "gpx11.xsd")))
    for path in paths:
        assert schema.validate(etree.parse(str(path))), schema.error_log
        gpx = gpxpy.parse(path.read_text(encoding="utf-8"))
        assert len(gpx.routes) == 1 and len(gpx.tracks) == 1
        assert all(len(w.name) <= 40 and not w.name.startswith("Car") for w in gpx.waypoints)
        assert {w.type for w in gpx.waypoints} <= {label(k, "fr") for k in StopKind}
        assert "Visite" in {w.type for w in gpx.waypoints}
        assert all(w.symbol for w in gpx.waypoints)


def test_m3u8_names_a_player_reads(tmp_path, krems):
    from app.exports import m3u, playlists
    from app.services.export import build_context

    project = build_project(tmp_path / "p" / "demo.zitour", krems, n_stops=2, hostile=False)
    video = project.videos()[0]
    video.path = "videos/clip #1 été.mp4"
    project.update(video)
    _clips(project)
    ctx = build_context(project, project.tours()[0], layers=None)
    project.close()
    ctx.export_folder = tmp_path / "p" / "exports"
    text = m3u.build(ctx, ctx.plan.buses[0])
    line = next(x for x in text.splitlines() if "clip" in x)
    assert line.startswith("file:///") and Path(unquote(urlparse(line).path)).is_file()
    # Beside the project: relative; on another disk (a USB stick): the file's own absolute path.
    ctx.export_folder = tmp_path / "p" / "exports"
    near = playlists.video_path(ctx, ctx.videos[ctx.plan.buses[0].cues[-1].video_id].path)
    assert near.startswith("../videos/")
    ctx.export_folder = tmp_path / "usb" / "tours" / "2025"
    far = playlists.video_path(ctx, ctx.videos[ctx.plan.buses[0].cues[-1].video_id].path)
    assert Path(far).is_absolute() and Path(far).is_file()


@pytest.mark.parametrize("text, kept", [("+33 6 39 98 00 11", "+33\u00a06\u00a039\u00a098\u00a000\u00a011"),
                                        ("2 600–3 300 €", "2\u00a0600\u2060–\u20603\u00a0300 €")])
def test_printed_numbers_do_not_break_inside(text, kept):
    from app.exports.french import for_print

    assert for_print(text) == kept
    assert "@\u200b" in for_print("prenom.nom@entreprise-exemple.fr")


def test_printed_documents_name_their_author_region_and_leave_out_emoji_with_a_note(tmp_path, krems):
    import subprocess

    project = build_project(tmp_path / "p.zitour", krems, n_stops=3, hostile=False)
    project.set_setting("organiser", "Maison de l'emploi de Krems")
    from app.model.entities import Site

    site = project.get(Site, project.plan(project.tours()[0].id).buses[0].stops[0].site_id)
    site.jobs = "Soudeur·se 🔥 et cariste 🚜"
    project.update(site)
    tour = project.tours()[0]
    pdf, sheets = svc.export_tour(project, tour.name, ["pdf", "sheets"], tmp_path / "out")
    project.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Maison de l'emploi de Krems" in info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "région Krems" in text
    sheet_text = subprocess.run(["pdftotext", str(sheets), "-"], capture_output=True, text=True, check=True).stdout
    assert "🔥" not in sheet_text and "Soudeur·se et cariste" in sheet_text
    assert "émojis des textes saisis ne sont pas imprimés" in sheet_text
    assert "+33 6 12 34 56 78".replace(" ", "\u00a0") in sheet_text or "+33 6 12 34 56 78" in sheet_text


def test_the_html_map_has_the_pdf_maps_background_a_title_and_spread_markers(tmp_path, krems):
    from app.exports import html_map
    from app.services.export import build_context

    project = build_project(tmp_path / "p.zitour", krems, n_stops=5, hostile=False)
    tour = project.tours()[0]
    path = svc.export_tour(project, tour.name, ["html"], tmp_path / "out")[0]
    ctx = build_context(project, tour)
    project.close()
    page = path.read_text(encoding="utf-8")
    assert "<title>ZI Tour « ZI Krems – Octobre » — carte</title>" in page
    land = html_map._land_geojson(ctx, ctx.bounds())
    kinds = {f["properties"].get("a") for f in land["features"]} - {None}
    assert "water" in kinds and len(kinds) >= 3  # land use and water, as on the PDF map
    assert any("w" in f["properties"] for f in land["features"])  # rivers and streams
    assert '"n": "' in page  # roads carry their names (shown on hover)
    assert "@media (max-width:640px)" in page  # on a phone the title leaves the layer list alone
    rows = ctx.rows(ctx.plan.buses[0])
    same = dataclasses.replace(rows[1], site=dataclasses.replace(rows[1].site, lon=rows[0].site.lon, lat=rows[0].site.lat))
    offsets = html_map._spread([rows[0], same, rows[2]])
    assert set(offsets) == {0, 1} and offsets[0] != offsets[1]  # two markers on one spot: set apart


def test_each_ambassador_gets_a_booklet_of_their_stops_in_order(tmp_path, krems):
    import subprocess

    project = build_project(tmp_path / "p.zitour", krems, n_stops=6, hostile=False, n_buses=2)
    tour = project.tours()[0]
    plan = project.plan(tour.id)
    ambassadors = {a.id: a for a in project.ambassadors()}
    paths = svc.export_tour(project, tour.name, ["booklets"], tmp_path / "out", layers=None)
    project.close()
    presented: dict[int, list] = {}
    for bus in plan.buses:
        for s in bus.stops:
            if s.ambassador_id is not None:
                presented.setdefault(s.ambassador_id, []).append(s)
    assert len(paths) == len(presented) == 2
    for path in paths:
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        who = next(a for a in ambassadors.values() if f"Livret de {a.name}" in text)
        assert who.id in presented and path.name.startswith("zi-krems-octobre-livret-")
        mine = sorted(presented[who.id], key=lambda s: s.arrival)
        pages = text.split("\f")
        assert len([p for p in pages if p.strip()]) == 1 + len(mine)  # the cover, then one sheet a stop
        cover = pages[0]
        positions = [cover.index(s.name) for s in mine]
        assert positions == sorted(positions)  # in the order of the day
        for s, page in zip(mine, pages[1:]):
            assert s.name in page and "Points à aborder" in page
        others = [s for a, stops in presented.items() if a != who.id for s in stops]
        assert not any(s.name in cover for s in others if s.name not in {m.name for m in mine})
