"""On-disk cache of the coach networks of large regions.

Building a département's network (way costs, the state graph of turns, reachability, the
hierarchy of :mod:`routing.cch`, the snapping indexes) takes tens of seconds; mapping it back
from disk takes well under a second, so opening the app on such a region again is quick. Small
regions (under ``CACHE_MIN_LINKS`` links) build in well under a second and are not cached.

A cached network is one folder under ``data_dir()/cache/networks``: a pickle of the
:class:`routing.network.CoachNetwork` object in which every large array is a separate ``.npy``
file, opened memory-mapped (read-only: the network never changes after it is built) and every
array of the region itself a reference to it (not a copy). The folder's name hashes what the
network depends on: the region's content (the checksum its compiled file carries and
:func:`routing.compiled.read_compiled` verified), the vehicle profile, the engine, the source
of the routing package and the Python and numpy versions; anything else changed makes a new
folder, and a folder that cannot be read is rebuilt. The cache holds only
what this program wrote in the user's own data folder; nothing from a project file goes there.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

CACHE_MIN_LINKS = 50_000     # about 100,000 states: where building starts to take seconds
_ARRAY_MIN_BYTES = 1 << 16   # smaller arrays stay inside the pickle
_KEEP = 4                    # cached networks kept (the most recently used): a few coaches

log = logging.getLogger(__name__)


def cache_root() -> Path:
    from routing.regions import data_dir
    return data_dir() / "cache" / "networks"


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """sha256 of the routing package's source: a changed engine never reads an older network."""
    digest = hashlib.sha256()
    for src in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(src.name.encode())
        digest.update(src.read_bytes())
    return digest.hexdigest()


def cache_key(region, profile, engine: str) -> str | None:
    """Folder name of the region's network for ``profile`` (None for a region whose content
    has no checksum, e.g. one built in memory)."""
    content = region.header.get("sha256")
    if not content:
        return None
    raw = json.dumps([content, repr(profile), engine, _code_digest(), np.__version__, list(sys.version_info[:2])])
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


class _Pickler(pickle.Pickler):
    def __init__(self, file, region, folder: Path):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.region, self.folder = region, folder
        self.graph_ids = {id(a): k for k, a in region.graph.items()}
        self.saved: dict[int, str] = {}
        self.keep_alive = []                          # ids stay unique while pickling

    def persistent_id(self, obj):
        if obj is self.region:
            return ("region",)
        if isinstance(obj, np.ndarray) and obj.dtype != object:
            if id(obj) in self.graph_ids:
                return ("graph", self.graph_ids[id(obj)])
            if obj.nbytes >= _ARRAY_MIN_BYTES:
                name = self.saved.get(id(obj))
                if name is None:
                    name = f"a{len(self.saved)}.npy"
                    np.save(self.folder / name, obj, allow_pickle=False)
                    self.saved[id(obj)] = name
                    self.keep_alive.append(obj)
                return ("npy", name)
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, region, folder: Path):
        super().__init__(file)
        self.region, self.folder = region, folder

    def persistent_load(self, pid):
        if pid[0] == "region":
            return self.region
        if pid[0] == "graph":
            return self.region.graph[pid[1]]
        if pid[0] == "npy":
            return np.load(self.folder / pid[1], mmap_mode="r", allow_pickle=False)
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")


def load(region, profile, engine: str, key: str | None = None):
    """The cached network, or None (not cached, or unreadable: then it is removed)."""
    key = key or cache_key(region, profile, engine)
    if key is None:
        return None
    folder = cache_root() / key
    net_file = folder / "network.pickle"
    if not net_file.exists():
        return None
    try:
        with open(net_file, "rb") as f:
            net = _Unpickler(f, region, folder).load()
    except Exception as exc:                          # a damaged or partial cache: build again
        log.warning("cached network %s unreadable (%s): rebuilt", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    try:
        os.utime(folder)                              # most recently used
    except OSError:
        pass
    return net


def save(net, region, profile, engine: str, key: str | None = None) -> Path | None:
    """Write ``net`` to the cache (atomically: a temporary folder renamed); None when it could
    not be written (the network stays usable; the next load builds it again)."""
    key = key or cache_key(region, profile, engine)
    if key is None:
        return None
    root = cache_root()
    folder = root / key
    tmp = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=root))
        with open(tmp / "network.pickle", "wb") as f:
            _Pickler(f, region, tmp).dump(net)
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
        _prune(root)
        return folder
    except Exception as exc:                          # disk full, read-only folder: not fatal
        log.warning("network of %s not cached: %s", region.name, exc)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        return None


def _prune(root: Path) -> None:
    """Keep the ``_KEEP`` most recently used cached networks; remove the temporary folders of
    writes that were killed (older than an hour)."""
    now = time.time()
    for tmp in root.glob(".*"):
        try:
            if tmp.is_dir() and now - tmp.stat().st_mtime > 3600:
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            pass
    folders = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[_KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
