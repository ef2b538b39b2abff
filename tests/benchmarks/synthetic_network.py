"""Generate a SYNTHETIC road network as an OSM PBF file (benchmark input, not real data).

A jittered grid of G x G intersections ~150 m apart, every block side drawn with 2
intermediate shape nodes (the Krems extract has 1.75 shape nodes per link), ways split
every 5 blocks as OSM ways are. Every 10th line is a primary road (maxspeed 70), every
5th a secondary, the rest residential; a quarter of residential lines are one-way
(alternating direction) and a few primaries carry maxheight=3.5 (closed to a coach).
Every object is tagged ``note=synthetic`` and the file's generator says SYNTHETIC.

    .venv/bin/python tests/benchmarks/synthetic_network.py OUT.osm.pbf [--grid 230]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import osmium

SPACING_DEG_LAT = 0.00135          # ~150 m
SHAPE_NODES = 2
WAY_BLOCKS = 5


def generate(path: Path, grid: int = 230, seed: int = 1, lon0: float = 4.0, lat0: float = 45.0) -> dict:
    """Write the network to ``path`` (.osm.pbf); returns counts."""
    rng = np.random.default_rng(seed)
    dlat = SPACING_DEG_LAT
    dlon = SPACING_DEG_LAT / np.cos(np.radians(lat0))
    jit = 0.15
    lat = lat0 + (np.arange(grid)[:, None] + rng.uniform(-jit, jit, (grid, grid))) * dlat
    lon = lon0 + (np.arange(grid)[None, :] + rng.uniform(-jit, jit, (grid, grid))) * dlon
    ix_id = 1 + np.arange(grid * grid).reshape(grid, grid)
    next_id = grid * grid + 1
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    header = osmium.io.Header()
    header.set("generator", "zitour SYNTHETIC benchmark network (not real OpenStreetMap data)")
    nodes_out: list[tuple[int, float, float]] = [
        (int(ix_id[r, c]), float(lon[r, c]), float(lat[r, c])) for r in range(grid) for c in range(grid)]
    ways_out: list[tuple[list[int], dict]] = []

    def line_tags(k: int) -> dict:
        if k % 10 == 0:
            return {"highway": "primary", "maxspeed": "70"}
        if k % 5 == 0:
            return {"highway": "secondary"}
        t = {"highway": "residential"}
        if k % 4 == 1:
            t["oneway"] = "yes" if (k // 4) % 2 == 0 else "-1"
        return t

    for horizontal in (True, False):
        for k in range(grid):
            tags = line_tags(k)
            tags["name"] = f"{'Rue' if horizontal else 'Avenue'} {k}"
            tags["note"] = "synthetic"
            for b0 in range(0, grid - 1, WAY_BLOCKS):
                refs: list[int] = []
                for b in range(b0, min(b0 + WAY_BLOCKS, grid - 1)):
                    r0, c0, r1, c1 = (k, b, k, b + 1) if horizontal else (b, k, b + 1, k)
                    if not refs:
                        refs.append(int(ix_id[r0, c0]))
                    for s in range(1, SHAPE_NODES + 1):
                        f = s / (SHAPE_NODES + 1)
                        x = lon[r0, c0] + f * (lon[r1, c1] - lon[r0, c0]) + rng.uniform(-0.1, 0.1) * dlon
                        y = lat[r0, c0] + f * (lat[r1, c1] - lat[r0, c0]) + rng.uniform(-0.1, 0.1) * dlat
                        nodes_out.append((next_id, float(x), float(y)))
                        refs.append(next_id)
                        next_id += 1
                    refs.append(int(ix_id[r1, c1]))
                t = dict(tags)
                if t["highway"] == "primary" and rng.random() < 0.02:
                    t["maxheight"] = "3.5"
                ways_out.append((refs, t))
    nodes_out.sort()
    with osmium.SimpleWriter(str(path), header=header) as w:
        for nid, x, y in nodes_out:
            w.add_node(osmium.osm.mutable.Node(id=nid, location=(x, y), version=1, tags={"note": "synthetic"}
                                               if nid == 1 else {}))
        for i, (refs, tags) in enumerate(ways_out, start=1):
            w.add_way(osmium.osm.mutable.Way(id=i, nodes=refs, tags=tags, version=1))
    return {"osm_nodes": len(nodes_out), "osm_ways": len(ways_out), "intersections": grid * grid}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--grid", type=int, default=230)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    counts = generate(args.out, args.grid)
    print(f"SYNTHETIC network written to {args.out}: {counts} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
