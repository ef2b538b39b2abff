"""Colours, widths and zoom thresholds of the base map, routes and markers.

Zoom is expressed as ``m_per_px`` (scene metres per screen pixel): small is zoomed in.
Colours follow the usual OpenStreetMap look so organisers feel at home.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

LAND = QColor("#f2efe9")

# Areas: (fill, outline or None, max m_per_px at which they are drawn)
AREA_STYLE: dict[str, tuple[str, str | None, float]] = {
    "industrial": ("#d9cfe0", "#b9a7c6", 1e9),   # purple-grey: the zones the tours are about
    "commercial": ("#f2d9d8", "#e0b8b6", 1e9),
    "retail": ("#fbd8d2", "#e8b9b1", 1e9),
    "residential": ("#e4e0dc", None, 1e9),
    "water": ("#aad3df", None, 1e9),
    "park": ("#c8facc", None, 1e9),
    "forest": ("#add19e", None, 1e9),
    "farmland": ("#eef0d5", None, 1e9),
    "parking": ("#e6e3df", "#cfcac4", 6.0),
}
AREA_DEFAULT = ("#e8e4de", None, 12.0)
# Draw order: big background covers first, the industrial zones on top of them.
AREA_ORDER = ["farmland", "forest", "residential", "park", "parking", "commercial", "retail",
              "industrial", "water"]
LABELLED_AREAS = {"industrial", "commercial", "retail"}
AREA_LABEL_MAX_M_PER_PX = 30.0

BUILDING_FILL = "#d9d0c9"
BUILDING_INDUSTRIAL_FILL = "#cbbfd4"
BUILDING_MAX_M_PER_PX = 2.5

WATERWAY_STYLE: dict[str, tuple[str, float, float]] = {  # colour, width px, max m_per_px
    "river": ("#7fb6cf", 3.0, 1e9),
    "canal": ("#7fb6cf", 2.0, 60.0),
    "stream": ("#8fc3da", 1.0, 8.0),
    "drain": ("#8fc3da", 1.0, 4.0),
    "ditch": ("#8fc3da", 1.0, 4.0),
}
RAIL_COLOUR = "#707070"
RAIL_MAX_M_PER_PX = {"rail": 1e9, "light_rail": 30.0, "narrow_gauge": 30.0, "tram": 8.0,
                     "subway": 8.0, "monorail": 8.0}


@dataclass(frozen=True)
class RoadStyle:
    colour: str
    casing: str | None       # darker outline drawn under the road when zoomed in
    width_px: float          # width at the coarse zoom levels
    width_close_px: float    # width when zoomed in (m_per_px < CLOSE_M_PER_PX)
    max_m_per_px: float      # hidden when zoomed out further than this


CLOSE_M_PER_PX = 1.5
ROAD_STYLE: dict[str, RoadStyle] = {
    "motorway": RoadStyle("#e892a2", "#c24e6b", 2, 7, 1e9),
    "trunk": RoadStyle("#f9b29c", "#c84e2f", 2, 7, 1e9),
    "primary": RoadStyle("#fcd6a4", "#a06b00", 2, 6, 1e9),
    "secondary": RoadStyle("#f7fabf", "#707d05", 1, 6, 200.0),
    "tertiary": RoadStyle("#ffffff", "#8f8f8f", 1, 5, 60.0),
    "unclassified": RoadStyle("#ffffff", "#a0a0a0", 1, 4, 25.0),
    "residential": RoadStyle("#ffffff", "#b0b0b0", 1, 4, 10.0),
    "living_street": RoadStyle("#ededed", "#c0c0c0", 1, 4, 6.0),
    "road": RoadStyle("#dddddd", "#b0b0b0", 1, 3, 6.0),
    "service": RoadStyle("#ffffff", "#c0c0c0", 1, 2, 3.0),
}
ROAD_DEFAULT = RoadStyle("#ffffff", "#c0c0c0", 1, 2, 3.0)
# Lines drawn at the coarse zoom levels are thin, so minor roads need a visible grey, not white.
ROAD_FAR_COLOUR = {"tertiary": "#bdbdbd", "unclassified": "#c8c8c8", "residential": "#cfcfcf",
                   "living_street": "#d5d5d5", "road": "#d0d0d0", "service": "#d8d8d8"}
# Painted last: major roads above minor ones.
ROAD_ORDER = ["service", "road", "living_street", "residential", "unclassified", "tertiary",
              "secondary", "primary", "trunk", "motorway"]
ROAD_NAME_MAX_M_PER_PX = 2.0

# One colour per bus, in plan order; the timeline should use the same (bus_colour()).
BUS_COLOURS = ["#d7191c", "#2b6cc4", "#1a9641", "#e66101", "#7b3294", "#008b8b", "#b8860b",
               "#c51b7d"]


def bus_colour(index: int) -> QColor:
    """The colour of the ``index``-th bus of a plan (0-based), cycling through 8 colours."""
    return QColor(BUS_COLOURS[index % len(BUS_COLOURS)])


def road_style(kind: str) -> RoadStyle:
    return ROAD_STYLE.get(kind, ROAD_DEFAULT)
