"""Writes the site-import fixtures of this folder (run it again after editing; outputs are committed).

    .venv/bin/python tests/services/data/build_fixtures.py

Positions are real places of the bundled extracts (© OpenStreetMap contributors):
Krems (maps/krems_austria.osm.gz) and Lyon-Villeurbanne La Doua. Projected
fixtures are computed here with pyproj from those WGS84 points; the tests check
that the import brings them back to the same WGS84 points.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyproj

HERE = Path(__file__).resolve().parent

# (name, lon, lat): representative points of named features of the Krems extract
KREMS = [
    ("Voest Alpine Krems", 15.6415863, 48.4110910),
    ("Pipelife", 15.6378569, 48.4121598),
    ("Dynea Austria GmbH", 15.6366098, 48.4067743),
    ("Mierka Donauhafen Krems GesmbH & Co KG", 15.6404112, 48.4041356),
    ("BIO-Diesel Krems GmbH", 15.6392454, 48.4043301),
    ("Gasthof Klinglhuber", 15.6056998, 48.4126923),
]
# Villeurbanne, La Doua campus (inside maps/lyon_villeurbanne_ladoua_campus.osm's bounds)
LYON = [("Campus LyonTech La Doua", 4.8730000, 45.7810000), ("Halle de la Doua", 4.8790000, 45.7830000)]


def write_csvs() -> None:
    # 1. UTF-8 without BOM, ',' separated, English headers, dot decimals, with bad rows.
    rows = [
        "name,type,address,lon,lat,sector,products,jobs,salaries,phone,email,capacity",
        f"Voest Alpine Krems,company,Hafenstraße,{KREMS[0][1]},{KREMS[0][2]},Metal,Steel tubes,Welder,2100-2800 €,+33 1 99 00 00 01,hr@example.org,25",
        f"Pipelife,factory,,{KREMS[1][1]},{KREMS[1][2]},Plastics,Pipes,Operator,,,,",
        f",company,,{KREMS[2][1]},{KREMS[2][2]},,,,,,,",  # row 3: missing name
        f"Bad Number,company,,15.63x,{KREMS[2][2]},,,,,,,",  # row 4: unparseable longitude
        "Tour Eiffel,other,Paris,2.2945,48.8584,,,,,,,",  # row 5: outside the region
        f"Swapped,company,,{KREMS[3][2]},{KREMS[3][1]},,,,,,,",  # row 6: lon/lat swapped
        f"Odd Kind,spaceport,,{KREMS[4][1]},{KREMS[4][2]},,,,,,,",  # row 7: unknown type
        f"Capacity Words,company,,{KREMS[4][1]},{KREMS[4][2]},,,,,,,lots",  # row 8: unparseable capacity
    ]
    (HERE / "sites_en_comma.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    # 2. Windows-1252, ';' separated, French headers with accents, decimal commas. "Œ" and "€"
    #    only exist in cp1252 (not latin-1), so a wrong decoding shows.
    def fr(x: float) -> str:
        return f"{x}".replace(".", ",")

    rows = [
        "Nom;Type;Adresse;Latitude;Longitude;Secteur;Activité;Métiers;Salaires;Formation;Téléphone;Courriel;Capacité;Remarques",
        f"Voest Alpine Krems;Entreprise;Hafenstraße;{fr(KREMS[0][2])};{fr(KREMS[0][1])};Métallurgie;Tubes d'acier;Soudeur·se;2 100–2 800 € brut/mois;CQPM;01 99 00 00 01;rh@example.org;25 personnes;Œuvre démo",
        f"Dépôt Autocars Démo;Dépôt;Bahnhofplatz;{fr(48.4095333)};{fr(15.6044579)};Transport;;;;;;;;",
        f"Gasthof Klinglhuber;Restaurant;Wiener Straße 2;{fr(KREMS[5][2])};{fr(KREMS[5][1])};Restauration;;;;;;;60;",
        f"Atelier Insertion Démo;SIAE;;{fr(KREMS[4][2])};{fr(KREMS[4][1])};Recyclage;;Agent de tri;;;;;;",
        f"Lycée Pro Démo;Centre de formation;;{fr(KREMS[1][2])};{fr(KREMS[1][1] + 0.001)};Formation;;;;;;;;",
        "Sans Coordonnées;Entreprise;;;;;;;;;;;;",  # row 6: missing coordinates
        "Virgule Bizarre;Entreprise;;48,41,2;15,63;;;;;;;;;",  # row 7: unparseable latitude
    ]
    (HERE / "sites_fr_cp1252_semicolon.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))

    # 3. UTF-8 with BOM, ';', an id column (stable references) and a web-map "lat, lon" column.
    rows = [
        "Identifiant;Nom du site;Coordonnées GPS;Type;Portail lat;Portail lon;Notes",
        f"K1;Voest Alpine Krems;{KREMS[0][2]}, {KREMS[0][1]};entreprise;48.4102722;15.6412868;porte 3",
        f"K2;Mierka Donauhafen Krems GesmbH & Co KG;{KREMS[3][2]}, {KREMS[3][1]};entreprise;;;",
    ]
    (HERE / "sites_bom_ids.csv").write_bytes(b"\xef\xbb\xbf" + ("\n".join(rows) + "\n").encode("utf-8"))


def _collection(crs: str | None, features: list[dict]) -> dict:
    data: dict = {"type": "FeatureCollection"}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    data["features"] = features
    return data


def _point(fid, props: dict, x: float, y: float) -> dict:
    f = {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [x, y]}}
    if fid is not None:
        f["id"] = fid
    return f


def write_geojsons() -> None:
    # Krems in Austria's MGI / Gauss-Krüger East (EPSG:31256) and in Web Mercator (EPSG:3857).
    for code, filename in ((31256, "sites_krems_epsg31256.geojson"), (3857, "sites_krems_epsg3857.geojson")):
        t = pyproj.Transformer.from_crs(4326, code, always_xy=True)
        feats = []
        for i, (name, lon, lat) in enumerate(KREMS[:3], start=1):
            x, y = t.transform(lon, lat)
            feats.append(_point(f"k{i}", {"nom": name, "secteur": "Industrie", "métiers": "Opérateur"}, round(x, 3), round(y, 3)))
        # a company outline: a small square around Dynea's point, in the same CRS
        lon, lat = KREMS[2][1], KREMS[2][2]
        ring = [t.transform(lon + dx, lat + dy) for dx, dy in ((-2e-4, -2e-4), (2e-4, -2e-4), (2e-4, 2e-4), (-2e-4, 2e-4), (-2e-4, -2e-4))]
        feats.append({"type": "Feature", "id": "outline",
                      "properties": {"name": "Dynea outline", "type": "entreprise"},
                      "geometry": {"type": "Polygon", "coordinates": [[[round(x, 3), round(y, 3)] for x, y in ring]]}})
        data = _collection(f"urn:ogc:def:crs:EPSG::{code}", feats)
        (HERE / filename).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    # Lyon La Doua in Lambert-93 (EPSG:2154), the French national projection.
    t = pyproj.Transformer.from_crs(4326, 2154, always_xy=True)
    feats = [_point(None, {"Nom": name, "Type": "centre de formation"}, *[round(v, 3) for v in t.transform(lon, lat)])
             for name, lon, lat in LYON]
    (HERE / "sites_lyon_lambert93.geojson").write_text(
        json.dumps(_collection("EPSG:2154", feats), ensure_ascii=False, indent=1), encoding="utf-8")

    # WGS84 (no crs member) with bad features: no name, no geometry, projected numbers, a line.
    feats = [
        _point(1, {"name": "Pipelife", "products": "Pipes"}, KREMS[1][1], KREMS[1][2]),
        _point(2, {"name": ""}, KREMS[0][1], KREMS[0][2]),  # 2: missing name
        {"type": "Feature", "id": 3, "properties": {"name": "Nowhere"}, "geometry": None},  # 3: no geometry
        _point(4, {"name": "Projected"}, 700000.0, 6600000.0),  # 4: not lon/lat
        {"type": "Feature", "id": 5, "properties": {"name": "Hafenstraße (line)"},
         "geometry": {"type": "LineString", "coordinates": [[15.6330, 48.4070], [15.6360, 48.4060]]}},
    ]
    (HERE / "sites_wgs84_bad.geojson").write_text(json.dumps(_collection(None, feats), indent=1), encoding="utf-8")


if __name__ == "__main__":
    write_csvs()
    write_geojsons()
    print("fixtures written to", HERE)
