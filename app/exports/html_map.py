"""Interactive HTML map for partners (folium + Leaflet), complete in one file, usable offline.

Leaflet's JS and CSS are inlined from ``vendor/leaflet`` (its images as data: URIs);
folium's CDN defaults (Leaflet, jQuery, Bootstrap, icon fonts) are switched off, so the
page fetches no script or style. The region's roads are a vector layer; OpenStreetMap
tiles are only an optional overlay, off until the reader ticks it.

Project text reaches the page only HTML-escaped, inside JSON strings, so a site named
``<script>…`` or ``${…}`` is shown as text.
"""
from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from app.exports import mapdraw
from app.exports.context import ATTRIBUTION, ExportContext
from app.exports.french import label, tour_title
from app.i18n import formats

VENDOR = Path(__file__).resolve().parent / "vendor" / "leaflet"
SPREAD_M = 60.0  # stop markers nearer than this to each other are spread apart
ROAD_WEIGHT = {"motorway": 5, "trunk": 4.5, "primary": 4, "secondary": 3.5, "tertiary": 3, "service": 1.5}
_EXTERNAL = re.compile(r"<(script|link)\b[^>]*\b(src|href)\s*=\s*[\"']?\s*(https?:)?//[^>]*>(\s*</script>)?", re.I)


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}-carte.html"]


def text(value: str) -> str:
    """Project text as inert HTML (also inert inside JS template literals)."""
    return html.escape(value, quote=True).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def js_string(value: str) -> str:
    """A JSON string literal safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


class _OfflineMap(folium.Map):
    """folium.Map without its CDN scripts and styles (Leaflet is inlined instead)."""

    default_js: list = []
    default_css: list = []


class _Info(MacroElement):
    """Tooltip and popup bound from JSON strings of escaped HTML (no jQuery, no template literals)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindTooltip({{ this.tooltip }});
        {{ this._parent.get_name() }}.bindPopup({{ this.popup }}, {maxWidth: 320});
        {% endmacro %}""")

    def __init__(self, tooltip_html: str, popup_html: str):
        super().__init__()
        self._name = "Info"
        self.tooltip = js_string(tooltip_html)
        self.popup = js_string(popup_html)


class _Attribution(MacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.setPrefix(false);
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text }});
        {% endmacro %}""")

    def __init__(self, value: str):
        super().__init__()
        self._name = "Attribution"
        self.text = js_string(html.escape(value))


def _inline_leaflet() -> str:
    css = (VENDOR / "leaflet.css").read_text(encoding="utf-8")
    for name in ("layers.png", "layers-2x.png", "marker-icon.png"):
        data = base64.b64encode((VENDOR / "images" / name).read_bytes()).decode("ascii")
        css = css.replace(f"url(images/{name})", f"url(data:image/png;base64,{data})")
    js = (VENDOR / "leaflet.js").read_text(encoding="utf-8")
    return f"<style>{css}</style>\n<script>{js}</script>"


def _roads_geojson(ctx: ExportContext, bounds: tuple[float, float, float, float]) -> dict[str, Any]:
    feats: list[dict[str, Any]] = []
    if ctx.layers is None:  # the region is not available: the map has the route only
        return {"type": "FeatureCollection", "features": feats}
    roads = ctx.layers.roads
    for k, name in enumerate(roads.kinds):
        coords, offs, names = _select_named(roads, bounds, k)
        for a, b, street in zip(offs[:-1], offs[1:], names):
            line = [[round(float(x), 6), round(float(y), 6)] for x, y in coords[a:b]]
            if len(line) >= 2:
                feats.append({"type": "Feature", "properties": {"k": name, "n": street},
                              "geometry": {"type": "LineString", "coordinates": line}})
    return {"type": "FeatureCollection", "features": feats}


def _select_named(layer, bounds, kind: int):
    """The lines of ``kind`` meeting ``bounds`` with their names (mapdraw.select keeps no names)."""
    import numpy as np

    offsets = np.asarray(layer.offsets, dtype=np.int64)
    coords = np.asarray(layer.coords, dtype=float)
    kinds = np.asarray(layer.kind)
    w, s, e, n = bounds
    parts, names, lengths = [], [], []
    for k in np.flatnonzero(kinds == kind):
        line = coords[offsets[k]:offsets[k + 1]]
        if len(line) < 2 or line[:, 0].max() < w or line[:, 0].min() > e or line[:, 1].max() < s \
                or line[:, 1].min() > n:
            continue
        parts.append(line)
        lengths.append(len(line))
        names.append(layer.names[k] if k < len(layer.names) else "")
    if not parts:
        return np.zeros((0, 2)), np.zeros(1, np.int64), []
    return np.concatenate(parts), np.concatenate([[0], np.cumsum(lengths)]), names


def _land_geojson(ctx: ExportContext, bounds: tuple[float, float, float, float]) -> dict[str, Any]:
    """Land use, water areas and waterways, as the PDF maps draw them."""
    feats: list[dict[str, Any]] = []
    if ctx.layers is None:
        return {"type": "FeatureCollection", "features": feats}
    areas = ctx.layers.areas
    for name in ("farmland", "forest", "park", "residential", "commercial", "retail", "industrial", "parking",
                 "water"):
        if name not in areas.kinds:
            continue
        coords, offs = mapdraw.select(areas, bounds, {areas.kinds.index(name)})
        for a, b in zip(offs[:-1], offs[1:]):
            ring = [[round(float(x), 6), round(float(y), 6)] for x, y in coords[a:b]]
            if len(ring) >= 4:
                feats.append({"type": "Feature", "properties": {"a": name},
                              "geometry": {"type": "Polygon", "coordinates": [ring]}})
    coords, offs = mapdraw.select(ctx.layers.waterways, bounds)
    for a, b in zip(offs[:-1], offs[1:]):
        line = [[round(float(x), 6), round(float(y), 6)] for x, y in coords[a:b]]
        if len(line) >= 2:
            feats.append({"type": "Feature", "properties": {"w": 1},
                          "geometry": {"type": "LineString", "coordinates": line}})
    return {"type": "FeatureCollection", "features": feats}


def _land_style(feature: dict[str, Any]) -> dict[str, Any]:
    props = feature["properties"]
    if "w" in props:
        return {"color": "#8cc3d8", "weight": 2, "opacity": 0.9}
    return {"stroke": False, "fillColor": mapdraw.AREA_FILL.get(props["a"], "#eeeeee"), "fillOpacity": 1.0}


def _spread(rows) -> dict[int, tuple[int, int]]:
    """Pixel offsets for stop markers that would sit on one another (the same gate, neighbours on
    one street): markers within ``SPREAD_M`` of each other are set round a small circle, as the
    application's map does; the offsets hold at every zoom."""
    import math

    out: dict[int, tuple[int, int]] = {}
    placed: list[list[int]] = []
    pts = [(i, r.lonlat) for i, r in enumerate(rows) if r.lonlat is not None]
    for i, (lon, lat) in pts:
        for group in placed:
            lon0, lat0 = rows[group[0]].lonlat
            if abs(lat - lat0) * 111_000 < SPREAD_M and abs(lon - lon0) * 111_000 * math.cos(math.radians(lat)) < SPREAD_M:
                group.append(i)
                break
        else:
            placed.append([i])
    for group in placed:
        if len(group) < 2:
            continue
        for k, i in enumerate(group):
            a = 2 * math.pi * k / len(group) - math.pi / 2
            out[i] = (round(13 * math.cos(a)), round(13 * math.sin(a)))
    return out


def _road_style(feature: dict[str, Any]) -> dict[str, Any]:
    kind = feature["properties"]["k"]
    colour = mapdraw.ROAD_STYLE.get(kind, mapdraw.ROAD_STYLE["road"])[2] or "#999999"
    return {"color": colour, "weight": ROAD_WEIGHT.get(kind, 2), "opacity": 0.8}


def build(ctx: ExportContext) -> str:
    w, s, e, n = ctx.bounds() or (0.0, 0.0, 0.0, 0.0)
    pad_lon, pad_lat = max(0.004, (e - w) * 0.15), max(0.003, (n - s) * 0.15)
    view = (w - pad_lon, s - pad_lat, e + pad_lon, n + pad_lat)
    m = _OfflineMap(location=[(s + n) / 2, (w + e) / 2], zoom_start=14, tiles=None, control_scale=True,
                    prefer_canvas=True)
    m.get_root().header.add_child(Element(_inline_leaflet()), name="leaflet_inline")
    m.get_root().header.add_child(Element(
        "<style>.zt-title{position:absolute;top:10px;left:50px;z-index:1000;background:#fff;padding:6px 10px;"
        "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:14px sans-serif}"
        ".zt-num{color:#fff;font:bold 11px sans-serif;text-align:center;line-height:20px}"
        ".zt-dropped{color:#b00020;font-size:12px}"
        "@media (max-width:640px){.zt-title{top:auto;bottom:56px;left:6px;right:6px;font-size:12px}"
        ".leaflet-control-layers-expanded{max-height:38vh;overflow:auto;font-size:12px}}"
        ".leaflet-container{background:#f5f3ee}</style>"), name="zt_style")
    title = f"<b>{text(tour_title(ctx.tour.name))}</b><br>{text(formats.long_date(ctx.tour.date, 'fr'))}"
    dropped = [d for d in ctx.plan.dropped]
    if dropped:  # the stops asked for that are not on the programme, and why
        title += "<br><span class='zt-dropped'>" + "<br>".join(
            f"Non programmé{' (obligatoire)' if d.required else ''} : "
            f"{text(ctx.site_name(d.site_id, f'arrêt {d.stop_id}'))} — {text(d.reason.text('fr'))}"
            for d in dropped) + "</span>"
    m.get_root().html.add_child(Element(f'<div class="zt-title">{title}</div>'), name="zt_title")
    m.get_root().title = f"{tour_title(ctx.tour.name)} — carte"

    base = folium.FeatureGroup(name="Fond de carte de la région", overlay=True, show=True)
    folium.GeoJson(_land_geojson(ctx, view), style_function=_land_style, smooth_factor=1.0).add_to(base)
    roads = _roads_geojson(ctx, view)
    named = [f for f in roads["features"] if f["properties"]["n"]]
    unnamed = [f for f in roads["features"] if not f["properties"]["n"]]
    folium.GeoJson({"type": "FeatureCollection", "features": unnamed}, style_function=_road_style,
                   smooth_factor=1.0).add_to(base)
    if named:  # street names on hover (and on a tap on a phone)
        folium.GeoJson({"type": "FeatureCollection", "features": named}, style_function=_road_style, smooth_factor=1.0,
                       tooltip=folium.GeoJsonTooltip(fields=["n"], labels=False, sticky=True)).add_to(base)
    base.add_to(m)
    if ctx.options.online_tiles:
        folium.TileLayer(tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png", attr=ATTRIBUTION,
                         name="Fond OpenStreetMap (en ligne)", overlay=True, show=False, max_zoom=19).add_to(m)
    for b_index, bus in enumerate(ctx.plan.buses):
        colour = mapdraw.BUS_COLOURS[b_index % len(mapdraw.BUS_COLOURS)]
        group = folium.FeatureGroup(name=f"Parcours — {text(bus.bus_name)}", show=True)
        track = ctx.bus_track(bus)
        if len(track) >= 2:
            folium.PolyLine([(lat, lon) for lon, lat in track], color=colour, weight=5, opacity=0.85).add_to(group)
        for sid in {bus.start_site_id, bus.end_site_id}:
            site = ctx.site(sid)
            if site is not None:
                mk = folium.CircleMarker([site.lat, site.lon], radius=8, color="#ffffff", weight=2, fill=True,
                                         fill_color="#222222", fill_opacity=1)
                mk.add_child(_Info(f"Dépôt — {text(site.name)}", f"<b>{text(site.name)}</b><br>{text(site.address)}"))
                mk.add_to(group)
        bus_rows = ctx.rows(bus)
        offsets = _spread(bus_rows)
        for i, r in enumerate(bus_rows):
            if r.lonlat is None:
                continue
            lon, lat = r.lonlat
            p = r.planned
            times = f"{text(label('Arrivée'))} {text(formats.clock(ctx.local(p.arrival), 'fr'))} · " \
                    f"{text(label('Départ'))} {text(formats.clock(ctx.local(p.departure), 'fr'))}"
            lines = [f"<b>{r.number}. {text(r.name)}</b>", text(r.kind_fr), times]
            if r.site is not None:
                lines += [text(x) for x in (r.site.address, r.site.products, r.site.jobs) if x]
            if r.ambassador is not None:
                lines.append(f"{text(label('Présente'))} {text(r.ambassador.name)}")
            icon = folium.DivIcon(html=f'<div class="zt-num" style="background:{colour};border-radius:10px;'
                                       f'width:20px;height:20px;border:2px solid #fff">{r.number}</div>',
                                  icon_size=(24, 24), icon_anchor=(12 - offsets.get(i, (0, 0))[0],
                                                                   12 - offsets.get(i, (0, 0))[1]))
            mk = folium.Marker([lat, lon], icon=icon)
            mk.add_child(_Info(f"{r.number}. {text(r.name)}", "<br>".join(lines)))
            mk.add_to(group)
        group.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    m.add_child(_Attribution(ATTRIBUTION))
    m.fit_bounds([[s, w], [n, e]], padding=(20, 20))
    page = m.get_root().render()
    # belt and braces: no script or stylesheet may come from the network
    return _EXTERNAL.sub("", page)


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    path = folder / file_names(ctx)[0]
    path.write_text(build(ctx), encoding="utf-8", newline="\n")
    return [path]
