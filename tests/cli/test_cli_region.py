"""``zitour region`` sub-commands (through the real parser and dispatcher)."""

import pytest

from routing.errors import RegionError, UserError

from tests.cli.conftest import run_region
from tests.routing.conftest import DATA


_run = run_region


def test_import_then_list(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path))
    assert _run(["region", "import", str(DATA / "detour.osm"), "--name", "Test ZI"]) == 0
    out, err = capsys.readouterr()
    assert "test-zi" in out and "OpenStreetMap contributors" in out
    assert "%" in err                                  # progress on stderr
    assert (tmp_path / "regions" / "test-zi.zreg").exists()
    assert _run(["region", "list"]) == 0
    out, _ = capsys.readouterr()
    assert "test-zi" in out and "krems" in out        # bundled one listed too
    assert "bundled, compiled on first use" in out


def test_import_and_list_in_french(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path))
    assert _run(["region", "list"], "fr") == 0
    assert "fournie, compilée au premier usage" in capsys.readouterr().out
    assert _run(["region", "import", str(DATA / "detour.osm"), "--name", "Test ZI"], "fr") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Région « test-zi » : ")
    assert " voies routières, " in lines[1] and " dans la partie connexe principale pour " in lines[1]
    assert " interdictions de tourner respectées" in lines[2] and "barrières lues" in lines[2]
    assert lines[-1] == "  © les contributeurs d'OpenStreetMap"


def test_bad_bbox_is_a_user_error(tmp_path, monkeypatch):
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path))
    with pytest.raises(UserError, match="W,S,E,N"):
        _run(["region", "import", str(DATA / "detour.osm"), "--bbox", "1,2,3"])
    with pytest.raises(UserError, match="W < E"):
        _run(["region", "import", str(DATA / "detour.osm"), "--bbox", "5,45,4,46"])


def test_download_without_network_gives_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path))
    with pytest.raises(RegionError) as err:
        _run(["region", "download", "--bbox", "4.97,45.74,5.08,45.81"])
    assert "Cannot download" in err.value.message.text("en") and "Impossible de télécharger" in err.value.message.text("fr")
    assert not (tmp_path / "regions").exists() or not list((tmp_path / "regions").iterdir())
    assert not list((tmp_path / "downloads").glob("*")) if (tmp_path / "downloads").exists() else True


def test_download_place_without_network(tmp_path, monkeypatch):
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))       # osmnx cache/log folders stay in tmp
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RegionError, match="Cannot download"):
        _run(["region", "download", "--place", "Meyzieu, France"])


def test_load_bundled_region_by_name(tmp_path, monkeypatch):
    from routing.regions import list_regions, load_region
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path))
    r = load_region("lyon-la-doua")
    assert (tmp_path / "regions" / "lyon-la-doua.zreg").exists()
    assert r.contains(4.87, 45.78)
    net = r.network()
    assert net.main_node_count > 100
    assert [x.name for x in list_regions() if x.path is not None] == ["lyon-la-doua"]
    with pytest.raises(RegionError, match="Unknown region"):
        load_region("atlantis")


def test_a_large_region_s_summary_does_not_build_the_network(tmp_path, monkeypatch, capsys):
    from app.services import regions as summary
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(summary, "SUMMARY_NETWORK_MAX_NODES", 5)      # the detour fixture (8 nodes): "large"
    built = []
    from routing.region import Region
    real = Region.network
    monkeypatch.setattr(Region, "network", lambda self, *a: built.append(1) or real(self, *a))
    assert _run(["region", "import", str(DATA / "detour.osm"), "--name", "grande"], "fr") == 0
    lines = capsys.readouterr().out.splitlines()
    assert "grande région : le réseau de l'autocar est construit au premier calcul" in lines[1]
    assert "interdictions de tourner respectées" in lines[2] and not built
