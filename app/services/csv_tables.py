"""A spreadsheet saved as CSV, read as organisers' files come: UTF-8 with or without BOM,
UTF-16 or Windows-1252 (:func:`app.services.csv_sites.decode`), ``;``, ``,`` or tab separators,
blank lines anywhere, headers in French or English matched by words (case and accents aside).

:func:`read_table` gives the header and the rows with the line each starts on (a quoted cell may
hold line breaks); a file that cannot be read as a table raises SiteImportError naming it. No Qt.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from app.errors import SiteImportError
from app.model.season import plain
from app.services.csv_sites import decode, guess_delimiter
from routing.errors import Message


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line the row starts on, as a spreadsheet numbers it; cells)


@dataclass(frozen=True)
class RejectedLine:
    """A row left out of an import, and why."""

    line: int  # as a spreadsheet numbers it (the header is line 1)
    reason: Message


def fail(path: Path, problem: Message) -> SiteImportError:
    return SiteImportError("file.problem", file=Path(path).name, problem=problem)


def read_table(path: Path) -> Table:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise fail(path, Message("import.unreadable", detail=str(exc.strerror))) from None
    if data.startswith(b"SQLite format 3\x00") or (b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise fail(path, Message("participants.not_csv"))
    text, _encoding = decode(data)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not first:
        raise fail(path, Message("file.empty"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=guess_delimiter(first))
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for cells in reader:
            if any(c.strip() for c in cells):
                if header:
                    rows.append((start, cells))
                else:
                    header = [c.strip() for c in cells]
            start = reader.line_num + 1
    except csv.Error as exc:  # a cell past the csv module's limit, a stray NUL...
        raise fail(path, Message("import.csv.bad_csv", line=reader.line_num, detail=str(exc))) from None
    return Table(header, rows)


def find_columns(header: list[str], words: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """field -> column index, for each field one of whose header ``words`` names a column (the first)."""
    columns: dict[str, int] = {}
    for i, h in enumerate(header):
        for name, synonyms in words.items():
            if plain(h) in synonyms and name not in columns:
                columns[name] = i
                break
    return columns


def cells_of(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
    """The row's value per field ("" past its end), stripped."""
    return {k: (cells[i].strip() if i < len(cells) else "") for k, i in columns.items()}
