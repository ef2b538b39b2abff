"""The long jobs the window runs in a child process (:mod:`app.ui.process_job`).

Module-level, picklable, Qt-free functions: the child process imports this
module and what each job needs, nothing of the interface.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional


def plan_job(path: str, tour_id: int, keep_order: bool, now_iso: Optional[str] = None, progress=None, cancel=None):
    """Plan ``tour_id`` of the project at ``path`` (from ``now_iso``, an aware ISO time, if given).

    The project is opened read-only (the window holds the write lock), so ``save=False``:
    the planning controller records the plan it gets back.
    """
    import datetime as dt

    from app.services.planning import plan_tour
    from app.store.project import Project

    now = dt.datetime.fromisoformat(now_iso) if now_iso else None
    project = Project.open(Path(path), read_only=True)
    try:
        return plan_tour(project, tour_id, keep_order=keep_order, now=now, progress=progress, cancel=cancel,
                         save=False)
    finally:
        project.close()


def load_region_job(name: str, progress=None, cancel=None):
    """The compiled road region ``name`` (in a pool thread: loading is numpy, the GIL is released)."""
    from routing.regions import load_region

    return load_region(name, progress=progress, cancel=cancel)


def import_region_job(source: str, name: Optional[str] = None, progress=None, cancel=None) -> Path:
    """Compile an OSM extract into the region store; returns the compiled file."""
    from routing.regions import import_region

    return import_region(Path(source), name=name, progress=progress, cancel=cancel)


def build_demo_job(path: str, progress=None, cancel=None) -> Path:
    from app.services.demo import build_demo

    return build_demo(Path(path), progress=progress, cancel=cancel)


def replan_rest_job(path: str, tour_id: int, inputs, progress=None, cancel=None):
    """The rest of a tour day planned from the bus's position (``inputs``: a ReplanInputs)."""
    from app.services.replan_day import plan_rest
    from app.store.project import Project

    project = Project.open(Path(path), read_only=True)
    try:
        return plan_rest(project, tour_id, inputs, progress=progress, cancel=cancel)
    finally:
        project.close()


def download_region_job(place: Optional[str], bbox, progress=None, cancel=None) -> Path:
    """Download a region from OpenStreetMap and compile it: the one job that uses the network."""
    from routing.download import download_region

    return download_region(place=place, bbox=tuple(bbox) if bbox else None, progress=progress, cancel=cancel)
