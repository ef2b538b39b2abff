"""Turn the road ways read from OSM into a compact road graph (numpy arrays).

Graph nodes are the OSM nodes where roads meet or end (plus the middle node of a
closed way, so no link is a loop); a *link* is the piece of one way between two
consecutive graph nodes, with its full geometry. Traffic signals, stop signs, crossings,
barriers and the via nodes of turn restrictions are graph nodes too, so that turns and delays
apply at a point. Raw restrictions stay per way and per node and are looked up per link
through ``link_way``: legality and speed depend on the coach and are computed at load time
(:mod:`routing.costs`, :mod:`routing.turns`). Turn restrictions are stored by way and node
index (``restr_*``); those whose members are not in the extract are counted, not stored.
"""
from __future__ import annotations

import numpy as np

from routing.osm_reader import RoadWays
from routing.osm_tags import ACCESS_KEYS


def build_graph(roads: RoadWays) -> dict[str, np.ndarray]:
    """Arrays of the road graph (names as in the compiled format, see :mod:`routing.compiled`)."""
    refs = np.frombuffer(roads.node_ref, dtype=np.int64).copy()
    lon = np.frombuffer(roads.node_lon, dtype=np.float64)
    lat = np.frombuffer(roads.node_lat, dtype=np.float64)
    poff = np.frombuffer(roads.piece_offsets, dtype=np.int64)
    piece_way = np.frombuffer(roads.piece_way, dtype=np.int32)
    n_pos = len(refs)
    n_pieces = len(poff) - 1
    piece_of = np.repeat(np.arange(n_pieces, dtype=np.int64), np.diff(poff))

    # graph nodes: piece ends, nodes used more than once, middle of closed pieces
    is_gn = np.zeros(n_pos, dtype=bool)
    is_gn[poff[:-1]] = True
    is_gn[poff[1:] - 1] = True
    uniq, inverse, counts = np.unique(refs, return_inverse=True, return_counts=True)
    is_gn |= counts[inverse] > 1
    special = np.fromiter(set(roads.node_rules) | {r[2] for r in roads.restrictions if r[2] >= 0},
                          dtype=np.int64)
    is_gn |= np.isin(refs, special)
    closed = refs[poff[:-1]] == refs[poff[1:] - 1]
    mids = (poff[:-1] + (poff[1:] - poff[:-1]) // 2)[closed]
    is_gn[mids] = True

    gn_pos = np.flatnonzero(is_gn)
    same = piece_of[gn_pos[:-1]] == piece_of[gn_pos[1:]]
    i0 = gn_pos[:-1][same]
    i1 = gn_pos[1:][same]

    gn_refs, first_pos = np.unique(refs[gn_pos], return_index=True)
    first_pos = gn_pos[first_pos]
    link_u = np.searchsorted(gn_refs, refs[i0]).astype(np.int32)
    link_v = np.searchsorted(gn_refs, refs[i1]).astype(np.int32)

    lengths = i1 - i0 + 1
    geom_offsets = np.zeros(len(i0) + 1, dtype=np.int64)
    np.cumsum(lengths, out=geom_offsets[1:])
    idx = np.repeat(i0 - geom_offsets[:-1], lengths) + np.arange(geom_offsets[-1])
    geom = np.column_stack([lon[idx], lat[idx]])

    w = len(roads.osm_id)
    k = len(ACCESS_KEYS)
    n_gn = len(gn_refs)
    node_control = np.zeros(n_gn, np.uint8)
    node_barrier = np.zeros(n_gn, np.uint8)
    node_access = np.zeros((n_gn, k), np.uint8)
    node_maxheight = np.full(n_gn, np.nan, np.float32)
    node_cut = np.zeros(n_gn, np.uint8)
    if roads.cut_ends:
        ids = np.fromiter(roads.cut_ends, dtype=np.int64)
        pos = np.searchsorted(gn_refs, ids)
        hit = (pos < n_gn) & (gn_refs[np.minimum(pos, n_gn - 1)] == ids)
        node_cut[pos[hit]] = 1
    if roads.node_rules:
        ids = np.fromiter(roads.node_rules, dtype=np.int64)
        pos = np.searchsorted(gn_refs, ids)
        hit = (pos < n_gn) & (gn_refs[np.minimum(pos, n_gn - 1)] == ids)
        for node_id, gi in zip(ids[hit], pos[hit]):
            control, barrier, acc, height = roads.node_rules[int(node_id)]
            node_control[gi], node_barrier[gi], node_access[gi], node_maxheight[gi] = control, barrier, acc, height
    out = {
        "node_osm_id": gn_refs.astype(np.int64),
        "node_lon": lon[first_pos].copy(),
        "node_lat": lat[first_pos].copy(),
        "link_u": link_u,
        "link_v": link_v,
        "link_way": piece_way[piece_of[i0]].astype(np.int32),
        "geom": geom,
        "geom_offsets": geom_offsets,
        "geom_node_id": refs[idx].copy(),
        "node_control": node_control,
        "node_barrier": node_barrier,
        "node_access": node_access,
        "node_maxheight_m": node_maxheight,
        "node_cut": node_cut,
        "way_osm_id": np.frombuffer(roads.osm_id, dtype=np.int64).copy(),
        "way_class": np.frombuffer(roads.cls, dtype=np.uint8).copy(),
        "way_oneway": np.frombuffer(roads.oneway, dtype=np.int8).copy(),
        "way_maxspeed_fwd_kph": np.frombuffer(roads.maxspeed_fwd_kph, dtype=np.float32).copy(),
        "way_maxspeed_bwd_kph": np.frombuffer(roads.maxspeed_bwd_kph, dtype=np.float32).copy(),
        "way_maxheight_m": np.frombuffer(roads.maxheight_m, dtype=np.float32).copy(),
        "way_maxweight_t": np.frombuffer(roads.maxweight_t, dtype=np.float32).copy(),
        "way_maxwidth_m": np.frombuffer(roads.maxwidth_m, dtype=np.float32).copy(),
        "way_maxlength_m": np.frombuffer(roads.maxlength_m, dtype=np.float32).copy(),
        "way_width_m": np.frombuffer(roads.width_m, dtype=np.float32).copy(),
        "way_access_fwd": np.frombuffer(roads.access_fwd, dtype=np.uint8).reshape(w, k).copy(),
        "way_access_bwd": np.frombuffer(roads.access_bwd, dtype=np.uint8).reshape(w, k).copy(),
        "way_hgv": np.frombuffer(roads.hgv, dtype=np.uint8).copy(),
        "way_service": np.frombuffer(roads.service, dtype=np.uint8).copy(),
        "way_structure": np.frombuffer(roads.structure, dtype=np.uint8).copy(),
    }
    out.update(_restriction_arrays(roads, out["way_osm_id"], gn_refs))
    return out


def _restriction_arrays(roads: RoadWays, way_osm_id: np.ndarray, gn_refs: np.ndarray) -> dict[str, np.ndarray]:
    """Turn restrictions by way / graph node index; members missing from the graph (outside the
    extract, not drivable) drop the restriction: :func:`routing.turns.check_restrictions` counts them."""
    way_index = {int(o): i for i, o in enumerate(way_osm_id)}
    node_index = {int(o): i for i, o in enumerate(gn_refs)} if roads.restrictions else {}
    kind, frm, via, to, via_off, via_ways = [], [], [], [], [0], []
    for r_kind, r_from, r_via, r_via_ways, r_to in roads.restrictions:
        f, t = way_index.get(r_from), way_index.get(r_to)
        v = node_index.get(r_via, -1) if r_via >= 0 else -1
        vw = [way_index.get(x) for x in r_via_ways]
        kind.append(r_kind if f is not None and t is not None and (v >= 0 or (vw and None not in vw)) else 0)
        frm.append(-1 if f is None else f)
        to.append(-1 if t is None else t)
        via.append(v)
        via_ways.extend(-1 if x is None else x for x in vw)
        via_off.append(len(via_ways))
    return {"restr_kind": np.asarray(kind, np.uint8), "restr_from": np.asarray(frm, np.int32),
            "restr_via_node": np.asarray(via, np.int32), "restr_to": np.asarray(to, np.int32),
            "restr_via_offsets": np.asarray(via_off, np.int64), "restr_via_ways": np.asarray(via_ways, np.int32)}
