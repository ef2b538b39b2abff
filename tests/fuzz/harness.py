"""Mutation fuzzing of everything a user may be handed, through the real command line.

Seeds are real files (the Krems extract, the demo project, a compiled region, CSV and
GeoJSON site lists); each case mutates one seed (bit flips, inserted or deleted bytes,
swapped digits and separators, decimal commas, NULs, truncation, duplicated chunks) and
runs ``zitour`` on it in this process (``app.cli.main.main``). A case fails when the
command lets a traceback out, ends in the last resort (exit 70: an error nobody
foresaw), or takes longer than ``HANG_S``. Deterministic: case ``i`` of a kind always
mutates the same way.

    .venv/bin/python tests/benchmarks/fuzz.py [CASES_PER_KIND]   # the full run, prints a table
"""
from __future__ import annotations

import contextlib
import gzip
import io
import random
import shutil
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MAPS = REPO / "maps"
HANG_S = 30.0
KINDS = ("csv", "geojson", "osm", "osm.gz", "pbf", "project", "region")


@dataclass
class Outcome:
    kind: str
    cases: int = 0
    exit_codes: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)  # (case, reason)
    slowest_s: float = 0.0


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3, 8))):
        if not buf:
            break
        op = rng.randrange(9)
        i = rng.randrange(len(buf))
        if op == 0:
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            del buf[i:i + rng.randrange(1, 64)]
        elif op == 2:
            buf[i:i] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        elif op == 3 and buf[i:i + 1].isdigit():
            buf[i:i + 1] = rng.choice((b",", b"-", b"9" * 40, b"NaN", b"1e309"))
        elif op == 4:
            buf[i:i] = rng.choice((b"\x00", b",", b";", b'"', b"\n", b"'", b"<", b"[" * 200, b"{"))
        elif op == 5:
            del buf[rng.randrange(len(buf)):]
        elif op == 6:
            j = rng.randrange(len(buf))
            buf[j:j] = buf[i:i + rng.randrange(1, 512)]
        elif op == 7:
            buf[i] = rng.randrange(256)
        else:
            buf[i:i + 1] = b"."
    return bytes(buf)


def run_cli(argv: list[str]) -> tuple[int, str, float]:
    """``zitour ARGV`` in this process: (exit code, what it printed, seconds)."""
    from app.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    except BaseException:  # noqa: BLE001 - what the harness is for
        return 999, traceback.format_exc(), time.perf_counter() - start
    return code, out.getvalue() + err.getvalue(), time.perf_counter() - start


class Seeds:
    """The real files each kind mutates, built once in ``folder``."""

    def __init__(self, folder: Path):
        from app.services.demo import build_demo
        from routing.regions import import_region

        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.osm = self._real_cut(MAPS / "krems_austria.osm.gz", folder / "seed.osm")
        self.osm_gz = gzip.compress(self.osm)
        self.pbf = self._pbf(folder / "seed.osm", folder / "seed.osm.pbf")
        region = import_region(folder / "seed.osm", name="seed", dest_dir=folder / "compiled")
        self.region = region.read_bytes()
        self.project = build_demo(folder / "demo" / "demo.zitour").read_bytes()
        self.csv = ("nom;type;latitude;longitude;capacité;créneaux\n"
                    "Voest Alpine Krems;Entreprise;48,4110910;15,6415863;25;9 h–10 h\n"
                    "Pipelife;Entreprise;48,4121598;15,6378569;20;\n"
                    "Gasthof Klinglhuber;Restaurant;48,4089;15,6093;;12 h–13 h 30\n").encode("utf-8")
        self.geojson = (b'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point",'
                        b'"coordinates":[15.6415863,48.411091]},"properties":{"name":"Voest Alpine Krems","type":'
                        b'"company","capacity":25}},{"type":"Feature","geometry":{"type":"Point","coordinates":'
                        b'[15.6378569,48.4121598]},"properties":{"name":"Pipelife"}}]}')

    @staticmethod
    def _real_cut(source: Path, target: Path, box=(15.620, 48.400, 15.650, 48.412)) -> bytes:
        """Krems' ways inside a small box around the port, with their nodes: real data, quick to import."""
        import osmium

        w, s, e, n = box
        inside, ways = {}, []
        for obj in osmium.FileProcessor(str(source)):
            if obj.is_node() and obj.location.valid() and w <= obj.location.lon <= e and s <= obj.location.lat <= n:
                inside[obj.id] = osmium.osm.mutable.Node(id=obj.id, location=(obj.location.lon, obj.location.lat),
                                                         tags={t.k: t.v for t in obj.tags}, version=1)
            elif obj.is_way() and obj.nodes and all(nd.ref in inside for nd in obj.nodes):
                ways.append(osmium.osm.mutable.Way(id=obj.id, nodes=[nd.ref for nd in obj.nodes],
                                                   tags={t.k: t.v for t in obj.tags}, version=1))
        writer = osmium.SimpleWriter(str(target))
        try:
            for node in inside.values():
                writer.add_node(node)
            for way in ways:
                writer.add_way(way)
        finally:
            writer.close()
        return target.read_bytes()

    @staticmethod
    def _pbf(source: Path, target: Path) -> bytes:
        import osmium

        writer = osmium.SimpleWriter(str(target))
        try:
            for obj in osmium.FileProcessor(str(source)):
                if obj.is_node():
                    writer.add_node(obj)
                elif obj.is_way():
                    writer.add_way(obj)
                elif obj.is_relation():
                    writer.add_relation(obj)
        finally:
            writer.close()
        return target.read_bytes()


def fuzz(kind: str, cases: int, seeds: Seeds, work: Path, first: int = 0) -> Outcome:
    """Run ``cases`` mutated inputs of ``kind``; the outcome counts exit codes and failures."""
    from app.store.project import Project
    from routing.regions import regions_dir

    outcome = Outcome(kind)
    work.mkdir(parents=True, exist_ok=True)
    target = Project.create(work / f"target-{kind}.zitour", overwrite=True)
    target.close()
    for case in range(first, first + cases):
        rng = random.Random(f"{kind}:{case}")
        if case % 50 == 0:  # a fresh project now and then: imported sites must not pile up for hours
            target = Project.create(target.path, overwrite=True)
            target.close()
        if kind == "csv":
            path = work / "sites.csv"
            path.write_bytes(mutate(seeds.csv, rng))
            argv = ["sites", "import", str(target.path), str(path)]
        elif kind == "geojson":
            path = work / "sites.geojson"
            path.write_bytes(mutate(seeds.geojson, rng))
            argv = ["sites", "import", str(target.path), str(path)]
        elif kind in ("osm", "osm.gz", "pbf"):
            seed = {"osm": seeds.osm, "osm.gz": seeds.osm_gz, "pbf": seeds.pbf}[kind]
            path = work / f"fuzz.{'osm.pbf' if kind == 'pbf' else kind}"
            if kind == "osm.gz" and rng.random() < 0.5:  # damaged XML, well compressed: the reader sees the XML
                path.write_bytes(gzip.compress(mutate(seeds.osm, rng)))
            else:
                path.write_bytes(mutate(seed, rng))
            argv = ["region", "import", str(path), "--name", "fuzz"]
        elif kind == "project":
            path = work / "shared.zitour"
            for extra in ("-wal", "-shm"):
                Path(str(path) + extra).unlink(missing_ok=True)
            path.write_bytes(mutate(seeds.project, rng))
            argv = ["info", str(path)]
        else:  # a compiled region in the user's regions folder, then read by a command that loads it
            regions_dir().mkdir(parents=True, exist_ok=True)
            (regions_dir() / "fuzz.zreg").write_bytes(mutate(seeds.region, rng))
            path = work / "one.csv"
            path.write_text("nom;lat;lon\nA;48,41;15,64\n", encoding="utf-8")
            code, text, seconds = run_cli(["region", "list"])
            _judge(outcome, case, code, text, seconds)
            argv = ["sites", "import", str(target.path), str(path), "--region", "fuzz"]
        code, text, seconds = run_cli(["--lang", rng.choice(("fr", "en")), *argv])
        _judge(outcome, case, code, text, seconds)
        outcome.cases += 1
    shutil.rmtree(work, ignore_errors=True)
    return outcome


def _judge(outcome: Outcome, case: int, code: int, text: str, seconds: float) -> None:
    outcome.exit_codes[code] = outcome.exit_codes.get(code, 0) + 1
    outcome.slowest_s = max(outcome.slowest_s, seconds)
    if code in (70, 999) or "Traceback" in text:
        outcome.failures.append((case, text.strip().splitlines()[-1] if text.strip() else f"exit {code}"))
    elif seconds > HANG_S:
        outcome.failures.append((case, f"took {seconds:.1f} s"))
