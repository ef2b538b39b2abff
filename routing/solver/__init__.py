"""Tour optimiser and scheduler (pure Python + numpy + PyVRP; no app, no Qt).

Public API::

    from routing.solver import Problem, Node, Vehicle, Window, solve, replan_problem
    sol = solve(problem, time_limit_s=5, progress=..., cancel=...)
"""
from routing.solver.problem import (PRESENTED_KINDS, Ambassador, DriverRules, Lock, Node, NodeKind, Objective,
                                    Precedence, Problem, RoadMatrices, SiteCapacity, Vehicle, Video, Window)
from routing.solver.schedule import Evaluator, RouteEval
from routing.solver.solution import (BusSchedule, DriverBreak, DroppedNode, Issue, ScheduledLeg, ScheduledStop,
                                     Solution, VideoCue)
from routing.solver.solve import replan_problem, solve

__all__ = [
    "PRESENTED_KINDS", "Ambassador", "BusSchedule", "DriverBreak", "DriverRules", "DroppedNode", "Evaluator",
    "Issue", "Lock", "Node", "NodeKind", "Objective", "Precedence", "Problem", "RoadMatrices", "RouteEval", "ScheduledLeg",
    "ScheduledStop", "SiteCapacity", "Solution", "Vehicle", "Video", "VideoCue", "Window", "replan_problem", "solve",
]
