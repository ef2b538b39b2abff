"""The demo project: real Krems sites, two tours, ambassadors and real clips; deterministic."""
from __future__ import annotations

import hashlib

import pytest
import shapely.geometry

from app.errors import ProjectError
from app.model import Audience, SiteKind, SiteSource, StopKind, VehicleSpec
from app.services.demo import build_demo
from app.services.osm_sites import read_osm_features
from app.services.videos import VideoFileError, resolve_video_path, video_duration_s
from app.store import Project

from .sites_fixtures import KREMS_OSM
from .sites_fixtures import krems, lyon, project  # noqa: F401 (pytest fixtures)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    return build_demo(folder)  # a folder gets demo-krems.zitour


def test_demo_content(demo, krems):
    assert demo.name == "demo-krems.zitour"
    osm = {f.ref: f for f in read_osm_features(KREMS_OSM)}
    with Project.open(demo, read_only=True) as p:
        assert p.region_name == "krems"
        sites = p.sites()
        companies = [s for s in sites if s.kind == SiteKind.COMPANY]
        assert len(companies) >= 8
        for s in sites:  # real names at real places of the extract
            assert s.source == SiteSource.DEMO and osm[s.source_ref].name == s.name
            assert krems.contains(s.lon, s.lat) and "démonstration" in s.notes
            if s.gate_lon is not None:
                assert krems.contains(s.gate_lon, s.gate_lat)
        assert {s.kind for s in sites} >= {SiteKind.DEPOT, SiteKind.RESTAURANT}
        assert all("€ brut/mois" in s.salaries for s in companies)
        tours = {t.audience: t for t in p.tours()}
        assert set(tours) == {Audience.PRESCRIPTEURS, Audience.SCOLAIRES}
        pres = tours[Audience.PRESCRIPTEURS]
        kinds = [s.kind for s in p.stops(pres.id)]
        assert {StopKind.VISIT, StopKind.DRIVE_BY, StopKind.LUNCH} <= set(kinds)
        assert any(s.windows for s in p.stops(pres.id))
        depot = p.get(type(sites[0]), pres.start_site_id)
        assert depot.kind == SiteKind.DEPOT
        for t in tours.values():
            [bus] = p.buses(t.id)
            assert bus.vehicle == VehicleSpec() and bus.seats >= t.participants
        ambassadors = p.ambassadors()
        assert len(ambassadors) == 3 and all(a.availability and a.site_ids for a in ambassadors)
        videos = p.videos()
        assert len(videos) >= 4
        for v in videos:
            assert not v.path.startswith("/") and v.path.startswith("videos/")
            assert v.duration_s == pytest.approx(video_duration_s(resolve_video_path(p.folder, v.path)))
            assert 45 <= v.duration_s <= 150 and v.site_id is not None
        assert max(v.duration_s for v in videos) > 120 > min(v.duration_s for v in videos)


def test_demo_gate_points_lie_on_a_road_near_the_site(demo):
    with Project.open(demo, read_only=True) as p:
        gated = [s for s in p.sites() if s.gate_lon is not None]
        assert gated
        for s in gated:  # within ~150 m (about 0.002° of latitude)
            assert shapely.geometry.Point(s.lon, s.lat).distance(shapely.geometry.Point(s.gate_lon, s.gate_lat)) < 0.002


def _content(path):
    with Project.open(path, read_only=True) as p:
        return ([(s.name, s.lon, s.lat, s.gate_lon, s.salaries) for s in p.sites()],
                [(t.name, t.date, [(x.site_id, x.kind, x.windows) for x in p.stops(t.id)]) for t in p.tours()],
                [(a.name, a.availability, a.site_ids) for a in p.ambassadors()],
                [(v.path, v.duration_s) for v in p.videos()])


def test_demo_is_deterministic_and_refuses_to_overwrite(demo, tmp_path):
    other = build_demo(tmp_path / "again.zitour")
    assert _content(other) == _content(demo)
    for clip in (demo.parent / "videos").iterdir():
        twin = tmp_path / "videos" / clip.name
        assert hashlib.sha256(clip.read_bytes()).digest() == hashlib.sha256(twin.read_bytes()).digest()
    with pytest.raises(ProjectError, match="--force"):
        build_demo(other)
    assert build_demo(other, force=True) == other
    stranger = tmp_path / "notes.txt"
    stranger.write_text("mine")
    with pytest.raises(ProjectError, match="not replaced"):
        build_demo(stranger, force=True)
    assert stranger.read_text() == "mine"


def test_video_errors_name_the_file(tmp_path):
    with pytest.raises(VideoFileError, match="missing.mp4"):
        video_duration_s(tmp_path / "missing.mp4")
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"not a video at all" * 10)
    with pytest.raises(VideoFileError, match="junk.mp4") as info:
        video_duration_s(junk)
    assert "junk.mp4" in info.value.message.text("fr")


def test_demo_buses_are_named_like_the_editor_names_them(tmp_path):
    """A bus the description names keeps its name; one it does not gets the catalog's (default.bus_name)."""
    from app import i18n
    from app.model import Site
    from app.services.demo import _add_tour

    spec = {"name": "T", "date": "2026-03-24", "timezone": "Europe/Vienna", "audience": "scolaires",
            "start": "depot", "end": "depot", "earliest_departure": "08:30", "latest_return": "16:30",
            "participants": 40, "notes": "", "buses": [{"name": "Car 1", "seats": 30}, {"seats": 20}], "stops": []}
    before = i18n.language()
    try:
        with Project.create(tmp_path / "t.zitour") as p:
            depot = p.add(Site("Dépôt", 15.6, 48.4, kind=SiteKind.DEPOT))
            i18n.set_language("en")
            tour = _add_tour(p, spec, {"depot": depot})
            buses = p.buses(tour.id)
            assert [(b.name, b.seats) for b in buses] == [("Car 1", 30), ("Bus 2", 20)]
            assert buses[1].vehicle == VehicleSpec() and buses[1].vehicle.name == "12 m bus"
            i18n.set_language("fr")
            assert p.buses(_add_tour(p, {**spec, "name": "T2"}, {"depot": depot}).id)[1].name == "Car 2"
    finally:
        i18n.set_language(before)
