"""Importing sites from CSV, GeoJSON or the region's OpenStreetMap data.

One entry point per source, all ending in :func:`apply_rows`:

* :func:`import_sites_file` — a CSV or GeoJSON file (or an OSM extract: its
  named industrial features), chosen from the file's name and content;
* :func:`import_osm_features` — features the organiser picked on the map
  (``Region.named_features()`` or :func:`app.services.osm_sites.read_osm_features`).

Rules: every rejected row is reported (row, column, reason); by default the
valid rows are imported, with ``strict=True`` nothing is imported when any row is
bad. Re-importing never duplicates: a row updates the site with the same source
and stable reference (OSM id, the file's ``id`` column or GeoJSON feature id),
else a site with the same name within :data:`SAME_SITE_M` metres. The whole
import is one transaction.
"""
from __future__ import annotations

import dataclasses
import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

from app.errors import SiteImportError
from app.model.entities import Site, SiteKind, SiteSource
from app.services.csv_sites import read_csv_rows
from app.services.geojson_sites import read_geojson_rows
from app.services.site_fields import Candidate, RawRow, RegionLike, RejectedRow, build_candidate, norm
from app.store.project import Project
from routing.errors import Message
from routing.progress import CancelToken, ProgressCallback, check, report

SAME_SITE_M = 50.0  # two sites with the same name closer than this are the same site

OSM_SUFFIXES = (".osm", ".pbf", ".osm.gz", ".osm.bz2", ".osm.pbf")
GEOJSON_SUFFIXES = (".geojson", ".json")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")

# OSM tags worth importing as candidate companies (restaurants, bus stations... are left out).
INDUSTRIAL_KINDS = ("landuse=industrial", "building=industrial", "man_made=works", "office=company", "craft=",
                    "industrial=")


@dataclass
class ImportReport:
    """What an import did. ``rejected`` may hold several problems of one row."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    applied: bool = True  # False: strict mode and rows were rejected, nothing was written
    site_ids: list[int] = field(default_factory=list)  # sites added or updated, in row order
    source: str = ""  # the file or "OpenStreetMap"
    detail: str = ""  # e.g. "cp1252, ';'" or "EPSG:2154 -> WGS84"

    @property
    def rejected_rows(self) -> list[int]:
        """Row numbers with at least one problem, ascending."""
        return sorted({r.row for r in self.rejected})


def _metres(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def _stable(site: Site) -> bool:
    """Whether a stored site's ``source_ref`` identifies it across re-imports."""
    return bool(site.source_ref) and (site.source == SiteSource.OSM or "#" in site.source_ref)


def _merge(old: Site, cand: Candidate) -> Site:
    """``old`` with the fields the import gave (empty cells never erase what the organiser typed)."""
    new = dataclasses.replace(old)
    for name in cand.provided:
        if cand.fill_only and getattr(old, name) not in ("", None):
            continue  # map data never overwrites what the organiser wrote
        setattr(new, name, getattr(cand.site, name))
    if cand.fill_only:
        if not old.source_ref:
            new.source, new.source_ref = cand.site.source, cand.site.source_ref
    # Take the import's reference when it is stable, or when it replaces one of the same
    # kind that was not; never trade a stable reference (an OSM id, an id column) for a row number.
    elif cand.stable_ref or (old.source == cand.site.source and not _stable(old)):
        new.source, new.source_ref = cand.site.source, cand.site.source_ref
    return new


def apply_rows(
    project: Project,
    rows: Sequence[RawRow],
    source: SiteSource,
    *,
    rejected: Optional[list[RejectedRow]] = None,
    strict: bool = False,
    region: Optional[RegionLike] = None,
    progress: Optional[ProgressCallback] = None,
    cancel: Optional[CancelToken] = None,
) -> ImportReport:
    """Validate ``rows``, match them with the project's sites and write them in one transaction."""
    out = ImportReport(rejected=list(rejected or []))
    candidates: list[Candidate] = []
    for i, raw in enumerate(rows):
        if i % 200 == 0:
            check(cancel)
            report(progress, 0.8 * i / max(1, len(rows)), "validation")
        cand, problems = build_candidate(raw, source, region)
        out.rejected.extend(problems)
        if cand is not None:
            candidates.append(cand)

    # Match against the project's sites and against earlier rows of this same import.
    existing = project.sites()
    by_ref = {(s.source, s.source_ref): s for s in existing if _stable(s)}
    by_name: dict[str, list[Site]] = {}
    for s in existing:
        by_name.setdefault(norm(s.name), []).append(s)
    claimed: dict[int, int] = {}  # id(site object) -> row that claimed it
    actions: list[tuple[str, Candidate, Optional[Site]]] = []
    for cand in candidates:
        site = cand.site
        match = by_ref.get((site.source, site.source_ref)) if cand.stable_ref else None
        if match is None:
            near = [s for s in by_name.get(norm(site.name), ()) if _metres(s.lon, s.lat, site.lon, site.lat) <= SAME_SITE_M]
            match = min(near, key=lambda s: _metres(s.lon, s.lat, site.lon, site.lat)) if near else None
        if match is not None and id(match) in claimed:
            first = claimed[id(match)]
            out.rejected.append(
                RejectedRow(cand.row, "", Message("import.duplicate_row", first=first), name=site.name)
            )
            continue
        if match is None:
            actions.append(("add", cand, None))
            target = site
        else:
            merged = _merge(match, cand)
            actions.append(("same" if merged == match else "update", cand, merged))
            target = match
        claimed[id(target)] = cand.row
        if cand.stable_ref:
            by_ref[(site.source, site.source_ref)] = target
        by_name.setdefault(norm(site.name), []).append(target)

    out.rejected.sort(key=lambda r: (r.row, r.column))
    if strict and out.rejected:
        out.applied = False
        return out
    check(cancel)
    with project.transaction():
        for action, cand, merged in actions:
            if action == "add":
                project.add(cand.site)
                out.added += 1
                out.site_ids.append(cand.site.id)  # type: ignore[arg-type]
            elif action == "update":
                assert merged is not None
                project.update(merged)
                out.updated += 1
                out.site_ids.append(merged.id)  # type: ignore[arg-type]
            else:
                out.unchanged += 1
    report(progress, 1.0, "")
    return out


def _file_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(OSM_SUFFIXES):
        return "osm"
    if name.endswith(GEOJSON_SUFFIXES):
        return "geojson"
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    try:
        with path.open("rb") as f:
            head = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return "csv"  # the CSV reader reports the error with the file's name
    if head.startswith(b"{"):
        return "geojson"
    if head.startswith(b"<?xml") or head.startswith(b"<osm"):
        return "osm"
    return "csv"


def import_sites_file(
    project: Project,
    path: Path | str,
    *,
    strict: bool = False,
    region: Optional[RegionLike] = None,
    progress: Optional[ProgressCallback] = None,
    cancel: Optional[CancelToken] = None,
) -> ImportReport:
    """Import the sites of a CSV, GeoJSON or OSM file into ``project``.

    ``region`` (anything with ``contains(lon, lat)``) rejects rows outside it;
    without one only the WGS84 ranges are checked. Raises :class:`SiteImportError`
    when the file as a whole is unusable; bad rows are returned in the report.
    """
    path = Path(path)
    if not path.is_file():
        raise SiteImportError("file.no_such_file", file=str(path))
    kind = _file_kind(path)
    report(progress, 0.0, path.name)
    if kind == "osm":
        from app.services.osm_sites import read_osm_features
        from routing.errors import RegionError

        try:
            features = [f for f in read_osm_features(path) if f.kind.startswith(INDUSTRIAL_KINDS)]
        except RegionError as exc:
            raise SiteImportError(exc.message) from None
        out = import_osm_features(project, features, strict=strict, region=region, progress=progress, cancel=cancel)
    elif kind == "geojson":
        rows, rejected, crs_name = read_geojson_rows(path)
        out = apply_rows(project, rows, SiteSource.GEOJSON, rejected=rejected, strict=strict, region=region,
                         progress=progress, cancel=cancel)
        out.detail = crs_name
    else:
        rows, rejected, fmt = read_csv_rows(path)
        out = apply_rows(project, rows, SiteSource.CSV, rejected=rejected, strict=strict, region=region,
                         progress=progress, cancel=cancel)
        out.detail = f"{fmt.encoding}, {fmt.delimiter!r}"
    out.source = path.name
    return out


def _osm_kind(tags: dict[str, str]) -> SiteKind:
    if tags.get("amenity") in ("restaurant", "fast_food", "canteen", "cafe"):
        return SiteKind.RESTAURANT
    if tags.get("amenity") in ("bus_station", "bus_depot"):
        return SiteKind.DEPOT
    if tags.get("amenity") in ("college", "school") or tags.get("office") == "educational_institution":
        return SiteKind.TRAINING_CENTRE
    return SiteKind.COMPANY


def osm_feature_row(n: int, feature: Any) -> RawRow:
    """A row for one OSM named feature (``routing.region.NamedFeature`` or ``OsmFeature``)."""
    tags: dict[str, str] = dict(feature.tags or {})
    street = " ".join(x for x in (tags.get("addr:street", ""), tags.get("addr:housenumber", "")) if x)
    town = " ".join(x for x in (tags.get("addr:postcode", ""), tags.get("addr:city", "")) if x)
    key, _, value = feature.kind.partition("=")
    sector = tags.get("industrial") or tags.get("craft") or tags.get("product") or ""
    notes = f"OpenStreetMap {feature.osm_type}/{feature.osm_id} ({feature.kind})"
    if tags.get("operator"):
        notes += f" — exploitant : {tags['operator']}"
    if tags.get("website") or tags.get("contact:website"):
        notes += f" — {tags.get('website') or tags.get('contact:website')}"
    values = {
        "name": feature.name,
        "kind": _osm_kind(tags).value,
        "address": ", ".join(x for x in (street, town) if x),
        "sector": sector.replace("_", " "),
        "products": tags.get("product", ""),
        "contact_phone": tags.get("phone") or tags.get("contact:phone", ""),
        "contact_email": tags.get("email") or tags.get("contact:email", ""),
        "notes": notes,
    }
    ref = f"{feature.osm_type}/{feature.osm_id}"
    return RawRow(row=n, values=values, lonlat=(float(feature.lon), float(feature.lat)), ref=ref, fill_only=True)


def import_osm_features(
    project: Project,
    features: Iterable[Any],
    *,
    strict: bool = False,
    region: Optional[RegionLike] = None,
    progress: Optional[ProgressCallback] = None,
    cancel: Optional[CancelToken] = None,
) -> ImportReport:
    """Import named OSM features (objects with osm_type, osm_id, name, kind, lon, lat, tags) as sites.

    Row numbers in the report are 1-based positions in ``features``. A feature
    matching an existing site (same OSM reference, else same name within
    :data:`SAME_SITE_M`) only fills that site's empty fields.
    """
    rows = [osm_feature_row(n, f) for n, f in enumerate(features, start=1)]
    out = apply_rows(project, rows, SiteSource.OSM, strict=strict, region=region, progress=progress, cancel=cancel)
    out.source = "OpenStreetMap"
    return out


def preview_import(project, run: Callable[[Any], ImportReport]) -> tuple[ImportReport, list[Site]]:
    """Run ``run(copy)`` on a temporary copy of ``project`` (a dry run: the project is untouched);
    returns the report and the sites it would add or update, in row order."""
    with tempfile.TemporaryDirectory(prefix="zitour-preview-") as folder:
        copy_path = Path(folder) / "preview.zitour"
        project.backup_to(copy_path)
        with Project.open(copy_path) as copy:
            report = run(copy)
            by_id = {s.id: s for s in copy.sites()}
            sites = [by_id[i] for i in report.site_ids if i in by_id]
    return report, sites
