"""Turn the road ways read from OSM into a compact road graph (numpy arrays).

Graph nodes are the OSM nodes where roads meet or end (plus the middle node of a
closed way, so no link is a loop); a *link* is the piece of one way between two
consecutive graph nodes, with its full geometry. Raw restrictions stay per way and
are looked up per link through ``link_way``: legality and speed depend on the coach
and are computed at load time (:mod:`routing.costs`).
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
    out = {
        "node_osm_id": gn_refs.astype(np.int64),
        "node_lon": lon[first_pos].copy(),
        "node_lat": lat[first_pos].copy(),
        "link_u": link_u,
        "link_v": link_v,
        "link_way": piece_way[piece_of[i0]].astype(np.int32),
        "geom": geom,
        "geom_offsets": geom_offsets,
        "way_osm_id": np.frombuffer(roads.osm_id, dtype=np.int64).copy(),
        "way_class": np.frombuffer(roads.cls, dtype=np.uint8).copy(),
        "way_oneway": np.frombuffer(roads.oneway, dtype=np.int8).copy(),
        "way_maxspeed_fwd_kph": np.frombuffer(roads.maxspeed_fwd_kph, dtype=np.float32).copy(),
        "way_maxspeed_bwd_kph": np.frombuffer(roads.maxspeed_bwd_kph, dtype=np.float32).copy(),
        "way_maxheight_m": np.frombuffer(roads.maxheight_m, dtype=np.float32).copy(),
        "way_maxweight_t": np.frombuffer(roads.maxweight_t, dtype=np.float32).copy(),
        "way_maxwidth_m": np.frombuffer(roads.maxwidth_m, dtype=np.float32).copy(),
        "way_maxlength_m": np.frombuffer(roads.maxlength_m, dtype=np.float32).copy(),
        "way_access": np.frombuffer(roads.access, dtype=np.uint8).reshape(w, len(ACCESS_KEYS)).copy(),
        "way_hgv": np.frombuffer(roads.hgv, dtype=np.uint8).copy(),
    }
    return out
