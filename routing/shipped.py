"""Where the folders shipped with the application lie: ``maps`` (the bundled OSM extracts) and
``resources`` (demo description, Qt translations, desktop files).

The source tree keeps them at its top level, beside ``app/`` and ``routing/``. An installed
wheel carries them inside this package, as ``routing/_shipped/<name>`` (``setup.py`` maps the
top-level folders there), so ``pip install zitour-planner`` works without the checkout; the
frozen bundle (``packaging/bundle.py``) lays them out the same way. One lookup serves all three:
inside the package first (``importlib.resources``), then beside it.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SHIPPED = ("maps", "resources")


def shipped_dir(name: str) -> Path:
    """The shipped folder ``name`` ("maps" or "resources") as a real directory.

    Raises FileNotFoundError naming both places looked at when neither holds it (a broken
    installation), rather than letting a later open fail on a path that does not exist.
    """
    if name not in SHIPPED:
        raise ValueError(f"unknown shipped folder {name!r} (expected one of {SHIPPED})")
    package = Path(str(files("routing")))
    inside, beside = package / "_shipped" / name, package.parent / name
    for candidate in (inside, beside):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the application's {name!r} folder is missing: looked in {inside} and {beside}")
