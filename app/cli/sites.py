"""``zitour sites import PROJECT FILE [--strict] [--region NAME]``.

Exit codes: 0 when the import ran (rejected rows, if any, are listed on stderr
as warnings: the valid rows were imported); 1 with ``--strict`` when a row was
rejected (nothing imported) and for any error (one line on stderr).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

from app.errors import ProjectError
from app.store.project import Project
from routing.errors import RegionError
from routing.messages import Message


def register(sub: argparse._SubParsersAction) -> None:
    sites = sub.add_parser("sites", help="manage a project's sites")
    sites_sub = sites.add_subparsers(dest="sites_command", metavar="ACTION", required=True)
    imp = sites_sub.add_parser(
        "import",
        help="import sites from a CSV, GeoJSON or OSM file",
        description="Import sites from a CSV (UTF-8 or Windows-1252, ',' or ';'), a GeoJSON file, or the named "
        "industrial features of an OSM extract. Valid rows are imported and rejected rows listed (exit 0); "
        "with --strict nothing is imported if any row is rejected (exit 1). Re-importing updates, never duplicates.",
    )
    imp.add_argument("project", type=Path, help="the .zitour project")
    imp.add_argument("file", type=Path, help="CSV, GeoJSON or OSM file")
    imp.add_argument("--strict", action="store_true", help="import nothing if any row is rejected")
    imp.add_argument("--region", help="region whose bounds rows must fall in (default: the project's region)")
    imp.set_defaults(func=run_import)


def _load_region(name: Optional[str], lang: str):
    """The region to check positions against, or None (with a note on stderr) when it cannot be loaded."""
    if not name:
        return None
    from routing.regions import load_region

    try:
        return load_region(name)
    except RegionError as exc:
        print(Message("cli.sites.region_not_checked", reason=exc.message).text(lang), file=sys.stderr)
        return None


def run_import(args: argparse.Namespace) -> int:
    from app.services.import_sites import import_sites_file

    lang = args.lang
    with Project.open(args.project) as project:
        region = _load_region(args.region or project.region_name, lang)
        if args.region and region is None:
            raise ProjectError("cli.region_not_loaded", region=args.region)
        report = import_sites_file(project, args.file, strict=args.strict, region=region)
    for r in report.rejected:
        print(f"  {r.text(lang)}", file=sys.stderr)
    n_bad = len(report.rejected_rows)
    if not report.applied:
        print(Message("cli.sites.nothing_imported", rejected=n_bad, source=report.source).text(lang), file=sys.stderr)
        return 1
    print(Message("cli.sites.imported", source=report.source, added=report.added, updated=report.updated,
                  unchanged=report.unchanged, rejected=n_bad).text(lang))
    if n_bad and report.added + report.updated + report.unchanged == 0:  # not one row was usable
        print(Message("cli.sites.every_row_rejected", rejected=n_bad, source=report.source).text(lang),
              file=sys.stderr)
        return 1
    if n_bad:
        print(Message("cli.sites.some_rejected", rejected=n_bad).text(lang), file=sys.stderr)
    return 0
