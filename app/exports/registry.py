"""The export formats by name, loaded on demand.

Modules are imported lazily (``importlib``) so a CSV or GPX export never loads Qt
or GeoPandas, and so the services layer reaches the PDF modules (and through them
QtGui) only when a PDF is asked for.
"""
from __future__ import annotations

import importlib
from types import ModuleType

# name -> module; each module has file_names(ctx) and write(ctx, folder)
FORMATS: dict[str, str] = {
    "pdf": "app.exports.pdf_itinerary",
    "sheets": "app.exports.pdf_sheets",
    "booklets": "app.exports.booklets",
    "programmes": "app.exports.programmes",
    "receptions": "app.exports.receptions",
    "csv": "app.exports.csv_itinerary",
    "gpx": "app.exports.gpx",
    "ics": "app.exports.ics",
    "geojson": "app.exports.geojson",
    "gpkg": "app.exports.gpkg",
    "html": "app.exports.html_map",
    "xspf": "app.exports.xspf",
    "m3u": "app.exports.m3u",
    "pack": "app.exports.pack",
    "manifest": "app.exports.manifest",
}
DESCRIPTIONS_FR: dict[str, str] = {
    "pdf": "Itinéraire PDF (A4) : carte du parcours puis déroulé de la journée",
    "sheets": "Fiches arrêt PDF pour les ambassadeurs (une page par arrêt)",
    "booklets": "Livrets PDF des ambassadeurs (un par ambassadeur : ses arrêts dans l'ordre)",
    "programmes": "Programmes des groupes, PDF et CSV (un par groupe : ses visites, son car)",
    "receptions": "Accueil des entreprises, PDF et CSV (par entreprise : groupes, effectifs, horaires)",
    "csv": "Itinéraire CSV pour tableur",
    "gpx": "GPX 1.1 pour la navigation du conducteur",
    "ics": "Calendrier iCalendar des visites",
    "geojson": "Carte GeoJSON (SIG)",
    "gpkg": "GeoPackage : couches arrêts, trajets, sites (SIG)",
    "html": "Carte interactive HTML (s'ouvre sans connexion)",
    "xspf": "Playlist vidéo XSPF (VLC)",
    "m3u": "Playlist vidéo M3U8",
    "pack": "Dossier partenaires (zip)",
    "manifest": "Liste des passagers par car (noms, contacts : pour le conducteur, hors dossier partenaires)",
}
# what "all" means, and what a pack holds when no other format is chosen with it
# (the manifest carries names: it is written only when asked for by name, never in "all" or a pack)
PERSONAL = ("manifest",)
ALL = tuple(f for f in FORMATS if f != "pack" and f not in PERSONAL)


def module(name: str) -> ModuleType:
    """The module of format ``name`` (one of FORMATS)."""
    return importlib.import_module(FORMATS[name])
