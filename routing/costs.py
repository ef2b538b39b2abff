"""Coach legality, speed and routing-cost factor of every road way, for one profile.

Vectorised with numpy over the raw way attributes of a compiled region, so a region
can serve several buses (profiles) without re-importing.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from routing import osm_tags as T
from routing.profile import VehicleProfile


@dataclass
class WayCosts:
    """Per-way results for one profile (arrays of length W)."""

    fwd_ok: np.ndarray          # bool: a coach may drive the way in its drawing direction
    bwd_ok: np.ndarray          # bool: ... against it
    fwd_speed_kph: np.ndarray   # float64: coach speed, factor and cap applied
    bwd_speed_kph: np.ndarray
    penalty: np.ndarray         # float64 >= 1: cost = duration x penalty
    hgv_no: np.ndarray          # bool: tagged hgv=no (allowed, penalised, warned)
    excluded: dict[str, int]    # count of ways excluded per reason


def way_costs(graph: dict[str, np.ndarray], profile: VehicleProfile) -> WayCosts:
    """Legality and speeds of each way of ``graph`` for ``profile``."""
    cls = graph["way_class"].astype(np.intp)
    w = len(cls)

    # access: most general key first, a more specific tag present overrides it
    acc = graph["way_access"]
    allowed = np.ones(w, dtype=bool)
    denied_codes = np.array(sorted(T.ACCESS_DENIED_CODES))
    for j in range(len(T.ACCESS_KEYS)):
        col = acc[:, j]
        present = col != 0
        allowed[present] = ~np.isin(col[present], denied_codes)

    # dimensions: a limit strictly below the coach excludes the road (nan = no limit)
    with np.errstate(invalid="ignore"):
        too_low = graph["way_maxheight_m"] < profile.height_m
        too_heavy = graph["way_maxweight_t"] < profile.weight_t
        too_wide = graph["way_maxwidth_m"] < profile.width_m
        too_long = graph["way_maxlength_m"] < profile.length_m
    legal = allowed & ~too_low & ~too_heavy & ~too_wide & ~too_long

    oneway = graph["way_oneway"]
    fwd_ok = legal & ((oneway == T.ONEWAY_NO) | (oneway == T.ONEWAY_FORWARD))
    bwd_ok = legal & ((oneway == T.ONEWAY_NO) | (oneway == T.ONEWAY_BACKWARD))

    default = np.array([T.DEFAULT_SPEED_KPH[c] for c in T.HIGHWAY_CLASSES], dtype=np.float64)[cls]

    def speed(maxspeed: np.ndarray) -> np.ndarray:
        road = np.where(np.isnan(maxspeed), default, maxspeed.astype(np.float64))
        return np.clip(road * profile.speed_factor, 3.0, profile.max_speed_kph)

    penalty_by_class = np.ones(len(T.HIGHWAY_CLASSES))
    penalty_by_class[T.CLASS_CODE["residential"]] = profile.residential_penalty
    penalty_by_class[T.CLASS_CODE["living_street"]] = profile.living_street_penalty
    penalty_by_class[T.CLASS_CODE["service"]] = profile.service_penalty
    hgv_no = np.isin(graph["way_hgv"], denied_codes)
    penalty = penalty_by_class[cls] * np.where(hgv_no, profile.hgv_no_penalty, 1.0)

    excluded = {
        "access": int((~allowed).sum()),
        "maxheight": int(too_low.sum()),
        "maxweight": int(too_heavy.sum()),
        "maxwidth": int(too_wide.sum()),
        "maxlength": int(too_long.sum()),
        "reversible": int((legal & (oneway == T.ONEWAY_REVERSIBLE)).sum()),
    }
    return WayCosts(fwd_ok, bwd_ok, speed(graph["way_maxspeed_fwd_kph"]),
                    speed(graph["way_maxspeed_bwd_kph"]), penalty, hgv_no & legal, excluded)
