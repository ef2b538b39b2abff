"""Customizable contraction hierarchy (CCH) on the coach's state graph: the engine of large regions.

A plain Dijkstra (:mod:`routing.many_to_many`) explores everything closer than the farthest
target: on a département (1.5 million graph nodes, 5 million states) a 50 x 50 matrix of spread
points took 34 s and one leg 0.7 s. A CCH (Dibbelt, Strasser, Wagner 2016; RoutingKit) answers
both in milliseconds after a preprocessing that depends on the graph's shape only:

1. **order** (:func:`_dissect`): nested dissection of the state graph's undirected skeleton by
   recursive geometric bisection (the median cut along x, y or a diagonal that crosses fewest
   transitions; the cut's endpoints on its smaller side are the separator, ranked above both
   halves). Road networks have small separators, so the hierarchy stays shallow;
2. **contraction** (:func:`_chordal`): eliminating the states in that order, without witness
   searches, gives the chordal supergraph: each state's *upward* neighbours (higher ranks)
   form a clique and are its ancestors in the elimination tree;
3. **customisation** (:func:`_customise`): the metric (routing cost, with the duration and
   length of the least-cost path carried along) is put on the original transitions, then
   every lower triangle ``v -> u -> w`` (``u`` lowest) improves the arc ``v -> w``, bottom-up.

A query walks up the elimination tree from the source (upward arcs only) and from the target
(downward arcs reversed); the cost is the best sum over the states both walks meet. There is
no priority queue and nothing depends on the region's size but the tree's height.

Query points lie inside states (:mod:`routing.many_to_many`): a source is seeded with the
transitions out of its state, each less the part of the state behind the point, exactly as the
Dijkstra does, so both engines give the same costs (tests compare them on the bundled regions).
:class:`Hierarchy` offers the same ``many_to_many`` and ``path`` as that module.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from routing.progress import CancelToken, ProgressCallback, check, report

LEAF_SIZE = 16          # parts this small are not dissected further (ranked as they come)
MAX_ARCS_PER_STATE = 64  # a hierarchy needs 52 bytes an arc: real street networks need 6-8 a
MAX_ARCS = 40_000_000    # state (Krems 7.3, La Doua 5.9), dense grid towns 45-62; at most ~2 GB


@njit(cache=True)
def _csr(n, u, v):
    """Counting-sort CSR (ptr, adj) of the pairs ``u -> v`` (int64)."""
    ptr = np.zeros(n + 1, np.int64)
    for k in range(len(u)):
        ptr[u[k] + 1] += 1
    for i in range(n):
        ptr[i + 1] += ptr[i]
    fill = ptr[:-1].copy()
    adj = np.empty(len(u), np.int64)
    for k in range(len(u)):
        adj[fill[u[k]]] = v[k]
        fill[u[k]] += 1
    return ptr, adj


@njit(cache=True, inline="always")
def _project(x, y, nodes, d, proj):
    """``proj[k]``: position of ``nodes[k]`` along direction ``d`` (x, y, x + y, x - y)."""
    for k in range(len(nodes)):
        v = nodes[k]
        if d == 0:
            proj[k] = x[v]
        elif d == 1:
            proj[k] = y[v]
        elif d == 2:
            proj[k] = x[v] + y[v]
        else:
            proj[k] = x[v] - y[v]


@njit(cache=True)
def _dissect(n, ptr, adj, x, y, leaf):
    """Rank of each node (0 = eliminated first) by nested dissection (module docstring)."""
    rank = np.empty(n, np.int64)
    perm = np.arange(n)
    stamp = np.full(n, -1, np.int64)
    side = np.zeros(n, np.int8)
    sep = np.full(n, -1, np.int64)
    scratch = np.empty(n, np.int64)
    stack = [(0, n, 0)]
    part = 0
    while len(stack) > 0:
        lo, hi, rlo = stack.pop()
        size = hi - lo
        if size <= leaf:
            for k in range(size):
                rank[perm[lo + k]] = rlo + k
            continue
        part += 1
        nodes = perm[lo:hi]
        for k in range(size):
            stamp[nodes[k]] = part
        proj = np.empty(size)
        best_cut = -1
        best_dir = -1
        for d in range(4):
            _project(x, y, nodes, d, proj)
            med = np.median(proj)
            na = 0
            for k in range(size):
                s = 1 if proj[k] > med else 0
                side[nodes[k]] = s
                na += 1 - s
            if na == 0 or na == size:
                continue
            cut = 0
            for k in range(size):
                v = nodes[k]
                if side[v] == 0:
                    for e in range(ptr[v], ptr[v + 1]):
                        w = adj[e]
                        if stamp[w] == part and side[w] == 1:
                            cut += 1
            if best_cut < 0 or cut < best_cut:
                best_cut = cut
                best_dir = d
        # final sides: the best direction, or halves of the list where every projection ties
        if best_dir < 0:
            for k in range(size):
                side[nodes[k]] = 0 if k < size // 2 else 1
        else:
            _project(x, y, nodes, best_dir, proj)
            med = np.median(proj)
            for k in range(size):
                side[nodes[k]] = 1 if proj[k] > med else 0
        # separator: the cut's endpoints on the side with fewer of them
        n_end = np.zeros(2, np.int64)
        for k in range(size):
            v = nodes[k]
            for e in range(ptr[v], ptr[v + 1]):
                w = adj[e]
                if stamp[w] == part and side[w] != side[v]:
                    if sep[v] != 2 * part + side[v]:
                        sep[v] = 2 * part + side[v]
                        n_end[side[v]] += 1
                    break
        take = 0 if n_end[0] <= n_end[1] else 1
        # rearrange: side 0 (not separator), side 1 (not separator), separator
        c0 = 0
        c1 = 0
        cs = 0
        for k in range(size):
            v = nodes[k]
            if side[v] == take and sep[v] == 2 * part + take:
                cs += 1
            elif side[v] == 0:
                c0 += 1
            else:
                c1 += 1
        i0, i1, i_s = 0, c0, c0 + c1
        for k in range(size):
            v = nodes[k]
            if side[v] == take and sep[v] == 2 * part + take:
                scratch[i_s] = v
                i_s += 1
            elif side[v] == 0:
                scratch[i0] = v
                i0 += 1
            else:
                scratch[i1] = v
                i1 += 1
        for k in range(size):
            nodes[k] = scratch[k]
        for k in range(cs):
            rank[nodes[c0 + c1 + k]] = rlo + c0 + c1 + k
        stack.append((lo, lo + c0, rlo))
        stack.append((lo + c0, lo + c0 + c1, rlo + c0))
    return rank


@njit(cache=True)
def _chordal(n, ptr, adj, rank, max_arcs):
    """(up_ptr, up, parent) of the chordal supergraph in rank space: ``up[up_ptr[r]:up_ptr[r+1]]``
    are the higher ranks adjacent to rank r after eliminating all lower ranks, sorted; ``parent[r]``
    is the lowest of them (the elimination tree), -1 for a root. Stops as soon as there would be
    more than ``max_arcs`` arcs: then ``up_ptr[n]`` is -1."""
    node_of = np.empty(n, np.int64)
    for v in range(n):
        node_of[rank[v]] = v
    up_ptr = np.zeros(n + 1, np.int64)
    up = np.empty(max(16, 2 * len(adj)), np.int32)
    parent = np.full(n, -1, np.int64)
    child_head = np.full(n, -1, np.int64)
    child_next = np.full(n, -1, np.int64)
    mark = np.full(n, -1, np.int64)
    buf = np.empty(n, np.int64)
    for r in range(n):
        v = node_of[r]
        cnt = 0
        for e in range(ptr[v], ptr[v + 1]):
            q = rank[adj[e]]
            if q > r and mark[q] != r:
                mark[q] = r
                buf[cnt] = q
                cnt += 1
        c = child_head[r]
        while c >= 0:
            for a in range(up_ptr[c], up_ptr[c + 1]):
                q = up[a]
                if q != r and mark[q] != r:
                    mark[q] = r
                    buf[cnt] = q
                    cnt += 1
            c = child_next[c]
        start = up_ptr[r]
        if start + cnt > max_arcs:
            up_ptr[n] = -1
            return up_ptr, up[:0].copy(), parent
        part = np.sort(buf[:cnt])
        if start + cnt > len(up):
            grown = np.empty(max(2 * len(up), start + cnt), np.int32)
            grown[:start] = up[:start]
            up = grown
        for k in range(cnt):
            up[start + k] = part[k]
        up_ptr[r + 1] = start + cnt
        if cnt > 0:
            p = part[0]
            parent[r] = p
            child_next[r] = child_head[p]
            child_head[p] = r
    return up_ptr, up[:up_ptr[n]].copy(), parent


@njit(cache=True, inline="always")
def _find(up, lo, hi, q):
    """Index of rank ``q`` in the sorted ``up[lo:hi]`` (-1 when absent)."""
    end = hi
    while lo < hi:
        mid = (lo + hi) >> 1
        if up[mid] < q:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < end and up[lo] == q else -1


@njit(cache=True)
def _customise(n, up_ptr, up, rank, tail, head, cost, dur, dist):
    """Metric of the hierarchy: per upward arc (lower rank r -> ``up[a]``) the least cost up
    (``wu``) and down (``wd``), the duration and length along those paths, the original
    transition (``eu``/``ed``, -1 for a shortcut) or the triangle's middle rank (``mu``/``md``)."""
    m = len(up)
    wu = np.full(m, np.inf)
    wd = np.full(m, np.inf)
    du = np.zeros(m, np.float32)
    dd = np.zeros(m, np.float32)
    lu = np.zeros(m, np.float32)
    ld = np.zeros(m, np.float32)
    eu = np.full(m, -1, np.int32)
    ed = np.full(m, -1, np.int32)
    mu = np.full(m, -1, np.int32)
    md = np.full(m, -1, np.int32)
    for e in range(len(tail)):
        a = rank[tail[e]]
        b = rank[head[e]]
        if a < b:
            k = _find(up, up_ptr[a], up_ptr[a + 1], b)
            if k >= 0 and cost[e] < wu[k]:
                wu[k] = cost[e]
                du[k] = dur[e]
                lu[k] = dist[e]
                eu[k] = e
        elif b < a:
            k = _find(up, up_ptr[b], up_ptr[b + 1], a)
            if k >= 0 and cost[e] < wd[k]:
                wd[k] = cost[e]
                dd[k] = dur[e]
                ld[k] = dist[e]
                ed[k] = e
    for r in range(n):
        lo, hi = up_ptr[r], up_ptr[r + 1]
        for i in range(lo, hi):
            v = up[i]
            p = up_ptr[v]
            for j in range(i + 1, hi):
                w = up[j]
                while up[p] != w:
                    p += 1
                c = wd[i] + wu[j]            # v -> r -> w
                if c < wu[p]:
                    wu[p] = c
                    du[p] = dd[i] + du[j]
                    lu[p] = ld[i] + lu[j]
                    eu[p] = -1
                    mu[p] = r
                c = wd[j] + wu[i]            # w -> r -> v
                if c < wd[p]:
                    wd[p] = c
                    dd[p] = dd[j] + du[i]
                    ld[p] = ld[j] + lu[i]
                    ed[p] = -1
                    md[p] = r
    return wu, wd, du, dd, lu, ld, eu, ed, mu, md


@njit(cache=True)
def _walk(start, start_c, start_t, start_d, parent, up_ptr, up, w, wt, wl, lab_c, lab_t, lab_d, lab_pa,
          lab_pr, lab_org, mark, stamp, out):
    """Labels of the elimination-tree walk from the ranks ``start`` (costs ``start_c``, durations
    ``start_t``, lengths ``start_d``): relaxes the arcs ``w`` upward in rank order over the union
    of the starts' ancestors, which are marked ``stamp``. Writes the visited ranks to ``out`` in
    increasing order and returns their count. ``lab_pa[r]``/``lab_pr[r]``: the arc into r and the
    rank it comes from (-1 at a start); ``lab_org[r]``: the index of the start it comes from."""
    cnt = 0
    for k in range(len(start)):
        r = start[k]
        while r >= 0 and mark[r] != stamp:
            mark[r] = stamp
            lab_c[r] = np.inf
            out[cnt] = r
            cnt += 1
            r = parent[r]
    vis = np.sort(out[:cnt])
    out[:cnt] = vis
    for k in range(len(start)):
        r = start[k]
        if start_c[k] < lab_c[r]:
            lab_c[r] = start_c[k]
            lab_t[r] = start_t[k]
            lab_d[r] = start_d[k]
            lab_pa[r] = -1
            lab_pr[r] = -1
            lab_org[r] = k
    for k in range(cnt):
        r = out[k]
        c = lab_c[r]
        if c == np.inf:
            continue
        for a in range(up_ptr[r], up_ptr[r + 1]):
            q = up[a]
            nc = c + w[a]
            if nc < lab_c[q]:
                lab_c[q] = nc
                lab_t[q] = lab_t[r] + wt[a]
                lab_d[q] = lab_d[r] + wl[a]
                lab_pa[q] = a
                lab_pr[q] = r
                lab_org[q] = lab_org[r]
    return cnt


@njit(cache=True)
def _m2m(parent, up_ptr, up, wu, wd, du, dd, lu, ld, src_ptr, s_rank, s_c, s_t, s_d,
         tgt_ptr, t_rank, t_c, t_t, t_d, out_c, out_t, out_d):
    """Fill ``out_c/out_t/out_d[i, j]`` (cost, duration, length from source i to target j): the
    backward walks of all targets are kept in buckets per rank, then each source's forward walk
    reads the buckets of the ranks it visits."""
    n = len(parent)
    lab_c = np.empty(n)
    lab_t = np.empty(n)
    lab_d = np.empty(n)
    lab_pa = np.empty(n, np.int64)
    lab_pr = np.empty(n, np.int64)
    lab_org = np.empty(n, np.int64)
    mark = np.full(n, -1, np.int64)
    out = np.empty(n, np.int64)
    head = np.full(n, -1, np.int64)
    cap = 1024
    b_next = np.empty(cap, np.int64)
    b_tgt = np.empty(cap, np.int64)
    b_c = np.empty(cap)
    b_t = np.empty(cap)
    b_d = np.empty(cap)
    nb = 0
    stamp = 0
    for j in range(len(tgt_ptr) - 1):
        lo, hi = tgt_ptr[j], tgt_ptr[j + 1]
        if lo == hi:
            continue
        cnt = _walk(t_rank[lo:hi], t_c[lo:hi], t_t[lo:hi], t_d[lo:hi], parent, up_ptr, up, wd, dd, ld,
                    lab_c, lab_t, lab_d, lab_pa, lab_pr, lab_org, mark, stamp, out)
        stamp += 1
        if nb + cnt > cap:
            cap = 2 * (nb + cnt)
            b_next = _grow_i(b_next, cap)
            b_tgt = _grow_i(b_tgt, cap)
            b_c = _grow_f(b_c, cap)
            b_t = _grow_f(b_t, cap)
            b_d = _grow_f(b_d, cap)
        for k in range(cnt):
            r = out[k]
            if lab_c[r] == np.inf:
                continue
            b_tgt[nb] = j
            b_c[nb] = lab_c[r]
            b_t[nb] = lab_t[r]
            b_d[nb] = lab_d[r]
            b_next[nb] = head[r]
            head[r] = nb
            nb += 1
    for i in range(len(src_ptr) - 1):
        lo, hi = src_ptr[i], src_ptr[i + 1]
        if lo == hi:
            continue
        cnt = _walk(s_rank[lo:hi], s_c[lo:hi], s_t[lo:hi], s_d[lo:hi], parent, up_ptr, up, wu, du, lu,
                    lab_c, lab_t, lab_d, lab_pa, lab_pr, lab_org, mark, stamp, out)
        stamp += 1
        for k in range(cnt):
            r = out[k]
            c = lab_c[r]
            if c == np.inf:
                continue
            g = head[r]
            while g >= 0:
                j = b_tgt[g]
                cand = c + b_c[g]
                if cand < out_c[i, j]:
                    out_c[i, j] = cand
                    out_t[i, j] = lab_t[r] + b_t[g]
                    out_d[i, j] = lab_d[r] + b_d[g]
                g = b_next[g]


@njit(cache=True)
def _grow_i(a, cap):
    b = np.empty(cap, np.int64)
    b[:len(a)] = a
    return b


@njit(cache=True)
def _grow_f(a, cap):
    b = np.empty(cap)
    b[:len(a)] = a
    return b


@njit(cache=True)
def _unpack(a, upward, up_ptr, up, eu, ed, mu, md, out):
    """Append to the list ``out`` the original transitions of arc ``a`` driven upward (lower rank
    to ``up[a]``) or downward, in driving order."""
    stack = [(a, upward)]
    while len(stack) > 0:
        a, upward = stack.pop()
        e = eu[a] if upward else ed[a]
        if e >= 0:
            out.append(np.int64(e))
            continue
        m = mu[a] if upward else md[a]
        lo_r, hi_r = np.searchsorted(up_ptr, a, side="right") - 1, up[a]
        a_low = _find(up, up_ptr[m], up_ptr[m + 1], lo_r)     # arc m - lo_r
        a_high = _find(up, up_ptr[m], up_ptr[m + 1], hi_r)    # arc m - hi_r
        if upward:      # lo_r -> m -> hi_r: pushed last first
            stack.append((a_high, True))
            stack.append((a_low, False))
        else:           # hi_r -> m -> lo_r
            stack.append((a_low, True))
            stack.append((a_high, False))


@njit(cache=True)
def _p2p(parent, up_ptr, up, wu, wd, du, dd, lu, ld, eu, ed, mu, md, s_rank, s_c, t_rank, t_c):
    """(original transitions from the forward start to the backward start, forward start index,
    backward start index, cost) of the least-cost path; (empty, -1, -1, inf) when there is none."""
    n = len(parent)
    fc, ft, fd = np.empty(n), np.empty(n), np.empty(n)
    fpa, fpr, forg = np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64)
    bc, bt, bd = np.empty(n), np.empty(n), np.empty(n)
    bpa, bpr, borg = np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64)
    fmark = np.full(n, -1, np.int64)
    bmark = np.full(n, -1, np.int64)
    fout = np.empty(n, np.int64)
    bout = np.empty(n, np.int64)
    zeros = np.zeros(len(s_c))
    fcnt = _walk(s_rank, s_c, zeros, zeros, parent, up_ptr, up, wu, du, lu, fc, ft, fd, fpa, fpr, forg,
                 fmark, 0, fout)
    zt = np.zeros(len(t_c))
    _walk(t_rank, t_c, zt, zt, parent, up_ptr, up, wd, dd, ld, bc, bt, bd, bpa, bpr, borg, bmark, 0, bout)
    best = np.inf
    meet = -1
    for k in range(fcnt):
        r = fout[k]
        if bmark[r] == 0 and fc[r] + bc[r] < best:
            best = fc[r] + bc[r]
            meet = r
    entries = [np.int64(0)]
    entries.pop()
    if meet < 0:
        return np.empty(0, np.int64), -1, -1, np.inf
    up_arcs = []
    r = meet
    while fpa[r] >= 0:
        up_arcs.append(fpa[r])
        r = fpr[r]
    s_idx = forg[meet]
    for k in range(len(up_arcs) - 1, -1, -1):
        _unpack(up_arcs[k], True, up_ptr, up, eu, ed, mu, md, entries)
    r = meet
    while bpa[r] >= 0:
        _unpack(bpa[r], False, up_ptr, up, eu, ed, mu, md, entries)
        r = bpr[r]
    t_idx = borg[meet]
    res = np.empty(len(entries), np.int64)
    for k in range(len(entries)):
        res[k] = entries[k]
    return res, s_idx, t_idx, best


class Hierarchy:
    """A CCH of one state graph (see module docstring), with the same queries as
    :mod:`routing.many_to_many`."""

    def __init__(self, rank, up_ptr, up, parent, metric):
        self.rank = rank
        self.up_ptr = up_ptr
        self.up = up
        self.parent = parent
        (self.wu, self.wd, self.du, self.dd, self.lu, self.ld,
         self.eu, self.ed, self.mu, self.md) = metric

    @classmethod
    def build(cls, graph, edge_src: np.ndarray, x: np.ndarray, y: np.ndarray,
              max_arcs_per_state: float | None = None) -> "Hierarchy | None":
        """Order, contract and customise ``graph`` (a :class:`routing.turns.StateGraph`);
        ``x``, ``y``: a position per state (metres). None when the hierarchy would need more
        than ``max_arcs_per_state`` (default ``MAX_ARCS_PER_STATE``) arcs a state or ``MAX_ARCS``
        in all: a graph without small separators (its fill grows as n log n)."""
        if max_arcs_per_state is None:
            max_arcs_per_state = MAX_ARCS_PER_STATE
        n = len(graph.indptr) - 1
        tail, head = edge_src.astype(np.int64), graph.indices.astype(np.int64)
        loop = tail == head
        u = np.concatenate([tail[~loop], head[~loop]])
        v = np.concatenate([head[~loop], tail[~loop]])
        ptr, adj = _csr(n, u, v)
        rank = _dissect(n, ptr, adj, np.ascontiguousarray(x, np.float64), np.ascontiguousarray(y, np.float64),
                        LEAF_SIZE)
        up_ptr, up, parent = _chordal(n, ptr, adj, rank, int(min(max_arcs_per_state * max(n, 1), MAX_ARCS)))
        del ptr, adj
        if up_ptr[n] < 0:
            return None
        metric = _customise(n, up_ptr, up, rank, tail, head, graph.cost, graph.dur, graph.dist)
        return cls(rank, up_ptr, up, parent, metric)

    @property
    def arc_count(self) -> int:
        """Upward arcs (original transitions and shortcuts, both directions in one)."""
        return len(self.up)

    def _starts(self, graph, ptr, states, fracs):
        """Seeds -> the transitions out of each seed state, less the part behind the point:
        (start ptr per group, rank, cost, duration, length, CSR entry)."""
        g = graph
        states = np.asarray(states, np.int64)
        fracs = np.asarray(fracs, np.float64)
        deg = g.indptr[states + 1] - g.indptr[states]
        e = np.repeat(g.indptr[states], deg) + (np.arange(deg.sum()) - np.repeat(np.cumsum(deg) - deg, deg))
        s = np.repeat(states, deg)
        f = np.repeat(fracs, deg)
        c = np.maximum(0.0, g.cost[e] - f * g.s_cost[s])
        t = g.dur[e] - f * g.s_dur[s]
        d = g.dist[e] - f * g.s_dist[s]
        per_seed = np.concatenate([[0], np.cumsum(deg)])
        new_ptr = per_seed[np.asarray(ptr, np.int64)]
        return new_ptr, self.rank[g.indices[e]], c, t, d, e

    def many_to_many(self, graph, edge_src, src_ptr, src_state, src_frac, goal_state, goal_frac, goal_target,
                     n_targets: int, progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                     workers: int | None = None):
        """As :func:`routing.many_to_many.many_to_many` (``edge_src`` and ``workers`` unused)."""
        ns = len(src_ptr) - 1
        out_c = np.full((ns, n_targets), np.inf)
        out_t = np.full((ns, n_targets), np.inf)
        out_d = np.full((ns, n_targets), np.inf)
        if ns == 0 or n_targets == 0:
            return out_t, out_d, out_c
        check(cancel)
        sp, sr, sc, st, sd, _ = self._starts(graph, src_ptr, src_state, src_frac)
        goal_state = np.asarray(goal_state, np.int64)
        goal_frac = np.asarray(goal_frac, np.float64)
        goal_target = np.asarray(goal_target, np.int64)
        order = np.argsort(goal_target, kind="stable")
        gs, gf = goal_state[order], goal_frac[order]
        tp = np.searchsorted(goal_target[order], np.arange(n_targets + 1))
        g = graph
        _m2m(self.parent, self.up_ptr, self.up, self.wu, self.wd, self.du, self.dd, self.lu, self.ld,
             sp, sr, sc, st, sd, tp, self.rank[gs], gf * g.s_cost[gs], gf * g.s_dur[gs], gf * g.s_dist[gs],
             out_c, out_t, out_d)
        report(progress, 1.0, "Computing travel times")
        return out_t, out_d, out_c

    def path(self, graph, edge_src, seeds, seed_frac, goal_state, goal_frac, goal_xy=None, potential=None):
        """As :func:`routing.many_to_many.path` (no A* potential needed: ``goal_xy`` and
        ``potential`` are ignored)."""
        g = graph
        _, sr, sc, _, _, se = self._starts(g, np.array([0, len(seeds)]), seeds, seed_frac)
        goal_state = np.asarray(goal_state, np.int64)
        gc = np.asarray(goal_frac, np.float64) * g.s_cost[goal_state]
        entries, s_idx, t_idx, cost = _p2p(self.parent, self.up_ptr, self.up, self.wu, self.wd,
                                           self.du, self.dd, self.lu, self.ld, self.eu, self.ed, self.mu,
                                           self.md, sr, sc, self.rank[goal_state], gc)
        if t_idx < 0:
            return np.empty(0, np.int64), np.empty(0, np.int64), -1, np.inf
        first = int(se[s_idx])
        entries = np.concatenate([[first], entries]).astype(np.int64)
        states = np.concatenate([[edge_src[first]], g.indices[entries]]).astype(np.int64)
        return states, entries, int(t_idx), float(cost)
