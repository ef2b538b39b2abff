"""Partner pack: a zip of the chosen exports, the clips their playlists play, and a README in French.

The pack is self-contained: unzipped anywhere, its playlists play. The clips go into
``videos/`` (stored, not deflated: a video does not compress) under names safe on every system
(no ``#``, no accents), and the pack's playlists are written again with those paths. Without
the clips (``ExportOptions.pack_videos`` False, for a pack to send by e-mail) the playlists
keep the same ``videos/...`` paths and the README says which files to put there.
"""
from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

from app.exports.context import ATTRIBUTION, ExportContext
from app.exports.files import slug
from app.exports.french import tour_title
from app.i18n import formats
from app.model.media import video_file

LARGE_PACK_BYTES = 300_000_000  # above this, a pack is too big for e-mail or most transfer sites
VIDEO_DIR = "videos"

SUFFIX_FR = {
    "-itineraire.pdf": "itinéraire à imprimer : carte du parcours et déroulé de la journée",
    "-livret-": "livret d'un ambassadeur : ses arrêts dans l'ordre, avec leurs fiches",
    "-programmes-groupes.pdf": "programme de chaque groupe (une page par groupe : son car, ses visites)",
    "-programmes-groupes.csv": "programmes des groupes pour tableur",
    "-accueil-entreprises.pdf": "accueil prévu dans chaque entreprise (groupes, effectifs, horaires, contacts)",
    "-accueil-entreprises.csv": "accueil des entreprises pour tableur",
    "-fiches-arrets.pdf": "fiches arrêt pour les ambassadeurs (une page par arrêt, code QR vers l'entrée du car)",
    "-itineraire.csv": "itinéraire pour tableur (séparateur point-virgule, UTF-8)",
    ".gpx": "parcours pour GPS ou application de navigation du conducteur",
    ".ics": "rendez-vous à importer dans un agenda (Outlook, Google Agenda, Thunderbird…)",
    ".geojson": "carte pour SIG (QGIS…), coordonnées WGS 84",
    ".gpkg": "GeoPackage pour SIG : couches arrêts, trajets et sites",
    "-carte.html": "carte interactive, s'ouvre dans un navigateur même sans connexion",
    ".xspf": "liste de lecture des vidéos pour VLC (extraits déjà réglés)",
    ".m3u8": "liste de lecture des vidéos (M3U)",
}
PLAYLIST_SUFFIXES = (".xspf", ".m3u8")


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}-pack-partenaires.zip"]


def clips(ctx: ExportContext) -> dict[str, tuple[str, Path]]:
    """The clips the plan's cues play: stored path -> (path inside the pack, file on disk), for the
    files that exist inside the project's folder."""
    out: dict[str, tuple[str, Path]] = {}
    used: set[str] = set()
    for bus in ctx.plan.buses:
        for cue in sorted(bus.cues, key=lambda c: c.start):
            v = ctx.videos.get(cue.video_id)
            if v is None or v.path in out:
                continue
            path = video_file(ctx.media_folder, v.path)
            if path is None or not path.is_file():
                continue
            stem = slug(Path(v.path).stem, fallback="video", max_len=50)
            name = f"{stem}{path.suffix.lower()}"
            k = 2
            while name in used:
                name, k = f"{stem}-{k}{path.suffix.lower()}", k + 1
            used.add(name)
            out[v.path] = (f"{VIDEO_DIR}/{name}", path)
    return out


def clips_bytes(ctx: ExportContext) -> int:
    """How much the clips weigh (bytes): the pack is about that big."""
    return sum(p.stat().st_size for _, p in clips(ctx).values())


def _megabytes(n: int) -> str:
    return formats.decimal(n / 1e6, 0, "fr") + " Mo"


def readme(ctx: ExportContext, members: list[Path], videos: dict[str, tuple[str, Path]], included: bool) -> str:
    t = ctx.tour
    lines = [f"{tour_title(t.name)} — {formats.long_date(t.date, 'fr')}", ""]
    if ctx.departure is not None and ctx.return_ is not None:
        lines += [f"Départ à {formats.clock(ctx.local(ctx.departure), 'fr')}, retour vers {formats.clock(ctx.local(ctx.return_), 'fr')}.", ""]
    dropped = [d for d in ctx.plan.dropped if d.required]
    if dropped:
        lines += ["Attention : des arrêts demandés ne sont pas au programme :"]
        lines += [f"- {ctx.site_name(d.site_id, f'arrêt {d.stop_id}')} : {d.reason.text('fr')}" for d in dropped]
        lines.append("")
    lines.append("Contenu du dossier :")
    for m in members:
        what = next((d for suffix, d in SUFFIX_FR.items()
                     if m.name.endswith(suffix) or (suffix.endswith("-") and suffix in m.name)), "")
        lines.append(f"- {m.name} : {what}" if what else f"- {m.name}")
    if videos and included:
        size = sum(p.stat().st_size for _, p in videos.values())
        lines += [f"- {VIDEO_DIR}/ : les {len(videos)} vidéos des listes de lecture ({_megabytes(size)})", "",
                  "Décompressez tout le dossier, puis ouvrez une liste de lecture avec VLC : elle trouve les",
                  f"vidéos dans le sous-dossier {VIDEO_DIR}/."]
    elif videos:
        lines += ["", "Les vidéos ne sont pas incluses. Pour que les listes de lecture fonctionnent, créez un",
                  f"dossier {VIDEO_DIR}/ à côté d'elles et copiez-y ces fichiers (demandez-les à l'organisateur) :"]
        lines += [f"- {inside} (fichier d'origine : {Path(stored).name})" for stored, (inside, _) in videos.items()]
    lines += ["", f"Données cartographiques {ATTRIBUTION} (ODbL).",
              f"Généré par ZI Tour planner le {formats.long_date(ctx.local(ctx.generated_at).date(), 'fr', weekday=False)}."]
    return "\r\n".join(lines) + "\r\n"  # CRLF: Windows Notepad users


def _playlist_bytes(ctx: ExportContext, member: Path) -> bytes:
    """``member`` (a playlist written for the folder) written again with the pack's video paths."""
    from app.exports import m3u, xspf

    module = xspf if member.suffix == ".xspf" else m3u
    for name, bus in zip(module.file_names(ctx), ctx.plan.buses):
        if name == member.name:
            data = module.build(ctx, bus)
            return data if isinstance(data, bytes) else data.encode("utf-8")
    return member.read_bytes()


def write(ctx: ExportContext, folder: Path, members: list[Path]) -> list[Path]:
    path = folder / file_names(ctx)[0]
    videos = clips(ctx)
    included = ctx.options.pack_videos
    inside = dataclasses.replace(ctx, pack_video_names={stored: name for stored, (name, _) in videos.items()},
                                 pack_videos_included=included)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", readme(ctx, members, videos, included).encode("utf-8"))
        for m in members:
            if m.suffix in PLAYLIST_SUFFIXES:
                z.writestr(m.name, _playlist_bytes(inside, m))
            else:
                z.write(m, arcname=m.name)
        if included:
            for name, file in videos.values():
                z.write(file, arcname=name, compress_type=zipfile.ZIP_STORED)
    return [path]
