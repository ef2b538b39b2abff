"""Strings used at run time that lupdate cannot find where they are used.

The map legend (app/ui/map/markers.py) looks its labels up through a lambda,
which pyside6-lupdate does not follow; listing them here puts them in
zitour_fr.ts. Remove this once that module passes the literal texts itself.
"""
from PySide6.QtCore import QT_TRANSLATE_NOOP

MAP_LEGEND = (
    QT_TRANSLATE_NOOP("MapLegend", "Company"),
    QT_TRANSLATE_NOOP("MapLegend", "Training centre"),
    QT_TRANSLATE_NOOP("MapLegend", "Inclusion enterprise"),
    QT_TRANSLATE_NOOP("MapLegend", "Depot"),
    QT_TRANSLATE_NOOP("MapLegend", "Restaurant"),
    QT_TRANSLATE_NOOP("MapLegend", "Other"),
)
