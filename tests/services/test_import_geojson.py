"""GeoJSON import: reprojection of legacy CRS members, polygons, bad features."""
from __future__ import annotations

import json

import pytest
import shapely.geometry

from app.errors import SiteImportError
from app.model import SiteKind, SiteSource
from app.services.import_sites import import_sites_file

from .sites_fixtures import DATA
from .sites_fixtures import krems, lyon, project  # noqa: F401 (pytest fixtures)

# The WGS84 points tests/services/data/build_fixtures.py projected (real Krems / La Doua places).
KREMS = {
    "Voest Alpine Krems": (15.6415863, 48.4110910),
    "Pipelife": (15.6378569, 48.4121598),
    "Dynea Austria GmbH": (15.6366098, 48.4067743),
}
LYON = {"Campus LyonTech La Doua": (4.8730000, 45.7810000), "Halle de la Doua": (4.8790000, 45.7830000)}


@pytest.mark.parametrize("name", ["sites_krems_epsg31256.geojson", "sites_krems_epsg3857.geojson"])
def test_projected_krems_points_come_back_to_wgs84(project, krems, name):
    report = import_sites_file(project, DATA / name, region=krems)
    assert not report.rejected and report.added == 4
    sites = {s.name: s for s in project.sites()}
    for site_name, (lon, lat) in KREMS.items():
        assert sites[site_name].lon == pytest.approx(lon, abs=1e-6)
        assert sites[site_name].lat == pytest.approx(lat, abs=1e-6)
        assert sites[site_name].sector == "Industrie" and sites[site_name].jobs == "Opérateur"
        assert sites[site_name].source == SiteSource.GEOJSON
    # the outline gives a point inside the square drawn around Dynea
    lon, lat = KREMS["Dynea Austria GmbH"]
    square = shapely.geometry.box(lon - 2e-4, lat - 2e-4, lon + 2e-4, lat + 2e-4)
    outline = sites["Dynea outline"]
    assert square.contains(shapely.geometry.Point(outline.lon, outline.lat))
    assert outline.source_ref == f"{name}#outline"


def test_lambert93_la_doua(project, lyon, krems):
    report = import_sites_file(project, DATA / "sites_lyon_lambert93.geojson", region=lyon)
    assert report.added == 2 and "Lambert-93" in report.detail
    for s in project.sites():
        assert (s.lon, s.lat) == pytest.approx(LYON[s.name], abs=1e-6)
        assert s.kind == SiteKind.TRAINING_CENTRE
    # the same file checked against Krems: every row is outside the region
    other = import_sites_file(project, DATA / "sites_lyon_lambert93.geojson", region=krems, strict=True)
    assert not other.applied and other.rejected_rows == [1, 2]
    assert all("outside the region" in r.reason.text("en") for r in other.rejected)


def test_bad_features_are_reported(project, krems):
    report = import_sites_file(project, DATA / "sites_wgs84_bad.geojson", region=krems)
    assert report.added == 2  # Pipelife and the line (a point on it)
    reasons = {r.row: (r.column, r.reason.text("en")) for r in report.rejected}
    assert reasons[2] == ("name", "missing name.")
    assert reasons[3] == ("geometry", "the feature has no geometry.")
    assert "not a longitude/latitude" in reasons[4][1]
    line = next(s for s in project.sites() if s.name == "Hafenstraße (line)")
    assert shapely.geometry.LineString([(15.6330, 48.4070), (15.6360, 48.4060)]).distance(
        shapely.geometry.Point(line.lon, line.lat)) < 1e-9
    again = import_sites_file(project, DATA / "sites_wgs84_bad.geojson", region=krems)
    assert (again.added, again.unchanged) == (0, 2)


@pytest.mark.parametrize(
    "text, reason",
    [
        ('{"type": "FeatureCollection", "features": [', r"not valid JSON \(line 1"),
        ('[1, 2]', "not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:999999"}}, '
         '"features": []}', "unknown coordinate reference system"),
    ],
)
def test_unusable_geojson(project, tmp_path, text, reason):
    path = tmp_path / "bad.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SiteImportError, match=reason):
        import_sites_file(project, path)


def test_single_feature_with_properties_coordinates_and_json_suffix(project, tmp_path, krems):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"type": "Feature", "geometry": None,
                                "properties": {"Nom": "Pipelife", "Longitude": "15,6378569", "Latitude": 48.4121598}}),
                    encoding="utf-8")
    report = import_sites_file(project, path, region=krems)
    assert report.added == 1
    assert (project.sites()[0].lon, project.sites()[0].lat) == (15.6378569, 48.4121598)
