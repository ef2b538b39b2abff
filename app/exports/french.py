"""French typography for the documents beyond the formatters: labels and titles.

Dates, clock times, durations and distances come from the application's one set
of formatters, :mod:`app.i18n.formats` (always ``"fr"`` here: the documents are
French); they join numbers to their units with non-breaking spaces (U+00A0).
"""
from __future__ import annotations

import re

from app.i18n.formats import NBSP

WORD_JOINER = "\u2060"  # no line break here, nothing drawn
ZERO_WIDTH_SPACE = "\u200b"  # a line may break here, nothing drawn
_PHONE = re.compile(r"\+?[0-9][0-9 ().\-/]{5,}[0-9]")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}\b)")
_RANGE_DASH = re.compile(r"\s*[–-]\s*(?=\d)")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# Pictographs and emoji (with their variation selector, joiner and skin tones): the PDF fonts
# have none and would print empty boxes.
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\U0001F3FB-\U0001F3FF]+ ?")


def without_emoji(text: str) -> tuple[str, bool]:
    """``text`` without its emoji, and whether it had any (the document then says they were left out)."""
    out = _EMOJI.sub("", text)
    return out, out != text


def label(text: str) -> str:
    """``Départ :`` with the non-breaking space French puts before a colon."""
    return f"{text}{NBSP}:"


def tour_title(name: str) -> str:
    """The tour's title for documents: « ZI Tour « name » », unless the name already says ZI Tour."""
    return name if "zi tour" in name.lower() else f"ZI Tour « {name} »"


def for_print(text: str) -> str:
    """``text`` laid out as a printed table needs it: a telephone number and a number with its
    thousands ("2 600–3 300 €") never break inside (non-breaking spaces, a word joiner at a range's
    dash), and an e-mail address may break after its ``@`` and its dots rather than run out of its
    column."""
    def phone(m: re.Match) -> str:
        return m.group(0).replace(" ", NBSP)

    def email(m: re.Match) -> str:
        return m.group(0).replace("@", "@" + ZERO_WIDTH_SPACE).replace(".", "." + ZERO_WIDTH_SPACE)

    text = _EMAIL.sub(email, text)
    text = _PHONE.sub(phone, text)
    text = _THOUSANDS.sub(NBSP, text)
    return _RANGE_DASH.sub(lambda m: WORD_JOINER + "–" + WORD_JOINER, text)
