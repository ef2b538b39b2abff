"""Safe file names and all-or-nothing writing into the chosen export folder.

Every export is first written into a hidden staging folder *inside* the target
folder (same file system), then each file is moved into place with
``os.replace``: a crash or a cancel leaves either the old file or the new one,
never half a file, and nothing is ever written outside the folder.
"""
from __future__ import annotations

import os

from routing.leftovers import remove_stale
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Iterable

from app.errors import ExportError

_UNSAFE = re.compile(r"[^a-z0-9]+")
STAGING_PREFIX = ".zitour-export-"


def slug(text: str, fallback: str = "circuit", max_len: int = 60) -> str:
    """ASCII, lower-case, hyphen-separated file-name part of ``text``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    out = _UNSAFE.sub("-", ascii_text).strip("-")[:max_len].strip("-")
    return out or fallback


def unique_slugs(labels: Iterable[str], fallback: str, max_len: int = 30) -> list[str]:
    """File-name parts for ``labels`` (buses, ambassadors), distinct: a repeat gets its position
    ("car-1", "car-1-2"); an empty label becomes ``fallback``-N."""
    out, seen = [], set()
    for i, text in enumerate(labels):
        part = slug(text, fallback=f"{fallback}-{i + 1}", max_len=max_len)
        if part in seen:
            part = f"{part}-{i + 1}"
        seen.add(part)
        out.append(part)
    return out


def check_name(name: str) -> str:
    """Return ``name`` if it is a plain file name; raise ExportError otherwise.

    Rejects path separators, ``..``, absolute or drive paths, control characters and
    hidden names, so a file can only land directly in the chosen folder.
    """
    bad = (
        not name
        or name in (".", "..")
        or ".." in name
        or name.startswith(".")
        or any(sep in name for sep in ("/", "\\", ":"))
        or any(ord(c) < 32 for c in name)
        or os.path.isabs(name)
    )
    if bad:
        # control characters shown escaped, as Python writes them, so the message stays on one line
        raise ExportError("export.bad_file_name", name=repr(name)[1:-1])
    return name


def prepare_folder(out_dir: Path) -> Path:
    """Create ``out_dir`` if needed and return its resolved path."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError("export.folder_is_file", folder=str(out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError("export.folder_not_created", folder=str(out_dir), detail=str(exc.strerror)) from None
    if not os.access(out_dir, os.W_OK):
        raise ExportError("export.folder_not_writable", folder=str(out_dir))
    remove_stale(out_dir, STAGING_PREFIX + "*")  # what a killed export left
    return out_dir.resolve()


def check_overwrite(out_dir: Path, names: Iterable[str], force: bool) -> list[Path]:
    """The target files that already exist; raise ExportError listing them unless ``force``."""
    existing = [out_dir / n for n in names if (out_dir / n).exists() or (out_dir / n).is_symlink()]
    if existing and not force:
        raise ExportError("export.files_exist", folder=str(out_dir), files=[p.name for p in existing])
    for path in existing:
        if path.is_dir() and not path.is_symlink():
            raise ExportError("export.target_is_folder", path=str(path))
    return existing


class Staging:
    """A hidden folder inside the target folder; ``commit`` moves files into place.

    Use as a context manager: on error or cancel the staging folder is removed.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def commit(self, names: Iterable[str]) -> list[Path]:
        """Move the staged files ``names`` into the target folder, atomically each."""
        done = []
        for name in names:
            check_name(name)
            src = self.path / name
            _fsync(src)
            dst = self.out_dir / name
            os.replace(src, dst)
            done.append(dst)
        _fsync_dir(self.out_dir)
        return done


def _fsync(path: Path) -> None:
    # flush the data before the rename so a power cut cannot leave an empty file under the final name
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
