"""Every export read back by a real consumer; hostile project text comes out inert everywhere."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree

from app.services import export as svc
from tests.exports.conftest import HOSTILE_FORMULA, HOSTILE_SCRIPT, build_project

DATA = Path(__file__).parent / "data"
N_STOPS = 7


@pytest.fixture(scope="module")
def exported(tmp_path_factory, krems):
    """Project with 7 stops (two of them hostile names) exported in ``all`` formats."""
    tmp = tmp_path_factory.mktemp("all")
    project = build_project(tmp / "demo.zitour", krems, n_stops=N_STOPS)
    out = tmp / "exports"
    paths = svc.export_tour(project, project.tours()[0].name, ["all"], out, layers=krems[0])
    def key(p: Path) -> str:
        if p.name.endswith("-fiches-arrets.pdf"):
            return ".sheets"
        if "-livret-" in p.name:
            return ".booklet-" + p.stem.split("-livret-")[1]
        for part, name in (("-accueil-entreprises", ".receptions"), ("-programmes-groupes", ".programmes")):
            if part in p.name:
                return name + p.suffix
        return p.suffix

    yield project, out, {key(p): p for p in paths}
    project.close()


def test_all_formats_delivered_and_nothing_else(exported):
    project, out, by = exported
    assert {k for k in by if not k.startswith(".booklet-")} == {
        ".pdf", ".sheets", ".csv", ".gpx", ".ics", ".geojson", ".gpkg", ".html", ".xspf", ".m3u8", ".zip",
        ".receptions.pdf", ".receptions.csv"}  # no participant groups: no group programmes
    assert {k for k in by if k.startswith(".booklet-")} == {".booklet-claire-bernard", ".booklet-script-alert-1-script"}
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in by.values())


# -- GPX ---------------------------------------------------------------------------------
def test_gpx_parses_and_validates(exported):
    import gpxpy

    _, _, by = exported
    raw = by[".gpx"].read_bytes()
    schema = etree.XMLSchema(etree.parse(str(DATA / "gpx11.xsd")))
    doc = etree.fromstring(raw)
    schema.assertValid(doc)
    gpx = gpxpy.parse(raw.decode("utf-8"))
    assert len(gpx.waypoints) == N_STOPS
    assert len(gpx.routes) == 1 and len(gpx.routes[0].points) == N_STOPS + 2  # depot, stops, depot
    seg_points = sum(len(s.points) for s in gpx.tracks[0].segments)
    assert len(gpx.tracks[0].segments) == N_STOPS + 1 and seg_points > 10 * N_STOPS  # real road geometry
    names = [w.name for w in gpx.waypoints]
    assert any(HOSTILE_SCRIPT in n for n in names)  # kept as text, escaped by the XML writer
    assert b"<script>" not in raw


def test_gpx_schema_is_strict():
    """The shipped schema rejects what GPX 1.1 rejects (so the validation test can fail)."""
    schema = etree.XMLSchema(etree.parse(str(DATA / "gpx11.xsd")))
    bad = b'<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="x"><wpt lat="95" lon="0"/></gpx>'
    assert not schema.validate(etree.fromstring(bad))
    no_creator = b'<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1"/>'
    assert not schema.validate(etree.fromstring(no_creator))


# -- ICS ---------------------------------------------------------------------------------
def _events(path: Path):
    import icalendar

    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return cal, [c for c in cal.walk("VEVENT")]


def test_ics_parses_with_timezone_and_uids(exported):
    _, _, by = exported
    cal, events = _events(by[".ics"])
    assert len(events) == N_STOPS + 1  # each stop (visit, lunch, drive-by) + the tour
    assert [c["TZID"] for c in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    for e in events:
        assert e.get("UID") and e.get("DTSTAMP")
        assert e.decoded("DTSTART").tzinfo is not None
        assert str(e["DTSTART"].params.get("TZID")) == "Europe/Paris"
    summaries = [str(e["SUMMARY"]) for e in events]
    assert any(HOSTILE_SCRIPT in s for s in summaries) and any(HOSTILE_FORMULA in s for s in summaries)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_ics_reexport_keeps_uids_and_raises_sequence_on_change(tmp_path, krems):
    project = build_project(tmp_path / "p.zitour", krems, n_stops=3, hostile=False)
    tour = project.tours()[0]
    first = svc.export_tour(project, tour.name, ["ics"], tmp_path / "a", layers=None)[0]
    again = svc.export_tour(project, tour.name, ["ics"], tmp_path / "b", layers=None)[0]
    site = project.get(type(project.sites()[0]), project.plan(tour.id).buses[0].stops[1].site_id)
    site.address = "Rue nouvelle 1"
    project.update(site)
    changed = svc.export_tour(project, tour.name, ["ics"], tmp_path / "c", layers=None)[0]
    project.close()
    seq = [{str(e["UID"]): int(e.get("SEQUENCE", 0)) for e in _events(p)[1]} for p in (first, again, changed)]
    assert set(seq[0]) == set(seq[1]) == set(seq[2])
    assert seq[0] == seq[1]  # unchanged content: same sequence
    raised = [uid for uid in seq[2] if seq[2][uid] == seq[1][uid] + 1]
    assert len(raised) == 1 and all(seq[2][u] == seq[1][u] for u in seq[2] if u not in raised)


# -- CSV ---------------------------------------------------------------------------------
def test_csv_bom_separator_and_neutralised_formulas(exported):
    _, _, by = exported
    raw = by[".csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Car", "N°", "Type", "Lieu"]
    assert len(body) == N_STOPS + 2
    phone = re.compile(r"\+[0-9][0-9 ().\-/]*")
    for row in body:
        assert len(row) == len(header)
        for cell in row:  # nothing a spreadsheet would evaluate; a telephone number stays as it is
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or phone.fullmatch(cell), cell
    assert "+33 6 12 34 56 78" in [r[15] for r in body]  # no stray apostrophe before a phone number
    assert '"+33 6 12 34 56 78"' in raw.decode("utf-8-sig")  # quoted: a spreadsheet keeps it as text
    places = [r[3] for r in body]
    assert "'" + HOSTILE_FORMULA in places and HOSTILE_SCRIPT in places
    assert re.fullmatch(r"\d+,\d", body[1][10])  # decimal comma with ';'


def test_csv_comma_option(project, krems, tmp_path):
    from app.exports.context import ExportOptions

    path = svc.export_tour(project, project.tours()[0].name, ["csv"], tmp_path, layers=None,
                           options=ExportOptions(csv_delimiter=","))[0]
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=","))
    assert len({len(r) for r in rows}) == 1 and rows[0][1] == "N°"
    assert re.fullmatch(r"\d+\.\d", rows[2][10])


# -- GeoJSON and GeoPackage ----------------------------------------------------------------
def test_geojson_rfc7946(exported):
    _, _, by = exported
    fc = json.loads(by[".geojson"].read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    layers = [f["properties"]["layer"] for f in fc["features"]]
    assert layers.count("stop") == N_STOPS and layers.count("leg") == N_STOPS + 1 and layers.count("site") >= N_STOPS
    for f in fc["features"]:
        pts = [f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Point" else f["geometry"]["coordinates"]
        for lon, lat in pts:
            assert 15.5 < lon < 15.8 and 48.3 < lat < 48.5  # lon first, Krems
    w, s, e, n = fc["bbox"]
    assert w < e and s < n


def test_geopackage_layers(exported):
    import pyogrio

    _, _, by = exported
    import sqlite3
    import warnings

    names = {row[0] for row in pyogrio.list_layers(by[".gpkg"])}
    assert names == {"stops", "legs", "sites", "dropped"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # GDAL says nothing: conformant DateTime values, a known version
        stops = pyogrio.read_dataframe(by[".gpkg"], layer="stops")
    assert len(stops) == N_STOPS and HOSTILE_SCRIPT in set(stops["name"])
    assert stops.crs.to_epsg() == 4326
    assert str(stops["arrival"].dtype).startswith("datetime64") and stops["arrival_local"].str.fullmatch(r"\d\d:\d\d").all()
    with sqlite3.connect(by[".gpkg"]) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10300  # GeoPackage 1.3: GDAL 3.6 reads it quietly
        assert "DATETIME" in db.execute("SELECT sql FROM sqlite_master WHERE name = 'stops'").fetchone()[0]
    legs = pyogrio.read_dataframe(by[".gpkg"], layer="legs")
    assert len(legs) == N_STOPS + 1 and legs.geometry.geom_type.unique().tolist() == ["LineString"]


# -- HTML --------------------------------------------------------------------------------
class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.external, self.scripts, self.script_text = [], 0, []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
            self._in_script = True
            if a.get("src"):
                self.external.append(a["src"])
        if tag == "link" and a.get("href"):
            self.external.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text.append(data)


def test_html_is_offline_and_inert(exported):
    _, _, by = exported
    page = by[".html"].read_text(encoding="utf-8")
    refs = _Refs()
    refs.feed(page)
    assert refs.external == []  # no <script src> nor <link href> at all: everything inline
    assert refs.scripts == 3  # inline Leaflet, folium's map script, nothing injected by project text
    assert "L.map(" in page and "Leaflet" in page  # Leaflet really inlined
    assert HOSTILE_SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "tile.openstreetmap.org" in page  # optional online layer offered...
    assert "OpenStreetMap contributors" in page


def test_html_online_tiles_layer_off_by_default(exported):
    _, _, by = exported
    page = by[".html"].read_text(encoding="utf-8")
    tile_var = re.search(r"var (tile_layer_\w+) = L\.tileLayer\(", page).group(1)
    assert f"{tile_var}.addTo(" not in page  # created, listed in the layer control, not shown


# -- playlists ---------------------------------------------------------------------------
def test_xspf_in_namespace_ordered_with_vlc_options(exported):
    project, out, by = exported
    ns = {"x": "http://xspf.org/ns/0/", "vlc": "http://www.videolan.org/vlc/playlist/ns/0/"}
    doc = etree.parse(str(by[".xspf"]))
    tracks = doc.findall(".//x:trackList/x:track", ns)
    assert len(tracks) == N_STOPS
    locations = [t.findtext("x:location", namespaces=ns) for t in tracks]
    assert all(not loc.startswith(("/", "file:")) for loc in locations)  # relative
    assert (out / Path(locations[0].replace("%20", " "))).resolve().parent == project.folder / "videos"
    options = [[o.text for o in t.findall(".//vlc:option", ns)] for t in tracks]
    assert options[1] == ["start-time=12", "stop-time=70.5"] and options[0] == []
    from app.ui.fmt import parse_clock

    annotations = [t.findtext("x:annotation", namespaces=ns) for t in tracks]
    assert all(a.startswith("à lancer à ") for a in annotations)
    times = [parse_clock(a.removeprefix("à lancer à ")) for a in annotations]
    assert times == sorted(times)  # by cue time, written as French readers do ("9 h 30")
    assert any(HOSTILE_SCRIPT in t.findtext("x:title", namespaces=ns) for t in tracks)


def test_m3u8(exported):
    _, _, by = exported
    lines = by[".m3u8"].read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#EXTM3U"
    media = [line for line in lines if not line.startswith("#")]
    assert len(media) == N_STOPS and all(m.startswith("..") or not m.startswith("/") for m in media)
    assert "#EXTVLCOPT:start-time=12" in lines and "#EXTVLCOPT:stop-time=70.5" in lines


# -- pack --------------------------------------------------------------------------------
def test_pack_holds_the_exports_and_a_readme(exported):
    _, _, by = exported
    with zipfile.ZipFile(by[".zip"]) as z:
        names = set(z.namelist())
        readme = z.read("README.txt").decode("utf-8")
        assert z.testzip() is None
    expected = {p.name for k, p in by.items() if k != ".zip"} | {"README.txt"}
    assert names == expected
    assert "OpenStreetMap" in readme and "mardi 14" in readme


def test_reception_schedules_read_back_with_hostile_names_inert(exported):
    _, _, by = exported
    rows = list(csv.DictReader(io.StringIO(by[".receptions.csv"].read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows and all(r["Car"] and r["Arrivée du car"] <= r["Début de la visite"] <= r["Départ du car"]
                        for r in rows)
    assert not any(v.startswith(("=", "+", "@")) and not v.startswith("+3") for r in rows for v in r.values())
    text = _pdf_text(by[".receptions.pdf"])
    assert "Accueil chez" in text and HOSTILE_SCRIPT in text


# -- PDFs --------------------------------------------------------------------------------
def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout.replace("\u00a0", " ")


def test_pdfs_open_with_qtpdf(exported):
    from PySide6.QtPdf import QPdfDocument

    from app.exports.pdf_adapter import ensure_gui

    ensure_gui()
    _, _, by = exported
    for key, pages in ((".sheets", N_STOPS), (".pdf", None)):
        doc = QPdfDocument()
        assert doc.load(str(by[key])) == QPdfDocument.Error.None_
        if pages is not None:
            assert doc.pageCount() == pages
        else:
            assert doc.pageCount() >= 2  # map page + the day
        text = doc.getAllText(0).text()
        assert "OpenStreetMap contributors" in text
        doc.close()


def test_pdf_text_is_real_and_french(exported):
    _, _, by = exported
    itinerary = _pdf_text(by[".pdf"])
    assert "mardi 14 octobre 2025" in itinerary.lower()
    assert re.search(r"\b8 h 30\b", itinerary)
    assert HOSTILE_SCRIPT in itinerary and HOSTILE_FORMULA in itinerary  # shown as text
    assert "Claire Bernard" in itinerary and "Jean Martin" in itinerary
    sheets = _pdf_text(by[".sheets"])
    assert sheets.count("Points à aborder") == N_STOPS
    assert "geo:" in sheets and "Vidéo" in sheets and "Présente :" in sheets
    fonts = subprocess.run(["pdffonts", str(by[".pdf"])], capture_output=True, text=True).stdout
    assert "DejaVu" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded
