"""User-facing errors and bilingual messages.

Every error a user can meet is a :class:`UserError` carrying a :class:`Message`
in French (shown in the UI) and English (logs, CLI in English). The message names
what is wrong and where (file, row, stop), so it can be shown as is.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """A sentence fit to show a user, in English and French."""

    en: str
    fr: str

    def text(self, lang: str = "fr") -> str:
        """The message in ``lang`` ("fr" or "en"); English for anything else."""
        return self.fr if lang.startswith("fr") else self.en

    def __str__(self) -> str:  # logs are in English
        return self.en


class UserError(Exception):
    """An error a user can meet and understand; never shown as a traceback."""

    def __init__(self, message: Message | str, fr: str | None = None):
        if isinstance(message, str):
            message = Message(en=message, fr=fr if fr is not None else message)
        self.message = message
        super().__init__(message.en)

    def text(self, lang: str = "fr") -> str:
        return self.message.text(lang)


class Cancelled(UserError):
    """Long work stopped because the user asked for it."""

    def __init__(self, what: str = "work", quoi: str = "travail"):
        super().__init__(Message(f"Cancelled: {what}.", f"Annulé : {quoi}."))


class RegionError(UserError):
    """A region could not be imported, compiled or loaded."""


class RoutingError(UserError):
    """A route or matrix could not be computed."""


class PlanningError(UserError):
    """A tour problem is malformed (not merely infeasible: that yields warnings)."""
