"""Fixtures for the site import and demo tests (imported by name: a conftest.py here would be shared)."""
from __future__ import annotations

from pathlib import Path

import osmium
import pytest

from app.store import Project

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
KREMS_OSM = ROOT / "maps" / "krems_austria.osm.gz"
LYON_OSM = ROOT / "maps" / "lyon_villeurbanne_ladoua_campus.osm"


class BoundsRegion:
    """A region reduced to the bounding box an OSM file declares (what the import checks)."""

    def __init__(self, osm: Path):
        reader = osmium.io.Reader(str(osm), osmium.osm.osm_entity_bits.NOTHING)
        box = reader.header().box()
        reader.close()
        self.bounds = (box.bottom_left.lon, box.bottom_left.lat, box.top_right.lon, box.top_right.lat)

    def contains(self, lon: float, lat: float) -> bool:
        w, s, e, n = self.bounds
        return w <= lon <= e and s <= lat <= n


@pytest.fixture(scope="session")
def krems() -> BoundsRegion:
    return BoundsRegion(KREMS_OSM)


@pytest.fixture(scope="session")
def lyon() -> BoundsRegion:
    return BoundsRegion(LYON_OSM)


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "import.zitour")
    yield p
    p.close()
