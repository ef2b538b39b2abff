"""``zitour export``: files written, --force needed to replace, errors as one line."""
from pathlib import Path

from app.cli.main import main
from tests.exports.conftest import build_project



def test_cli_export_and_force(tmp_path, krems, capsys):
    # no base map needed here: keeps the test fast and offline
    project = build_project(tmp_path / "demo.zitour", krems, n_stops=3, region="")
    tour = project.tours()[0].name
    project.close()
    out = tmp_path / "out"
    args = ["export", str(tmp_path / "demo.zitour"), "--tour", tour, "--format", "csv,gpx", "--format", "m3u",
            "--out", str(out)]
    assert main(args) == 0
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).name for p in printed) == sorted(p.name for p in out.iterdir())
    assert len(printed) == 3
    assert main(args) == 1  # files exist
    err = capsys.readouterr().err
    assert err.startswith("zitour") and "--force" in err and "Traceback" not in err
    assert main(args + ["--force"]) == 0


def test_cli_unknown_tour_and_format(tmp_path, krems, capsys):
    project = build_project(tmp_path / "demo.zitour", krems, n_stops=2)
    project.close()
    base = ["export", str(tmp_path / "demo.zitour"), "--out", str(tmp_path / "o")]
    assert main(base + ["--tour", "Nope", "--format", "csv"]) == 1
    assert "Nope" in capsys.readouterr().err
    assert main(base + ["--tour", "ZI Krems – Octobre", "--format", "docx"]) == 1
    assert "docx" in capsys.readouterr().err
