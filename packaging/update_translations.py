#!/usr/bin/env python3
"""Refresh the French translation of the interface.

1. ``pyside6-lupdate`` collects every ``tr()`` / ``translate()`` / ``QT_TRANSLATE_NOOP``
   string of ``app/ui`` (the map canvas included) into ``resources/i18n/zitour_fr.ts``,
   keeping the translations already there (edit them with ``pyside6-linguist``).
2. Messages still unfinished get their French from ``packaging/translations_fr.json``
   (source text -> French) when it has them; the rest are listed and left unfinished.
3. ``pyside6-lrelease`` compiles ``zitour_fr.qm``, loaded at start-up.
4. The core's message catalogs ``app/i18n/catalogs/*.po`` are compiled to ``.mo``
   (edit the ``.po`` files: one per language, the code as ``msgid``).

Run: ``.venv/bin/python packaging/update_translations.py`` (exit 1 if anything is left untranslated).
"""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
TS = REPO / "resources" / "i18n" / "zitour_fr.ts"
QM = TS.with_suffix(".qm")
GLOSSARY = REPO / "packaging" / "translations_fr.json"
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    return sorted(str(p.relative_to(REPO)) for p in (REPO / "app" / "ui").rglob("*.py"))


def lupdate() -> None:
    TS.parent.mkdir(parents=True, exist_ok=True)
    cmd = [str(BIN / "pyside6-lupdate"), *sources(), "-source-language", "en", "-target-language", "fr_FR",
           "-no-obsolete", "-locations", "none", "-ts", str(TS.relative_to(REPO))]
    subprocess.run(cmd, cwd=REPO, check=True)


def fill() -> list[tuple[str, str]]:
    """Fill unfinished messages from the glossary; returns (context, source) still unfinished."""
    glossary: dict[str, str] = json.loads(GLOSSARY.read_text(encoding="utf-8")) if GLOSSARY.exists() else {}
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        ctx = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if translation.get("type") != "unfinished":
                continue
            french = glossary.get(f"{ctx}|{source}", glossary.get(source))
            if french:
                translation.text = french
                del translation.attrib["type"]
            else:
                missing.append((ctx, source))
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return missing


def lrelease() -> None:
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=REPO, check=True)


def main() -> int:
    lupdate()
    missing = fill()
    lrelease()
    from app.i18n.catalog_tools import compile_all

    for mo in compile_all():
        print(f"compiled {mo.relative_to(REPO)}")
    for ctx, source in missing:
        print(f"untranslated: [{ctx}] {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
