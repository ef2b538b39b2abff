"""A small real project (Krems sites, real roads) and a hand-built plan for the export tests.

The plan is built here, not by the planner, so exports are tested independently of how
plans are computed. Leg geometry follows the region's real road centrelines (shortest
path on the road layer), so maps and GPX tracks look like a real tour.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.model.entities import Ambassador, Bus, Site, SiteKind, Stop, StopKind, TimeWindow, Tour, Video  # noqa: E402
from app.model.plan import BusPlan, Cue, Leg, Plan, PlannedStop  # noqa: E402
from app.store.project import Project  # noqa: E402

MAPS = Path(__file__).resolve().parents[2] / "maps"
PARIS = ZoneInfo("Europe/Paris")
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_FORMULA = '=HYPERLINK("http://x")'


def krems_layers_and_features():
    """Map layers and named features of the bundled Krems extract (© OpenStreetMap contributors)."""
    try:
        from routing.regions import load_region  # the routing helper's public API, when present
    except ImportError:
        load_region = None
    if load_region is not None and os.environ.get("ZITOUR_DATA_DIR"):
        region = load_region("krems")
        return region.layers, [(f.name, f.lon, f.lat, f.tags) for f in region.named_features()]
    from routing.osm_reader import read_osm

    raw = read_osm(MAPS / "krems_austria.osm.gz")
    return raw.layers, [(f.name, f.lon, f.lat, f.tags) for f in raw.features]


class RoadPaths:
    """Shortest paths on the road layer's centrelines (metres), for realistic leg geometry."""

    def __init__(self, roads):
        import networkx as nx

        coords = np.round(roads.coords, 7)
        keys = {}
        self.points = []
        g = nx.Graph()
        for k in range(len(roads.offsets) - 1):
            line = coords[roads.offsets[k]:roads.offsets[k + 1]]
            prev = None
            for lon, lat in line:
                key = (lon, lat)
                if key not in keys:
                    keys[key] = len(self.points)
                    self.points.append(key)
                node = keys[key]
                if prev is not None and prev != node:
                    g.add_edge(prev, node, weight=_dist_m(self.points[prev], self.points[node]))
                prev = node
        # keep the largest connected part so every pair has a path
        main = max(nx.connected_components(g), key=len)
        self.graph = g.subgraph(main).copy()
        self.nodes = np.array(sorted(main))
        self.xy = np.array([self.points[n] for n in self.nodes])
        self.nx = nx

    def nearest(self, lon: float, lat: float) -> int:
        d = (self.xy[:, 0] - lon) ** 2 * np.cos(np.radians(lat)) ** 2 + (self.xy[:, 1] - lat) ** 2
        return int(self.nodes[int(np.argmin(d))])

    def path(self, a: tuple[float, float], b: tuple[float, float]) -> tuple[list[tuple[float, float]], float]:
        na, nb = self.nearest(*a), self.nearest(*b)
        nodes = self.nx.shortest_path(self.graph, na, nb, weight="weight")
        coords = [a] + [self.points[n] for n in nodes] + [b]
        return coords, sum(_dist_m(p, q) for p, q in zip(coords, coords[1:]))


def _dist_m(p, q) -> float:
    lat = np.radians((p[1] + q[1]) / 2)
    dx = (q[0] - p[0]) * 111_320.0 * np.cos(lat)
    dy = (q[1] - p[1]) * 110_574.0
    return float(np.hypot(dx, dy))


@pytest.fixture(scope="session")
def krems():
    layers, features = krems_layers_and_features()
    return layers, features, RoadPaths(layers.roads)


def pick_companies(features, n: int) -> list[tuple[str, float, float, dict]]:
    """``n`` distinct named features, spread over the region (deterministic)."""
    seen, out = set(), []
    for name, lon, lat, tags in sorted(features, key=lambda f: (f[0], f[1])):
        key = (round(lon, 3), round(lat, 3))
        if not name or name in seen or key in seen:
            continue
        seen.add(name)
        seen.add(key)
        out.append((name, lon, lat, tags))
    step = max(1, len(out) // n)
    return out[::step][:n]


def build_project(path: Path, krems, n_stops: int = 5, hostile: bool = True, n_buses: int = 1,
                  region: str = "krems") -> Project:
    """A saved project with one tour of ``n_stops`` real Krems sites and a hand-built plan.

    The plan carries the fingerprint of the project's inputs, as a plan from the planner does
    (it is up to date); ``region`` "" plans on no region (exports then draw no base map)."""
    from dataclasses import replace

    from app.services.plan_inputs import inputs_fingerprint

    layers, features, roads = krems
    project = Project.create(path)
    project.set_setting("region", region)
    depot = project.add(Site(name="Dépôt Autocars Wachau", lon=15.6105, lat=48.4105, kind=SiteKind.DEPOT,
                             address="Hafenstraße 1, 3500 Krems"))
    companies = pick_companies([f for f in features if "Finanzamt" not in f[0]], n_stops)
    k = 0
    while len(companies) < n_stops:  # small extract: complete with points on real roads
        lon, lat = roads.xy[(len(roads.xy) * (2 * k + 1)) // (2 * n_stops + 7)]
        companies.append((f"Entreprise {len(companies) + 1}", float(lon), float(lat), {}))
        k += 1
    sites = []
    for i, (name, lon, lat, tags) in enumerate(companies):
        if hostile and i == 0:
            name = HOSTILE_SCRIPT
        if hostile and i == 1:
            name = HOSTILE_FORMULA
        addr = " ".join(x for x in (tags.get("addr:street", ""), tags.get("addr:housenumber", ""),
                                     tags.get("addr:postcode", ""), tags.get("addr:city", "")) if x)
        sites.append(project.add(Site(
            name=name, lon=lon, lat=lat, address=addr or "Krems an der Donau",
            sector="Industrie", products=f"Produits de {name} ; pièces, chimie & logistique",
            jobs="Opérateur·rice de production, technicien·ne de maintenance",
            salaries="1 900 € à 2 600 € brut par mois", training="Formation interne de 3 mois",
            contact_name="Mme Dupont", contact_phone="+33 6 12 34 56 78", contact_email="contact@example.fr",
            notes="Casques fournis ; chaussures fermées." if i % 2 == 0 else HOSTILE_SCRIPT,
            talking_points="Métiers en tension, alternance, égalité femmes-hommes.\nVisite de l'atelier.",
            gate_lon=lon + 0.0004 if i % 3 == 0 else None, gate_lat=lat if i % 3 == 0 else None)))
    tour = project.add(Tour(name="ZI Krems – Octobre", date=dt.date(2025, 10, 14), start_site_id=depot.id,
                            participants=45, notes="Groupe de prescripteurs"))
    buses = [project.add(Bus(name=f"Car {b + 1}", seats=50, operator="Autocars Wachau", driver="Jean Martin",
                             driver_phone="+33 6 00 00 00 0" + str(b), tour_id=tour.id)) for b in range(n_buses)]
    stops = []
    for i, s in enumerate(sites):
        kind = StopKind.LUNCH if i == n_stops // 2 else (StopKind.DRIVE_BY if i % 4 == 3 else StopKind.VISIT)
        stops.append(project.add(Stop(site_id=s.id, kind=kind, dwell_s=0 if kind == StopKind.DRIVE_BY else 2400,
                                      windows=[TimeWindow(dt.time(9), dt.time(17))], position=i, tour_id=tour.id,
                                      notes="Arrêt " + str(i + 1), bus_id=buses[i % n_buses].id)))
    ambs = [project.add(Ambassador(name="Claire Bernard", organisation="UIMM", phone="+33 6 11 22 33 44",
                                   site_ids={s.id for s in sites})),
            project.add(Ambassador(name=HOSTILE_SCRIPT, organisation="CCI", site_ids={sites[0].id}))]
    videos = [project.add(Video(path=f"videos/{slug_name(s.name)}.mp4", title=f"Vidéo {s.name}",
                                duration_s=95.0 + 10 * i, site_id=s.id)) for i, s in enumerate(sites)]
    plan = hand_plan(tour, depot, sites, stops, buses, ambs, videos, roads)
    project.save_plan(replace(plan, inputs_fingerprint=inputs_fingerprint(project, tour.id)))
    return project


def slug_name(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text)[:30]


def hand_plan(tour, depot, sites, stops, buses, ambs, videos, roads) -> Plan:
    """Stops in the organiser's order, 40 km/h on real road paths, waits before 9 h."""
    bus_plans = []
    for b_index, bus in enumerate(buses):
        mine = [(s, st) for s, st in zip(sites, stops) if st.bus_id == bus.id]
        t = dt.datetime.combine(tour.date, dt.time(8, 30), PARIS)
        departure = t
        here = depot
        legs, planned, cues = [], [], []
        for seq, (site, stop) in enumerate(mine, start=1):
            geom, dist = roads.path((here.lon, here.lat), site.routing_point)
            dur = dist / (40 / 3.6) + 60
            arrive = t + dt.timedelta(seconds=dur)
            legs.append(Leg(here.id, site.id, t, arrive, dur, dist, tuple(geom), (ambs[0].id,)))
            video = next(v for v in videos if v.site_id == site.id)
            offset = (t - departure).total_seconds() + 30
            trimmed = seq % 2 == 0
            cues.append(Cue(video.id, site.id, seq - 1, t + dt.timedelta(seconds=30), offset,
                            trim_start_s=12.0 if trimmed else 0.0, trim_end_s=70.5 if trimmed else None,
                            title=video.title))
            opens = dt.datetime.combine(tour.date, dt.time(9), PARIS)
            wait = max(0.0, (opens - arrive).total_seconds())
            start = max(arrive, opens)
            leave = start + dt.timedelta(seconds=stop.dwell_s)
            planned.append(PlannedStop(seq, stop.id, site.id, stop.kind.value, arrive, leave, wait, 3600.0,
                                       ambassador_id=ambs[seq % 2].id, name=site.name))
            t, here = leave, site
        geom, dist = roads.path((here.lon, here.lat), (depot.lon, depot.lat))
        dur = dist / (40 / 3.6) + 60
        back = t + dt.timedelta(seconds=dur)
        legs.append(Leg(here.id, depot.id, t, back, dur, dist, tuple(geom), (ambs[0].id, ambs[1].id)))
        bus_plans.append(BusPlan(bus.id, bus.name, depot.id, depot.id, departure, back, tuple(planned),
                                 tuple(legs), tuple(cues)))
    return Plan(tour.id, dt.datetime(2025, 10, 1, 12, 0, tzinfo=dt.timezone.utc), tuple(bus_plans),
                solver={"engine": "hand"})


@pytest.fixture
def project(tmp_path, krems):
    p = build_project(tmp_path / "demo.zitour", krems, n_stops=6)
    yield p
    p.close()
