"""The edge-based road graph a coach is routed on: states are directed road links, arcs are turns.

Routing on nodes lets a path turn round anywhere and cannot express "no left turn from A
onto B". Here, as in OSRM and GraphHopper, the state is the directed link being driven; a
*transition* leads from a link into the next one through their shared node and carries the
turn's delay and cost. What a coach may not do is simply a missing transition:

* a turn a ``type=restriction`` relation forbids (via node: the pair of links; via way: the
  via links are duplicated, the copies entered only from the ``from`` way and missing the
  forbidden exit, so the restriction holds over the whole sequence);
* a U-turn (the same link back, or any turn sharper than ``U_TURN_DEG``: the end of a dual
  carriageway), except at a dead end or a ``turning_circle``/``turning_loop``/``mini_roundabout``;
* passing a node a barrier closes (:func:`routing.costs.barrier_open`);
* crossing an *end-only* road (destination, private, parking aisle): its links exist in a
  "start zone" copy (reachable only from a start on them, left onto open roads) and an "end
  zone" copy (entered from open roads, never left for them). A leg may begin or end on such
  a road, never use it as a short cut.

Labels are costs at the *entry* of a state (after the turn into it): a transition from state
``a`` costs the full traversal of ``a`` plus the turn (:mod:`routing.many_to_many`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from routing import osm_tags as T
from routing.profile import VehicleProfile

EDGE_TURN_COST_S = 900.0  # routing cost of turning where the map ends (the road goes on out there)
U_TURN_DEG = 150.0        # sharper than this is turning round (a 12 m coach cannot take it at a junction)
SHARP_TURN_DEG = 120.0
STRAIGHT_DEG = 30.0

LAYER_START, LAYER_OPEN, LAYER_END = 0, 1, 2


@dataclass
class Arcs:
    """Directed links a coach may drive (arrays of length A)."""

    link: np.ndarray        # int64 link index
    rev: np.ndarray         # bool: driven against the link's drawing direction
    tail: np.ndarray        # int64 graph node the arc leaves
    head: np.ndarray        # int64 graph node it reaches
    cost: np.ndarray        # float64 routing cost of the whole link (s x penalties)
    dur: np.ndarray         # float64 driving time of the whole link (s)
    dist: np.ndarray        # float64 length (m)
    end_only: np.ndarray    # bool
    h_start: np.ndarray     # float64 heading leaving the tail (radians, math convention: 0 east, ccw)
    h_end: np.ndarray       # float64 heading arriving at the head
    orig: np.ndarray        # int64: the arc a via-way copy duplicates (itself otherwise)


@dataclass
class StateGraph:
    """CSR of the transitions between states (a state = an arc in a layer)."""

    indptr: np.ndarray      # int64 (S + 1,)
    indices: np.ndarray     # int64 target state per transition
    cost: np.ndarray        # float64 routing cost: traversal of the source state + turn + node delay
    dur: np.ndarray         # float64 seconds, same
    dist: np.ndarray        # float64 metres: the source state's length
    state_arc: np.ndarray   # int64 arc of each state
    state_layer: np.ndarray  # uint8 LAYER_*
    arc_state: np.ndarray   # int64 (A, 3): state of each arc per layer, -1 when none
    honoured: int           # restrictions applied
    unusable: int           # restrictions whose members do not meet in the graph


def build_arcs(link_u, link_v, fwd_ok, bwd_ok, fwd_end, bwd_end, dur_f, dur_b, cost_f, cost_b, length,
               x, y, geom_offsets) -> Arcs:
    """One arc per legal (link, direction); ``x``, ``y``: geometry points in metres."""
    f, b = np.flatnonzero(fwd_ok), np.flatnonzero(bwd_ok)
    link = np.concatenate([f, b]).astype(np.int64)
    rev = np.concatenate([np.zeros(len(f), bool), np.ones(len(b), bool)])
    u, v = link_u[link], link_v[link]
    first, last = geom_offsets[link], geom_offsets[link + 1] - 1
    # heading of the link's first and last segment in its drawing direction
    hs = np.arctan2(y[first + 1] - y[first], x[first + 1] - x[first])
    he = np.arctan2(y[last] - y[last - 1], x[last] - x[last - 1])
    h_start = np.where(rev, he + np.pi, hs)
    h_end = np.where(rev, hs + np.pi, he)
    return Arcs(link=link, rev=rev, tail=np.where(rev, v, u), head=np.where(rev, u, v),
                cost=np.where(rev, cost_b[link], cost_f[link]), dur=np.where(rev, dur_b[link], dur_f[link]),
                dist=length[link], end_only=np.where(rev, bwd_end[link], fwd_end[link]),
                h_start=h_start, h_end=h_end, orig=np.arange(len(link), dtype=np.int64))


def _deflection_deg(h_in: np.ndarray, h_out: np.ndarray) -> np.ndarray:
    """Signed turn angle in degrees, (-180, 180]: positive turns left (counter-clockwise)."""
    d = np.degrees(h_out - h_in)
    return (d + 180.0) % 360.0 - 180.0


def _pairs(arcs: Arcs, n_nodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Every (in arc, out arc) meeting at a node: head(in) == tail(out)."""
    out_order = np.argsort(arcs.tail, kind="stable")
    out_ptr = np.zeros(n_nodes + 1, np.int64)
    np.cumsum(np.bincount(arcs.tail, minlength=n_nodes), out=out_ptr[1:])
    deg = np.diff(out_ptr)[arcs.head]
    a = np.repeat(np.arange(len(arcs.link), dtype=np.int64), deg)
    start = np.repeat(out_ptr[arcs.head], deg)
    rank = np.arange(len(a)) - np.repeat(np.cumsum(deg) - deg, deg)
    b = out_order[start + rank]
    return a, b


def _node_delay(control: np.ndarray, profile: VehicleProfile) -> np.ndarray:
    table = np.zeros(8)
    table[T.CONTROL_SIGNALS] = profile.signal_delay_s
    table[T.CONTROL_STOP] = profile.stop_sign_delay_s
    table[T.CONTROL_GIVE_WAY] = profile.give_way_delay_s
    table[T.CONTROL_CROSSING] = profile.crossing_delay_s
    table[T.CONTROL_SIGNAL_CROSSING] = profile.signal_crossing_delay_s
    return table[control]


def _restriction_masks(graph: dict, arcs: Arcs, a: np.ndarray, b: np.ndarray, link_way: np.ndarray):
    """(forbidden pair mask, via-way restrictions to expand, honoured, unusable) for via-node
    restrictions on the pairs ``a -> b``."""
    kinds = graph["restr_kind"]
    forbidden = np.zeros(len(a), bool)
    honoured = unusable = 0
    via_way_rules = []
    if len(kinds) == 0:
        return forbidden, via_way_rules, 0, 0
    way_a, way_b = link_way[arcs.link[a]], link_way[arcs.link[b]]
    node = arcs.head[a]
    # index pairs by their node for the few restrictions
    order = np.argsort(node, kind="stable")
    sorted_nodes = node[order]
    for r in range(len(kinds)):
        kind = int(kinds[r])
        if kind == 0:
            unusable += 1
            continue
        frm, to, via = int(graph["restr_from"][r]), int(graph["restr_to"][r]), int(graph["restr_via_node"][r])
        if via < 0:
            lo, hi = graph["restr_via_offsets"][r], graph["restr_via_offsets"][r + 1]
            via_way_rules.append((kind, frm, [int(w) for w in graph["restr_via_ways"][lo:hi]], to))
            continue
        lo, hi = np.searchsorted(sorted_nodes, [via, via + 1])
        at = order[lo:hi]
        entering = at[way_a[at] == frm]
        if len(entering) == 0 or not (way_b[at] == to).any():
            unusable += 1
            continue
        honoured += 1
        if kind == T.RESTRICTION_NO:
            forbidden[entering[way_b[entering] == to]] = True
        else:
            forbidden[entering[way_b[entering] != to]] = True
    return forbidden, via_way_rules, honoured, unusable


def _via_chain(arcs: Arcs, link_way: np.ndarray, frm: int, via_ways: list[int], to: int,
               pair_a: np.ndarray, pair_b: np.ndarray, allowed: np.ndarray):
    """(entry pairs index, chain of arcs, exit arcs) of a via-way restriction, or None.

    The chain is the path of via-way arcs from the end of an arc of ``frm`` to the start of an
    arc of ``to`` (breadth-first over allowed transitions inside the via ways)."""
    way_a, way_b = link_way[arcs.link[pair_a]], link_way[arcs.link[pair_b]]
    via_set = set(via_ways)
    in_via_b = np.isin(way_b, via_ways)
    entry = np.flatnonzero(allowed & (way_a == frm) & in_via_b)
    if len(entry) == 0:
        return None
    # successors inside the via ways
    inner = np.flatnonzero(allowed & np.isin(way_a, via_ways) & in_via_b)
    succ: dict[int, list[int]] = {}
    for k in inner:
        succ.setdefault(int(pair_a[k]), []).append(int(pair_b[k]))
    exits_of: dict[int, list[int]] = {}
    for k in np.flatnonzero(allowed & np.isin(way_a, via_ways) & (way_b == to)):
        exits_of.setdefault(int(pair_a[k]), []).append(int(pair_b[k]))
    best = None
    for k in entry:
        start = int(pair_b[k])
        prev = {start: -1}
        queue = [start]
        found = None
        while queue and found is None:
            nxt = []
            for arc in queue:
                if arc in exits_of:
                    found = arc
                    break
                for s in succ.get(arc, ()):
                    if s not in prev and int(link_way[arcs.link[s]]) in via_set:
                        prev[s] = arc
                        nxt.append(s)
            queue = nxt
        if found is not None:
            chain = [found]
            while prev[chain[-1]] != -1:
                chain.append(prev[chain[-1]])
            chain.reverse()
            if best is None or len(chain) < len(best[1]):
                best = ([int(j) for j in entry if int(pair_b[j]) == start], chain, exits_of[found])
    return best


def map_edge_nodes(graph: dict, bounds: tuple[float, float, float, float] | None) -> np.ndarray:
    """Per graph node: True where the extract ends a road that goes on (a way cut at a node
    missing from the file or outside the import box, or a node beyond the file's bounds)."""
    edge = graph["node_cut"] != 0
    if bounds is not None:
        w, s, e, n = bounds
        lon, lat = graph["node_lon"], graph["node_lat"]
        edge = edge | (lon <= w) | (lon >= e) | (lat <= s) | (lat >= n)
    return edge


def restrictions_meeting(graph: dict) -> tuple[int, int]:
    """(restrictions whose from, via and to members meet in the graph, the others), whatever
    the vehicle: a via node on a link of the from-way and of the to-way; via ways chained from
    a node of the from-way to a node of the to-way."""
    kinds = graph["restr_kind"]
    if len(kinds) == 0:
        return 0, 0
    link_way = graph["link_way"].astype(np.int64)
    u, v = graph["link_u"].astype(np.int64), graph["link_v"].astype(np.int64)
    wanted = set(graph["restr_from"].tolist()) | set(graph["restr_to"].tolist()) | set(graph["restr_via_ways"].tolist())
    nodes_of: dict[int, set[int]] = {}
    for k in np.flatnonzero(np.isin(link_way, sorted(wanted))):
        nodes_of.setdefault(int(link_way[k]), set()).update((int(u[k]), int(v[k])))
    honoured = 0
    for r in range(len(kinds)):
        if kinds[r] == 0:
            continue
        frm, to, via = int(graph["restr_from"][r]), int(graph["restr_to"][r]), int(graph["restr_via_node"][r])
        a, b = nodes_of.get(frm, set()), nodes_of.get(to, set())
        if via >= 0:
            honoured += via in a and via in b
            continue
        lo, hi = graph["restr_via_offsets"][r], graph["restr_via_offsets"][r + 1]
        reached = set(a)
        chain = [nodes_of.get(int(w), set()) for w in graph["restr_via_ways"][lo:hi]]
        grew = True
        while grew:                                 # via ways touching what is reached, in any order
            grew = False
            for ns in chain:
                if ns & reached and not ns <= reached:
                    reached |= ns
                    grew = True
        meets_from = any(ns & a for ns in chain)
        honoured += bool(meets_from and (frm == to or (reached & b) - a))
    return honoured, len(kinds) - honoured


def build_states(graph: dict, arcs: Arcs, n_nodes: int, profile: VehicleProfile, node_open: np.ndarray,
                 right_hand: bool = True, bounds: tuple[float, float, float, float] | None = None
                 ) -> tuple[Arcs, StateGraph]:
    """The coach's state graph (see module docstring); returns the arcs with via-way copies added."""
    link_way = graph["link_way"].astype(np.int64)
    a, b = _pairs(arcs, n_nodes)
    node = arcs.head[a]
    defl = _deflection_deg(arcs.h_end[a], arcs.h_start[b])
    same_link = arcs.link[a] == arcs.link[b]
    uturn = same_link | (np.abs(defl) > U_TURN_DEG)

    # the coach turns round only where the road ends for it (one link it may drive meets the
    # node: a cul-de-sac, or a street that goes on under a bridge too low or over one too weak,
    # both signposted ahead), at a turning circle or loop, or round a mini roundabout; never in
    # front of a closed barrier (nothing says a coach can turn there), nor where the extract cut
    # a road that goes on. A street that goes on as a driveway or a parking aisle is no dead
    # end either: letting the coach turn there made it turn at every car park's entrance
    has_arc = np.zeros(len(graph["link_u"]), bool)
    has_arc[arcs.link] = True
    links = np.flatnonzero(has_arc)                 # (np.unique sorts: 2 s on 5 million arcs)
    link_deg = np.bincount(np.concatenate([graph["link_u"][links], graph["link_v"][links]]).astype(np.int64),
                           minlength=n_nodes)
    control = graph["node_control"].astype(np.intp)
    dead_end = link_deg <= 1
    edge = map_edge_nodes(graph, bounds)
    # where the map ends the road goes on: the coach would drive on and turn somewhere out there.
    # Allowed, so that a company at the map's edge can be reached, but only as a last resort
    # (EDGE_TURN_COST_S) and reported on the leg (routing.network)
    may_turn = (dead_end | (control == T.CONTROL_TURNING_CIRCLE) | (control == T.CONTROL_MINI_ROUNDABOUT))
    allowed = node_open[node] & (~uturn | may_turn[node])
    forbidden, via_way_rules, honoured, unusable = _restriction_masks(graph, arcs, a, b, link_way)
    allowed &= ~forbidden

    # turn delay by angle (a left turn crosses the oncoming traffic in right-hand countries)
    left = defl > 0 if right_hand else defl < 0
    ang = np.abs(defl)
    turn = np.where(ang < STRAIGHT_DEG, 0.0, np.where(left, profile.left_turn_s, profile.right_turn_s))
    turn = np.where(ang >= SHARP_TURN_DEG, profile.sharp_turn_s, turn)
    turn = np.where(uturn, profile.u_turn_s, turn)
    delay = turn + _node_delay(control, profile)[node]
    edge_turn = edge & dead_end & (control != T.CONTROL_TURNING_CIRCLE) & (control != T.CONTROL_MINI_ROUNDABOUT)
    penalty = np.where(uturn & edge_turn[node], EDGE_TURN_COST_S, 0.0)   # routing cost only

    # via-way restrictions: duplicate the via chain, entered only from the from-way. Rules with
    # the same from-way and via chain share one copy (a median gap with a no-U-turn and a
    # no-left-turn: two copies would each let the other's exit through)
    pair_a, pair_b, pair_delay, pair_penalty = [a], [b], [delay], [penalty]
    keep = allowed.copy()
    n_arcs = len(arcs.link)
    copies_of: list[int] = []
    groups: dict[tuple, dict] = {}
    claimed: dict[int, tuple] = {}                   # entry pair -> the group whose copy it enters
    for kind, frm, via_ways, to in via_way_rules:
        found = _via_chain(arcs, link_way, frm, via_ways, to, a, b, allowed)
        if found is None:
            unusable += 1
            continue
        entry_pairs, chain, exits = found
        key = (frm, tuple(chain))
        if any(claimed.get(k, key) != key for k in entry_pairs):
            # the from-way already enters another via chain here (a rule over a longer or shorter
            # via): one copy cannot hold both; the first rule holds, this one is reported unusable
            unusable += 1
            continue
        honoured += 1
        for k in entry_pairs:
            claimed[k] = key
        g = groups.setdefault(key, {"entry": set(), "chain": chain, "no": set(), "only": None})
        g["entry"].update(entry_pairs)
        if kind == T.RESTRICTION_NO:
            g["no"].update(exits)
        else:
            g["only"] = set(exits) if g["only"] is None else g["only"] & set(exits)
    # copy ids first, so that a copy leaving into another rule's from-way enters that rule's copy
    # (a restriction whose from-way is another's via way holds through the other's copy too)
    entry_to_copy: dict[tuple[int, int], int] = {}
    for g in groups.values():
        g["copies"] = list(range(n_arcs + len(copies_of), n_arcs + len(copies_of) + len(g["chain"])))
        copies_of.extend(g["chain"])
        for k in g["entry"]:
            entry_to_copy[(int(a[k]), int(b[k]))] = g["copies"][0]
    for g in groups.values():
        chain, entry_pairs, copy_ids = g["chain"], sorted(g["entry"]), g["copies"]
        only = g["only"]
        keep[entry_pairs] = False                       # the from-way now enters the copy
        if only is not None:                            # only: the from-way may go nowhere else there
            for ea in {int(a[k]) for k in entry_pairs}:
                keep[(a == ea) & (b != chain[0])] = False
        new_a = [int(a[k]) for k in entry_pairs]
        new_b = [copy_ids[0]] * len(entry_pairs)
        new_d = [float(delay[k]) for k in entry_pairs]
        new_p = [float(penalty[k]) for k in entry_pairs]
        for i, arc in enumerate(chain):
            last = i + 1 == len(chain)
            for k in np.flatnonzero(allowed & (a == arc)):
                nb = int(b[k])
                if not last and nb == chain[i + 1]:
                    nb = copy_ids[i + 1]                 # stay on the copy along the chain
                elif only is not None and (not last or nb not in only):
                    continue                            # only: along the chain, then onto the to-way
                elif last and nb in g["no"]:
                    continue                            # no: every exit but the forbidden ones
                else:
                    nb = entry_to_copy.get((arc, nb), nb)
                new_a.append(copy_ids[i]); new_b.append(nb); new_d.append(float(delay[k]))
                new_p.append(float(penalty[k]))
        pair_a.append(np.asarray(new_a, np.int64)); pair_b.append(np.asarray(new_b, np.int64))
        pair_delay.append(np.asarray(new_d)); pair_penalty.append(np.asarray(new_p))
    keep_all = np.concatenate([keep] + [np.ones(len(x), bool) for x in pair_a[1:]])
    a = np.concatenate(pair_a)[keep_all]
    b = np.concatenate(pair_b)[keep_all]
    delay = np.concatenate(pair_delay)[keep_all]
    penalty = np.concatenate(pair_penalty)[keep_all]
    if copies_of:
        c = np.asarray(copies_of, np.int64)
        arcs = Arcs(*(np.concatenate([getattr(arcs, f), getattr(arcs, f)[c]]) for f in
                      ("link", "rev", "tail", "head", "cost", "dur", "dist", "end_only", "h_start", "h_end")),
                    orig=np.concatenate([arcs.orig, c]))
    states = _layered(arcs, a, b, delay, penalty, honoured, unusable)
    states.edge_turn_nodes = edge_turn
    return arcs, states


def _layered(arcs: Arcs, a: np.ndarray, b: np.ndarray, delay: np.ndarray, penalty: np.ndarray, honoured: int,
             unusable: int) -> StateGraph:
    """States per layer and the transitions between them, as CSR."""
    n_arcs = len(arcs.link)
    end = arcs.end_only
    arc_state = np.full((n_arcs, 3), -1, np.int64)
    open_ids = np.flatnonzero(~end)
    end_ids = np.flatnonzero(end)
    arc_state[open_ids, LAYER_OPEN] = np.arange(len(open_ids))
    base = len(open_ids)
    arc_state[end_ids, LAYER_START] = base + np.arange(len(end_ids))
    arc_state[end_ids, LAYER_END] = base + len(end_ids) + np.arange(len(end_ids))
    n_states = base + 2 * len(end_ids)
    state_arc = np.empty(n_states, np.int64)
    state_layer = np.empty(n_states, np.uint8)
    for layer in (LAYER_START, LAYER_OPEN, LAYER_END):
        has = arc_state[:, layer] >= 0
        state_arc[arc_state[has, layer]] = np.flatnonzero(has)
        state_layer[arc_state[has, layer]] = layer

    ea, eb = end[a], end[b]
    src, dst, d, pen = [], [], [], []
    for mask, la, lb in ((~ea & ~eb, LAYER_OPEN, LAYER_OPEN), (~ea & eb, LAYER_OPEN, LAYER_END),
                         (ea & ~eb, LAYER_START, LAYER_OPEN), (ea & eb, LAYER_START, LAYER_START),
                         (ea & eb, LAYER_END, LAYER_END)):
        src.append(arc_state[a[mask], la]); dst.append(arc_state[b[mask], lb])
        d.append(delay[mask]); pen.append(penalty[mask])
    src, dst, d, pen = np.concatenate(src), np.concatenate(dst), np.concatenate(d), np.concatenate(pen)
    order = np.argsort(src, kind="stable")
    src, dst, d, pen = src[order], dst[order], d[order], pen[order]
    arc_of_src = state_arc[src]
    indptr = np.zeros(n_states + 1, np.int64)
    np.cumsum(np.bincount(src, minlength=n_states), out=indptr[1:])
    return StateGraph(indptr=indptr, indices=dst, cost=arcs.cost[arc_of_src] + d + pen + 1e-6,
                      dur=arcs.dur[arc_of_src] + d, dist=arcs.dist[arc_of_src],
                      state_arc=state_arc, state_layer=state_layer, arc_state=arc_state,
                      honoured=honoured, unusable=unusable)
