"""The native map canvas of ZI Tour planner (no tile server, no web view).

Use :class:`MapCanvas`; :func:`legend_entries` / :func:`marker_pixmap` give the site-kind
icons for lists and legends; :func:`bus_colour` the colour of each bus's route (the
timeline should use it too).
"""
from .canvas import MapCanvas
from .markers import kind_label, legend_entries, marker_pixmap
from .projection import LocalProjection
from .style import bus_colour

__all__ = ["MapCanvas", "LocalProjection", "bus_colour", "kind_label", "legend_entries", "marker_pixmap"]
