"""The region store on disk: import OSM extracts, list and load compiled regions.

Compiled regions live in ``regions_dir()`` as ``<name>.zreg`` (:mod:`routing.compiled`).
The bundled extracts in the repository's ``maps/`` folder are compiled there on first use.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from routing.compiled import FORMAT_VERSION, SUFFIX, read_header, write_compiled
from routing.leftovers import remove_stale
from routing.errors import Message, RegionError
from routing.progress import CancelToken, ProgressCallback, check, report
from routing.region import Region
from routing.shipped import shipped_dir

Bbox = tuple[float, float, float, float]

# bundled region name -> file in maps/
BUNDLED = {
    "krems": "krems_austria.osm.gz",
    "lyon-la-doua": "lyon_villeurbanne_ladoua_campus.osm",
}
ATTRIBUTION = "© OpenStreetMap contributors"


@dataclass(frozen=True)
class RegionInfo:
    """One entry of :func:`list_regions`."""

    name: str
    path: Path | None            # compiled file (None: bundled, not compiled yet)
    source: str                  # OSM file it was built from
    bundled: bool
    bounds: Bbox | None = None   # (west, south, east, north) when compiled
    road_links: int | None = None
    damaged: bool = False        # the file cannot be read (an import again, or a bundled rebuild, mends it)


def data_dir() -> Path:
    """$ZITOUR_DATA_DIR, else on Windows %LOCALAPPDATA%\\zitour, else $XDG_DATA_HOME/zitour,
    else ~/.local/share/zitour (compiled regions and network caches: machine-local data)."""
    if os.environ.get("ZITOUR_DATA_DIR"):
        return Path(os.environ["ZITOUR_DATA_DIR"])
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "zitour"
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "zitour"


def regions_dir() -> Path:
    """Folder of compiled regions: data_dir()/"regions"."""
    return data_dir() / "regions"


def bundled_maps_dir() -> Path:
    """The shipped maps/ folder (bundled real OSM extracts), in a checkout or an installation."""
    return shipped_dir("maps")


def slugify(name: str) -> str:
    """A region name usable as a file name: lower case, a-z 0-9 and '-'."""
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return s or "region"


def default_name(source: Path) -> str:
    """Region name from an OSM file name (``meyzieu.osm.pbf`` -> ``meyzieu``)."""
    stem = source.name
    for suffix in (".osm.pbf", ".osm.gz", ".osm.bz2", ".osm.xml", ".osm", ".pbf", ".xml"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return slugify(stem)


def import_region(source: Path, name: str | None = None, bbox: Bbox | None = None,
                  progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                  dest_dir: Path | None = None, left_hand_traffic: bool = False,
                  buildings: bool | None = None) -> Path:
    """Read an OSM extract, build the road graph and layers, write ``<name>.zreg``.

    ``left_hand_traffic``: the region drives on the left (kerb-side stops then put sites on the
    coach's left). ``buildings``: keep building outlines on the base map; by default yes,
    unless the source is larger than ``BUILDINGS_AUTO_OFF_MB`` (they dominate a département's
    import and are not needed for routing). Returns the compiled file path. Raises RegionError (naming the file) on bad input;
    nothing is left behind on error or cancel (atomic write)."""
    from routing.graph_build import build_graph
    from routing.osm_reader import read_osm
    from routing.compiled import encode_strings
    from routing.region import layers_to_arrays

    source = Path(source)
    name = slugify(name) if name else default_name(source)
    dest = Path(dest_dir) if dest_dir is not None else regions_dir()
    remove_stale(dest, f".tmp-*{SUFFIX}")  # what a killed import left
    check(cancel)
    report(progress, 0.0, f"Reading {source.name}")
    if buildings is None:
        buildings = not source.is_file() or source.stat().st_size <= BUILDINGS_AUTO_OFF_MB * 1e6
    raw = read_osm(source, bbox, progress, cancel, buildings=buildings)
    check(cancel)
    report(progress, 0.75, "Building the road graph")
    arrays = build_graph(raw.roads)
    arrays["way_names"] = encode_strings(raw.roads.names)
    layer_meta, layer_arrays = layers_to_arrays(raw.layers)
    arrays.update(layer_arrays)
    header = {
        "format": "zitour-region",
        "format_version": FORMAT_VERSION,
        "name": name,
        "bounds": [float(v) for v in raw.bounds],
        "bbox": list(bbox) if bbox else None,
        "source": source.name,
        "source_size": source.stat().st_size,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "attribution": ATTRIBUTION,
        "report": dict(raw.report, graph_nodes=int(len(arrays["node_lon"])),
                       graph_links=int(len(arrays["link_u"]))),
        "layers": layer_meta,
        "features": [{"osm_type": f.osm_type, "osm_id": f.osm_id, "name": f.name, "kind": f.kind,
                      "lon": f.lon, "lat": f.lat, "tags": f.tags} for f in raw.features],
        "driving_side": "left" if left_hand_traffic else "right",
        "buildings": bool(buildings),
    }
    header["report"].update(_restriction_report(header, arrays, raw.report))
    check(cancel)
    report(progress, 0.9, "Writing the compiled region")
    path = write_compiled(dest / f"{name}{SUFFIX}", header, arrays)
    report(progress, 1.0, "Region imported")
    return path


def _restriction_report(header: dict, arrays: dict, raw_report: dict) -> dict:
    """Turn restrictions whose members meet in the graph (honoured by every coach the roads
    allow) vs unusable (a member outside the extract, members not meeting at their via,
    malformed), for the import report. Structural, so the import never builds a coach network
    (on a département that doubled its peak memory); the network counts again per vehicle."""
    from routing.turns import restrictions_meeting
    honoured, unusable = restrictions_meeting(arrays)
    return {"turn_restrictions_honoured": honoured,
            "turn_restrictions_unusable": unusable + raw_report.get("turn_restrictions_malformed", 0)}


BUILDINGS_AUTO_OFF_MB = 60.0   # a French département's PBF is 50-150 MB, Krems 0.45 MB


def list_regions() -> list[RegionInfo]:
    """Compiled regions in regions_dir(), plus the bundled ones not compiled yet."""
    out: list[RegionInfo] = []
    seen = set()
    rdir = regions_dir()
    if rdir.is_dir():
        for p in sorted(rdir.glob(f"*{SUFFIX}")):
            if p.name.startswith(".tmp-"):
                continue
            try:
                h = read_header(p)
                info = RegionInfo(str(h["name"]), p, str(h.get("source", "")), h["name"] in BUNDLED,
                                  tuple(float(v) for v in h["bounds"]), h.get("report", {}).get("graph_links"))
            except Exception:  # noqa: BLE001 - one damaged file must not hide the others
                info = RegionInfo(p.stem, p, "", p.stem in BUNDLED, damaged=True)
            out.append(info)
            seen.add(info.name)
    for name, fname in BUNDLED.items():
        if name not in seen and (bundled_maps_dir() / fname).exists():
            out.append(RegionInfo(name, None, fname, True))
    return out


def _unknown(name: str) -> RegionError:
    known = [r.name for r in list_regions()]
    return RegionError("region.unknown", name=str(name), known=known or Message("region.none_known"))


def load_region(name: str, progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> Region:
    """Load the region called ``name`` from :func:`regions_dir`.

    A name only, never a path: a project file (which partners share) names its region, and
    nothing it says can make the app read or compile a file of its choosing. A bundled name
    ("krems", "lyon-la-doua") is compiled from the app's own ``maps/`` on first use. A value
    that looks like a path (an old project stored one) counts as the name of its file.
    """
    name = region_name_of(name)
    target = regions_dir() / f"{name}{SUFFIX}"
    if name in BUNDLED:
        src = bundled_maps_dir() / BUNDLED[name]
        if not _fresh(target, src if src.exists() else None):
            if not src.exists():
                raise _unknown(name)
            import_region(src, name=name, progress=progress, cancel=cancel)
        try:
            return Region.load(target)
        except RegionError:  # damaged (its checksum says so): built again from the app's own map
            if not src.exists():
                raise
            import_region(src, name=name, progress=progress, cancel=cancel)
            return Region.load(target)
    if target.exists():
        return Region.load(target)
    raise _unknown(name)


def region_name_of(value: str | Path) -> str:
    """The region name a stored value means: itself, or for a path (old projects) its file's name."""
    text = str(value)
    if "/" in text or "\\" in text or Path(text).suffix in (SUFFIX, ".osm", ".pbf", ".gz", ".bz2", ".xml"):
        file_name = Path(text.replace("\\", "/")).name
        if file_name.endswith(SUFFIX):
            file_name = file_name[: -len(SUFFIX)]
        return default_name(Path(file_name))
    return slugify(text)


def load_compiled(path: Path) -> Region:
    """A compiled region file the user chose by hand (the command line, a file dialog)."""
    return Region.load(Path(path))


def _fresh(target: Path, source: Path | None) -> bool:
    """True if ``target`` exists in the current format and is newer than ``source``."""
    if not target.exists():
        return False
    try:
        read_header(target)
    except RegionError:
        return False
    return source is None or target.stat().st_mtime >= source.stat().st_mtime
