"""Temporary files a killed import, export or demo build left behind, removed before the next write.

Every long write goes to a temporary name first and is renamed at the end, so a kill -9
never leaves a damaged result, only a temporary file. Those are removed once they are
older than :data:`STALE_AFTER_S` (a younger one may belong to a job still running in
another window).
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

STALE_AFTER_S = 15 * 60


def remove_stale(folder: Path, pattern: str, now: float | None = None) -> list[Path]:
    """Delete the files or folders of ``folder`` matching ``pattern`` older than STALE_AFTER_S; returns them."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    now = time.time() if now is None else now
    removed = []
    for path in folder.glob(pattern):
        try:
            if now - path.stat().st_mtime < STALE_AFTER_S:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
        except OSError:
            continue  # best effort: a leftover never stops the work
    return removed
