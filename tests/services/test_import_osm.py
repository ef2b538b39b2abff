"""Named industrial features of the region's OSM data as sites."""
from __future__ import annotations

import dataclasses

from app.model import SiteKind, SiteSource
from app.services.import_sites import import_osm_features, import_sites_file
from app.services.osm_sites import read_osm_features

from .sites_fixtures import KREMS_OSM
from .sites_fixtures import krems, lyon, project  # noqa: F401 (pytest fixtures)


def test_osm_extract_gives_real_companies(project, krems):
    report = import_sites_file(project, KREMS_OSM, region=krems)
    sites = {s.source_ref: s for s in project.sites()}
    assert report.added == len(sites) >= 8 and not report.rejected
    assert sites["way/83825269"].name == "Voest Alpine Krems"
    assert sites["way/29735405"].name == "Gewerbepark - Ost"
    assert sites["way/51693652"].address.startswith("Hafenstraße")
    assert all(s.source == SiteSource.OSM and s.kind == SiteKind.COMPANY for s in sites.values())
    assert not any("Gasthof" in s.name for s in sites.values())  # restaurants are not companies
    # re-import: nothing new, nothing changed
    again = import_sites_file(project, KREMS_OSM, region=krems)
    assert (again.added, again.updated, again.unchanged) == (0, 0, report.added)


def test_osm_only_fills_blanks_of_an_existing_site(project, krems):
    features = [f for f in read_osm_features(KREMS_OSM) if f.name == "Dynea Austria GmbH"]
    first = import_osm_features(project, features, region=krems)
    assert first.added == 1
    site = project.sites()[0]
    edited = dataclasses.replace(site, notes="typed by the organiser", kind=SiteKind.INCLUSION, address="")
    project.update(edited)
    moved = [dataclasses.replace(features[0], lon=features[0].lon + 1e-4)]
    second = import_osm_features(project, moved, region=krems)
    assert second.updated == 1
    after = project.sites()[0]
    assert after.notes == "typed by the organiser" and after.kind == SiteKind.INCLUSION
    assert after.address.startswith("Hafenstraße")  # the blank was filled
    assert after.lon == site.lon  # the organiser's position is kept


def test_feature_outside_the_region_is_rejected_with_its_index(project, lyon):
    features = [f for f in read_osm_features(KREMS_OSM) if f.kind == "man_made=works"][:2]
    report = import_osm_features(project, features, region=lyon)
    assert report.rejected_rows == [1, 2] and report.added == 0
