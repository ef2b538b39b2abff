"""A killed import, export or demo build leaves no damaged result, and its temporary files go away."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from routing.leftovers import STALE_AFTER_S, remove_stale

REPO = Path(__file__).resolve().parents[2]


def _age(path: Path, seconds: float) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_only_stale_temporaries_are_removed(tmp_path):
    old_file, young_file = tmp_path / ".tmp-a.zreg", tmp_path / ".tmp-b.zreg"
    old_dir = tmp_path / ".zitour-export-x"
    for p in (old_file, young_file):
        p.write_bytes(b"half")
    old_dir.mkdir()
    (old_dir / "half.pdf").write_bytes(b"%PDF")
    _age(old_file, STALE_AFTER_S + 60)
    _age(old_dir, STALE_AFTER_S + 60)
    keep = tmp_path / "krems.zreg"
    keep.write_bytes(b"real")
    _age(keep, STALE_AFTER_S + 60)
    assert remove_stale(tmp_path, ".tmp-*.zreg") == [old_file]
    assert remove_stale(tmp_path, ".zitour-export-*") == [old_dir]
    assert young_file.exists() and keep.exists() and not old_dir.exists()


def test_the_next_import_and_export_clean_what_a_killed_one_left(tmp_path, monkeypatch):
    from app.exports.files import STAGING_PREFIX, prepare_folder
    from routing.regions import import_region

    regions = tmp_path / "regions"
    regions.mkdir()
    stale = regions / ".tmp-killed.zreg"
    stale.write_bytes(b"half a region")
    _age(stale, STALE_AFTER_S + 1)
    import_region(REPO / "tests" / "routing" / "data" / "detour.osm", dest_dir=regions)
    assert not stale.exists() and (regions / "detour.zreg").exists()
    out = tmp_path / "exports"
    out.mkdir()
    staging = out / f"{STAGING_PREFIX}killed"
    staging.mkdir()
    _age(staging, STALE_AFTER_S + 1)
    prepare_folder(out)
    assert not staging.exists()


def test_a_demo_build_killed_at_any_moment_leaves_no_half_project(tmp_path):
    """kill -9 at three moments of the build: the demo file is either absent or a whole project."""
    from app.store.project import Project

    code = ("import sys; sys.path.insert(0, %r)\n"
            "from app.services.demo import build_demo\n"
            "build_demo(%r, force=True)\n")
    target = tmp_path / "demo-krems.zitour"
    env = {**os.environ, "ZITOUR_DATA_DIR": str(tmp_path / "data")}
    for delay in (0.3, 1.0, 2.0):
        child = subprocess.Popen([sys.executable, "-c", code % (str(REPO), str(target))], env=env)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        if target.exists():
            with Project.open(target, read_only=True) as p:
                assert len(p.tours()) == 2 and p.sites()  # whole, never half
    leftovers = sorted(p.name for p in tmp_path.glob(".demo-krems.zitour.building-*"))
    for name in leftovers:
        _age(tmp_path / name, STALE_AFTER_S + 1)
    subprocess.run([sys.executable, "-c", code % (str(REPO), str(target))], env=env, check=True, timeout=120)
    assert not list(tmp_path.glob(".demo-krems.zitour.building-*"))  # the next build cleaned them
    with Project.open(target, read_only=True) as p:
        assert len(p.tours()) == 2
