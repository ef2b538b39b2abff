"""Optional online download of a region from OpenStreetMap (Overpass API).

The only module of ``routing`` that touches the network, and only when the user runs
``zitour region download``. A place name is geocoded with osmnx (Nominatim); the box
is fetched from Overpass as raw OSM XML, cached in ``data_dir()/downloads``, then
imported through the same path as a local file (:func:`routing.regions.import_region`).
"""
from __future__ import annotations

import hashlib
import os
import urllib.parse
import urllib.request
from pathlib import Path

from routing.errors import Message, RegionError
from routing.progress import CancelToken, ProgressCallback, check, report
from routing.regions import Bbox, data_dir, import_region, slugify

OVERPASS_URL = "https://overpass-api.de/api/interpreter"
MAX_BOX_DEG2 = 0.25   # ~ 40 x 55 km: Overpass refuses or times out on more
USER_AGENT = "zitour-planner/0.1 (region download)"


def _query(bbox: Bbox) -> str:
    w, s, e, n = bbox
    b = f"({s},{w},{n},{e})"
    return (
        "[out:xml][timeout:300];\n("
        f'way["highway"]{b};way["railway"]{b};way["waterway"]{b};way["landuse"]{b};'
        f'way["natural"="water"]{b};way["natural"="wood"]{b};way["leisure"="park"]{b};'
        f'way["amenity"="parking"]{b};way["building"]{b};way["man_made"="works"]{b};'
        f'relation["type"="multipolygon"]["landuse"]{b};relation["type"="multipolygon"]["natural"]{b};'
        f'relation["type"="restriction"]{b};'
        f'node["name"]["man_made"="works"]{b};node["name"]["office"]{b};node["name"]["craft"]{b};'
        f'node["name"]["industrial"]{b};'
        ");\n(._;>;);\nout body;\n"
    )


def _network_error(what: Message, exc: BaseException) -> RegionError:
    return RegionError("region.download_failed", what=what, error=type(exc).__name__, detail=str(exc))


def geocode_bbox(place: str) -> Bbox:
    """(west, south, east, north) of a place name, via osmnx's Nominatim geocoder."""
    try:
        import osmnx as ox  # heavy; only for this command
        gdf = ox.geocode_to_gdf(place)
        w, s, e, n = (float(v) for v in gdf.total_bounds)
    except Exception as exc:  # network, unknown place, rate limit: all become one clear message
        raise _network_error(Message("region.download.outline", place=str(place)), exc) from None
    return (w, s, e, n)


def fetch_osm(bbox: Bbox, target: Path, overpass_url: str = OVERPASS_URL, timeout_s: float = 360) -> Path:
    """Download raw OSM XML of ``bbox`` to ``target`` (atomic). Returns ``target``."""
    data = urllib.parse.urlencode({"data": _query(bbox)}).encode()
    req = urllib.request.Request(overpass_url, data=data, headers={"User-Agent": USER_AGENT})
    tmp = target.with_name(target.name + ".part")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as resp, open(tmp, "wb") as f:
            while chunk := resp.read(1 << 20):
                f.write(chunk)
        os.replace(tmp, target)
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        raise _network_error(Message("region.download.osm_data", box=str(bbox)), exc) from None
    return target


def download_region(place: str | None = None, bbox: Bbox | None = None, name: str | None = None,
                    progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                    dest_dir: Path | None = None, overpass_url: str = OVERPASS_URL, refresh: bool = False) -> Path:
    """Fetch (or reuse the cached) OSM data of a place or box and compile it; returns the region file."""
    if (place is None) == (bbox is None):
        raise RegionError("region.download.place_or_box")
    report(progress, 0.0, "Locating the area")
    if bbox is None:
        bbox = geocode_bbox(place)
    w, s, e, n = bbox
    if (e - w) * (n - s) > MAX_BOX_DEG2:
        # square degrees in the command line's notation (W,S,E,N), like the box itself
        raise RegionError("region.download.too_large", box=str(bbox), area=f"{(e - w) * (n - s):.2f}",
                          limit=str(MAX_BOX_DEG2))
    name = slugify(name or place or "bbox-" + "_".join(f"{v:.3f}" for v in bbox))
    key = hashlib.sha1(",".join(f"{v:.5f}" for v in bbox).encode()).hexdigest()[:10]
    cached = data_dir() / "downloads" / f"{name}-{key}.osm"
    check(cancel)
    if refresh or not cached.exists():
        report(progress, 0.05, "Downloading OpenStreetMap data")
        fetch_osm(bbox, cached, overpass_url)
    check(cancel)
    return import_region(cached, name=name, bbox=bbox, progress=progress, cancel=cancel, dest_dir=dest_dir)
