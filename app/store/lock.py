"""An exclusive, non-blocking lock on a project file.

On POSIX it is ``flock`` on the project file itself: SQLite's own locks are
``fcntl`` byte-range locks, which do not interact with ``flock``, and the OS
drops the lock when the process dies, so a crash never leaves a stale lock.
Elsewhere (Windows) a ``.lock`` file beside the project is locked with msvcrt.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional


class LockBusy(Exception):
    """Another process holds the lock."""


class FileLock:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: Optional[int] = None

    def acquire(self) -> None:
        if os.name == "posix":
            import fcntl

            fd = os.open(self.path, os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise LockBusy(str(self.path)) from None
        else:  # pragma: no cover - exercised on Windows only
            import msvcrt

            fd = os.open(str(self.path) + ".lock", os.O_RDWR | os.O_CREAT)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            except OSError:
                os.close(fd)
                raise LockBusy(str(self.path)) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None
