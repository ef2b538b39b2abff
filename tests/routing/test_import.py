"""Importing OSM files: formats, clipped ways, bad input, cancel, compiled round trip."""
import bz2
import gzip
import shutil
import subprocess
import sys

import numpy as np
import osmium
import pytest

from routing.compiled import read_compiled
from routing.errors import Cancelled, RegionError
from routing.graph_build import build_graph
from routing.osm_reader import read_osm
from routing.progress import CancelToken
from routing.region import GRAPH_ARRAYS, Region
from routing.regions import import_region

from .conftest import DATA, MAPS, REPO


def _assert_import_fails(tmp_path, source, *words, bbox=None):
    dest = tmp_path / "out"
    with pytest.raises(RegionError) as err:
        import_region(source, dest_dir=dest, bbox=bbox)
    msg = err.value.message
    assert source.name in msg.text("en") and source.name in msg.text("fr")
    for w in words:
        assert w in msg.text("en").lower()
    assert not dest.exists() or list(dest.iterdir()) == []   # nothing half-written
    return msg


def test_not_osm(tmp_path):
    f = tmp_path / "notes.osm"
    f.write_text("this is a shopping list, not a map\n")
    _assert_import_fails(tmp_path, f, "not a readable openstreetmap file")


def test_html_instead_of_osm(tmp_path):
    f = tmp_path / "page.osm"
    f.write_text("<html><body>Too many requests</body></html>")
    _assert_import_fails(tmp_path, f, "openstreetmap")


def test_empty_file(tmp_path):
    f = tmp_path / "empty.osm"
    f.touch()
    _assert_import_fails(tmp_path, f, "empty")


def test_truncated_gzip(tmp_path):
    f = tmp_path / "cut.osm.gz"
    f.write_bytes((MAPS / "krems_austria.osm.gz").read_bytes()[:40_000])
    _assert_import_fails(tmp_path, f, "gzip")


def test_truncated_bz2(tmp_path):
    f = tmp_path / "cut.osm.bz2"
    f.write_bytes(bz2.compress((DATA / "detour.osm").read_bytes())[:300])
    _assert_import_fails(tmp_path, f, "bzip2")


def test_bz2_and_gzip_read(tmp_path):
    for ext, comp in ((".osm.bz2", bz2.compress), (".osm.gz", gzip.compress)):
        f = tmp_path / f"detour{ext}"
        f.write_bytes(comp((DATA / "detour.osm").read_bytes()))
        r = Region.load(import_region(f, dest_dir=tmp_path / "ok"))
        assert 201 in set(int(i) for i in r.graph["way_osm_id"])


def test_no_drivable_road(tmp_path):
    _assert_import_fails(tmp_path, DATA / "nodrive.osm", "no drivable road")


def test_bbox_outside_data(tmp_path):
    _assert_import_fails(tmp_path, MAPS / "krems_austria.osm.gz", "outside the data", bbox=(2.0, 48.0, 2.1, 48.1))


def test_missing_file(tmp_path):
    _assert_import_fails(tmp_path, tmp_path / "nowhere.osm.pbf", "not found")


def test_wrong_extension(tmp_path):
    f = tmp_path / "sites.csv"
    f.write_text("a,b\n1,2\n")
    _assert_import_fails(tmp_path, f, "not an openstreetmap file")


def test_ways_with_missing_nodes_are_cut_and_counted(detour):
    rep = detour.report
    assert rep["road_ways_cut_missing_nodes"] == 1        # 205: 4-5 kept, 6 alone dropped
    assert rep["road_ways_dropped_missing_nodes"] == 1    # 206: no node in the file
    ids = set(int(i) for i in detour.graph["node_osm_id"])
    assert {4, 5} <= ids and 6 not in ids


def test_bbox_clips_roads(tmp_path):
    full = Region.load(import_region(MAPS / "krems_austria.osm.gz", dest_dir=tmp_path / "a"))
    box = (15.60, 48.39, 15.63, 48.41)
    part = Region.load(import_region(MAPS / "krems_austria.osm.gz", bbox=box, dest_dir=tmp_path / "b"))
    assert part.bounds == box
    lon, lat = part.graph["geom"][:, 0], part.graph["geom"][:, 1]
    assert (lon >= box[0]).all() and (lon <= box[2]).all() and (lat >= box[1]).all() and (lat <= box[3]).all()
    assert part.report["road_ways_cut_at_box"] > 0
    assert len(part.graph["link_u"]) < len(full.graph["link_u"])


def test_pbf_import_equals_xml_import(tmp_path):
    pbf = tmp_path / "krems.osm.pbf"
    with osmium.SimpleWriter(str(pbf)) as w:
        for obj in osmium.FileProcessor(str(MAPS / "krems_austria.osm.gz")):
            w.add(obj)
    a = Region.load(import_region(pbf, dest_dir=tmp_path / "p"))
    b = Region.load(import_region(MAPS / "krems_austria.osm.gz", dest_dir=tmp_path / "x"))
    for k in GRAPH_ARRAYS:
        np.testing.assert_array_equal(a.graph[k], b.graph[k], err_msg=k)
    assert len(a.named_features()) == len(b.named_features()) > 0


def test_compiled_round_trip_equals_fresh_graph(krems_path):
    raw = read_osm(MAPS / "krems_austria.osm.gz")
    fresh = build_graph(raw.roads)
    header, arrays = read_compiled(krems_path)
    for k, v in fresh.items():
        assert arrays[k].dtype == v.dtype, k
        np.testing.assert_array_equal(arrays[k], v, err_msg=k)
    region = Region.load(krems_path)
    assert region.way_names == raw.roads.names
    for lname in ("roads", "rail", "waterways", "areas", "buildings"):
        a, b = getattr(region.layers, lname), getattr(raw.layers, lname)
        np.testing.assert_array_equal(a.coords, b.coords)
        np.testing.assert_array_equal(a.offsets, b.offsets)
        np.testing.assert_array_equal(a.kind, b.kind)
        assert a.names == b.names and a.kinds == b.kinds
    assert [(f.osm_id, f.name, f.lon, f.lat) for f in region.named_features()] == \
        [(f.osm_id, f.name, f.lon, f.lat) for f in raw.features]


def test_layers_and_features_of_krems(krems):
    areas = krems.layers.areas
    industrial = [n for n, k in zip(areas.names, areas.kind) if areas.kinds[k] == "industrial"]
    assert "Gewerbepark - Ost" in industrial and "Industriegebiet - VOEST Alpine Krems" in industrial
    assert len(krems.layers.rail) > 0 and len(krems.layers.waterways) > 0
    assert len(krems.layers.roads) >= krems.report["road_ways"]
    ring = areas.line(0)
    assert tuple(ring[0]) == tuple(ring[-1])
    names = {f.name: f for f in krems.named_features()}
    gw = names["Gewerbepark - Ost"]
    assert gw.kind == "landuse=industrial" and gw.osm_type == "way" and krems.contains(gw.lon, gw.lat)
    # Krems has 9 restrictions: 8 meet at their via node in the extract, 1 has a member cut off
    assert krems.report["turn_restrictions"] == 9
    assert krems.report["turn_restrictions_honoured"] == 8 and krems.report["turn_restrictions_unusable"] == 1
    assert krems.report["barriers"] > 0
    assert "Finanzamt Waldviertel" not in names          # office=tax is not a company


def test_damaged_compiled_file(tmp_path, krems_path):
    bad = tmp_path / "bad.zreg"
    bad.write_bytes(krems_path.read_bytes()[:5000])
    with pytest.raises(RegionError, match="bad.zreg"):
        Region.load(bad)
    other = tmp_path / "other.zreg"
    other.write_bytes(b"PK\x03\x04 not a region")
    with pytest.raises(RegionError, match="not a compiled"):
        Region.load(other)


def test_cancel_leaves_nothing(tmp_path):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        import_region(MAPS / "krems_austria.osm.gz", dest_dir=tmp_path / "c", cancel=token)
    assert not (tmp_path / "c").exists() or not list((tmp_path / "c").iterdir())


def test_cancel_during_read(tmp_path):
    token = CancelToken()
    seen = []

    def progress(fraction, label):
        seen.append(fraction)
        if fraction > 0.05:
            token.cancel()
    shutil.copy(MAPS / "krems_austria.osm.gz", tmp_path / "k.osm.gz")
    with pytest.raises(Cancelled):
        import_region(tmp_path / "k.osm.gz", dest_dir=tmp_path / "d", progress=progress, cancel=token)
    assert not list((tmp_path / "d").glob("*")) if (tmp_path / "d").exists() else True
    assert seen and all(0 <= f <= 1 for f in seen)


def test_progress_reported(tmp_path):
    seen = []
    import_region(DATA / "detour.osm", dest_dir=tmp_path, progress=lambda f, label: seen.append((f, label)))
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions)


def test_load_path_imports_numpy_only(krems_path):
    code = (
        "import sys\n"
        "from routing.regions import load_compiled\n"
        f"r = load_compiled({str(krems_path)!r})\n"
        "net = r.network()\n"
        "s = [net.snap(15.64, 48.405), net.snap(15.66, 48.408)]\n"
        "m = net.matrix(s); net.leg(s[0], s[1])\n"
        "bad = [m for m in ('osmnx', 'geopandas', 'networkx', 'shapely', 'osmium', 'pandas', 'PySide6') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_a_project_names_its_region_it_never_points_at_a_file(tmp_path, monkeypatch):
    """A shared project's region value is a name: a path in it compiles nothing and writes nothing
    into the user's regions folder (an attacker's OSM file would replace their roads)."""
    from routing.errors import RegionError
    from routing.regions import load_region, region_name_of, regions_dir

    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path / "data"))
    hostile = tmp_path / "elsewhere" / "krems.osm"
    hostile.parent.mkdir()
    hostile.write_text(DATA.joinpath("detour.osm").read_text(encoding="utf-8"), encoding="utf-8")
    assert region_name_of(str(hostile)) == "krems" and region_name_of("C:\\\\maps\\\\Lyon.zreg") == "lyon"
    region = load_region(str(hostile))  # read as the name "krems": the bundled Krems, compiled from maps/
    assert region.name == "krems" and len(region.named_features()) > 10
    assert sorted(p.name for p in regions_dir().iterdir()) == ["krems.zreg"]
    with pytest.raises(RegionError):
        load_region(str(tmp_path / "elsewhere" / "detour.osm"))  # unknown name: refused, nothing compiled
    assert sorted(p.name for p in regions_dir().iterdir()) == ["krems.zreg"]


def test_a_damaged_compiled_region_is_refused_listed_and_the_bundled_one_rebuilt(tmp_path, monkeypatch):
    """A flipped byte in a compiled region changed a plan's distance without a word: its checksum now
    refuses it; the region list says it is damaged instead of failing; a bundled region is built again."""
    from routing.compiled import SUFFIX
    from routing.errors import RegionError
    from routing.region import Region
    from routing.regions import list_regions, load_region, regions_dir

    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path / "data"))
    path = import_region(DATA / "detour.osm", dest_dir=regions_dir())
    Region.load(path)  # sound
    data = bytearray(path.read_bytes())
    data[-100] ^= 0x01  # one bit, deep in the arrays
    path.write_bytes(bytes(data))
    with pytest.raises(RegionError) as info:
        Region.load(path)
    assert "checksum" in info.value.text("en") or "endommag" in info.value.text("fr")
    (regions_dir() / f"garbage{SUFFIX}").write_bytes(b"ZITOURRG" + b"\x02\x00\x00\x00\x05\x00\x00\x00{oops")
    listed = {r.name: r for r in list_regions()}
    assert listed["garbage"].damaged and not listed["detour"].damaged  # header fine, data checked on load
    krems = load_region("krems")
    target = regions_dir() / f"krems{SUFFIX}"
    broken = bytearray(target.read_bytes())
    broken[-4096] ^= 0xFF
    target.write_bytes(bytes(broken))
    again = load_region("krems")  # rebuilt from maps/, not refused
    assert len(again.named_features()) == len(krems.named_features())
    Region.load(target)  # and the file on disk is sound again
