"""Shared fixtures: real extracts from maps/ compiled once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from routing.regions import import_region
from routing.region import Region

REPO = Path(__file__).resolve().parents[2]
MAPS = REPO / "maps"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def krems_path(tmp_path_factory) -> Path:
    return import_region(MAPS / "krems_austria.osm.gz", name="krems", dest_dir=tmp_path_factory.mktemp("krems"))


@pytest.fixture(scope="session")
def krems(krems_path) -> Region:
    return Region.load(krems_path)


@pytest.fixture(scope="session")
def detour(tmp_path_factory) -> Region:
    return Region.load(import_region(DATA / "detour.osm", dest_dir=tmp_path_factory.mktemp("detour")))


@pytest.fixture(scope="session")
def rules(tmp_path_factory) -> Region:
    return Region.load(import_region(DATA / "rules.osm", dest_dir=tmp_path_factory.mktemp("rules")))
