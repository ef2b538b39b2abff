"""Messages a user reads, as a stable code with parameters; the words come later.

The core (``routing``, ``app.model``, ``app.store``, ``app.services``,
``app.exports``) never writes a sentence: it says *what* happened as
``Message("stop_unreachable", stop="Voestalpine")``. The application turns the
code into words in the user's language at the last moment, from one gettext
catalog per language (``app/i18n/``), formatting typed parameters with the
locale's formatters: :class:`Clock` (seconds since the day's midnight),
:class:`Duration` (seconds), :class:`Distance` (metres), :class:`Spans` (clock
ranges). A parameter may itself be a :class:`Message` (a reason inside a reason).

Plans store messages as ``{"code": ..., "params": {...}}`` (see :meth:`Message.to_json`);
plans saved before codes existed stored ``{"en": ..., "fr": ...}`` and still open
as the code :data:`LEGACY_CODE`, whose parameters are the two texts.

Rendering goes through one installed renderer (the application installs the
catalog's at import, see ``app.i18n``). Without it (the routing package used on
its own), a message reads as its code and parameters, which is enough for logs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

# Old plans' messages were two finished texts; the renderer picks the one of the language.
LEGACY_CODE = "legacy_text"


@dataclass(frozen=True)
class Clock:
    """A clock time as seconds since the tour day's midnight (local time)."""

    seconds: float


@dataclass(frozen=True)
class Duration:
    """A duration in seconds (shown rounded to the minute)."""

    seconds: float


@dataclass(frozen=True)
class Distance:
    """A distance in metres."""

    metres: float


@dataclass(frozen=True)
class Spans:
    """Clock ranges ``((start_s, end_s), ...)``, seconds since midnight, shown as "9 h 00–11 h 30, 14 h 00–16 h 00"."""

    spans: tuple[tuple[float, float], ...]

    def __init__(self, spans):
        object.__setattr__(self, "spans", tuple((float(a), float(b)) for a, b in spans))


_TYPED = {"clock": Clock, "duration": Duration, "distance": Distance}


class Message:
    """A message code with its parameters; immutable, comparable, JSON round-trippable."""

    __slots__ = ("code", "params")

    def __init__(self, code: str, /, **params: Any):
        object.__setattr__(self, "code", str(code))
        object.__setattr__(self, "params", dict(params))

    def __setattr__(self, name, value):  # frozen
        raise AttributeError("Message is immutable")

    def __reduce__(self):  # copy, deepcopy (dataclasses.asdict) and pickle rebuild through __init__
        return (_rebuild, (self.code, self.params))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and other.code == self.code and other.params == self.params

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params))))

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Message({self.code!r}{args})"

    def text(self, lang: Optional[str] = None) -> str:
        """The sentence in ``lang`` (the application's language when None)."""
        return _renderer(self, lang)

    def __str__(self) -> str:  # logs are in English
        return _renderer(self, "en")

    # -- storage -----------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": {k: _encode(v) for k, v in self.params.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Message":
        """Read :meth:`to_json`'s form, or an old plan's ``{"en", "fr"}`` texts."""
        if "code" not in data and "en" in data:
            return cls(LEGACY_CODE, en=str(data["en"]), fr=str(data.get("fr", data["en"])))
        params = data.get("params") or {}
        if not isinstance(params, Mapping):
            raise ValueError("message parameters are not a mapping")
        return cls(str(data["code"]), **{str(k): _decode(v) for k, v in params.items()})


def _rebuild(code: str, params: Mapping[str, Any]) -> Message:
    return Message(code, **params)


def _encode(value: Any) -> Any:
    if isinstance(value, Message):
        return {"message": value.to_json()}
    if isinstance(value, Spans):
        return {"spans": [list(s) for s in value.spans]}
    for key, kind in _TYPED.items():
        if isinstance(value, kind):
            number = getattr(value, next(iter(kind.__dataclass_fields__)))
            return {key: number}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        (key, inner), = value.items()
        if key == "message":
            return Message.from_json(inner)
        if key == "spans":
            return Spans(inner)
        if key in _TYPED:
            return _TYPED[key](float(inner))
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def rule_words(code: str) -> Message:
    """A constraint's name as words for a sentence ("the company's visit slots"), never its code."""
    return Message(f"rule.{code}")


def plain_render(message: Message, lang: Optional[str] = None) -> str:
    """Code and parameters, for logs when no catalog is installed."""
    if message.code == LEGACY_CODE:
        return str(message.params.get("fr" if (lang or "en").startswith("fr") else "en", ""))
    if not message.params:
        return message.code
    return f"{message.code}(" + ", ".join(f"{k}={v}" for k, v in message.params.items()) + ")"


Renderer = Callable[[Message, Optional[str]], str]
_renderer: Renderer = plain_render


def install_renderer(renderer: Renderer) -> None:
    """Make ``renderer(message, lang)`` turn every message into words (the application's catalog)."""
    global _renderer
    _renderer = renderer
