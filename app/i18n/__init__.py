"""Words for the core's message codes, late, from one gettext catalog per language.

The core says ``Message("stop_unreachable", stop=...)``; this package says it in
French or English: ``catalogs/<lang>.po`` (compiled to ``.mo`` by
``packaging/update_translations.py``) maps each code to a template with
``{name}`` fields, and typed parameters are formatted by :mod:`app.i18n.formats`
for the language. The same catalog holds the display names of the model's
enums (:func:`label`), so the interface, the exports and the command line use
one table. A third language is one more ``.po`` file (see the README).

Importing this package installs its renderer into :mod:`routing.messages`, so
``message.text(lang)`` and ``str(message)`` (English, for logs) speak words
everywhere in the application.
"""
from __future__ import annotations

import datetime as dt
import gettext
import logging
import re
import string
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from app.i18n import formats
from routing.messages import LEGACY_CODE, Clock, Distance, Duration, Message, Spans, install_renderer, plain_render

log = logging.getLogger(__name__)

CATALOG_DIR = Path(__file__).resolve().parent / "catalogs"
SOURCE_LANGUAGE = "en"
DEFAULT_LANGUAGE = "fr"

_language = DEFAULT_LANGUAGE


def languages() -> list[str]:
    """The languages with a catalog (``fr``, ``en``, and any other ``.po`` dropped in)."""
    return sorted(p.stem for p in CATALOG_DIR.glob("*.po"))


def normalise(lang: Optional[str]) -> str:
    """A language we have (``"en_GB.UTF-8"`` → ``"en"``); French for anything else."""
    code = (lang or "").split(".")[0].split("_")[0].split("-")[0].lower()
    return code if code in languages() else DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """The language messages are rendered in when none is given."""
    global _language
    _language = normalise(lang)


def language() -> str:
    return _language


@lru_cache(maxsize=None)
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang`` (an empty one if it is missing)."""
    path = CATALOG_DIR / f"{lang}.mo"
    try:
        with open(path, "rb") as handle:
            return gettext.GNUTranslations(handle)
    except OSError:
        log.warning("no message catalog for %r at %s", lang, path)
        return gettext.NullTranslations()


def template(code: str, lang: Optional[str] = None) -> Optional[str]:
    """The catalog's template for ``code`` in ``lang`` (else English), or None if no catalog has it."""
    for candidate in (normalise(lang or _language), SOURCE_LANGUAGE):
        found = catalog(candidate).gettext(code)
        if found != code:
            return found
    return None


def format_value(value: Any, lang: str) -> str:
    """A parameter as the language writes it."""
    if isinstance(value, Message):
        return render(value, lang)
    if isinstance(value, Clock):
        return formats.clock(value.seconds, lang)
    if isinstance(value, Duration):
        return formats.duration(value.seconds, lang)
    if isinstance(value, Distance):
        return formats.distance(value.metres, lang)
    if isinstance(value, Spans):
        return formats.spans(value.spans, lang)
    if isinstance(value, (dt.datetime, dt.time)):
        return formats.clock(value, lang)
    if isinstance(value, dt.date):
        return formats.long_date(value, lang)
    if isinstance(value, Enum):
        return label(value, lang)
    if isinstance(value, float):
        return formats.decimal(value, 0 if value.is_integer() else 1, lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v, lang) for v in value)
    return str(value)


class _Fields(dict):
    def __missing__(self, key: str) -> str:  # a field the call did not give: show it, never fail
        return "{" + key + "}"


def render(message: Message, lang: Optional[str] = None) -> str:
    """``message`` in words, in ``lang`` (the current language when None)."""
    lang = normalise(lang or _language)
    if message.code == LEGACY_CODE:  # a plan saved before codes: its two finished texts
        return str(message.params.get(lang) or message.params.get("en") or "")
    text = template(message.code, lang)
    if text is None:
        log.warning("message code %r is in no catalog", message.code)
        return plain_render(message, lang)
    fields = _Fields({k: format_value(v, lang) for k, v in message.params.items()})
    try:
        return string.Formatter().vformat(text, (), fields)
    except (ValueError, IndexError, AttributeError):
        log.warning("catalog template for %r in %r is malformed: %r", message.code, lang, text)
        return text


def text(what: Any, lang: Optional[str] = None) -> str:
    """Words for a Message, a UserError (its message), or anything else (its ``str``)."""
    message = getattr(what, "message", what)
    if isinstance(message, Message):
        return render(message, lang)
    return str(what)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def label_code(value: Enum) -> str:
    """The catalog code of an enum member's display name: ``label.stop_kind.visit``."""
    return f"label.{_snake(type(value).__name__)}.{value.value}"


def label(value: Enum | str, lang: Optional[str] = None) -> str:
    """The display name of an enum member, or of a plain label code (``"label.departure"``)."""
    code = label_code(value) if isinstance(value, Enum) else value
    found = template(code, lang)
    return found if found is not None else (value.value if isinstance(value, Enum) else str(value))


install_renderer(render)
