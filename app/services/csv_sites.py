"""Reading sites from a spreadsheet saved as CSV.

Accepts what French organisers' spreadsheets produce: UTF-8 with or without
BOM, UTF-16 (Excel "Unicode text"), else Windows-1252; ``;``, ``,`` or tab
separators (guessed from the header line, where decimal commas cannot
mislead); headers in French or English (see :mod:`app.services.site_fields`).
"""
from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from app.errors import SiteImportError
from app.services.site_fields import RawRow, RejectedRow, canonical_field
from routing.errors import Message

DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True)
class CsvFormat:
    encoding: str  # "utf-8-sig", "utf-8", "utf-16", "cp1252" or "latin-1"
    delimiter: str


def _fail(path: Path, problem: Message) -> SiteImportError:
    return SiteImportError("file.problem", file=path.name, problem=problem)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOMs first, then strict UTF-8, then Windows-1252 (Excel's "CSV" on French Windows)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), "latin-1"


def guess_delimiter(header_line: str) -> str:
    """The separator used most in the header line (``;`` wins ties: French Excel uses it)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equal counts
    return best


def read_csv_rows(path: Path) -> tuple[list[RawRow], list[RejectedRow], CsvFormat]:
    """The data rows of the CSV file at ``path`` and the rows rejected while reading.

    Raises :class:`SiteImportError` naming the file when it cannot be used at all
    (unreadable, empty, no name column, no coordinate columns).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(path, Message("import.unreadable", detail=str(exc.strerror))) from None
    text, encoding = decode(data)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not first:
        raise _fail(path, Message("file.empty"))
    delimiter = guess_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                header = [c.strip() for c in cells]
                break
        columns: dict[str, tuple[int, str]] = {}
        for i, h in enumerate(header):
            canon = canonical_field(h)
            if canon and canon not in columns:
                columns[canon] = (i, h)
        if "name" not in columns:
            raise _fail(path, Message("import.csv.no_name_column", columns=header))
        if not ({"lon", "lat"} <= columns.keys() or "coordinates" in columns):
            raise _fail(path, Message("import.csv.no_coordinate_columns", columns=header))
        rows: list[RawRow] = []
        rejected: list[RejectedRow] = []
        n = 0
        line = reader.line_num + 1
        for cells in reader:
            n += 1
            start_line, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue  # blank lines between blocks are common; they still count as rows
            values = {canon: (cells[i] if i < len(cells) else "") for canon, (i, _) in columns.items()}
            raw = RawRow(
                row=n + 1,  # as a spreadsheet numbers it: the header is row 1
                values=values,
                columns={canon: h for canon, (_, h) in columns.items()},
                line=start_line,
                ref=f"{path.name}#{values['ref'].strip()}" if values.get("ref", "").strip() else "",
                fallback_ref=f"{path.name}@{n}",
            )
            extra = [c for c in cells[len(header):] if c.strip()]
            if extra:
                rejected.append(
                    RejectedRow(
                        n + 1, "",
                        Message("import.csv.extra_values", values=len(cells), columns=len(header)),
                        start_line, values.get("name", "").strip(),
                    )
                )
                continue
            rows.append(raw)
    except csv.Error as exc:
        raise _fail(path, Message("import.csv.bad_csv", line=reader.line_num, detail=str(exc))) from None
    return rows, rejected, CsvFormat(encoding, delimiter)
