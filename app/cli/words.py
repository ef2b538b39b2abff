"""The command line's words: its sentences are catalog codes (``cli.*``), its enum names the
catalog's labels (:func:`app.i18n.label`), its clock times and durations :mod:`app.i18n.formats`.
"""
from __future__ import annotations

from collections import Counter
from enum import Enum

from app.i18n import label


def inline_label(value: Enum, lang: str) -> str:
    """``value``'s display name inside a sentence: "drive-by", "entreprise d'insertion" (an acronym stays)."""
    text = label(value, lang)
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def kind_counts(counter: Counter, lang: str) -> str:
    """"visit 3, drive-by 5, lunch 1": the counted enum members in their enum's order."""
    order = {member: i for i, member in enumerate(type(next(iter(counter))))} if counter else {}
    return ", ".join(f"{inline_label(k, lang)} {n}" for k, n in sorted(counter.items(), key=lambda kv: order[kv[0]]))
