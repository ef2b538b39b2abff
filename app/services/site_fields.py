"""Turning one imported row (CSV line, GeoJSON feature, OSM feature) into a Site.

Column names are matched in French or English through synonyms, ignoring case,
accents and punctuation ("Téléphone", "telephone", "TEL." all mean the contact
phone). Numbers accept French decimal commas ("45,7612"). Every problem becomes
a :class:`RejectedRow` naming the row, the column and the reason in both
languages.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional, Protocol

from app.model.entities import Site, SiteKind, SiteSource
from app.services.slots import SlotsError, parse_slots
from routing.errors import Message

# canonical field -> header synonyms (already normalised by ``norm``)
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("nom", "name", "nom du site", "nom de l entreprise", "raison sociale", "entreprise", "societe",
             "etablissement", "site", "company", "site name"),
    "lon": ("longitude", "lon", "lng", "long", "x", "wgs84 lon", "longitude wgs84"),
    "lat": ("latitude", "lat", "y", "wgs84 lat", "latitude wgs84"),
    "coordinates": ("coordonnees", "coordonnees gps", "gps", "coordinates", "position", "lat lon", "latlon"),
    "address": ("adresse", "address", "adresse postale", "adresse complete", "street address"),
    "kind": ("type", "kind", "categorie", "category", "nature", "type de site", "site type"),
    "sector": ("secteur", "sector", "secteur d activite", "filiere", "branche", "industry"),
    "products": ("produits", "products", "activite", "activity", "activites", "production", "fabrication",
                 "ce qui est fabrique", "what is made"),
    "jobs": ("metiers", "emplois", "postes", "jobs", "metiers recherches", "postes a pourvoir", "offres",
             "recrutement", "jobs to fill", "open positions"),
    "salaries": ("salaires", "salaries", "salaire", "salary", "remuneration", "remunerations", "pay"),
    "training": ("formation", "formations", "training", "formation interne", "formations internes",
                 "internal training"),
    "contact_name": ("contact", "nom du contact", "contact name", "interlocuteur", "referent", "personne contact",
                     "contact person"),
    "contact_phone": ("telephone", "tel", "phone", "portable", "mobile", "telephone contact", "contact phone"),
    "contact_email": ("email", "e mail", "courriel", "mail", "adresse mail", "adresse email", "contact email"),
    "notes": ("notes", "note", "remarques", "remarque", "commentaire", "commentaires", "observations", "comments"),
    "talking_points": ("points cles", "a dire", "talking points", "argumentaire", "points a aborder"),
    "visit_capacity": ("capacite", "capacity", "capacite d accueil", "jauge", "visit capacity",
                       "taille max du groupe", "max group size"),
    "visit_slots": ("creneaux", "creneaux de visite", "creneaux horaires", "horaires de visite", "heures de visite",
                    "visit slots", "slots", "time slots", "visiting hours"),
    "gate_lon": ("portail lon", "portail longitude", "gate lon", "gate longitude", "acces lon", "acces longitude",
                 "entree lon", "entree longitude"),
    "gate_lat": ("portail lat", "portail latitude", "gate lat", "gate latitude", "acces lat", "acces latitude",
                 "entree lat", "entree latitude"),
    "ref": ("id", "ref", "reference", "identifiant", "code", "siret", "source ref"),
}

# French and English labels of each field, for messages.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name": ("name", "nom"), "lon": ("longitude", "longitude"), "lat": ("latitude", "latitude"),
    "coordinates": ("coordinates", "coordonnées"), "kind": ("type", "type"),
    "visit_capacity": ("capacity", "capacité"), "visit_slots": ("visit slots", "créneaux"), "gate_lon": ("gate longitude", "longitude du portail"),
    "gate_lat": ("gate latitude", "latitude du portail"), "geometry": ("geometry", "géométrie"),
}

# site kind synonyms (normalised) -> kind
KIND_SYNONYMS: dict[str, SiteKind] = {}
for _kind, _words in {
    SiteKind.COMPANY: ("entreprise", "company", "societe", "usine", "industrie", "industriel", "pme", "site industriel",
                       "etablissement", "firm", "factory", "plant"),
    SiteKind.TRAINING_CENTRE: ("centre de formation", "formation", "training centre", "training center",
                               "training_centre", "organisme de formation", "cfa", "lycee professionnel", "lycee pro",
                               "afpa", "ecole", "school"),
    SiteKind.INCLUSION: ("siae", "insertion", "inclusion", "entreprise d insertion", "entreprise adaptee", "esat",
                         "aci", "ei", "etti", "ai", "chantier d insertion", "inclusion enterprise"),
    SiteKind.DEPOT: ("depot", "depot de bus", "garage", "autocariste", "bus depot", "gare routiere"),
    SiteKind.RESTAURANT: ("restaurant", "restauration", "cantine", "dejeuner", "repas", "lunch", "self"),
    # "Autre public": the label of the app's own "other" list entry, seen in files filled from it
    SiteKind.OTHER: ("autre", "other", "divers", "autre public", "other audience"),
}.items():
    for _w in _words:
        KIND_SYNONYMS[_w] = _kind


def _kind_labels() -> None:
    """Every language's display name of each kind is a synonym: a file filled with the app's own
    words ("Entreprise d'insertion", "Inclusion enterprise") reads back."""
    from app.i18n import label, languages

    for kind in SiteKind:
        for lang in languages():
            KIND_SYNONYMS.setdefault(norm(label(kind, lang)), kind)

TEXT_FIELDS = ("address", "sector", "products", "jobs", "salaries", "training", "contact_name", "contact_phone",
               "contact_email", "notes", "talking_points")


def norm(text: str) -> str:
    """Lower case, no accents, words separated by one space: ``"Téléphone / Tél."`` -> ``"telephone tel"``."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


_LOOKUP = {syn: canon for canon, syns in FIELD_SYNONYMS.items() for syn in syns}
_kind_labels()


def canonical_field(header: str) -> Optional[str]:
    """The canonical field a column header means, or None when it is not one we know."""
    return _LOOKUP.get(norm(header))


class RegionLike(Protocol):
    """What the import needs of a region: ``routing.region.Region`` fits."""

    def contains(self, lon: float, lat: float) -> bool: ...


@dataclass(frozen=True)
class RejectedRow:
    """One problem of one imported row.

    ``row`` is the row as a spreadsheet shows the file (CSV: the header is row 1, the
    first site row 2) or the 1-based feature index (GeoJSON, OSM); ``line`` the line in
    the file where the row starts (CSV only), said only when a cell spanning lines makes
    it differ from the row. ``column`` is the column or property as written in the file
    (or a field name).
    """

    row: int
    column: str
    reason: Message
    line: Optional[int] = None
    name: str = ""  # the row's name, when it has one

    @property
    def message(self) -> Message:
        """The row, its column and name, and the reason: one line fit for a terminal or a warnings panel."""
        where = (Message("import.row_line", row=self.row, line=self.line) if self.line and self.line != self.row
                 else Message("import.row", row=self.row))
        return Message("import.rejected_row", where=where,
                       column=Message("import.in_column", column=self.column) if self.column else "",
                       name=Message("import.row_name", name=self.name) if self.name else "",
                       reason=self.reason)

    def text(self, lang: str = "fr") -> str:
        return self.message.text(lang)


@dataclass
class RawRow:
    """A row as read from a file: canonical field -> raw text, before validation."""

    row: int
    values: dict[str, str]
    columns: dict[str, str] = field(default_factory=dict)  # canonical field -> header as written
    line: Optional[int] = None
    lonlat: Optional[tuple[float, float]] = None  # from a geometry (GeoJSON, OSM), already WGS84
    ref: str = ""  # stable identifier in the source ("way/123", "sites.csv#A12"), or "" if none
    fallback_ref: str = ""  # where it came from, when there is no stable identifier
    geometry_error: Optional[Message] = None  # why the geometry gave no point
    fill_only: bool = False  # on re-import, only fill the existing site's empty fields (OSM data)


@dataclass
class Candidate:
    """A validated row: the site it describes and which fields the source gave."""

    row: int
    site: Site
    provided: set[str]  # Site field names that had a non-empty value
    stable_ref: bool  # site.source_ref identifies the row across re-imports
    fill_only: bool = False  # see RawRow.fill_only


class NumberError(ValueError):
    pass


def parse_float(text: str) -> float:
    """A decimal number, with a dot or a French comma: ``"45,7612"``, ``" 4.85 "``, ``"45.76°"``."""
    t = str(text).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").rstrip("°")
    if t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", t):
        raise NumberError(text)
    value = float(t)
    if not math.isfinite(value):
        raise NumberError(text)
    return value


def parse_capacity(text: str) -> int:
    """A head count: ``"25"``, ``"25 personnes"``, ``"25.0"``."""
    m = re.fullmatch(r"\s*(\d+)(?:[.,]0+)?\s*(?:pers\w*|people|personnes|places|pax|max)?\.?\s*", str(text), re.I)
    if not m or len(m.group(1)) > 6:  # a group of people, not a 400-digit number
        raise NumberError(text)
    return int(m.group(1))


def parse_coordinates(text: str) -> tuple[float, float]:
    """``"lat, lon"`` as copied from a web map (``"48.4101, 15.6012"``, ``"48,4101; 15,6012"``); returns (lon, lat)."""
    t = str(text).strip()
    if ";" in t:
        parts = t.split(";")
    elif re.fullmatch(r"\s*[+-]?\d+(\.\d+)?\s*,\s*[+-]?\d+(\.\d+)?\s*", t):
        parts = t.split(",")
    else:
        parts = t.split()
    if len(parts) != 2:
        raise NumberError(text)
    lat, lon = (parse_float(p) for p in parts)
    return lon, lat


def parse_kind(text: str) -> SiteKind:
    t = norm(text)
    if t in KIND_SYNONYMS:
        return KIND_SYNONYMS[t]
    try:
        return SiteKind(t.replace(" ", "_"))
    except ValueError:
        raise NumberError(text) from None


def _label(canon: str, lang: int) -> str:
    return FIELD_LABELS.get(canon, (canon, canon))[lang]


def build_candidate(
    raw: RawRow, source: SiteSource, region: Optional[RegionLike] = None
) -> tuple[Optional[Candidate], list[RejectedRow]]:
    """Validate ``raw``; returns the candidate site, or None and the reasons it is rejected."""
    problems: list[RejectedRow] = []
    name = " ".join(raw.values.get("name", "").split())

    shown = "".join("\ufffd" if unicodedata.category(ch) == "Cc" else ch for ch in name)  # never a NUL in a message

    def reject(canon: str, reason: Message) -> None:
        column = raw.columns.get(canon, _label(canon, 0))
        problems.append(RejectedRow(raw.row, column, reason, raw.line, shown))

    if not name:
        reject("name", Message("import.missing_name"))
    for field in ("name",) + TEXT_FIELDS:
        if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in raw.values.get(field, "")):
            reject(field, Message("import.control_characters"))  # a NUL in a name breaks exports and terminals

    def number(canon: str) -> Optional[float]:
        text = raw.values.get(canon, "").strip()
        if not text:
            return None
        try:
            return parse_float(text)
        except NumberError:
            reject(canon, Message("import.bad_number", text=text))
            return None

    lon = lat = None
    if raw.lonlat is not None:
        lon, lat = raw.lonlat
    elif raw.geometry_error is not None:
        problems.append(RejectedRow(raw.row, "geometry", raw.geometry_error, raw.line, name))
    else:
        before = len(problems)
        lon, lat = number("lon"), number("lat")
        coords = raw.values.get("coordinates", "").strip()
        if len(problems) > before:
            lon = lat = None  # already reported as unparseable
        elif lon is None and lat is None and coords:
            try:
                lon, lat = parse_coordinates(coords)
            except NumberError:
                reject("coordinates", Message("import.bad_coordinates", text=coords))
        elif lon is None or lat is None:
            reject("lon" if lon is None else "lat", Message("import.missing_coordinates"))
            lon = lat = None
    if lon is not None and lat is not None:
        _check_position(lon, lat, "lon", "lat", region, reject)

    gate_lon, gate_lat = number("gate_lon"), number("gate_lat")
    if (gate_lon is None) != (gate_lat is None):
        reject("gate_lon" if gate_lon is None else "gate_lat", Message("import.gate_incomplete"))
        gate_lon = gate_lat = None
    elif gate_lon is not None and gate_lat is not None:
        _check_position(gate_lon, gate_lat, "gate_lon", "gate_lat", region, reject)

    kind = SiteKind.COMPANY
    kind_text = raw.values.get("kind", "").strip()
    if kind_text:
        try:
            kind = parse_kind(kind_text)
        except NumberError:
            reject("kind", Message("import.unknown_kind", text=kind_text))

    slots = []
    slots_text = raw.values.get("visit_slots", "").strip()
    if slots_text:
        try:
            slots = parse_slots(slots_text)
        except SlotsError as exc:
            reject("visit_slots", exc.message)

    capacity = None
    cap_text = raw.values.get("visit_capacity", "").strip()
    if cap_text:
        try:
            capacity = parse_capacity(cap_text)
        except NumberError:
            reject("visit_capacity", Message("import.bad_capacity", text=cap_text))

    if problems:
        return None, problems
    assert lon is not None and lat is not None
    texts = {f: " ".join(raw.values.get(f, "").split()) if f != "notes" else raw.values.get(f, "").strip()
             for f in TEXT_FIELDS}
    site = Site(
        name=name, lon=lon, lat=lat, kind=kind, gate_lon=gate_lon, gate_lat=gate_lat,
        coach_turns=kind is SiteKind.DEPOT,
        visit_capacity=capacity, visit_slots=slots, source=source, source_ref=raw.ref or raw.fallback_ref, **texts,
    )
    provided = {"name", "lon", "lat"} | {f for f, v in texts.items() if v}
    if kind_text:
        provided.add("kind")
    if capacity is not None:
        provided.add("visit_capacity")
    if slots:
        provided.add("visit_slots")
    if gate_lon is not None:
        provided |= {"gate_lon", "gate_lat"}
    return Candidate(raw.row, site, provided, stable_ref=bool(raw.ref), fill_only=raw.fill_only), []


def _check_position(lon: float, lat: float, lon_f: str, lat_f: str, region: Optional[RegionLike], reject) -> None:
    # Coordinates as the program writes them (every digit, decimal point), in every language.
    x, y = str(lon), str(lat)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        reject(lon_f if not -180 <= lon <= 180 else lat_f, Message("import.not_degrees", lon=x, lat=y))
        return
    if region is None or region.contains(lon, lat):
        return
    if region.contains(lat, lon):
        reject(lon_f, Message("import.swapped", lon=x, lat=y))
    else:
        reject(lon_f, Message("import.outside_region", lon=x, lat=y))
