"""A second program opening a project in use is told so; the first one's data is intact."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.errors import ProjectInUse
from app.model import Site
from app.store import Project

from .conftest import fill

ROOT = Path(__file__).resolve().parents[2]

SECOND = textwrap.dedent(
    """
    import sys
    from app.errors import ProjectInUse, ProjectError
    from app.store import Project
    try:
        Project.open(sys.argv[1])
    except ProjectInUse as exc:
        print("IN USE:", exc.message.text("en")); sys.exit(3)
    except ProjectError as exc:
        print("OTHER:", exc.message.text("en")); sys.exit(4)
    with Project.open(sys.argv[1], read_only=True) as p:
        print("OPENED", len(p.sites()))
    sys.exit(0)
    """
)


def _second_process(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SECOND, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def test_second_process_is_told_the_project_is_in_use(tmp_path):
    path = tmp_path / "shared.zitour"
    p = Project.create(path)
    try:
        made = fill(p)
        p.add(Site("Uncheckpointed", 15.63, 48.40))  # still in the WAL, not in the main file
        done = _second_process(path)
        assert done.returncode == 3, done.stdout + done.stderr
        assert "already open" in done.stdout
        # the first program carries on and its data is intact
        p.add(Site("After", 15.64, 48.41))
        assert {s.name for s in p.sites()} >= {"Uncheckpointed", "After", made["site"].name}
    finally:
        p.close()
    with Project.open(path) as again:
        assert len(again.sites()) == 4
    done = _second_process(path)  # once closed, the other program gets it
    assert done.returncode == 0 and "OPENED 4" in done.stdout, done.stdout + done.stderr


def test_same_process_second_open_and_overwrite_are_refused(tmp_path):
    path = tmp_path / "shared.zitour"
    with Project.create(path) as p:
        fill(p)
        with pytest.raises(ProjectInUse):
            Project.open(path)
        with pytest.raises(ProjectInUse):
            Project.create(path, overwrite=True)  # never deletes a project in use
        with Project.open(path, read_only=True) as viewer:  # a viewer may read it meanwhile
            assert len(viewer.sites()) == 2
        assert len(p.sites()) == 2
