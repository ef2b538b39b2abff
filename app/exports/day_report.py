"""After the tour: planned against actual as CSV (per stop, per leg) and the logged track as GPX.

The CSV follows the itinerary's conventions (UTF-8 with BOM, ``;`` and decimal comma for
French spreadsheets, formula-looking cells neutralised); times are local, to the second
(``HH:MM:SS``), delays in minutes with one decimal: these rows feed the calibration of travel
times, so they keep the log's precision. The GPX holds one track segment of the bus's fixes,
times in UTC.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Optional, Sequence
from zoneinfo import ZoneInfo

import gpxpy.gpx as g

from app.exports.csv_itinerary import neutralise
from app.model.plan import BusPlan
from app.tourday.report import leg_actuals, stop_actuals

STATUS_FR = {"done": "fait", "arrived": "sur place", "passed": "passé", "passed_without_stopping": "passé sans arrêt",
             "skipped": "annulé", "not_reached": "non atteint"}
KIND_FR = {"visit": "Visite", "drive_by": "Passage", "lunch": "Déjeuner", "break": "Pause", "pickup": "Prise en charge"}
STOP_HEADER = ["Car", "N°", "Type", "Lieu", "Arrivée prévue", "Arrivée réelle", "Écart arrivée (min)",
               "Départ prévu", "Départ réel", "Écart départ (min)", "État", "Présents au départ"]
LEG_HEADER = ["Car", "Trajet", "De", "À", "Distance (km)", "Départ prévu", "Départ réel", "Arrivée prévue",
              "Arrivée réelle", "Durée prévue (min)", "Durée réelle (min)", "Écart (min)"]


def _writer(path: Path, rows: list[list[str]]) -> Path:
    """Write ``rows``; the names in them were neutralised where they were put in (the numbers, a
    signed delay among them, are ours and stay numbers)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
    return path


def _clock(when: Optional[dt.datetime], tz: ZoneInfo) -> str:
    return "" if when is None else when.astimezone(tz).strftime("%H:%M:%S")


def _minutes(seconds: Optional[float]) -> str:
    if seconds is None:
        return ""
    minutes = round(seconds / 60, 1) + 0.0  # + 0.0: no "-0,0"
    return f"{minutes:.1f}".replace(".", ",")


def write_day_report(folder: Path, base_name: str, tz: ZoneInfo, buses: Sequence[tuple[BusPlan, list, list]],
                     depot_name: str = "") -> list[Path]:
    """Write ``<base>-jour-arrets.csv``, ``<base>-jour-trajets.csv`` and ``<base>-jour-trace.gpx`` in
    ``folder``; ``buses``: (plan of the bus, its logged events, its logged fixes) for each bus."""
    stop_rows = [STOP_HEADER]
    leg_rows = [LEG_HEADER]
    gpx = g.GPX()
    gpx.creator = "ZI Tour planner"
    gpx.name = f"{base_name} — trace du jour"
    for plan, events, fixes in buses:
        for s in stop_actuals(plan, events):
            stop_rows.append([neutralise(plan.bus_name), str(s.index + 1), KIND_FR.get(s.kind, s.kind), neutralise(s.name),
                              _clock(s.planned_arrival, tz), _clock(s.arrival, tz), _minutes(s.arrival_delay_s),
                              _clock(s.planned_departure, tz), _clock(s.departure, tz), _minutes(s.departure_delay_s),
                              STATUS_FR.get(s.status, s.status), "" if s.headcount is None else str(s.headcount)])
        for leg in leg_actuals(plan, events, depot_name):
            actual = leg.actual_s
            leg_rows.append([neutralise(plan.bus_name), str(leg.index + 1), neutralise(leg.from_name),
                             neutralise(leg.to_name),
                             f"{leg.distance_m / 1000:.2f}".replace(".", ","),
                             _clock(leg.planned_departure, tz), _clock(leg.departure, tz),
                             _clock(leg.planned_arrival, tz), _clock(leg.arrival, tz),
                             _minutes(leg.planned_s), _minutes(actual),
                             _minutes(None if actual is None else actual - leg.planned_s)])
        track = g.GPXTrack(name=plan.bus_name)
        segment = g.GPXTrackSegment()
        segment.points = [g.GPXTrackPoint(f.lat, f.lon, time=f.at.astimezone(dt.timezone.utc)) for f in fixes]
        track.segments.append(segment)
        gpx.tracks.append(track)
    folder.mkdir(parents=True, exist_ok=True)
    out = [_writer(folder / f"{base_name}-jour-arrets.csv", stop_rows),
           _writer(folder / f"{base_name}-jour-trajets.csv", leg_rows)]
    gpx_path = folder / f"{base_name}-jour-trace.gpx"
    gpx_path.write_text(gpx.to_xml(version="1.1"), encoding="utf-8", newline="\n")
    out.append(gpx_path)
    return out
