"""Reading sites from a GeoJSON file.

Point features give the site's position; any other geometry (a company's
outline) gives a representative point inside it. A legacy ``crs`` member naming
another reference system (Lambert-93 ``EPSG:2154``, Web Mercator ``EPSG:3857``,
Austria's ``EPSG:31256``...) is honoured: positions are reprojected to WGS84.
Properties use the same French/English names as CSV columns.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import pyproj
import shapely
import shapely.geometry

from app.errors import SiteImportError
from app.services.site_fields import RawRow, RejectedRow, canonical_field
from routing.errors import Message


def _fail(path: Path, problem: Message) -> SiteImportError:
    return SiteImportError("file.problem", file=path.name, problem=problem)


def _transformer(path: Path, data: dict[str, Any]) -> tuple[Optional[pyproj.Transformer], str]:
    """A transformer to WGS84 for the file's declared CRS (None when already lon/lat), and the CRS's name."""
    crs_member = data.get("crs")
    if not crs_member:
        return None, "WGS84"  # RFC 7946: GeoJSON is WGS84 longitude/latitude
    name = None
    if isinstance(crs_member, dict):
        props = crs_member.get("properties") or {}
        name = props.get("name") or props.get("code")
        if isinstance(name, int) or (isinstance(name, str) and name.isdigit()):
            name = f"EPSG:{name}"
    if not isinstance(name, str):
        raise _fail(path, Message("import.geojson.bad_crs_member", member=json.dumps(crs_member)[:80]))
    try:
        crs = pyproj.CRS.from_user_input(name)
    except pyproj.exceptions.CRSError:
        raise _fail(path, Message("import.geojson.unknown_crs", crs=name)) from None
    wgs84 = pyproj.CRS.from_epsg(4326)
    if crs.is_geographic and crs.datum == wgs84.datum:
        return None, crs.name  # CRS84 or EPSG:4326: GeoJSON coordinates are already lon, lat
    return pyproj.Transformer.from_crs(crs, wgs84, always_xy=True), crs.name


def read_geojson_rows(path: Path) -> tuple[list[RawRow], list[RejectedRow], str]:
    """The features of the GeoJSON file at ``path`` as rows, rows rejected while reading, and the source CRS name.

    Raises :class:`SiteImportError` naming the file when it is not usable GeoJSON.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise _fail(path, Message("import.unreadable", detail=str(exc.strerror))) from None
    except UnicodeDecodeError:
        raise _fail(path, Message("import.geojson.not_utf8")) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(path, Message("import.geojson.bad_json", line=exc.lineno, column=exc.colno,
                                  detail=exc.msg)) from None
    except RecursionError:  # arrays nested thousands deep: no GeoJSON is
        raise _fail(path, Message("import.geojson.too_deep")) from None
    if isinstance(data, dict) and data.get("type") == "FeatureCollection" and isinstance(data.get("features"), list):
        features = data["features"]
    elif isinstance(data, dict) and data.get("type") == "Feature":
        features = [data]
    else:
        raise _fail(path, Message("import.geojson.not_feature_collection"))
    transformer, crs_name = _transformer(path, data)
    rows: list[RawRow] = []
    rejected: list[RejectedRow] = []
    for n, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            rejected.append(RejectedRow(n, "", Message("import.geojson.not_feature")))
            continue
        props = feature.get("properties") or {}
        values: dict[str, str] = {}
        columns: dict[str, str] = {}
        if isinstance(props, dict):
            for key, value in props.items():
                canon = canonical_field(key)
                if canon and canon not in values and value is not None and not isinstance(value, (dict, list)):
                    values[canon] = str(value)
                    columns[canon] = key
        fid = feature.get("id", values.get("ref"))
        raw = RawRow(row=n, values=values, columns=columns,
                     ref=f"{path.name}#{fid}" if fid not in (None, "") else "", fallback_ref=f"{path.name}@{n}")
        geometry = feature.get("geometry")
        if geometry is None:
            if not ({"lon", "lat"} <= values.keys() or "coordinates" in values):
                raw.geometry_error = Message("import.geojson.no_geometry")
        else:
            try:
                geom = shapely.geometry.shape(geometry)
                if geom.is_empty:
                    raise ValueError("empty")
                point = geom if geom.geom_type == "Point" else geom.representative_point()
                x, y = point.x, point.y
                if transformer is not None:
                    x, y = transformer.transform(x, y)
                raw.lonlat = (round(float(x), 7), round(float(y), 7))
            except (ValueError, TypeError, KeyError, AttributeError, shapely.errors.ShapelyError):
                kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
                raw.geometry_error = Message("import.geojson.bad_geometry", kind=str(kind))
        rows.append(raw)
    return rows, rejected, crs_name
