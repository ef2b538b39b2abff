"""Files from outside are untrusted: each malformed input below gets its sentence, never a traceback."""
from __future__ import annotations

import pytest

from app.errors import SiteImportError
from app.services.import_sites import import_sites_file
from app.store.project import Project
from routing.errors import RegionError


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "p.zitour")
    yield p
    p.close()


def test_osm_with_comma_decimals_is_refused_in_words(tmp_path):
    from routing.regions import import_region

    osm = tmp_path / "comma.osm"
    osm.write_text('<?xml version="1.0"?><osm version="0.6"><node id="1" lat="45,78" lon="4,84"/>'
                   '<node id="2" lat="45.79" lon="4.85"/><way id="3"><nd ref="1"/><nd ref="2"/>'
                   '<tag k="highway" v="primary"/></way></osm>', encoding="utf-8")
    with pytest.raises(RegionError) as info:
        import_region(osm, dest_dir=tmp_path / "regions")
    assert "comma.osm" in info.value.text("fr") and "point décimal" in info.value.text("fr")
    assert not (tmp_path / "regions").exists() or not list((tmp_path / "regions").iterdir())


def test_deeply_nested_geojson_is_refused_in_words(project, tmp_path):
    deep = tmp_path / "deep.geojson"
    deep.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point",'
                    '"coordinates":' + "[" * 5000 + "]" * 5000 + '},"properties":{"name":"x"}}]}', encoding="utf-8")
    with pytest.raises(SiteImportError) as info:
        import_sites_file(project, deep)
    assert "deep.geojson" in info.value.text("en") and "nested" in info.value.text("en")
    assert project.sites() == []


def test_huge_numbers_and_control_characters_are_rejected_rows(project, tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("nom,lat,lon,capacité\nA,48.40,15.62," + "9" * 400 + "\nB\x00x,48.40,15.63,10\nC,48.41,15.64,12\n",
                   encoding="utf-8")
    report = import_sites_file(project, csv)
    assert [s.name for s in project.sites()] == ["C"]
    capacity, control = sorted(report.rejected, key=lambda r: r.row)
    assert capacity.row == 2 and capacity.column == "capacité"
    assert control.row == 3 and "\x00" not in control.text("fr") and "caractères de contrôle" in control.text("fr")


def test_a_csv_where_every_row_is_rejected_fails(tmp_path, capsys):
    from app.cli.main import main

    Project.create(tmp_path / "p.zitour").close()
    csv = tmp_path / "all-bad.csv"
    csv.write_text("nom,lat,lon\nA,91,15.6\nB,48.4,999\n", encoding="utf-8")
    assert main(["--lang", "fr", "sites", "import", str(tmp_path / "p.zitour"), str(csv)]) == 1
    err = capsys.readouterr().err
    assert "toutes les lignes" in err and "les autres ont été importées" not in err


@pytest.mark.parametrize("bad_id", ["x12", "99999999999999999999999"])
def test_an_osm_feature_file_with_an_illegal_id_is_refused_in_words(project, tmp_path, bad_id):
    osm = tmp_path / "bad.osm"
    osm.write_text(f'<?xml version="1.0"?><osm version="0.6"><node id="{bad_id}" lat="48.41" lon="15.62">'
                   '<tag k="name" v="Usine"/><tag k="industrial" v="factory"/></node></osm>', encoding="utf-8")
    with pytest.raises((RegionError, SiteImportError)) as info:  # the import names the file either way
        import_sites_file(project, osm)
    assert "bad.osm" in info.value.text("fr") and bad_id in info.value.text("fr")


def test_the_store_refuses_a_control_character_in_a_name(project):
    from app.errors import ProjectError
    from app.model.entities import Site

    with pytest.raises(ProjectError) as info:
        project.add(Site("Usine\x00B", 15.62, 48.41))
    assert "caractère de contrôle" in info.value.text("fr") and project.sites() == []


@pytest.mark.parametrize("text", ["9" * 40 + " h", "9 h " + "5" * 30, "-1 h", "+9 h", "25 h"])
def test_a_clock_that_is_no_clock_is_a_value_error(text):
    from app.i18n.reading import parse_clock

    with pytest.raises(ValueError):
        parse_clock(text)
