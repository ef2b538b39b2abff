"""Files that are not (usable) ZI Tour projects are refused with a clear message and left untouched."""
from __future__ import annotations

import os
import sqlite3
import stat
import struct
import zlib
from pathlib import Path

import pytest

from app.errors import ProjectError, ProjectReadOnly
from app.model import Site
from app.store import Project, check_project_file
from app.store.migrations import CURRENT_VERSION

from .conftest import fill, sha256


def _png(path: Path) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x00\xff\x00\x00"  # one red pixel
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _other_sqlite(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x')")
    conn.commit()
    conn.close()


def _project(path: Path) -> None:
    with Project.create(path) as p:
        fill(p)
        with p.transaction():
            for i in range(300):  # enough rows for several b-tree pages
                p.add(Site(f"Site {i}", 15.6, 48.4, notes="x" * 200))


def _truncated(path: Path) -> None:
    _project(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupted(path: Path) -> None:
    _project(path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(100, page):  # the schema page's content, past the file header
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    _project(path)
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.commit()
    conn.close()


CASES = {
    "text": (lambda p: p.write_text("nom;latitude\nA;48\n", encoding="utf-8"), "not a ZI Tour project"),
    "empty": (lambda p: p.write_bytes(b""), "not a ZI Tour project"),
    "png": (_png, "not a ZI Tour project"),
    "other_sqlite": (_other_sqlite, "SQLite database but not a ZI Tour project"),
    "truncated": (_truncated, "corrupted"),
    "corrupted": (_corrupted, "corrupted"),
    "newer": (_newer, "newer version"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("read_only", [False, True])
def test_foreign_file_is_refused_and_untouched(tmp_path, case, read_only):
    path = tmp_path / "f.zitour"
    make, expected = CASES[case]
    make(path)
    for extra in (path.with_name("f.zitour-wal"), path.with_name("f.zitour-shm")):
        assert not extra.exists()
    before = sha256(path)
    with pytest.raises(ProjectError) as info:
        Project.open(path, read_only=read_only)
    assert expected in info.value.message.text("en")
    assert str(path) in info.value.message.text("en") and str(path) in info.value.message.text("fr")
    assert sha256(path) == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["f.zitour"]


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProjectError, match="no such file"):
        Project.open(tmp_path / "nope.zitour")
    with pytest.raises(ProjectError, match="folder"):
        check_project_file(tmp_path)


def test_read_only_file_is_refused_for_writing_even_as_root(tmp_path):
    path = tmp_path / "ro.zitour"
    _project(path)
    path.chmod(0o444)
    before = sha256(path)
    try:
        with pytest.raises(ProjectReadOnly, match="read-only"):
            Project.open(path)
        assert sha256(path) == before
        assert sorted(x.name for x in tmp_path.iterdir()) == ["ro.zitour"]
        with Project.open(path, read_only=True) as p:  # reading is still possible
            assert len(p.sites()) == 302
        assert sha256(path) == before
        assert sorted(x.name for x in tmp_path.iterdir()) == ["ro.zitour"]
    finally:
        path.chmod(0o644)


def test_read_only_folder_is_refused_for_writing(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "p.zitour"
    _project(path)
    before = sha256(path)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ProjectReadOnly):
            Project.open(path)
        with Project.open(path, read_only=True) as p:
            assert len(p.sites()) == 302
        assert sorted(os.listdir(folder)) == ["p.zitour"]
    finally:
        folder.chmod(0o755)
    assert sha256(path) == before
