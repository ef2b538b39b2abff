"""GeoPackage for GIS users: layers ``stops``, ``legs``, ``sites`` and ``dropped`` (EPSG:4326), via pyogrio.

Times are DateTime fields (UTC, as the standard wants), not text, so QGIS filters and sorts them;
``arrival_local``/``departure_local`` give the local clock time. Written as GeoPackage 1.3.
"""
from __future__ import annotations

from pathlib import Path

from app.exports.context import ExportContext
from app.exports.geojson import records


TIME_FIELDS = ("arrival", "departure")


def _with_times(props: dict, pd) -> dict:
    """Times as GeoPackage DateTime (UTC, as the standard requires: GDAL warns on an offset), and
    the local clock time beside each as text ("10:20"), what a partner reads."""
    out = dict(props)
    for k in TIME_FIELDS:
        if props.get(k):
            when = pd.Timestamp(props[k])
            out[k] = when.tz_convert("UTC")
            out[f"{k}_local"] = when.strftime("%H:%M")
    return out


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}.gpkg"]


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    import geopandas as gpd  # heavy: imported only for this format
    import shapely.geometry as sg

    path = folder / file_names(ctx)[0]
    import pandas as pd

    geom_type = {"stops": "Point", "legs": "LineString", "sites": "Point", "dropped": "Point"}
    for layer, items in records(ctx).items():
        props = [_with_times(p, pd) for _, p in items]
        geoms = [sg.shape(g) for g, _ in items]
        gdf = gpd.GeoDataFrame(props, geometry=geoms, crs="EPSG:4326")
        if not items:  # an empty layer still needs its columns
            gdf = gpd.GeoDataFrame({"name": []}, geometry=[], crs="EPSG:4326")
        # GeoPackage 1.3: what the GDAL of Debian stable (3.6) reads without a version warning
        gdf.to_file(path, layer=layer, driver="GPKG", engine="pyogrio", geometry_type=geom_type[layer],
                    dataset_options={"VERSION": "1.3"})
    return [path]
