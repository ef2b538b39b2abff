"""Scale of the coach road engine on a SYNTHETIC network, and a CCH (pyroutingkit) beside it.

    .venv/bin/python tests/benchmarks/coach_scale.py PBF [--workdir DIR] [--cch] [--ch]

PBF: an extract, e.g. the synthetic grid of ``synthetic_network.py`` (``--grid 230`` gives
52,900 graph nodes, ``--grid 1225`` about 1.5 million: a French département's size).
Each phase runs in a fresh subprocess so its peak RSS is its own:

  import   PBF -> compiled region (read + graph + write), peak RSS
  load     compiled region load + coach network build (edge-based state graph, and the
           hierarchy of routing.cch where it fits) + first snap: cold (built, then written to
           the network cache of routing.network_cache) and warm (read back from that cache)
  matrix   50 x 50 travel-time matrix of points spread over the whole network and of points
           in a 5 km square (a ZI tour), best of 3, all CPUs and 1 thread
  legs     20 legs between random points of the spread set: median and worst time
  cch      (with --cch, needs ``pip install pyroutingkit``) RoutingKit's customizable
           contraction hierarchy on the same state graph: topology build, customisation,
           the spread 50 x 50 matrix of costs and one point-to-point query, checked against
           the engine's costs
  ch       (with --ch, needs ``pip install ch-router``) RoutingKit's plain contraction hierarchy:
           build, 2,500 point-to-point queries for the spread 50 x 50 costs, and with the path
           unpacked to sum durations

and prints one table.
"""
from __future__ import annotations

import argparse
import json
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


def _points(region, n: int, seed: int, box_km: float | None, centre=None):
    """``n`` points where sites would be: random road-graph nodes, moved up to 30 m (on a tiled real
    extract the box is mostly fields, where nobody places a company). ``box_km``: only nodes in a
    square of that side round the node nearest ``centre`` (default: the middle of the region), a
    ZI tour's zone."""
    import numpy as np
    rng = np.random.default_rng(seed)
    lon, lat = np.asarray(region.graph["node_lon"]), np.asarray(region.graph["node_lat"])
    if box_km is not None:
        w, s, e, nn = region.bounds
        cx, cy = centre if centre is not None else ((w + e) / 2, (s + nn) / 2)
        mid = int(np.argmin(np.hypot(lon - cx, lat - cy)))
        dlat = box_km / 111.0 / 2
        dlon = dlat / np.cos(np.radians(lat[mid]))
        inside = np.flatnonzero((np.abs(lon - lon[mid]) <= dlon) & (np.abs(lat - lat[mid]) <= dlat))
    else:
        inside = np.arange(len(lon))
    pick = rng.choice(inside, size=n, replace=len(inside) < n)
    jitter = rng.uniform(-30.0, 30.0, size=(n, 2)) / 111_000.0
    return list(zip(lon[pick] + jitter[:, 0] / np.cos(np.radians(lat[pick])), lat[pick] + jitter[:, 1]))


def _snapped(region, net, n: int, seed: int, box_km: float | None) -> list:
    """``n`` snapped random points (drawn in batches until enough snap: on tiled real extracts
    most of the box is fields)."""
    centre = None
    if box_km is not None:  # the zone round a place on the coach's network, not round a field
        first = _snapped(region, net, 1, seed, None)
        centre = (first[0].road_lon, first[0].road_lat) if first else None
    out, k = [], 0
    while len(out) < n and k < 50:
        out += [s for s in (net.snap(x, y) for x, y in _points(region, 600, seed + 1000 * k, box_km, centre)) if s.ok]
        k += 1
    return out[:n]


def _best(fn, runs: int = 3):
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def phase_import(pbf: Path, out: Path) -> dict:
    from routing.regions import import_region
    t = time.perf_counter()
    path = import_region(pbf, name="scale", dest_dir=out)
    return {"import_s": time.perf_counter() - t, "import_peak_rss_mb": _peak_rss_mb(), "zreg": str(path),
            "zreg_mb": path.stat().st_size / 1e6}


def _load(zreg: Path):
    from routing.region import Region
    t = time.perf_counter()
    region = Region.load(zreg)
    file_s = time.perf_counter() - t
    t = time.perf_counter()
    net = region.network()
    return region, net, file_s, time.perf_counter() - t


def phase_load(zreg: Path) -> dict:
    region, net, file_s, net_s = _load(zreg)
    x, y = _points(region, 1, 3, None)[0]
    t = time.perf_counter()
    net.snap(x, y)
    snap_s = time.perf_counter() - t
    h = net.hierarchy
    return {"file_load_s": file_s, "network_build_s": net_s, "first_snap_s": snap_s,
            "graph_nodes": int(net.n_nodes), "states": int(len(net.states.state_arc)),
            "transitions": int(len(net.states.indices)), "load_peak_rss_mb": _peak_rss_mb(),
            "engine": net.engine, "cch_arcs": int(h.arc_count) if h is not None else None}


def phase_matrix(zreg: Path) -> dict:
    import numpy as np
    from routing import many_to_many as mm
    region, net, _, _ = _load(zreg)
    res = {}
    for label, box in (("spread", None), ("clustered", 5.0)):
        snaps = _snapped(region, net, 50, 7, box)
        net.matrix(snaps[:2])                                    # numba import + cache load
        res[f"matrix_{label}_s"], m = _best(lambda: net.matrix(snaps))
        res[f"matrix_{label}_n"] = len(snaps)
        res[f"matrix_{label}_finite"] = float(np.isfinite(m.duration_s).mean())
        args = (net.states, net._edge_src, *net.query_arrays(snaps), len(snaps))
        res[f"matrix_{label}_1thread_s"], _ = _best(lambda: mm.many_to_many(*args, workers=1), runs=2)
    res["matrix_peak_rss_mb"] = _peak_rss_mb()
    return res


def phase_legs(zreg: Path) -> dict:
    import numpy as np
    region, net, _, _ = _load(zreg)
    snaps = _snapped(region, net, 42, 7, None)
    net.leg(snaps[0], snaps[1])                                  # numba import + cache load
    times = []
    for k in range(20):
        a, b = snaps[2 * k + 2], snaps[2 * k + 3]
        t = time.perf_counter()
        net.leg(a, b)
        times.append(time.perf_counter() - t)
    return {"leg_median_s": float(np.median(times)), "leg_max_s": float(np.max(times))}


def phase_cch(zreg: Path) -> dict:
    import numpy as np
    try:
        from pyroutingkit import CCH
    except ImportError:
        return {"cch": "pyroutingkit not installed"}
    from routing import many_to_many as mm
    region, net, _, _ = _load(zreg)
    st, arcs = net.states, net.arcs
    tail = net._edge_src.astype(np.uint32)
    head = st.indices.astype(np.uint32)
    # a state's position: the middle of its link
    link = arcs.link[st.state_arc]
    lat = ((net.node_lat[net.link_u[link]] + net.node_lat[net.link_v[link]]) / 2).astype(np.float32)
    lon = ((net.node_lon[net.link_u[link]] + net.node_lon[net.link_v[link]]) / 2).astype(np.float32)
    scale = 100.0                                                # centiseconds: RoutingKit weights are uint32
    w = np.maximum(1, np.round(st.cost * scale)).astype(np.uint32)
    t = time.perf_counter()
    metric = CCH()                                               # pyroutingkit 0.2.1
    metric.build_topology(tail, head, lat, lon, len(st.state_arc))
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    metric.customize_weights(w)
    customize_s = time.perf_counter() - t
    snaps = _snapped(region, net, 50, 7, None)
    src = np.array([net._seeds(s)[0][0] for s in snaps], np.uint32)
    goal = np.array([net._goal_states(s)[0][0] for s in snaps], np.uint32)
    t = time.perf_counter()
    d = np.asarray(metric.distances_many_to_many(src, goal), dtype=np.float64)
    m2m_s = time.perf_counter() - t
    t = time.perf_counter()
    metric.query(int(src[0]), int(goal[1]))
    p2p_s = time.perf_counter() - t
    # same costs as the engine (from each source state's entry to each goal state's entry)
    fr = np.zeros(len(snaps))
    _, _, ours = mm.many_to_many(st, net._edge_src, np.arange(len(src) + 1), src.astype(np.int64), fr,
                                 goal.astype(np.int64),
                                 np.zeros(len(snaps)), np.arange(len(snaps)), len(snaps))
    off = ~np.eye(len(snaps), dtype=bool) & np.isfinite(ours) & (d < 2**31)
    rel = np.abs(d[off] / scale - ours[off]) / np.maximum(ours[off], 1)
    return {"cch_build_s": build_s, "cch_customize_s": customize_s, "cch_m2m_50_s": m2m_s, "cch_p2p_s": p2p_s,
            "cch_max_rel_diff": float(rel.max()) if len(rel) else None, "cch_peak_rss_mb": _peak_rss_mb()}


def phase_ch(zreg: Path) -> dict:
    """RoutingKit's (non-customizable) contraction hierarchy through ch-router: the weights are
    baked in at build time, so one hierarchy per vehicle profile."""
    import numpy as np
    try:
        from routingkit_ch import CHQuery, ContractionHierarchy
    except ImportError:
        return {"ch": "ch-router not installed"}
    from routing import many_to_many as mm
    region, net, _, _ = _load(zreg)
    st = net.states
    scale = 100.0
    w = np.maximum(1, np.round(st.cost * scale)).astype(np.uint32)
    t = time.perf_counter()
    ch = ContractionHierarchy.build(len(st.state_arc), net._edge_src.astype(np.uint32),
                                    st.indices.astype(np.uint32), w)
    build_s = time.perf_counter() - t
    snaps = _snapped(region, net, 50, 7, None)
    src = [net._seeds(s)[0][0] for s in snaps]
    goal = [net._goal_states(s)[0][0] for s in snaps]
    q = CHQuery(ch)
    dist = np.zeros((len(snaps), len(snaps)))
    dur = np.zeros_like(dist)
    t = time.perf_counter()
    for i, a in enumerate(src):
        for j, b in enumerate(goal):
            q.reset().add_source(a).add_target(b).run()
            dist[i, j] = q.get_distance() / scale
    m2m_s = time.perf_counter() - t
    t = time.perf_counter()
    for i, a in enumerate(src[:10]):        # with the path: duration summed along it
        for j, b in enumerate(goal[:10]):
            q.reset().add_source(a).add_target(b).run()
            arcs = np.asarray(q.get_arc_path(), dtype=np.int64)
            dur[i, j] = st.dur[arcs].sum() if len(arcs) else 0.0
    with_path_s = (time.perf_counter() - t) * 25   # 10 x 10 measured, scaled to 50 x 50
    fr = np.zeros(len(snaps))
    _, _, ours = mm.many_to_many(st, net._edge_src, np.arange(len(src) + 1), np.array(src), fr, np.array(goal),
                                 np.zeros(len(snaps)),
                                 np.arange(len(snaps)), len(snaps))
    off = ~np.eye(len(snaps), dtype=bool) & np.isfinite(ours)
    rel = np.abs(dist[off] - ours[off]) / np.maximum(ours[off], 1)
    return {"ch_build_s": build_s, "ch_m2m_50_s": m2m_s, "ch_m2m_50_with_paths_s": with_path_s,
            "ch_max_rel_diff": float(rel.max()) if len(rel) else None, "ch_peak_rss_mb": _peak_rss_mb()}


PHASES = {"ch": phase_ch, "import": phase_import, "load": phase_load, "matrix": phase_matrix, "legs": phase_legs, "cch": phase_cch}


def _sub(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=REPO)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{args[1]}: {json.dumps(result)}", file=sys.stderr, flush=True)  # progress of a long run
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pbf", type=Path, nargs="?")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--cch", action="store_true", help="also measure pyroutingkit's CCH")
    ap.add_argument("--ch", action="store_true", help="also measure RoutingKit's CH (ch-router)")
    ap.add_argument("--reuse", action="store_true",
                    help="keep the import and cold build of an earlier run in --workdir (its results.json)")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--arg", action="append", default=[], help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.phase:
        print(json.dumps(PHASES[a.phase](*[Path(x) for x in a.arg])))
        return 0
    work = a.workdir or Path(tempfile.mkdtemp(prefix="coach-scale-"))
    import os
    os.environ["ZITOUR_DATA_DIR"] = str(work / "data")         # the network cache of this run
    saved = work / "results.json"
    if a.reuse and saved.exists():  # import and cold build done by an earlier run in this folder
        res = {k: v for k, v in json.loads(saved.read_text()).items()
               if k.startswith(("import_", "zreg", "cold_"))}
    else:
        res = _sub(["--phase", "import", "--arg", str(a.pbf), "--arg", str(work)])
        cold = _sub(["--phase", "load", "--arg", res["zreg"]])
        res.update({f"cold_{k}": v for k, v in cold.items()})
        saved.write_text(json.dumps(res))
    zreg = res["zreg"]
    for phase in ("load", "matrix", "legs") + (("cch",) if a.cch else ()) + (("ch",) if a.ch else ()):
        res.update(_sub(["--phase", phase, "--arg", zreg]))
        saved.write_text(json.dumps(res))
    rows = [
        ("graph nodes / states / transitions", f"{res['graph_nodes']:,} / {res['states']:,} / {res['transitions']:,}", ""),
        ("import (read, graph, write)", f"{res['import_s']:.1f} s, peak {res['import_peak_rss_mb']:.0f} MB, "
         f"file {res['zreg_mb']:.0f} MB", "< 10 min, < 4 GB"),
        ("engine (hierarchy arcs)", f"{res['engine']} ({res['cch_arcs'] or 0:,})", ""),
        ("cold: load + network build + first snap", f"{res['cold_file_load_s']:.2f} + "
         f"{res['cold_network_build_s']:.2f} + {res['cold_first_snap_s']:.2f} s "
         f"(peak {res['cold_load_peak_rss_mb']:.0f} MB)", "once per region and coach"),
        ("warm: load + network (cached) + first snap", f"{res['file_load_s']:.2f} + {res['network_build_s']:.2f} + "
         f"{res['first_snap_s']:.2f} s (peak {res['load_peak_rss_mb']:.0f} MB)", "< 3 s"),
        ("50 x 50 matrix, spread", f"{res['matrix_spread_s']:.3f} s (Dijkstra, 1 thread {res['matrix_spread_1thread_s']:.3f} s)",
         "< 1 s"),
        ("50 x 50 matrix, 5 km square", f"{res['matrix_clustered_s']:.3f} s (Dijkstra, 1 thread "
         f"{res['matrix_clustered_1thread_s']:.3f} s)", ""),
        ("one leg (median / worst of 20)", f"{res['leg_median_s'] * 1000:.0f} / {res['leg_max_s'] * 1000:.0f} ms",
         "< 100 ms"),
    ]
    if "cch_build_s" in res:
        rows += [("CCH topology build / customise", f"{res['cch_build_s']:.1f} / {res['cch_customize_s']:.2f} s", ""),
                 ("CCH 50 x 50 costs / one query", f"{res['cch_m2m_50_s']:.3f} s / {res['cch_p2p_s'] * 1000:.2f} ms",
                  f"max rel. diff {res['cch_max_rel_diff']:.1e}")]
    if "ch_build_s" in res:
        rows += [("CH build (per profile)", f"{res['ch_build_s']:.1f} s", ""),
                 ("CH 50 x 50 costs / with paths", f"{res['ch_m2m_50_s']:.3f} s / {res['ch_m2m_50_with_paths_s']:.3f} s",
                  f"max rel. diff {res['ch_max_rel_diff']:.1e}")]
    width = max(len(r[0]) for r in rows)
    for label, value, target in rows:
        print(f"{label:<{width}}  {value:<60} {target}")
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
