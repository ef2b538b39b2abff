"""A simple A4 table for the event documents (company schedules, group programmes): a title band,
then rows of cells that wrap, a new page when the next row does not fit. Millimetres, points."""
from __future__ import annotations

from typing import Any, Sequence

MARGIN, WIDTH, BOTTOM = 12.0, 186.0, 280.0
GREY = "#555555"


class TablePage:
    """Writes a table down the page of ``canvas`` from ``y``; ``widths`` in mm (their sum: WIDTH)."""

    def __init__(self, canvas: Any, y: float, header: Sequence[str], widths: Sequence[float],
                 size_pt: float = 9.0):
        self.canvas, self.y, self.header, self.widths, self.size = canvas, y, list(header), list(widths), size_pt
        self._row(self.header, bold=True, fill="#e8eef8")

    def _height(self, cells: Sequence[str], bold: bool) -> float:
        return max(self.canvas.text_height(c, w - 2, self.size, bold=bold) for c, w in zip(cells, self.widths)) + 2

    def _row(self, cells: Sequence[str], bold: bool = False, fill: str | None = None) -> None:
        h = self._height(cells, bold)
        if fill:
            self.canvas.rect(MARGIN, self.y, WIDTH, h, fill=fill)
        x = MARGIN
        for c, w in zip(cells, self.widths):
            self.canvas.text(x + 1, self.y + 1, w - 2, h - 1, c, size_pt=self.size, bold=bold)
            x += w
        self.y += h
        self.canvas.line(MARGIN, self.y, MARGIN + WIDTH, self.y, color="#bbbbbb", width_mm=0.15)

    def add(self, cells: Sequence[str]) -> None:
        if self.y + self._height(cells, False) > BOTTOM:
            self.canvas.new_page()
            self.y = MARGIN
            self._row(self.header, bold=True, fill="#e8eef8")
        self._row(cells)


def title_band(canvas: Any, title: str, lines: Sequence[str]) -> float:
    """The page's coloured title band; returns the y (mm) below it."""
    canvas.rect(0, 0, 210, 30 + 6 * max(0, len(lines) - 1), fill="#2f3e4e")
    canvas.text(MARGIN, 7, WIDTH, 11, title, size_pt=17, bold=True, color="#ffffff")
    y = 19.0
    for line in lines:
        canvas.text(MARGIN, y, WIDTH, 6, line, size_pt=10, color="#e8eef8")
        y += 6
    return y + 8
