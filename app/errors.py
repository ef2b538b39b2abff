"""The application's user-facing errors (message codes the catalogs put into words, never tracebacks)."""
from __future__ import annotations

from routing.errors import Cancelled, Message, PlanningError, RegionError, RoutingError, UserError

__all__ = [
    "Cancelled",
    "Message",
    "PlanningError",
    "RegionError",
    "RoutingError",
    "UserError",
    "ProjectError",
    "ProjectInUse",
    "ProjectReadOnly",
    "SiteImportError",
    "ExportError",
    "PlanOutdated",
]


class ProjectError(UserError):
    """A project file cannot be created, opened or written."""


class ProjectInUse(ProjectError):
    """Another program has the project open for writing."""


class ProjectReadOnly(ProjectError):
    """The project file or its folder cannot be written; it may be opened read-only."""


class SiteImportError(UserError):
    """Sites could not be imported from a file (not Python's built-in ImportError)."""


class ExportError(UserError):
    """An export could not be written."""


class PlanOutdated(ExportError):
    """The plan to export no longer matches its tour (or nobody can tell): plan again, or allow it.

    ``zitour export`` exits with :attr:`exit_code` (4) on it."""

    exit_code = 4
