"""Domain model: entities of a ZI Tour and the computed plan (no Qt, no SQL)."""
from app.model.entities import (
    Ambassador,
    Audience,
    Availability,
    Bus,
    DriverRules,
    LockKind,
    Objective,
    ParticipantGroup,
    Precedence,
    Site,
    SiteKind,
    SiteSource,
    Stop,
    StopKind,
    TimeWindow,
    Tour,
    VehicleSpec,
    Video,
)
from app.model.plan import BusPlan, Cue, DroppedStop, Leg, Plan, PlannedStop, PlanWarning

__all__ = [
    "Ambassador", "Audience", "Availability", "Bus", "DriverRules", "LockKind", "Objective",
    "ParticipantGroup", "Precedence", "Site", "SiteKind", "SiteSource", "Stop", "StopKind",
    "TimeWindow", "Tour", "VehicleSpec", "Video",
    "BusPlan", "Cue", "DroppedStop", "Leg", "Plan", "PlannedStop", "PlanWarning",
]
