"""The application's user-facing errors (message codes the catalogs put into words, never tracebacks)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

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
    "ProjectUntrusted",
    "ForeignSchema",
    "ProjectTooLarge",
    "DamagedValue",
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


class ProjectUntrusted(ProjectError):
    """The project file holds what a ZI Tour project does not: refused before anything runs on it or
    is written. ``path`` is the file; :func:`app.store.clean.clean_copy` writes a copy of it keeping
    only what the format defines and the rows that can be read (the way out to offer)."""

    def __init__(self, message: Message | str, /, path: Optional[Path | str] = None, **params: Any):
        super().__init__(message, **params)
        if path is None and self.message.params.get("file"):
            path = self.message.params["file"]  # rebuilt from its message (an error from a child process)
        self.path: Optional[Path] = Path(path) if path else None


class ForeignSchema(ProjectUntrusted):
    """Its schema is not the one its format version defines: a trigger, a view, an unknown table,
    column or index, a missing or changed table (``store.foreign_schema``, ``what`` names them)."""


class ProjectTooLarge(ProjectUntrusted):
    """More rows in a table, or a longer text in a column, than a project has any use for."""


class DamagedValue(ProjectUntrusted):
    """A stored value that cannot be what its column holds (``store.damaged_value``: table, row,
    column): an unknown kind, a bad time zone, a number out of range, unreadable JSON or text."""

    @property
    def table(self) -> str:
        return str(self.message.params.get("table", ""))

    @property
    def row(self) -> Any:
        return self.message.params.get("row")

    @property
    def column(self) -> str:
        return str(self.message.params.get("column", ""))

    def in_file(self, path: Path | str) -> "DamagedValue":
        """The same error naming the project file ``path`` (the codec that finds it does not know the file)."""
        return type(self)(Message(self.message.code, **{**self.message.params, "file": str(path)}), path=path)


class SiteImportError(UserError):
    """Sites could not be imported from a file (not Python's built-in ImportError)."""


class ExportError(UserError):
    """An export could not be written."""


class PlanOutdated(ExportError):
    """The plan to export no longer matches its tour (or nobody can tell): plan again, or allow it.

    ``zitour export`` exits with :attr:`exit_code` (4) on it."""

    exit_code = 4
