"""GeoPackage for GIS users: layers ``stops``, ``legs`` and ``sites`` (EPSG:4326), via pyogrio."""
from __future__ import annotations

from pathlib import Path

from app.exports.context import ExportContext
from app.exports.geojson import records


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}.gpkg"]


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    import geopandas as gpd  # heavy: imported only for this format
    import shapely.geometry as sg

    path = folder / file_names(ctx)[0]
    geom_type = {"stops": "Point", "legs": "LineString", "sites": "Point"}
    for layer, items in records(ctx).items():
        props = [p for _, p in items]
        geoms = [sg.shape(g) for g, _ in items]
        gdf = gpd.GeoDataFrame(props, geometry=geoms, crs="EPSG:4326")
        if not items:  # an empty layer still needs its columns
            gdf = gpd.GeoDataFrame({"name": []}, geometry=[], crs="EPSG:4326")
        gdf.to_file(path, layer=layer, driver="GPKG", engine="pyogrio", geometry_type=geom_type[layer])
    return [path]
