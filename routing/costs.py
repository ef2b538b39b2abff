"""Coach legality, speed and routing-cost factor of every road way, for one profile.

Vectorised with numpy over the raw way attributes of a compiled region, so a region
can serve several buses (profiles) without re-importing.

Access for a charter coach follows OSM's hierarchy: ``access`` < ``vehicle`` <
``motor_vehicle`` < ``coach`` < ``tourist_bus``, the most specific tag present deciding.
``psv`` and ``bus`` describe public transport: a positive value never opens a road to a
tourist coach (a bus lane, a bus-only street), but ``bus=no`` closes it (a street too narrow
or too weak for any bus). ``destination``/``customers``/``delivery``/``private`` roads, parking
aisles and driveways are *end-only*: a leg may start or end on them (to reach a company's
gate), never cross them (see :mod:`routing.turns`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from routing import osm_tags as T
from routing.profile import VehicleProfile

# keys that decide, most general first (psv is never read; bus only to close)
_DECIDING_KEYS = ("access", "vehicle", "motor_vehicle", "coach", "tourist_bus")
WIDTH_CLEARANCE_M = 0.45  # a 2.55 m coach needs a 3.0 m carriageway at least
_OPEN_CODES = frozenset(T.ACCESS_CODE[v] for v in ("yes", "designated", "permissive", "official", "discouraged"))


@dataclass
class WayCosts:
    """Per-way results for one profile (arrays of length W)."""

    fwd_ok: np.ndarray          # bool: a coach may drive the way in its drawing direction
    bwd_ok: np.ndarray          # bool: ... against it
    fwd_end_only: np.ndarray    # bool: ... only as the first or last stretch of a leg
    bwd_end_only: np.ndarray
    fwd_speed_kph: np.ndarray   # float64: coach speed, factor and cap applied
    bwd_speed_kph: np.ndarray
    penalty: np.ndarray         # float64 >= 1: cost = duration x penalty
    hgv_no: np.ndarray          # bool: tagged hgv=no (allowed, penalised, warned)
    excluded: dict[str, int]    # count of ways excluded per reason


def _deciding_code(acc: np.ndarray) -> np.ndarray:
    """Per row of access codes: the value of the most specific deciding key present (0: none)."""
    code = np.zeros(len(acc), np.uint8)
    for key in _DECIDING_KEYS:
        col = acc[:, T.ACCESS_KEY_INDEX[key]]
        code = np.where(col != 0, col, code)
    return code


def coach_access(acc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(open, end_only) per row of access codes (rows x ``ACCESS_KEYS``) for a tourist coach.

    The most specific deciding key present wins; ``bus=no`` closes whatever else says."""
    idx = T.ACCESS_KEY_INDEX
    code = _deciding_code(acc)                      # 0: nothing said (open)
    denied = np.isin(code, sorted(T.ACCESS_DENIED_CODES))
    denied |= code == T.ACCESS_CODE["other"]         # a value we cannot read: not for us
    bus = acc[:, idx["bus"]]
    denied |= np.isin(bus, sorted(T.ACCESS_DENIED_CODES)) & (acc[:, idx["tourist_bus"]] == 0) \
        & (acc[:, idx["coach"]] == 0)
    end_only = np.isin(code, sorted(T.ACCESS_END_ONLY_CODES)) & ~denied
    return ~denied, end_only


def barrier_open(graph: dict[str, np.ndarray], profile: VehicleProfile) -> np.ndarray:
    """Per graph node: False where a barrier closes the way to a coach, or a node's own
    ``maxheight`` (a height restrictor, a low gateway) is below the coach.

    Bollards, blocks and chains are closed. Gates and lift gates are closed unless their own
    tags open them: the most specific of ``access``/``vehicle``/``motor_vehicle``/``coach``/
    ``tourist_bus`` is yes, permissive, designated or destination, or ``bus`` is yes (a gate a
    bus may pass is opened by its keeper for a coach too). A gate with no tags, or
    ``access=private``, is closed: the company must open it and the organiser says so by
    placing the site's gate beyond it."""
    barrier = graph["node_barrier"]
    with np.errstate(invalid="ignore"):
        out = ~(graph["node_maxheight_m"] < profile.height_m)
    has = np.flatnonzero(barrier != 0)
    if len(has) == 0:
        return out
    acc = graph["node_access"][has]
    code = _deciding_code(acc)
    opened = np.isin(code, sorted(_OPEN_CODES | {T.ACCESS_CODE["destination"], T.ACCESS_CODE["customers"]}))
    opened |= np.isin(acc[:, T.ACCESS_KEY_INDEX["bus"]], sorted(_OPEN_CODES))
    opened &= ~np.isin(barrier[has], sorted(T.ALWAYS_CLOSED_BARRIERS))
    out[has] &= opened
    return out


def way_costs(graph: dict[str, np.ndarray], profile: VehicleProfile) -> WayCosts:
    """Legality and speeds of each way of ``graph`` for ``profile``."""
    cls = graph["way_class"].astype(np.intp)
    fwd_open, fwd_end = coach_access(graph["way_access_fwd"])
    bwd_open, bwd_end = coach_access(graph["way_access_bwd"])
    service = graph["way_service"]
    service_end = np.isin(service, [T.SERVICE_CODE["parking_aisle"], T.SERVICE_CODE["driveway"],
                                    T.SERVICE_CODE["alley"]])
    emergency = service == T.SERVICE_CODE["emergency_access"]
    fwd_open &= ~emergency
    bwd_open &= ~emergency

    # dimensions: a limit strictly below the coach excludes the road (nan = no limit)
    with np.errstate(invalid="ignore"):
        too_low = graph["way_maxheight_m"] < profile.height_m
        too_heavy = graph["way_maxweight_t"] < profile.weight_t
        too_wide = graph["way_maxwidth_m"] < profile.width_m
        too_long = graph["way_maxlength_m"] < profile.length_m
        # a road narrower than the coach plus its mirrors' clearance (``width`` is the carriageway)
        too_narrow = graph["way_width_m"] < profile.width_m + WIDTH_CLEARANCE_M
    fits = ~too_low & ~too_heavy & ~too_wide & ~too_long & ~too_narrow

    oneway = graph["way_oneway"]
    fwd_ok = fwd_open & fits & ((oneway == T.ONEWAY_NO) | (oneway == T.ONEWAY_FORWARD))
    bwd_ok = bwd_open & fits & ((oneway == T.ONEWAY_NO) | (oneway == T.ONEWAY_BACKWARD))

    default = np.array([T.DEFAULT_SPEED_KPH[c] for c in T.HIGHWAY_CLASSES], dtype=np.float64)[cls]

    def speed(maxspeed: np.ndarray) -> np.ndarray:
        road = np.where(np.isnan(maxspeed), default, maxspeed.astype(np.float64))
        # town roads of 31-50 km/h: a coach rarely holds the limit (bends, parked cars, buses,
        # bikes); 30 zones and slower are driven at their speed times the open-road factor
        factor = np.where((road > 30.0) & (road <= 50.0), profile.urban_speed_factor, profile.speed_factor)
        return np.clip(road * factor, 3.0, profile.max_speed_kph)

    penalty_by_class = np.ones(len(T.HIGHWAY_CLASSES))
    penalty_by_class[T.CLASS_CODE["residential"]] = profile.residential_penalty
    penalty_by_class[T.CLASS_CODE["living_street"]] = profile.living_street_penalty
    penalty_by_class[T.CLASS_CODE["service"]] = profile.service_penalty
    hgv_no = np.isin(graph["way_hgv"], sorted(T.ACCESS_DENIED_CODES | T.ACCESS_END_ONLY_CODES))
    penalty = penalty_by_class[cls] * np.where(hgv_no, profile.hgv_no_penalty, 1.0)

    legal = fwd_ok | bwd_ok
    excluded = {
        "access": int((~(fwd_open | bwd_open)).sum()),
        "maxheight": int(too_low.sum()),
        "maxweight": int(too_heavy.sum()),
        "maxwidth": int(too_wide.sum()),
        "maxlength": int(too_long.sum()),
        "width": int(too_narrow.sum()),
        "reversible": int((fwd_open & fits & (oneway == T.ONEWAY_REVERSIBLE)).sum()),
    }
    return WayCosts(fwd_ok, bwd_ok, fwd_ok & (fwd_end | service_end), bwd_ok & (bwd_end | service_end),
                    speed(graph["way_maxspeed_fwd_kph"]), speed(graph["way_maxspeed_bwd_kph"]),
                    penalty, hgv_no & legal, excluded)
