"""Road network engine benchmark on a SYNTHETIC network (>= 250,000 OSM nodes).

    .venv/bin/python tests/benchmarks/road_network.py [--grid 230] [--workdir DIR] [--skip-graphml]
    .venv/bin/python tests/benchmarks/road_network.py --matrix-only [--workdir DIR]

Generates the synthetic PBF (tests/benchmarks/synthetic_network.py), then measures, each
phase in a fresh subprocess so peak RSS is that phase's own:
  import     PBF -> compiled region (read + graph + write)
  load       compiled region load (numpy) + coach network build for the default profile
  matrix     50 x 50 travel-time matrix: 50 points spread over the whole network, and
             50 points clustered in a 5 km square (a ZI tour); best of 5 runs of the compiled
             kernel (all CPUs, then 1 thread) and of the scipy fallback (the previous engine)
  graphml    osmnx.load_graphml of the same graph (written with osmnx.save_graphml)
  networkx   networkx single_source_dijkstra from each of the 50 spread points, same weights
and prints a table against the targets of issue 3. ``--matrix-only`` skips graphml and
reuses WORKDIR/synthetic.zreg when it exists (quick matrix measurement).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6   # kB -> MB


def _points(region, n: int, seed: int, box_km: float | None):
    import numpy as np
    rng = np.random.default_rng(seed)
    w, s, e, nn = region.bounds
    if box_km is not None:
        cx, cy = (w + e) / 2, (s + nn) / 2
        dlat = box_km / 111.0 / 2
        dlon = dlat / np.cos(np.radians(cy))
        w, e, s, nn = cx - dlon, cx + dlon, cy - dlat, cy + dlat
    return list(zip(rng.uniform(w, e, n), rng.uniform(s, nn, n)))


def phase_import(pbf: Path, out: Path) -> dict:
    from routing.regions import import_region
    t = time.perf_counter()
    path = import_region(pbf, name="synthetic", dest_dir=out)
    return {"import_s": time.perf_counter() - t, "peak_rss_mb": _peak_rss_mb(), "zreg": str(path),
            "zreg_mb": path.stat().st_size / 1e6}


def phase_load(zreg: Path) -> dict:
    import psutil
    t0 = time.perf_counter()
    import numpy  # noqa: F401  (module imports counted separately)
    import scipy.sparse.csgraph  # noqa: F401
    import scipy.spatial  # noqa: F401
    from routing.region import Region
    imports_s = time.perf_counter() - t0
    loads = []
    for _ in range(3):
        t = time.perf_counter()
        region = Region.load(zreg)
        loads.append(time.perf_counter() - t)
    t = time.perf_counter()
    net = region.network()
    network_s = time.perf_counter() - t
    res = {"imports_s": imports_s, "file_load_s": min(loads), "network_build_s": network_s,
           "graph_nodes": int(net.n_nodes), "graph_edges": int(len(net._e_src))}
    from routing.many_to_many import many_to_many  # noqa: E402  (after the timed imports)

    def best_of(fn, runs=5):
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            out = fn()
            times.append(time.perf_counter() - t)
        return min(times), out

    for label, box in (("spread", None), ("clustered", 5.0)):
        pts = _points(region, 50, 7, box)
        t = time.perf_counter()
        snaps = [net.snap(x, y) for x, y in pts]
        res[f"snap50_{label}_s"] = time.perf_counter() - t
        if label == "spread":   # numba import + compiled-code cache load (or compile, first run)
            t = time.perf_counter()
            net.matrix(snaps)
            res["matrix_first_call_s"] = time.perf_counter() - t
        res[f"matrix_{label}_s"], m = best_of(lambda: net.matrix(snaps))
        res[f"matrix_{label}_finite"] = bool(numpy.isfinite(m.duration_s).all())

        def one_thread():
            ip, ix, c, du, di, vid = net.augmented_csr_arrays(snaps)
            u = numpy.unique(vid)
            return many_to_many(ip, ix, c, du, di, u, u, workers=1)
        res[f"matrix_{label}_1thread_s"], _ = best_of(one_thread)
        res[f"scipy_{label}_s"], ref = best_of(lambda: net.matrix(snaps, engine="scipy"), runs=3)
        res[f"maxdiff_{label}_s"] = float(numpy.nanmax(numpy.abs(
            numpy.where(numpy.isfinite(m.duration_s), m.duration_s - ref.duration_s, 0.0))))
        if label == "spread":
            res["spread_nodes"] = [int(s.node) for s in snaps]
            res["spread_matrix_row0"] = [float(v) for v in m.duration_s[0]]
    res["rss_loaded_mb"] = psutil.Process().memory_info().rss / 1e6
    res["peak_rss_mb"] = _peak_rss_mb()
    return res


def _nx_graph(zreg: Path, geometry: bool):
    """The compiled region's coach network as an osmnx-style MultiDiGraph."""
    import networkx as nx
    from routing.region import Region
    region = Region.load(zreg)
    net = region.network()
    G = nx.MultiDiGraph(crs="EPSG:4326")
    for i in range(net.n_nodes):
        G.add_node(i, x=float(net.node_lon[i]), y=float(net.node_lat[i]),
                   osmid=int(region.graph["node_osm_id"][i]))
    if geometry:
        from shapely.geometry import LineString
    for k in range(len(net._e_src)):
        link = int(net._e_link[k])
        attrs = {"length": float(net._e_dist[k]), "travel_time": float(net._e_dur[k]),
                 "weight": float(net._e_cost[k]), "osmid": int(region.graph["way_osm_id"][net.link_way[link]]),
                 "highway": "synthetic", "oneway": bool(not (net.fwd_ok[link] and net.bwd_ok[link]))}
        if geometry:
            a, b = net.geom_offsets[link], net.geom_offsets[link + 1]
            pts = net.geom[a:b][::-1] if net._e_rev[k] else net.geom[a:b]
            attrs["geometry"] = LineString(pts)
        G.add_edge(int(net._e_src[k]), int(net._e_dst[k]), **attrs)
    return G


def phase_graphml(zreg: Path, out: Path) -> dict:
    import osmnx as ox
    G = _nx_graph(zreg, geometry=True)
    gml = out / "synthetic.graphml"
    ox.save_graphml(G, gml)
    del G
    t = time.perf_counter()
    G2 = ox.load_graphml(gml)
    return {"load_graphml_s": time.perf_counter() - t, "graphml_mb": gml.stat().st_size / 1e6,
            "graphml_nodes": G2.number_of_nodes(), "peak_rss_mb": _peak_rss_mb()}


def phase_networkx(zreg: Path, nodes: list[int]) -> dict:
    import networkx as nx
    G = nx.DiGraph(_nx_graph(zreg, geometry=False))
    t = time.perf_counter()
    first = None
    for s in nodes:
        d = nx.single_source_dijkstra_path_length(G, s, weight="weight")
        if first is None:
            first = d
    return {"networkx_50_s": time.perf_counter() - t, "reached_from_first": len(first)}


def _sub(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=REPO)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="road network benchmark (synthetic network)")
    ap.add_argument("--grid", type=int, default=230)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--skip-graphml", action="store_true")
    ap.add_argument("--matrix-only", action="store_true",
                    help="skip graphml; reuse WORKDIR/synthetic.zreg if present")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--arg", action="append", default=[], help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.phase:
        fn = {"import": lambda: phase_import(Path(a.arg[0]), Path(a.arg[1])),
              "load": lambda: phase_load(Path(a.arg[0])),
              "graphml": lambda: phase_graphml(Path(a.arg[0]), Path(a.arg[1])),
              "networkx": lambda: phase_networkx(Path(a.arg[0]), json.loads(a.arg[1]))}[a.phase]
        print(json.dumps(fn()))
        return 0

    work = a.workdir or Path(tempfile.mkdtemp(prefix="zitour-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(Path(__file__).parent))
    from routing.many_to_many import _usable_cpus
    from synthetic_network import generate
    pbf = work / "synthetic.osm.pbf"
    zreg = work / "synthetic.zreg"
    if a.matrix_only and zreg.exists() and pbf.exists():
        from routing.compiled import read_header
        counts = {"osm_nodes": None, "osm_ways": None}
        imp = {"zreg": str(zreg), "import_s": float("nan"), "peak_rss_mb": float("nan"),
               "zreg_mb": zreg.stat().st_size / 1e6}
        print(f"reusing {zreg} ({read_header(zreg).get('name', '')})", file=sys.stderr)
    else:
        t = time.perf_counter()
        counts = generate(pbf, a.grid)
        gen_s = time.perf_counter() - t
        print(f"SYNTHETIC network: {counts['osm_nodes']:,} OSM nodes, {counts['osm_ways']:,} ways "
              f"({gen_s:.1f} s to generate) in {pbf}", file=sys.stderr)
        imp = _sub(["--phase", "import", "--arg", str(pbf), "--arg", str(work)])
        print(f"imported in {imp['import_s']:.1f} s", file=sys.stderr)
    load = _sub(["--phase", "load", "--arg", imp["zreg"]])
    print("loaded, matrices done", file=sys.stderr)
    skip_gml = a.skip_graphml or a.matrix_only
    gml = None if skip_gml else _sub(["--phase", "graphml", "--arg", imp["zreg"], "--arg", str(work)])
    print("graphml done", file=sys.stderr)
    nxr = _sub(["--phase", "networkx", "--arg", imp["zreg"], "--arg", json.dumps(load["spread_nodes"])])

    load_s = load["file_load_s"] + load["network_build_s"]
    osm = (f"{counts['osm_nodes']:,} OSM nodes, {counts['osm_ways']:,} ways -> " if counts["osm_nodes"]
           else "reused compiled region: ")
    rows = [
        ("network (SYNTHETIC)", f"{osm}{load['graph_nodes']:,} graph nodes, {load['graph_edges']:,} directed edges", ""),
        ("import PBF -> compiled", f"{imp['import_s']:.2f} s (peak RSS {imp['peak_rss_mb']:.0f} MB, "
                                   f"file {imp['zreg_mb']:.1f} MB)" if counts["osm_nodes"]
         else f"skipped (reused, file {imp['zreg_mb']:.1f} MB)", ""),
        ("compiled load (file)", f"{load['file_load_s'] * 1000:.0f} ms", ""),
        ("coach network build", f"{load['network_build_s'] * 1000:.0f} ms", ""),
        ("load total (file + network)", f"{load_s:.3f} s", f"<= 1 s: {'OK' if load_s <= 1 else 'MISSED'}"),
    ]
    if gml:
        ratio = gml["load_graphml_s"] / load_s
        rows.append(("osmnx load_graphml", f"{gml['load_graphml_s']:.2f} s ({gml['graphml_mb']:.0f} MB graphml)",
                     f"compiled {ratio:.0f}x faster: {'OK' if ratio >= 10 else 'MISSED'} (>= 10x)"))
    rows += [
        ("RSS, region loaded + matrices", f"{load['rss_loaded_mb']:.0f} MB now, {load['peak_rss_mb']:.0f} MB peak",
         f"<= 500 MB: {'OK' if load['peak_rss_mb'] <= 500 else 'MISSED'}"),
        ("snap 50 points (spread)", f"{load['snap50_spread_s'] * 1000:.0f} ms (incl. index build)", ""),
        ("first matrix call", f"{load['matrix_first_call_s']:.2f} s (numba import + compiled-code cache)", ""),
    ]
    for label, name in (("spread", "spread points"), ("clustered", "5 km cluster")):
        v = load[f"matrix_{label}_s"]
        rows += [
            (f"50x50 matrix, {name}", f"{v:.3f} s ({_usable_cpus()} threads)",
             f"<= 0.5 s: {'OK' if v <= 0.5 else 'MISSED'}"),
            ("  same, 1 thread", f"{load[f'matrix_{label}_1thread_s']:.3f} s", ""),
            ("  scipy fallback (previous)", f"{load[f'scipy_{label}_s']:.3f} s "
                                             f"(max |diff| {load[f'maxdiff_{label}_s']:.1e} s)", ""),
        ]
    r = nxr["networkx_50_s"] / load["matrix_spread_s"]
    rows.append(("networkx Dijkstra x50 (spread)", f"{nxr['networkx_50_s']:.2f} s",
                 f"matrix {r:.0f}x faster: {'OK' if r >= 30 else 'MISSED'} (>= 30x)"))
    w = max(len(x[0]) for x in rows)
    rows.append(("", "compiled kernel: numba many-to-many Dijkstra (routing/many_to_many.py); "
                     "scipy fallback = the engine before it", ""))
    print(f"\nRoad network benchmark — SYNTHETIC network, not real data (python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs)")
    for name, value, target in rows:
        print(f"  {name:<{w}}  {value:<60} {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
