"""The small interface between the tour solver and a VRP engine (swappable).

An :class:`EngineInstance` is a plain VRP with integer durations/distances over
"locations" (matrix rows), clients with several time windows, prizes,
capacities and allowed vehicles. Engines return routes as client indices.
The PyVRP engine is :class:`routing.solver.pyvrp_engine.PyVRPEngine`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional, Protocol, Sequence

import numpy as np


@dataclass
class EngineClient:
    location: int
    service: int = 0
    windows: list[tuple[int, int]] = field(default_factory=list)  # empty: any time
    delivery: list[int] = field(default_factory=list)
    pickup: list[int] = field(default_factory=list)
    required: bool = True
    prize: int = 0
    allowed: Optional[frozenset[int]] = None  # vehicle indices; None: all


@dataclass
class EngineVehicle:
    start: int  # location
    end: int  # location
    tw_early: int = 0
    tw_late: Optional[int] = None
    start_late: Optional[int] = None
    shift_duration: Optional[int] = None
    capacity: list[int] = field(default_factory=list)
    initial_load: list[int] = field(default_factory=list)
    num_available: int = 1
    profile: int = 0  # 0: the instance's matrices; k >= 1: ``EngineInstance.profiles[k - 1]``


@dataclass
class EngineInstance:
    """Integer matrices (``duration[i, j]``, ``distance[i, j]``), cost = a*distance + b*duration.

    ``profiles``: further (duration, distance) pairs for vehicles of other
    routing profiles (e.g. a taller bus that cannot pass a low bridge); a
    vehicle names its pair with ``EngineVehicle.profile``.
    """

    duration: np.ndarray
    distance: np.ndarray
    clients: list[EngineClient]
    vehicles: list[EngineVehicle]
    unit_distance_cost: int = 1
    unit_duration_cost: int = 0
    profiles: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)

    def matrices(self, profile: int) -> tuple[np.ndarray, np.ndarray]:
        """(duration, distance) of routing profile ``profile`` (0: the instance's own)."""
        if profile == 0:
            return self.duration, self.distance
        return self.profiles[profile - 1]


@dataclass
class EngineResult:
    routes: list[tuple[int, list[int]]]  # (vehicle index, client indices in order)
    cost: float
    feasible: bool
    runtime_s: float
    iterations: int
    unserved: list[int] = field(default_factory=list)
    best_time_s: Optional[float] = None  # seconds from the call to the last improvement of the result, if known
    workers: int = 1  # independent searches run (parallel seeds)


Routes = list[tuple[int, list[int]]]


class Engine(Protocol):
    name: str

    def solve(
        self,
        instance: EngineInstance,
        *,
        time_limit_s: float,
        no_improvement_iters: Optional[int] = None,
        seed: int = 0,
        initial_routes: Optional[Routes] = None,
        should_stop: Optional[Callable[[], bool]] = None,
        on_progress: Optional[Callable[[float], None]] = None,
        on_best: Optional[Callable[[Routes, float], None]] = None,
    ) -> EngineResult:
        """Engines may accept further keywords (PyVRP: ``workers``, ``restart_iters``)."""
        ...


def default_engine() -> Engine:
    from routing.solver.pyvrp_engine import PyVRPEngine

    return PyVRPEngine()
