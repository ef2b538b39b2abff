"""Partner pack: a zip of the chosen exports plus a short README.txt in French."""
from __future__ import annotations

import zipfile
from pathlib import Path

from app.exports.context import ATTRIBUTION, ExportContext
from app.exports.french import tour_title
from app.i18n import formats

SUFFIX_FR = {
    "-itineraire.pdf": "itinéraire à imprimer : carte du parcours et déroulé de la journée",
    "-fiches-arrets.pdf": "fiches arrêt pour les ambassadeurs (une page par arrêt, code QR vers le lieu)",
    "-itineraire.csv": "itinéraire pour tableur (séparateur point-virgule, UTF-8)",
    ".gpx": "parcours pour GPS ou application de navigation du conducteur",
    ".ics": "rendez-vous à importer dans un agenda (Outlook, Google Agenda, Thunderbird…)",
    ".geojson": "carte pour SIG (QGIS…), coordonnées WGS 84",
    ".gpkg": "GeoPackage pour SIG : couches arrêts, trajets et sites",
    "-carte.html": "carte interactive, s'ouvre dans un navigateur même sans connexion",
    ".xspf": "liste de lecture des vidéos pour VLC (extraits déjà réglés)",
    ".m3u8": "liste de lecture des vidéos (M3U)",
}


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}-pack-partenaires.zip"]


def readme(ctx: ExportContext, members: list[Path]) -> str:
    t = ctx.tour
    lines = [f"{tour_title(t.name)} — {formats.long_date(t.date, 'fr')}", ""]
    if ctx.departure is not None and ctx.return_ is not None:
        lines += [f"Départ à {formats.clock(ctx.local(ctx.departure), 'fr')}, retour vers {formats.clock(ctx.local(ctx.return_), 'fr')}.", ""]
    lines.append("Contenu du dossier :")
    for m in members:
        what = next((d for suffix, d in SUFFIX_FR.items() if m.name.endswith(suffix)), "")
        lines.append(f"- {m.name} : {what}" if what else f"- {m.name}")
    lines += ["", "Les listes de lecture désignent les vidéos par un chemin relatif : copiez le dossier des",
              "vidéos à côté de ces fichiers, comme sur l'ordinateur de l'organisateur.", "",
              f"Données cartographiques {ATTRIBUTION} (ODbL).",
              f"Généré par ZI Tour planner le {formats.long_date(ctx.local(ctx.generated_at).date(), 'fr', weekday=False)}."]
    return "\r\n".join(lines) + "\r\n"  # CRLF: Windows Notepad users


def write(ctx: ExportContext, folder: Path, members: list[Path]) -> list[Path]:
    path = folder / file_names(ctx)[0]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", readme(ctx, members).encode("utf-8"))
        for m in members:
            z.write(m, arcname=m.name)
    return [path]
