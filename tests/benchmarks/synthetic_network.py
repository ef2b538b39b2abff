"""Generate a SYNTHETIC road network as an OSM PBF file (benchmark input, not real data).

A jittered grid of G x G intersections ~150 m apart, every block side drawn with 2
intermediate shape nodes (the Krems extract has 1.75 shape nodes per link), ways split
every 5 blocks as OSM ways are. Every 10th line is a primary road (maxspeed 70), every
5th a secondary, the rest residential; a quarter of residential lines are one-way
(alternating direction) and a few primaries carry maxheight=3.5 (closed to a coach).
Every object is tagged ``note=synthetic`` and the file's generator says SYNTHETIC.

    .venv/bin/python tests/benchmarks/synthetic_network.py OUT.osm.pbf [--grid 230]
    .venv/bin/python tests/benchmarks/synthetic_network.py OUT.osm.pbf --towns 42

``--towns T`` draws a *département*-like network instead: T x T towns about 9 km apart, each
a jittered grid of 10 to 45 streets a side (as above), joined to its four neighbours by a
rural road (secondary, 80 km/h, a shape node every ~300 m). ``--towns 42`` gives about 1.5
million intersections. A département is towns and villages joined by few roads; one 180 km
wide city grid (``--grid 1225``) has no small separators and is the worst case of a
hierarchy (routing.cch).
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


def generate_towns(path: Path, towns: int = 42, seed: int = 1, lon0: float = 4.0, lat0: float = 45.0) -> dict:
    """Write the département-like network (module docstring) to ``path``; returns counts."""
    rng = np.random.default_rng(seed)
    dlat = SPACING_DEG_LAT
    dlon = SPACING_DEG_LAT / np.cos(np.radians(lat0))
    step = 0.08                                     # degrees of latitude between town centres (~9 km)
    nodes_out: list[tuple[int, float, float]] = []
    ways_out: list[tuple[list[int], dict]] = []
    next_id = 1
    ends = {}                                       # town -> (west, east, south, north) node id
    n_ix = 0
    for ti in range(towns):
        for tj in range(towns):
            g = int(rng.integers(10, 46))
            n_ix += g * g
            cy = lat0 + ti * step + rng.uniform(-0.1, 0.1) * step
            cx = lon0 + tj * step / np.cos(np.radians(lat0)) + rng.uniform(-0.1, 0.1) * step
            lat = cy + (np.arange(g)[:, None] - g / 2 + rng.uniform(-0.15, 0.15, (g, g))) * dlat
            lon = cx + (np.arange(g)[None, :] - g / 2 + rng.uniform(-0.15, 0.15, (g, g))) * dlon
            ids = next_id + np.arange(g * g).reshape(g, g)
            next_id += g * g
            nodes_out.extend((int(ids[r, c]), float(lon[r, c]), float(lat[r, c])) for r in range(g) for c in range(g))
            for horizontal in (True, False):
                for k in range(g):
                    tags = {"highway": "secondary" if k == g // 2 else "residential", "note": "synthetic",
                            "name": f"{'Rue' if horizontal else 'Avenue'} {k}"}
                    if tags["highway"] == "residential" and k % 4 == 1:
                        tags["oneway"] = "yes" if (k // 4) % 2 == 0 else "-1"
                    for b0 in range(0, g - 1, WAY_BLOCKS):
                        refs: list[int] = []
                        for b in range(b0, min(b0 + WAY_BLOCKS, g - 1)):
                            r0, c0, r1, c1 = (k, b, k, b + 1) if horizontal else (b, k, b + 1, k)
                            if not refs:
                                refs.append(int(ids[r0, c0]))
                            for sh in range(1, SHAPE_NODES + 1):
                                f = sh / (SHAPE_NODES + 1)
                                nodes_out.append((next_id, float(lon[r0, c0] + f * (lon[r1, c1] - lon[r0, c0])),
                                                  float(lat[r0, c0] + f * (lat[r1, c1] - lat[r0, c0]))))
                                refs.append(next_id)
                                next_id += 1
                            refs.append(int(ids[r1, c1]))
                        ways_out.append((refs, dict(tags)))
            m = g // 2
            ends[ti, tj] = (int(ids[m, 0]), int(ids[m, g - 1]), int(ids[0, m]), int(ids[g - 1, m]))
    wanted = {e for v in ends.values() for e in v}
    where = {nid: (x, y) for nid, x, y in nodes_out if nid in wanted}

    def rural(a: int, b: int, name: str) -> None:
        nonlocal next_id
        (x0, y0), (x1, y1) = where[a], where[b]
        n_shape = max(1, int(np.hypot((x1 - x0) * np.cos(np.radians(lat0)), y1 - y0) * 111_000 / 300))
        refs = [a]
        for sh in range(1, n_shape):
            f = sh / n_shape
            nodes_out.append((next_id, x0 + f * (x1 - x0) + rng.uniform(-0.3, 0.3) * dlon,
                              y0 + f * (y1 - y0) + rng.uniform(-0.3, 0.3) * dlat))
            refs.append(next_id)
            next_id += 1
        refs.append(b)
        ways_out.append((refs, {"highway": "secondary", "maxspeed": "80", "name": name, "note": "synthetic"}))

    for ti in range(towns):
        for tj in range(towns):
            if tj + 1 < towns:
                rural(ends[ti, tj][1], ends[ti, tj + 1][0], f"D{ti}-{tj}E")
            if ti + 1 < towns:
                rural(ends[ti, tj][3], ends[ti + 1, tj][2], f"D{ti}-{tj}N")
    nodes_out.sort()
    if Path(path).exists():
        Path(path).unlink()
    header = osmium.io.Header()
    header.set("generator", "zitour SYNTHETIC benchmark network (not real OpenStreetMap data)")
    with osmium.SimpleWriter(str(path), header=header) as w:
        for nid, x, y in nodes_out:
            w.add_node(osmium.osm.mutable.Node(id=nid, location=(x, y), version=1))
        for i, (refs, tags) in enumerate(ways_out, start=1):
            w.add_way(osmium.osm.mutable.Way(id=i, nodes=refs, tags=tags, version=1))
    return {"osm_nodes": len(nodes_out), "osm_ways": len(ways_out), "intersections": n_ix, "towns": towns * towns}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--grid", type=int, default=230)
    ap.add_argument("--towns", type=int, default=None, help="a département-like network of T x T towns")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    counts = generate_towns(args.out, args.towns) if args.towns else generate(args.out, args.grid)
    print(f"SYNTHETIC network written to {args.out}: {counts} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
