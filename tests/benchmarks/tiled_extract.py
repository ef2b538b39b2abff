"""Tile a bundled REAL extract N x N times into one PBF (benchmark input for the import).

    .venv/bin/python tests/benchmarks/tiled_extract.py OUT.osm.pbf [--source maps/krems_austria.osm.gz] [--tiles 6] [--join]

Every node, way and relation of the source is copied once per tile, shifted by whole
multiples of the source's extent (so tiles sit side by side, not on top of each other) and
renumbered (ids offset per tile), tags untouched: turn restrictions, barriers, access tags,
buildings and land use keep their real mix. Without ``--join`` the tiles do not join (each is
its own road island): that measures how the import scales with real data. With ``--join``
neighbouring tiles are linked by two-way ``highway=secondary`` roads between the source's road
junctions nearest each side of its road network (up to ``JOINS_PER_SIDE`` per side, in order
along it; the source's own bounds can be wider than its roads: links are then rural roads of a
few kilometres), so routes
cross tiles as they would cross a département's towns: that measures routing at scale on real
street patterns (``coach_scale.py``).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import osmium

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
JOINS_PER_SIDE = 4
ROADS = {"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
         "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link"}
JOIN_ROADS = {"primary", "secondary", "tertiary", "unclassified", "residential"}


def _read(source: Path):
    """(nodes, ways, relations) of ``source`` as plain tuples, read once."""
    nodes, ways, rels = [], [], []
    for o in osmium.FileProcessor(str(source)):
        tags = {tg.k: tg.v for tg in o.tags}
        if o.is_node() and o.location.valid():
            nodes.append((o.id, o.location.lon, o.location.lat, tags))
        elif o.is_way():
            ways.append((o.id, [nd.ref for nd in o.nodes], tags))
        elif o.is_relation():
            rels.append((o.id, [(m.type, m.ref, m.role) for m in o.members], tags))
    return nodes, ways, rels


def _coach_main_nodes(source: Path) -> set[int]:
    """OSM ids of the nodes on the coach network's main part of ``source`` (its largest strongly
    connected set: what routing.network snaps to). Joining tiles anywhere else (a one-way
    street's end, a private estate) connects them one way or not at all."""
    import tempfile

    import numpy as np

    from routing.region import Region
    from routing.regions import import_region

    with tempfile.TemporaryDirectory() as tmp:
        net = Region.load(import_region(source, name="tile-source", dest_dir=Path(tmp))).network()
        g = net.region.graph
        links = np.flatnonzero(np.asarray(net.link_main))
        ids = np.asarray(g["node_osm_id"])
        return set(ids[np.asarray(g["link_u"])[links]].tolist()) | set(ids[np.asarray(g["link_v"])[links]].tolist())


def _join_nodes(nodes, ways, source: Path) -> dict[str, list[int]]:
    """Per side ("w", "e", "s", "n") of the road network's bounding box: up to
    ``JOINS_PER_SIDE`` road junctions nearest that side (within a fifth of the box from it),
    ordered along the side."""
    def joinable(tags) -> bool:
        """A public two-way road a coach may drive both ways: a link joined to a one-way street's
        end (or a ramp) would connect the tiles in one direction only, and the coach's network
        would fall apart into one strongly connected tile row (measured: 80 of 1,600 tiles)."""
        return (tags.get("highway") in JOIN_ROADS and tags.get("oneway", "no") in ("no", "false", "0")
                and tags.get("junction") not in ("roundabout", "circular")
                and tags.get("access", "yes") not in ("no", "private", "destination")
                and tags.get("motor_vehicle", "yes") not in ("no", "private", "destination"))

    use = {}
    for _, refs, tags in ways:
        if joinable(tags):
            for r in refs:
                use[r] = use.get(r, 0) + 1
    # a way's end or a node shared by two road ways: a place a link can join without a dead end
    ends = {refs[k] for _, refs, tags in ways if joinable(tags) for k in (0, -1)}
    main = _coach_main_nodes(source)
    pos = {i: (x, y) for i, x, y, _ in nodes if i in use and (use[i] > 1 or i in ends) and i in main}
    w, e = min(x for x, _ in pos.values()), max(x for x, _ in pos.values())
    s, n = min(y for _, y in pos.values()), max(y for _, y in pos.values())
    out = {}
    for side in "wesn":
        along = 1 if side in "we" else 0                  # the coordinate along the side
        reach = ((e - w) if side in "we" else (n - s)) / 5
        gaps = sorted(({"w": xy[0] - w, "e": e - xy[0], "s": xy[1] - s, "n": n - xy[1]}[side], i)
                      for i, xy in pos.items())
        near = [i for gap, i in gaps if gap <= reach][:JOINS_PER_SIDE]
        out[side] = sorted(near, key=lambda i: pos[i][along])
    return out


def tile(source: Path, out: Path, tiles: int, join: bool = False) -> dict:
    """Write ``tiles`` x ``tiles`` shifted copies of ``source`` to ``out`` (joined by roads
    with ``join``); returns counts."""
    nodes, ways, rels = _read(source)
    w, e = min(x for _, x, _, _ in nodes), max(x for _, x, _, _ in nodes)
    s, n = min(y for _, _, y, _ in nodes), max(y for _, _, y, _ in nodes)
    dx, dy = (e - w) * 1.02, (n - s) * 1.02
    if out.exists():
        out.unlink()
    offset = 10 ** 10                                   # above any id of the source
    link_base = 9 * 10 ** 9                             # a tile's link ways: above its own way ids
    joins = _join_nodes(nodes, ways, source) if join else None
    counts = {"nodes": 0, "ways": 0, "relations": 0, "links": 0}
    writer = osmium.SimpleWriter(str(out))
    try:
        # nodes of every tile first, then ways, then relations: a sorted file (areas need it)
        for t in range(tiles * tiles):
            ox, oy, base = (t % tiles) * dx, (t // tiles) * dy, t * offset
            for i, x, y, tags in nodes:
                writer.add_node(osmium.osm.mutable.Node(id=i + base, location=(x + ox, y + oy), tags=tags))
            counts["nodes"] += len(nodes)
        for t in range(tiles * tiles):
            base = t * offset
            for i, refs, tags in ways:
                writer.add_way(osmium.osm.mutable.Way(id=i + base, nodes=[r + base for r in refs], tags=tags))
            counts["ways"] += len(ways)
            if joins is None:
                continue
            col, row = t % tiles, t // tiles
            k = 0
            # to the tile east (this tile's east side to its west side) and north
            for side, other, nb in (("e", "w", t + 1 if col + 1 < tiles else None),
                                    ("n", "s", t + tiles if row + 1 < tiles else None)):
                if nb is None:
                    continue
                for a, b in zip(joins[side], joins[other]):
                    writer.add_way(osmium.osm.mutable.Way(
                        id=base + link_base + k, nodes=[a + base, b + nb * offset],
                        tags={"highway": "secondary", "name": "Liaison (synthetic)"}))
                    k += 1
            counts["links"] += k
        for t in range(tiles * tiles):
            base = t * offset
            for i, members, tags in rels:
                writer.add_relation(osmium.osm.mutable.Relation(
                    id=i + base, members=[(ty, r + base, role) for ty, r, role in members], tags=tags))
            counts["relations"] += len(rels)
    finally:
        writer.close()
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--source", type=Path, default=REPO / "maps" / "krems_austria.osm.gz")
    ap.add_argument("--tiles", type=int, default=6)
    ap.add_argument("--join", action="store_true", help="link neighbouring tiles by road")
    a = ap.parse_args(argv)
    t = time.perf_counter()
    counts = tile(a.source, a.out, a.tiles, a.join)
    print(f"REAL-MIX tiled extract ({a.tiles} x {a.tiles} copies of {a.source.name}) written to {a.out}: {counts} "
          f"in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
