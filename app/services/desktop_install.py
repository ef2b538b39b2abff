"""Desktop integration on Linux: a menu entry, an icon and the ``.zitour`` file type, so that a
double click on a project opens it (the file manager runs ``zitour PATH``).

Installed for the current user under ``$XDG_DATA_HOME`` (default ``~/.local/share``), following
the freedesktop.org Desktop Entry and Shared MIME-info specifications; the MIME and desktop
databases are refreshed when their tools are installed (``shared-mime-info``,
``desktop-file-utils``). No Qt, no network.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Optional

from routing.shipped import shipped_dir

RESOURCES = shipped_dir("resources") / "desktop"
APP_ID = "zitour-planner"
MIME_TYPE = "application/x-zitour-project"


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher() -> str:
    """The ``zitour`` command this installation runs: the bundle's own executable when frozen,
    else the script beside the interpreter, else the one on PATH."""
    if getattr(sys, "frozen", False):
        return sys.executable
    here = Path(sys.executable).with_name("zitour")
    return str(here) if here.exists() else (shutil.which("zitour") or "zitour")


def _quoted(path: str) -> str:
    """An Exec key argument: quoted when it holds a space or a reserved character (Desktop Entry spec)."""
    if any(ch in path for ch in ' \t\n"\'\\><~|&;$*?#()`'):
        return '"' + path.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$") + '"'
    return path


def install(target: Optional[Path] = None, command: Optional[str] = None) -> list[Path]:
    """Write the menu entry, the MIME definition and the icon under ``target`` (default: the user's
    data folder); returns the files written. ``command``: what the entry runs (default: this
    installation's ``zitour``)."""
    root = Path(target) if target is not None else data_home()
    entry = (RESOURCES / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    entry = entry.replace("Exec=zitour %f", f"Exec={_quoted(command or launcher())} %f")
    files = {
        root / "applications" / f"{APP_ID}.desktop": entry.encode("utf-8"),
        root / "mime" / "packages" / f"{APP_ID}.xml": (RESOURCES / f"{APP_ID}.xml").read_bytes(),
        root / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": (RESOURCES / "zitour.svg").read_bytes(),
    }
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    for tool, folder in (("update-mime-database", root / "mime"), ("update-desktop-database", root / "applications")):
        exe = shutil.which(tool)
        if exe:
            subprocess.run([exe, str(folder)], check=False, capture_output=True, timeout=60)
    return list(files)
