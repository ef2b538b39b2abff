"""Clock and duration formatting for bilingual messages (fr: "9 h 42", en: "9:42")."""
from __future__ import annotations

import math


def _hm(t_s: float) -> tuple[int, int]:
    m = int(math.floor(t_s / 60.0 + 1e-9))
    return (m // 60) % 24 if m >= 0 else 0, m % 60 if m >= 0 else 0


def clock_en(t_s: float) -> str:
    h, m = _hm(t_s)
    return f"{h}:{m:02d}"


def clock_fr(t_s: float) -> str:
    h, m = _hm(t_s)
    return f"{h} h {m:02d}"


def span_en(a_s: float, b_s: float) -> str:
    return f"{clock_en(a_s)}–{clock_en(b_s)}"


def span_fr(a_s: float, b_s: float) -> str:
    return f"{clock_fr(a_s)}–{clock_fr(b_s)}"


def dur_en(d_s: float) -> str:
    m = int(round(d_s / 60.0))
    return f"{m // 60} h {m % 60:02d} min" if m >= 60 else f"{m} min"


def dur_fr(d_s: float) -> str:
    m = int(round(d_s / 60.0))
    return f"{m // 60} h {m % 60:02d}" if m >= 60 else f"{m} min"


def mmss(d_s: float) -> str:
    s = int(round(d_s))
    return f"{s // 60}:{s % 60:02d}"
