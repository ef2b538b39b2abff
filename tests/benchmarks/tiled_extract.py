"""Tile a bundled REAL extract N x N times into one PBF (benchmark input for the import).

    .venv/bin/python tests/benchmarks/tiled_extract.py OUT.osm.pbf [--source maps/krems_austria.osm.gz] [--tiles 6]

Every node, way and relation of the source is copied once per tile, shifted by whole
multiples of the source's extent (so tiles sit side by side, not on top of each other) and
renumbered (ids offset per tile), tags untouched: turn restrictions, barriers, access tags,
buildings and land use keep their real mix. The tiles do not join (each is its own road
island): this measures how the import scales with real data, not routing across tiles.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import osmium

REPO = Path(__file__).resolve().parents[2]


def _bounds(source: Path) -> tuple[float, float, float, float]:
    w = s = float("inf")
    e = n = float("-inf")
    for o in osmium.FileProcessor(str(source)):
        if o.is_node() and o.location.valid():
            w, e = min(w, o.location.lon), max(e, o.location.lon)
            s, n = min(s, o.location.lat), max(n, o.location.lat)
    return w, s, e, n


def tile(source: Path, out: Path, tiles: int) -> dict:
    """Write ``tiles`` x ``tiles`` shifted copies of ``source`` to ``out``; returns counts."""
    w, s, e, n = _bounds(source)
    dx, dy = (e - w) * 1.02, (n - s) * 1.02
    if out.exists():
        out.unlink()
    offset = 10 ** 10                                   # above any id of the source
    counts = {"nodes": 0, "ways": 0, "relations": 0}
    writer = osmium.SimpleWriter(str(out))
    try:
        # nodes of every tile first, then ways, then relations: a sorted file (areas need it)
        for kind in ("n", "w", "r"):
            for t in range(tiles * tiles):
                ox, oy, base = (t % tiles) * dx, (t // tiles) * dy, t * offset
                for o in osmium.FileProcessor(str(source)):
                    tags = {tg.k: tg.v for tg in o.tags}
                    if kind == "n" and o.is_node():
                        loc = (o.location.lon + ox, o.location.lat + oy) if o.location.valid() else None
                        if loc is None:
                            continue
                        writer.add_node(osmium.osm.mutable.Node(id=o.id + base, location=loc, tags=tags))
                        counts["nodes"] += 1
                    elif kind == "w" and o.is_way():
                        writer.add_way(osmium.osm.mutable.Way(id=o.id + base, nodes=[nd.ref + base for nd in o.nodes],
                                                              tags=tags))
                        counts["ways"] += 1
                    elif kind == "r" and o.is_relation():
                        members = [(m.type, m.ref + base, m.role) for m in o.members]
                        writer.add_relation(osmium.osm.mutable.Relation(id=o.id + base, members=members, tags=tags))
                        counts["relations"] += 1
    finally:
        writer.close()
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--source", type=Path, default=REPO / "maps" / "krems_austria.osm.gz")
    ap.add_argument("--tiles", type=int, default=6)
    a = ap.parse_args(argv)
    t = time.perf_counter()
    counts = tile(a.source, a.out, a.tiles)
    print(f"REAL-MIX tiled extract ({a.tiles} x {a.tiles} copies of {a.source.name}) written to {a.out}: {counts} "
          f"in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
