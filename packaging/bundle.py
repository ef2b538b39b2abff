"""Build the self-contained ZI Tour planner bundle: ``python packaging/bundle.py``.

Runs PyInstaller on ``packaging/zitour.spec`` (it must be installed: ``pip install -e .[bundle]``)
and packs the folder it makes into one archive an organiser unpacks anywhere:

- Linux: ``dist/zitour-planner-<version>-linux-<machine>.tar.gz`` (run ``zitour-planner/zitour``;
  ``zitour desktop-install`` then adds the menu entry and the .zitour file type);
- Windows: ``dist/zitour-planner-<version>-windows-<machine>.zip`` (``ZI Tour planner.exe``;
  docs/packaging.md gives the Inno Setup step that turns the folder into an installer).

Prints the folder's size, the archive's size and the build time. Nothing is downloaded.
"""
from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "zitour.spec"
NAME = "zitour-planner"


def folder_size(path: Path) -> int:
    """Bytes in the files under ``path``."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller; returns the bundle folder ``dist/zitour-planner``."""
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(SPEC)], check=True, cwd=ROOT)
    return dist / NAME


def archive(folder: Path) -> Path:
    """The folder packed for its platform (tar.gz keeps the executable bits; zip on Windows)."""
    system = "windows" if sys.platform == "win32" else sys.platform.rstrip("0123456789")
    base = folder.parent / f"{NAME}-{version('zitour-planner')}-{system}-{platform.machine().lower()}"
    if sys.platform == "win32":
        return Path(shutil.make_archive(str(base), "zip", folder.parent, folder.name))
    out = base.with_name(base.name + ".tar.gz")
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=folder.name)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle goes (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's working folder (default build/pyinstaller)")
    parser.add_argument("--no-archive", action="store_true", help="build the folder only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folder = build(args.dist, args.work)
    packed = None if args.no_archive else archive(folder)
    print(f"bundle folder  {folder}  {folder_size(folder) / 2**20:.0f} MiB")
    if packed:
        print(f"archive        {packed}  {packed.stat().st_size / 2**20:.0f} MiB")
    print(f"built in       {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
