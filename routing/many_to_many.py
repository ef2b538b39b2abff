"""Many-to-many fastest paths on the coach's state graph: a numba-compiled Dijkstra, run on threads.

The graph is :class:`routing.turns.StateGraph` (a state = a directed link; a CSR entry = the
traversal of its source state plus the turn into the next). A query point lies *inside* a
state at a fraction of its length, so a search is seeded with the transitions out of the
source state, each minus the part of the state behind the point, and a target's cost is the
label at the entry of its state plus the part up to the point. A target may have several
goal states (an end-only road is reachable in its start-zone and end-zone copies).

One Dijkstra per source with a 4-ary heap (lazy deletion) which

* stops as soon as the heap's minimum exceeds every target's best cost: a clustered ZI tour
  explores a few percent of the region instead of all of it. Settled labels are final and a
  target's cost is its goal label plus a non-negative part, so this is exact;
* records the tree edge into each node, then sums the real duration (s) and length (m)
  back along the least-cost path to each target, in compiled code: distances are those of
  the fastest route (not the shortest), with no second search and no numpy walk over the
  N x N paths (that walk cost ~0.1 s of the former 0.5 s). Carrying duration and length
  labels during the search instead was measured ~30 % slower (two more arrays per node);
* releases the GIL (``nogil``), so chunks of sources run on a thread pool.

Why this and not the alternatives (measured on the SYNTHETIC benchmark graph, 52,950 nodes /
189,250 directed edges, 50 spread sources, shared 2-core machine, best of several runs):
scipy.sparse.csgraph.dijkstra (Fibonacci heap) 8.8 ms per source, and it holds the GIL, so
threads give nothing; python-igraph ``Graph.distances`` 12 ms; networkit 15 ms on one thread;
this kernel with a binary heap 6.8 ms, with a 4-ary heap 4.0-6 ms (8-ary: slightly slower),
about half that on 2 threads. Early termination gives nothing for points spread over a whole
region (98 % of the graph lies within the farthest target) and 15-20x for a clustered tour.
Contracting degree-2 chains was not worth it: the compiled graph already has nodes only at
junctions and way ends (0 % degree-2 nodes on the synthetic grid, 20 % on Krems).

Compiled on first use and cached (``cache=True``: ``__pycache__`` beside this module, or the
user cache folder numba picks when that is read-only, or ``NUMBA_CACHE_DIR``): about 1.1 s
the first time on a machine, then 0.3 s to import numba and load the cached code.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numba import njit

from routing.progress import CancelToken, ProgressCallback, check, report

_HEAP_SLACK = 1024          # heap room beyond one push per CSR entry: the seeds (a few)
_SOURCES_PER_TASK = 4       # progress / cancel granularity: a task is ~20 ms on a large region
_MAX_WORKERS = 8


@njit(cache=True, nogil=True, inline="always")
def _push(hk, hv, size, key, val):
    """Push (key, val) on the 4-ary min-heap of ``size`` entries; returns the new size."""
    i = size
    while i > 0:
        p = (i - 1) >> 2
        if hk[p] <= key:
            break
        hk[i] = hk[p]
        hv[i] = hv[p]
        i = p
    hk[i] = key
    hv[i] = val
    return size + 1


@njit(cache=True, nogil=True, inline="always")
def _h(v, sx, sy, gx, gy, inv_v):
    """A* potential of state ``v``: straight line from its start to the goal point, at the
    network's fastest cost rate; 0 without a goal point (``inv_v`` 0)."""
    if inv_v == 0.0:
        return 0.0
    return np.sqrt((sx[v] - gx) ** 2 + (sy[v] - gy) ** 2) * inv_v


@njit(cache=True, nogil=True)
def _search(indptr, indices, cost, s_cost, seeds, seed_frac, goal_state, goal_frac, goal_target,
            goal_head, goal_next, best, pred_e, done, hk, hv, goal_best, goal_which, sx, sy, gx, gy, inv_v):
    """One seeded Dijkstra (see module docstring) from one point, which lies in ``seeds[k]`` at
    ``seed_frac[k]`` (one state, or two when the coach may leave the point either way). Fills
    ``goal_best[j]`` (cost to target j) and ``goal_which[j]`` (the goal reached, -1 if none).
    Goals of a state: ``goal_head[state]`` then ``goal_next[goal]`` (-1 ends). ``pred_e[v]`` is
    the CSR entry into ``v``; a seeded state stores ``-(entry + 2)``.

    With one target at the point (``gx``, ``gy``) and ``inv_v`` > 0 the search is an A*: heap
    keys add :func:`_h` (``sx``, ``sy``: each state's start; ``inv_v``: 1 / the largest ratio
    of a state's length to its cost, so the potential is consistent and never exceeds the cost
    left, and the early exit stays exact)."""
    best[:] = np.inf
    done[:] = False
    n_t = len(goal_best)
    goal_best[:] = np.inf
    goal_which[:] = -1
    size = 0
    for k in range(len(seeds)):
        src_state = seeds[k]
        back = seed_frac[k] * s_cost[src_state]
        for e in range(indptr[src_state], indptr[src_state + 1]):
            v = indices[e]
            nc = cost[e] - back
            if nc < 0.0:
                nc = 0.0
            if nc < best[v]:
                best[v] = nc
                pred_e[v] = -(e + 2)
                size = _push(hk, hv, size, nc + _h(v, sx, sy, gx, gy, inv_v), v)
    # goal states -> targets (a state may be the goal of several targets)
    bound = np.inf
    while size > 0:
        key_u = hk[0]
        u = hv[0]
        size -= 1
        key = hk[size]
        val = hv[size]
        i = 0
        while True:
            ch = 4 * i + 1
            if ch >= size:
                break
            m = ch
            mk = hk[ch]
            end = min(ch + 4, size)
            for q in range(ch + 1, end):
                if hk[q] < mk:
                    mk = hk[q]
                    m = q
            if mk >= key:
                break
            hk[i] = mk
            hv[i] = hv[m]
            i = m
        if size > 0:
            hk[i] = key
            hv[i] = val
        if done[u]:
            continue
        if key_u >= bound:
            break                                   # every target's cost is final
        done[u] = True
        c = best[u]
        changed = False
        g = goal_head[u]
        while g >= 0:
            j = goal_target[g]
            cand = c + goal_frac[g] * s_cost[u]
            if cand < goal_best[j]:
                goal_best[j] = cand
                goal_which[j] = g
                changed = True
            g = goal_next[g]
        if changed:
            bound = 0.0
            for j in range(n_t):
                if goal_best[j] > bound:
                    bound = goal_best[j]
        for e in range(indptr[u], indptr[u + 1]):
            v = indices[e]
            nc = c + cost[e]
            if nc < best[v]:
                best[v] = nc
                pred_e[v] = e
                size = _push(hk, hv, size, nc + _h(v, sx, sy, gx, gy, inv_v), v)


@njit(cache=True, nogil=True)
def _walk_back(v, pred_e, edge_src, dur, dist, s_dur, s_dist, seeds, seed_frac):
    """(duration_s, distance_m) from the source point to the entry of state ``v``."""
    tt = 0.0
    dd = 0.0
    e = pred_e[v]
    while e >= 0:
        tt += dur[e]
        dd += dist[e]
        e = pred_e[edge_src[e]]
    e = -e - 2
    s = edge_src[e]
    frac = 0.0
    for k in range(len(seeds)):
        if seeds[k] == s:
            frac = seed_frac[k]
    tt += dur[e] - frac * s_dur[s]
    dd += dist[e] - frac * s_dist[s]
    return tt, dd


@njit(cache=True, nogil=True)
def _kernel(indptr, indices, edge_src, cost, dur, dist, s_cost, s_dur, s_dist, src_ptr, src_state, src_frac,
            goal_state, goal_frac, goal_target, goal_head, goal_next, out_t, out_d, out_c):
    """Fill row i of out_t/out_d/out_c (duration_s, distance_m, routing cost) for each source."""
    n = len(indptr) - 1
    best = np.empty(n)
    pred_e = np.empty(n, np.int64)
    done = np.zeros(n, np.bool_)
    hk = np.empty(len(indices) + _HEAP_SLACK)          # at most one push per relaxation and seed
    hv = np.empty(len(hk), np.int64)
    n_t = out_t.shape[1]
    goal_best = np.empty(n_t)
    goal_which = np.empty(n_t, np.int64)
    for si in range(len(src_ptr) - 1):
        seeds = src_state[src_ptr[si]:src_ptr[si + 1]]
        fracs = src_frac[src_ptr[si]:src_ptr[si + 1]]
        _search(indptr, indices, cost, s_cost, seeds, fracs, goal_state, goal_frac, goal_target,
                goal_head, goal_next, best, pred_e, done, hk, hv, goal_best, goal_which, best, best, 0.0, 0.0, 0.0)
        for j in range(n_t):
            g = goal_which[j]
            if g < 0:
                continue
            v = goal_state[g]
            tt, dd = _walk_back(v, pred_e, edge_src, dur, dist, s_dur, s_dist, seeds, fracs)
            out_t[si, j] = tt + goal_frac[g] * s_dur[v]
            out_d[si, j] = dd + goal_frac[g] * s_dist[v]
            out_c[si, j] = goal_best[j]


@njit(cache=True, nogil=True)
def _path(indptr, indices, edge_src, cost, s_cost, seeds, seed_frac, goal_state, goal_frac,
          goal_target, goal_head, goal_next, sx, sy, gx, gy, inv_v):
    """(states from the source state to the reached goal state, the CSR entry into each state
    after the first (the seed's entry first), goal index, cost) for target 0."""
    n = len(indptr) - 1
    best = np.empty(n)
    pred_e = np.empty(n, np.int64)
    done = np.zeros(n, np.bool_)
    hk = np.empty(len(indices) + _HEAP_SLACK)
    hv = np.empty(len(hk), np.int64)
    goal_best = np.empty(1)
    goal_which = np.empty(1, np.int64)
    _search(indptr, indices, cost, s_cost, seeds, seed_frac, goal_state, goal_frac, goal_target,
            goal_head, goal_next, best, pred_e, done, hk, hv, goal_best, goal_which, sx, sy, gx, gy, inv_v)
    if goal_which[0] < 0:
        return np.empty(0, np.int64), np.empty(0, np.int64), -1, np.inf
    v = goal_state[goal_which[0]]
    out = [v]
    entries = []
    while True:
        e = pred_e[v]
        if e < 0:
            entries.append(-e - 2)
            out.append(edge_src[-e - 2])
            break
        entries.append(e)
        v = edge_src[e]
        out.append(v)
    res = np.empty(len(out), np.int64)
    ent = np.empty(len(entries), np.int64)
    for i in range(len(out)):
        res[i] = out[len(out) - 1 - i]
    for i in range(len(entries)):
        ent[i] = entries[len(entries) - 1 - i]
    return res, ent, goal_which[0], goal_best[0]


def _goal_lists(n_states: int, goal_state: np.ndarray, goal_target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(goal_head per state, goal_next per goal): the goals of each state as linked lists."""
    head = np.full(n_states, -1, np.int64)
    nxt = np.full(len(goal_state), -1, np.int64)
    for g in range(len(goal_state)):          # a few goals per target
        s = int(goal_state[g])
        nxt[g] = head[s]
        head[s] = g
    return head, nxt


def _usable_cpus() -> int:
    """CPUs this process may run on (affinity-aware where the OS tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:      # macOS, Windows
        return os.cpu_count() or 1


def many_to_many(graph, edge_src: np.ndarray, src_ptr: np.ndarray, src_state: np.ndarray, src_frac: np.ndarray,
                 goal_state: np.ndarray, goal_frac: np.ndarray, goal_target: np.ndarray, n_targets: int,
                 progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                 workers: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(duration_s, distance_m, cost), each float64 (sources, targets), along the least-cost
    paths of ``graph`` (a :class:`routing.turns.StateGraph` with per-state ``s_cost``, ``s_dur``,
    ``s_dist``). Source i is the seeds ``src_state[src_ptr[i]:src_ptr[i+1]]`` (a state and the
    fraction of it already behind the point; two when the coach may leave either way); a goal is
    a state, the fraction up to the point and the target it serves (a target may have several).
    ``inf`` where a target cannot be reached.

    ``workers`` threads (default: usable CPUs, at most 8) share the sources, in tasks of
    4 sources; ``progress`` is reported and ``cancel`` checked after each task."""
    g = graph
    ns, nt = len(src_ptr) - 1, n_targets
    out_t = np.full((ns, nt), np.inf)
    out_d = np.full((ns, nt), np.inf)
    out_c = np.full((ns, nt), np.inf)
    if ns == 0 or nt == 0:
        return out_t, out_d, out_c
    src_ptr = np.ascontiguousarray(src_ptr, np.int64)
    src_state = np.ascontiguousarray(src_state, np.int64)
    src_frac = np.ascontiguousarray(src_frac, np.float64)
    goal_state = np.ascontiguousarray(goal_state, np.int64)
    goal_frac = np.ascontiguousarray(goal_frac, np.float64)
    goal_target = np.ascontiguousarray(goal_target, np.int64)
    head, nxt = _goal_lists(len(g.indptr) - 1, goal_state, goal_target)
    chunks = [slice(c, min(c + _SOURCES_PER_TASK, ns)) for c in range(0, ns, _SOURCES_PER_TASK)]

    def run(sl: slice) -> None:
        # out_t[sl] is a view: each task writes its own rows
        # this chunk's sources: their pointers into the whole seed arrays
        _kernel(g.indptr, g.indices, edge_src, g.cost, g.dur, g.dist, g.s_cost, g.s_dur, g.s_dist,
                src_ptr[sl.start:sl.stop + 1], src_state, src_frac, goal_state, goal_frac, goal_target,
                head, nxt, out_t[sl], out_d[sl], out_c[sl])

    workers = workers or min(_usable_cpus(), _MAX_WORKERS)
    check(cancel)
    if workers <= 1 or len(chunks) == 1:
        for k, sl in enumerate(chunks):
            check(cancel)
            report(progress, k / len(chunks), "Computing travel times")
            run(sl)
        return out_t, out_d, out_c
    with ThreadPoolExecutor(max_workers=min(workers, len(chunks))) as pool:
        futures = [pool.submit(run, sl) for sl in chunks]
        try:
            for k, f in enumerate(futures):
                f.result()
                report(progress, (k + 1) / len(chunks), "Computing travel times")
                check(cancel)
        except BaseException:
            for f in futures:
                f.cancel()                           # tasks not started yet; running ones end within ms
            raise
    return out_t, out_d, out_c


def path(graph, edge_src: np.ndarray, seeds: np.ndarray, seed_frac: np.ndarray, goal_state: np.ndarray,
         goal_frac: np.ndarray, goal_xy: tuple[float, float] | None = None,
         potential: tuple[np.ndarray, np.ndarray, float] | None = None) -> tuple[np.ndarray, np.ndarray, int, float]:
    """(states from the source state to the reached goal state, the CSR entries between them,
    index of that goal, cost) of the least-cost path to one target; empty arrays, -1 and
    ``inf`` when it cannot be reached. Stops as soon as the target is settled: a leg explores what lies between its two
    points, not the region. With ``goal_xy`` (the target point, metres) and ``potential``
    ((x, y) of each state's start, 1 / the largest length-to-cost ratio) it is an A* towards
    the point (:func:`_search`): the same path, a narrower search."""
    g = graph
    goal_state = np.ascontiguousarray(goal_state, np.int64)
    goal_target = np.zeros(len(goal_state), np.int64)
    head, nxt = _goal_lists(len(g.indptr) - 1, goal_state, goal_target)
    if goal_xy is None or potential is None:
        sx = sy = g.s_cost
        gx = gy = inv_v = 0.0
    else:
        (sx, sy, inv_v), (gx, gy) = potential, goal_xy
    states, entries, which, cost = _path(g.indptr, g.indices, edge_src, g.cost, g.s_cost,
                                         np.ascontiguousarray(seeds, np.int64),
                                         np.ascontiguousarray(seed_frac, np.float64), goal_state,
                                         np.ascontiguousarray(goal_frac, np.float64), goal_target, head, nxt,
                                         sx, sy, float(gx), float(gy), float(inv_v))
    return states, entries, int(which), float(cost)
