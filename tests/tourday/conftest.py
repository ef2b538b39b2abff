"""The demo project with its tours planned on the real Krems roads, once per module."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PRESCRIPTEURS = "ZI Tour prescripteurs — Port et chimie"


@pytest.fixture(scope="session")
def planned_demo(tmp_path_factory) -> Path:
    from app.services.demo import build_demo
    from app.services.planning import plan_tour
    from app.store.project import Project

    path = build_demo(tmp_path_factory.mktemp("tourday-demo"))
    with Project.open(path) as project:
        for tour in project.tours():
            plan_tour(project, tour.id, time_limit_s=1)
    return path


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
