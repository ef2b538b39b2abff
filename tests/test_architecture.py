"""The layering of ARCHITECTURE.md holds: import-linter contracts in pyproject.toml."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is a test dependency"
    result = subprocess.run([lint], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: " in result.stdout and " broken" in result.stdout


def test_core_has_no_qt_import_at_all():
    """Stricter than the contract: not even an indirect or lazy Qt import in the core."""
    offenders = []
    for folder in ("routing", "app/model", "app/store", "app/services"):
        for path in (REPO / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "PySide6" in text or "PyQt" in text:
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_exports_never_import_qt_widgets():
    """Exports may paint PDFs with QtGui (through the PDF adapter); never QtWidgets."""
    widget_import = re.compile(r"^\s*(from\s+PySide6\.QtWidgets|import\s+PySide6\.QtWidgets|from\s+PySide6\s+import\s+.*QtWidgets)", re.M)
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "app" / "exports").rglob("*.py")
        if widget_import.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_main_window_keeps_the_layout_only():
    """Document state, commands and rules live in the session, controllers and services."""
    lines = (REPO / "app" / "ui" / "main_window.py").read_text(encoding="utf-8").count("\n")
    assert lines < 300


def test_the_interface_never_talks_sql():
    """The interface reads and writes the project through the store's API, never with SQL of its own."""
    offenders = [str(p.relative_to(REPO)) for p in (REPO / "app" / "ui").rglob("*.py")
                 if re.search(r"^\s*(import sqlite3|from sqlite3)|\bSELECT\b|\bWHERE\b", p.read_text(encoding="utf-8"), re.M)]
    assert offenders == []
