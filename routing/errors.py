"""User-facing errors: a message code with parameters (:mod:`routing.messages`), never a traceback.

Every error a user can meet is a :class:`UserError` carrying a
:class:`~routing.messages.Message` that names what is wrong and where (file,
row, stop). The application renders it in the user's language; logs get English.
"""
from __future__ import annotations

from typing import Any, Optional

from routing.messages import Message

__all__ = ["Message", "UserError", "Cancelled", "RegionError", "RoutingError", "PlanningError"]


class UserError(Exception):
    """An error a user can meet and understand; never shown as a traceback.

    ``UserError(Message("code", ...))`` or, shorter, ``UserError("code", **params)``.
    """

    def __init__(self, message: Message | str, /, **params: Any):
        if not isinstance(message, Message):
            message = Message(message, **params)
        self.message = message
        super().__init__(message.code)

    def text(self, lang: Optional[str] = None) -> str:
        return self.message.text(lang)

    def __str__(self) -> str:  # logs are in English
        return str(self.message)


class Cancelled(UserError):
    """Long work stopped because the user asked for it."""

    def __init__(self) -> None:
        super().__init__(Message("cancelled"))


class RegionError(UserError):
    """A region could not be imported, compiled or loaded."""


class RoutingError(UserError):
    """A route or matrix could not be computed."""


class PlanningError(UserError):
    """A tour problem is malformed (not merely infeasible: that yields warnings)."""
