"""Bar charts painted on the PDF canvas (millimetres): the season report's charts.

Plain painter calls, no chart library: QtCharts would need the widgets module in the exports,
matplotlib costs 0.7 s to import (measured, ``python -X importtime``) and neither prints the
numbers the way the report's tables do. Every bar carries its value as text, so the PDF reads
back with the same numbers as the CSV.
"""
from __future__ import annotations

from typing import Any, Sequence

from app.exports.event_pdf import GREY

PALETTE = ("#1f5fbf", "#e07b00", "#2e8b57", "#8e44ad")


def hbar_chart(canvas: Any, x: float, y: float, w: float, title: str, rows: Sequence[tuple[str, Sequence[int]]],
               series: Sequence[str], bar_mm: float = 4.0) -> float:
    """Horizontal bars: one row per label, one bar per series (its value printed after it), the
    series' names as a legend under the title. Returns the y (mm) below the chart."""
    canvas.text(x, y, w, 6, title, size_pt=11, bold=True)
    y += 6.5
    if len(series) > 1:
        lx = x
        for i, name in enumerate(series):
            canvas.rect(lx, y + 0.8, 3, 3, fill=PALETTE[i % len(PALETTE)])
            canvas.text(lx + 4, y, 50, 5, name, size_pt=8, color=GREY)
            lx += 5 + canvas.text_width(name, 8) + 4
        y += 5.5
    label_w = min(60.0, w * 0.38)
    values_max = max([v for _, values in rows for v in values] + [1])
    room = w - label_w - 14
    for label, values in rows:
        h = bar_mm * len(values) + 1.5
        canvas.text(x, y, label_w - 2, h, label, size_pt=8)
        for i, v in enumerate(values):
            by = y + i * bar_mm
            length = room * v / values_max
            canvas.rect(x + label_w, by + 0.4, max(0.3, length), bar_mm - 0.8, fill=PALETTE[i % len(PALETTE)])
            canvas.text(x + label_w + length + 1, by, 14, bar_mm, str(v), size_pt=7.5)
        y += h
    return y + 3


def column_chart(canvas: Any, x: float, y: float, w: float, h: float, title: str,
                 columns: Sequence[tuple[str, int]]) -> float:
    """Vertical bars along a time line (one per period label), each with its value above it.
    Returns the y (mm) below the chart."""
    canvas.text(x, y, w, 6, title, size_pt=11, bold=True)
    y += 7
    if not columns:
        return y
    top = max([v for _, v in columns] + [1])
    step = w / len(columns)
    base = y + h
    canvas.line(x, base, x + w, base, color="#888888", width_mm=0.2)
    for i, (label, v) in enumerate(columns):
        bh = (h - 5) * v / top
        cx = x + i * step
        canvas.rect(cx + step * 0.15, base - bh, step * 0.7, max(0.2, bh), fill=PALETTE[0])
        canvas.text(cx, base - bh - 4.5, step, 4, str(v), size_pt=7, align="center")
        canvas.text(cx, base + 0.5, step, 4, label, size_pt=6.5, color=GREY, align="center")
    return base + 8
