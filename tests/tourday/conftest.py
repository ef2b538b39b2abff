"""Copies of the planned demo (``planned_demo``: tests/conftest.py) for the tour-day tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PRESCRIPTEURS = "ZI Tour prescripteurs — Port et chimie"


@pytest.fixture
def demo_copy(planned_demo: Path, tmp_path: Path) -> Path:
    """A private copy of the planned demo (and its clips) for one test."""
    target = tmp_path / planned_demo.name
    shutil.copy2(planned_demo, target)
    if (planned_demo.parent / "videos").is_dir():
        shutil.copytree(planned_demo.parent / "videos", tmp_path / "videos")
    return target


@pytest.fixture
def demo_bus_plan(planned_demo: Path):
    """The first bus's plan of the prescripteurs' demo tour (9 stops, visits and drive-bys)."""
    from app.store.project import Project

    with Project.open(planned_demo, read_only=True) as project:
        tour = project.tour_by_name(PRESCRIPTEURS)
        return tour, project.plan(tour.id).buses[0]
