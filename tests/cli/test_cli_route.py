"""``zitour region route``: the coach's route with the OSM nodes it drives, checked against the raw extract."""
import json

import osmium
import pytest

from routing.errors import UserError

from tests.cli.conftest import run_region
from tests.routing.conftest import MAPS

DEPOT = "15.6044579,48.4095333"          # Krems: the demo's depot
PIPELIFE = "15.6378569,48.4121598"
OFF_ROAD = "15.66,48.41"                 # a field 225 m from the nearest coach road


_run = run_region


@pytest.fixture(scope="module")
def krems_ways():
    """{frozenset(node pair): way id} of every consecutive node pair of the raw extract's highways."""
    pairs = {}
    for w in osmium.FileProcessor(str(MAPS / "krems_austria.osm.gz")):
        if w.is_way() and "highway" in w.tags:
            refs = [n.ref for n in w.nodes]
            for a, b in zip(refs, refs[1:]):
                pairs[frozenset((a, b))] = w.id
    return pairs


def test_json_route_follows_real_osm_ways(tmp_path, monkeypatch, capsys, krems_ways):
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path))
    assert _run(["region", "route", "krems", DEPOT, PIPELIFE, DEPOT, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["code"] == "Ok" and len(out["waypoints"]) == 3
    [route] = out["routes"]
    assert len(route["legs"]) == 2
    assert route["duration"] == pytest.approx(sum(g["duration"] for g in route["legs"]), abs=0.2)
    for leg in route["legs"]:
        nodes = leg["annotation"]["nodes"]
        assert len(nodes) > 10 and leg["distance"] > 1000 and leg["duration"] > 60
        # every step between two consecutive nodes is a piece of one OSM highway of the file
        assert all(frozenset(p) in krems_ways for p in zip(nodes, nodes[1:]))
        # and the ways listed are those pieces' ways, in order
        ways = [krems_ways[frozenset(p)] for p in zip(nodes, nodes[1:])]
        runs = [w for k, w in enumerate(ways) if k == 0 or ways[k - 1] != w]
        assert set(runs) <= set(leg["annotation"]["ways"])
        assert len(leg["geometry"]["coordinates"]) >= len(nodes)
    # back to the depot the coach continues from Pipelife in its arrival direction: the first node
    # of leg 2 is not the last node of leg 1 (no turning round in the street)
    assert route["legs"][1]["annotation"]["nodes"][0] != route["legs"][0]["annotation"]["nodes"][-1]


def test_a_lower_coach_gets_another_route_or_the_same(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path))
    assert _run(["region", "route", "krems", DEPOT, PIPELIFE, "--json", "--height", "2.5", "--length", "8"]) == 0
    small = json.loads(capsys.readouterr().out)["routes"][0]
    assert _run(["region", "route", "krems", DEPOT, PIPELIFE, "--json"]) == 0
    coach = json.loads(capsys.readouterr().out)["routes"][0]
    assert small["duration"] <= coach["duration"] + 1e-6     # more roads open to a smaller vehicle


def test_text_output_in_french_and_clear_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path))
    assert _run(["region", "route", "krems", DEPOT, PIPELIFE], "fr") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Autocar 12 m : ") and "km" in lines[0]
    assert lines[1].startswith("  Étape 1 : ") and "nœuds OSM" in lines[1]
    assert all(n.isdigit() for n in lines[2].split())
    with pytest.raises(UserError) as e:
        _run(["region", "route", "krems", DEPOT, OFF_ROAD], "fr")
    assert "Le point 2 (15.660000,48.410000) est hors des routes de l'autocar" in e.value.text("fr")
    with pytest.raises(UserError) as e:
        _run(["region", "route", "krems", DEPOT, "15.6;48.4"])
    assert "Invalid point '15.6;48.4'" in e.value.text("en")


def test_batch_writes_one_json_line_per_route(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path))
    batch = tmp_path / "routes.txt"
    batch.write_text(f"# depot to Pipelife and back\n{DEPOT} {PIPELIFE} {DEPOT}\nnot-a-point\n{DEPOT} {OFF_ROAD}\n\n",
                     encoding="utf-8")
    assert _run(["region", "route", "krems", "--batch", str(batch)]) == 1      # two lines failed
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["code"] for r in rows] == ["Ok", "InvalidQuery", "NoSegment"]
    assert [r["line"] for r in rows] == [2, 3, 4]
    assert len(rows[0]["routes"][0]["legs"]) == 2 and "Point 2" in rows[2]["message"]
