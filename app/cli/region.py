"""``zitour region``: import, list, download road-network regions, and check a route."""
from __future__ import annotations

import argparse
import sys

from app.services.regions import import_summary
from routing.errors import UserError
from routing.messages import Message


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """"W,S,E,N" in degrees -> tuple; UserError when malformed."""
    try:
        w, s, e, n = (float(v) for v in text.split(","))
    except ValueError:
        raise UserError("cli.bad_box_syntax", box=text) from None
    if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):
        raise UserError("cli.bad_box_order", box=text)
    return (w, s, e, n)


class StderrProgress:
    """Prints a progress line on stderr when the label or the tenth changes."""

    def __init__(self) -> None:
        self._last = (None, -1)

    def __call__(self, fraction: float, label: str) -> None:
        step = int(fraction * 10)
        if (label, step) != self._last:
            self._last = (label, step)
            print(f"  {fraction * 100:5.1f} %  {label}", file=sys.stderr, flush=True)


def cmd_import(args) -> int:
    from pathlib import Path

    from routing.regions import import_region

    bbox = parse_bbox(args.bbox) if args.bbox else None
    path = import_region(Path(args.file), name=args.name, bbox=bbox, progress=StderrProgress(),
                         left_hand_traffic=args.left_hand_traffic, buildings=args.buildings)
    print("\n".join(import_summary(path, getattr(args, "lang", "en"))))
    return 0


def cmd_list(args) -> int:
    from routing.regions import list_regions, regions_dir

    lang = getattr(args, "lang", "en")
    regions = list_regions()
    if not regions:
        print(Message("cli.region.none", folder=str(regions_dir())).text(lang))
        return 0
    for r in regions:
        if r.damaged:
            state = Message("cli.region.damaged").text(lang)
        elif r.path is None:
            state = Message("cli.region.bundled").text(lang)
        else:
            state = ", ".join(f"{v:.4f}" for v in r.bounds)
        print(f"{r.name:<24} {r.source:<40} {state}")
    return 0


def cmd_download(args) -> int:
    from routing.download import download_region

    bbox = parse_bbox(args.bbox) if args.bbox else None
    path = download_region(place=args.place, bbox=bbox, name=args.name, progress=StderrProgress(),
                           refresh=args.refresh)
    print("\n".join(import_summary(path, getattr(args, "lang", "en"))))
    return 0


def register(subparsers) -> None:
    """Add ``region import|list|download|route`` to the ``zitour`` parser."""
    p = subparsers.add_parser("region", help="import, list or download road-network regions")
    sub = p.add_subparsers(dest="region_command", metavar="ACTION", required=True)

    imp = sub.add_parser("import", help="compile an OSM extract (.osm, .osm.gz, .osm.bz2, .osm.pbf)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--name", help="region name (default: from the file name)")
    imp.add_argument("--bbox", metavar="W,S,E,N", help="keep only this box (degrees)")
    imp.add_argument("--left-hand-traffic", action="store_true",
                     help="traffic drives on the left: stops put the site on the coach's left")
    imp.add_argument("--buildings", action=argparse.BooleanOptionalAction, default=None,
                     help="keep building outlines on the map (default: yes, unless the file is over 60 MB)")
    imp.set_defaults(func=cmd_import)

    lst = sub.add_parser("list", help="list compiled and bundled regions")
    lst.set_defaults(func=cmd_list)

    dl = sub.add_parser("download", help="download a region from OpenStreetMap (needs the network)")
    what = dl.add_mutually_exclusive_group(required=True)
    what.add_argument("--place", help='place name, e.g. "Meyzieu, France"')
    what.add_argument("--bbox", metavar="W,S,E,N", help="box in degrees")
    dl.add_argument("--name", help="region name")
    dl.add_argument("--refresh", action="store_true", help="download again even if cached")
    dl.set_defaults(func=cmd_download)

    rt = sub.add_parser("route", help="print the coach route through points: duration, distance, OSM nodes per leg")
    rt.add_argument("region", metavar="REGION", help="region name (see `zitour region list`)")
    rt.add_argument("points", metavar="LON,LAT", nargs="*", help="two points or more, in order")
    rt.add_argument("--json", action="store_true", help="print OSRM-style JSON (annotation.nodes per leg)")
    rt.add_argument("--batch", metavar="FILE", help="one route a line (points separated by spaces): one JSON object a line")
    for dim, unit in (("height", "m"), ("weight", "t"), ("width", "m"), ("length", "m")):
        rt.add_argument(f"--{dim}", type=float, metavar=unit.upper(), help=f"coach {dim} in {unit} (default: the 12 m coach)")
    rt.set_defaults(func=cmd_route)


def cmd_route(args) -> int:
    """Print one coach route (or, with --batch, one JSON line per route of a file)."""
    import json

    from app.services.route_check import coach_profile, parse_point, route
    from routing.messages import Distance, Duration
    from routing.regions import load_region

    lang = getattr(args, "lang", "en")
    profile = coach_profile(args.height, args.weight, args.width, args.length)
    net = load_region(args.region, progress=StderrProgress()).network(profile)
    if args.batch:
        from pathlib import Path
        failed = 0
        with open(Path(args.batch), encoding="utf-8") as f:
            for line_no, line in enumerate(f, start=1):
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                try:
                    points = [parse_point(p) for p in line.split()]
                except UserError as exc:
                    print(json.dumps({"code": "InvalidQuery", "line": line_no, "message": exc.text("en")}))
                    failed += 1
                    continue
                res = route(net, points)
                failed += res.error is not None
                print(json.dumps(dict(res.to_json(), line=line_no), ensure_ascii=False))
        return 1 if failed else 0
    res = route(net, [parse_point(p) for p in args.points])
    if args.json:
        print(json.dumps(res.to_json(), ensure_ascii=False))
        return 0 if res.error is None else 1
    if res.error is not None:
        raise UserError("cli.route.failed", reason=res.error)
    print(Message("cli.route.total", profile=profile.name, duration=Duration(res.duration_s),
                  distance=Distance(res.distance_m)).text(lang))
    for k, (w, leg) in enumerate(zip(res.waypoints[1:], res.legs), start=1):
        print("  " + Message("cli.route.leg", n=k, duration=Duration(leg.duration_s), distance=Distance(leg.distance_m),
                             side=Message(f"cli.route.side.{w.kerb_side}"), count=len(leg.node_ids)).text(lang))
        print("    " + " ".join(str(n) for n in leg.node_ids))
        for warning in leg.warnings:
            print(f"    ! {warning.text(lang)}")
    return 0
