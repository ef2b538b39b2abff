"""The on-disk network cache (routing.network_cache) gives back the network that was built.

Krems is small enough not to be cached by default; the tests lower ``CACHE_MIN_LINKS`` so
that its network goes through the cache, with the hierarchy engine so that it is cached too.
"""
from __future__ import annotations

import dataclasses
import os
import shutil

import numpy as np
import pytest

from routing import network_cache
from routing.profile import COACH_12M
from routing.region import Region
from routing.regions import import_region

from tests.conftest import LADOUA_OSM


@pytest.fixture
def cached_krems(krems_path, tmp_path, monkeypatch):
    """A private copy of the compiled Krems file, a private data folder, every region cached."""
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(network_cache, "CACHE_MIN_LINKS", 0)
    monkeypatch.setattr(network_cache, "_ARRAY_MIN_BYTES", 0)          # every array in its own file
    path = tmp_path / krems_path.name
    shutil.copy(krems_path, path)
    return path


def _snaps(net, n=12):
    rng = np.random.default_rng(11)
    w, s, e, nn = net.region.bounds
    out = [net.snap(x, y) for x, y in zip(rng.uniform(w, e, 6 * n), rng.uniform(s, nn, 6 * n))]
    return [p for p in out if p.ok][:n]


def test_a_cached_network_answers_as_the_built_one(cached_krems):
    built = Region.load(cached_krems).network(COACH_12M, engine="cch")
    folder = network_cache.cache_root() / network_cache.cache_key(built.region, COACH_12M, "cch")
    assert (folder / "network.pickle").exists() and list(folder.glob("*.npy"))

    region = Region.load(cached_krems)
    again = network_cache.load(region, COACH_12M, "cch")
    assert again is not None and again.engine == "cch"
    assert isinstance(again.states.indices, np.memmap)            # mapped, not read into memory
    assert again.node_lon is region.graph["node_lon"]              # the region's arrays, not copies
    snaps_a, snaps_b = _snaps(built), _snaps(again)
    assert [(s.link, s.fraction, s.arc) for s in snaps_a] == [(s.link, s.fraction, s.arc) for s in snaps_b]
    ma, mb = built.matrix(snaps_a), again.matrix(snaps_b)
    assert np.array_equal(ma.duration_s, mb.duration_s) and np.array_equal(ma.distance_m, mb.distance_m)
    la, lb = built.leg(snaps_a[0], snaps_a[1]), again.leg(snaps_b[0], snaps_b[1])
    assert la.node_ids == lb.node_ids and la.duration_s == lb.duration_s
    assert region.network(COACH_12M, engine="cch").engine == "cch"  # Region.network reads it back


def test_a_changed_region_profile_or_engine_code_is_not_served_from_the_cache(cached_krems, tmp_path,
                                                                             monkeypatch):
    region = Region.load(cached_krems)
    region.network(COACH_12M, engine="cch")
    assert network_cache.load(region, COACH_12M, "cch") is not None
    taller = dataclasses.replace(COACH_12M, height_m=COACH_12M.height_m + 0.3)
    assert network_cache.load(region, taller, "cch") is None
    network_cache._code_digest.cache_clear()
    real = network_cache._code_digest()
    monkeypatch.setattr(network_cache, "_code_digest", lambda: real + "changed")   # a new engine
    assert network_cache.load(region, COACH_12M, "cch") is None
    monkeypatch.setattr(network_cache, "_code_digest", lambda: real)
    assert network_cache.load(region, COACH_12M, "cch") is not None
    other = import_region(LADOUA_OSM, dest_dir=tmp_path / "other")                 # re-imported
    shutil.copy(other, cached_krems)                                                # other content
    assert network_cache.load(Region.load(cached_krems), COACH_12M, "cch") is None


def test_a_region_file_removed_after_loading_still_gives_its_network(cached_krems):
    region = Region.load(cached_krems)
    os.remove(cached_krems)
    net = region.network(COACH_12M, engine="cch")
    assert net.engine == "cch" and np.isfinite(net.matrix(_snaps(net, 4)).duration_s).all()


def test_a_damaged_cache_is_rebuilt_not_fatal(cached_krems):
    region = Region.load(cached_krems)
    region.network(COACH_12M, engine="cch")
    folder = network_cache.cache_root() / network_cache.cache_key(region, COACH_12M, "cch")
    (folder / "network.pickle").write_bytes(b"\x80\x05 not a pickle")
    fresh = Region.load(cached_krems)
    assert network_cache.load(fresh, COACH_12M, "cch") is None and not folder.exists()
    net = fresh.network(COACH_12M, engine="cch")                   # built again, cached again
    assert net.engine == "cch" and (folder / "network.pickle").exists()
    assert np.isfinite(net.matrix(_snaps(net, 4)).duration_s).all()


def test_an_unwritable_cache_leaves_the_network_usable(cached_krems, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(network_cache, "cache_root", lambda: blocker / "networks")
    net = Region.load(cached_krems).network(COACH_12M, engine="cch")
    assert net.engine == "cch" and np.isfinite(net.matrix(_snaps(net, 4)).duration_s).all()


def test_a_killed_write_leaves_no_lasting_litter(cached_krems):
    """A planning run killed while writing the cache leaves a temporary folder: the next write
    removes it once it is an hour old (a younger one may be another process's write)."""
    root = network_cache.cache_root()
    old, young = root / ".deadbeef-old", root / ".deadbeef-young"
    for d in (old, young):
        d.mkdir(parents=True)
        (d / "a0.npy").write_bytes(b"partial")
    os.utime(old, (0, 0))
    Region.load(cached_krems).network(COACH_12M, engine="cch")      # writes the cache
    assert not old.exists() and young.exists()
