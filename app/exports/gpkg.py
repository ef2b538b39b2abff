"""GeoPackage for GIS users: layers ``stops``, ``legs``, ``sites`` and ``dropped`` (EPSG:4326).

Written with pyogrio's low-level writer straight from the GeoJSON records: no GeoDataFrame, so
no pyproj (its CRS objects crashed the application when two exports ran in worker threads one
after the other). Times are DateTime fields (UTC, as the standard wants, so QGIS filters and
sorts them); ``arrival_local``/``departure_local`` give the local clock time. Written as
GeoPackage 1.3: what the GDAL of Debian stable (3.6) reads without a version warning.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np

from app.exports.context import ExportContext
from app.exports.geojson import records

TIME_FIELDS = ("arrival", "departure")
GEOMETRY_TYPE = {"stops": "Point", "legs": "LineString", "sites": "Point", "dropped": "Point"}
UTC_FLAG = 100  # GDAL's time-zone flag for UTC: written with a "Z"


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}.gpkg"]


def _with_times(props: dict) -> dict:
    out = dict(props)
    for k in TIME_FIELDS:
        if props.get(k):
            when = dt.datetime.fromisoformat(props[k])
            out[k] = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
            out[f"{k}_local"] = when.strftime("%H:%M")
    return out


def _column(values: list) -> tuple[np.ndarray, np.ndarray]:
    """A field's values as a typed array and its null mask."""
    mask = np.array([v is None for v in values], bool)
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, dt.datetime) for v in present):
        return np.array([v or dt.datetime(1970, 1, 1) for v in values], dtype="datetime64[ms]"), mask
    if present and all(isinstance(v, bool) for v in present):
        return np.array([bool(v) for v in values]), mask
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return np.array([v if v is not None else 0 for v in values], np.int64), mask
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return np.array([float(v) if v is not None else np.nan for v in values]), mask
    return np.array(["" if v is None else str(v) for v in values], dtype=object), mask


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    import shapely.geometry as sg
    from pyogrio.raw import write as ogr_write

    path = folder / file_names(ctx)[0]
    first = True
    for layer, items in records(ctx).items():
        props = [_with_times(p) for _, p in items]
        names: list[str] = list(dict.fromkeys(k for p in props for k in p)) or ["name"]
        columns = [_column([p.get(k) for p in props]) for k in names]
        geometry = np.array([sg.shape(g).wkb for g, _ in items], dtype=object)
        kwargs: dict[str, Any] = {}
        times = {k: np.full(len(items), UTC_FLAG, np.int32) for k in names if k in TIME_FIELDS}
        if times:
            kwargs["gdal_tz_offsets"] = times
        ogr_write(str(path), geometry, [c for c, _ in columns], names, field_mask=[m for _, m in columns],
                  layer=layer, driver="GPKG", geometry_type=GEOMETRY_TYPE[layer], crs="EPSG:4326",
                  dataset_options={"VERSION": "1.3"} if first else None, append=not first, **kwargs)
        first = False
    return [path]
