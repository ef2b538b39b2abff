"""Build and check the message catalogs (developer tools; the running app only reads ``.mo``).

``compile_all()`` turns every ``catalogs/*.po`` into its ``.mo`` (Babel's reader and
writer); ``codes_in_sources()`` lists the message codes the code base uses, so a test
can check that every catalog says every one of them with the same fields.
"""
from __future__ import annotations

import ast
import io
import string
from pathlib import Path

from app.i18n import CATALOG_DIR

REPO = Path(__file__).resolve().parents[2]
# Calls whose first argument is a message code.
_CODE_CALLS = {"Message", "UserError", "ProjectError", "ProjectInUse", "ProjectReadOnly", "SiteImportError",
               "ExportError", "RegionError", "RoutingError", "PlanningError", "CodedError", "Problem",
               "UserErrorWithCode", "VideoFileError", "SlotsError", "TrackError"}


def read(lang: str) -> dict[str, str]:
    """``code -> template`` of one ``.po`` file."""
    from babel.messages.pofile import read_po

    with open(CATALOG_DIR / f"{lang}.po", "rb") as handle:
        cat = read_po(handle)
    return {m.id: m.string for m in cat if m.id}


def compiled(lang: str) -> bytes:
    """The ``.mo`` bytes of ``catalogs/<lang>.po``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(CATALOG_DIR / f"{lang}.po", "rb") as handle:
        cat = read_po(handle)
    out = io.BytesIO()
    write_mo(out, cat, use_fuzzy=False)
    return out.getvalue()


def compile_all() -> list[Path]:
    written = []
    for po in sorted(CATALOG_DIR.glob("*.po")):
        mo = po.with_suffix(".mo")
        data = compiled(po.stem)
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)
            written.append(mo)
    return written


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def codes_in_sources(roots=("app", "routing")) -> dict[str, set[str]]:
    """Every literal message code in the sources, with the keyword fields its calls give."""
    found: dict[str, set[str]] = {}
    for root in roots:
        for path in (REPO / root).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                first = node.args[0]
                if name in _CODE_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keys = {k.arg for k in node.keywords if k.arg}
                    found.setdefault(first.value, set()).update(keys)
    return found
