"""Safe names, overwrite refusal, all-or-nothing writes."""
import pytest

from app.errors import ExportError
from app.exports import files
from app.services import export as svc


@pytest.mark.parametrize("name", ["../x.pdf", "a/b.pdf", "a\\b.pdf", "..", "", ".hidden", "c:x.pdf", "x\n.pdf"])
def test_bad_names_are_refused(name):
    with pytest.raises(ExportError):
        files.check_name(name)


def test_slug_is_a_plain_name():
    assert files.slug("../../etc/passwd") == "etc-passwd"
    assert files.slug("ZI Krems – Été") == "zi-krems-ete"
    assert files.slug("«»") == "circuit"


def test_existing_files_are_not_replaced_without_force(project, krems, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    tour = project.tours()[0]
    ctx = svc.build_context(project, tour.name, layers=krems[0])
    target = out / svc.planned_files(ctx, ["csv"])[0]
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError) as err:
        svc.export_tour(project, tour.name, ["csv", "gpx"], out, layers=krems[0])
    assert target.name in err.value.text("fr") and "--force" in err.value.text("en")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in out.iterdir()) == [target.name]  # nothing else written, no staging left
    svc.export_tour(project, tour.name, ["csv"], out, force=True, layers=krems[0])
    assert target.read_text(encoding="utf-8-sig").startswith("Car;")


def test_failure_leaves_nothing_behind(project, krems, tmp_path, monkeypatch):
    from app.exports import gpx

    def boom(ctx, folder):
        (folder / "partial.gpx").write_text("<gpx", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gpx, "write", boom)
    out = tmp_path / "out"
    with pytest.raises(ExportError):
        svc.export_tour(project, project.tours()[0].name, ["csv", "gpx"], out, layers=krems[0])
    assert list(out.iterdir()) == []  # the CSV written before the failure was not delivered either


def test_cancel_delivers_nothing(project, krems, tmp_path):
    from app.errors import Cancelled
    from routing.progress import CancelToken

    token = CancelToken()
    seen = []

    def progress(fraction, text):
        seen.append(fraction)
        if len(seen) == 2:
            token.cancel()

    out = tmp_path / "out"
    with pytest.raises(Cancelled):
        svc.export_tour(project, project.tours()[0].name, ["csv", "gpx", "geojson"], out, progress=progress,
                        cancel=token, layers=krems[0])
    assert list(out.iterdir()) == []


def test_unknown_format_and_missing_plan(project, krems, tmp_path):
    with pytest.raises(ExportError):
        svc.normalise_formats(["pdf", "docx"])
    assert svc.normalise_formats("all")[-1] == "pack"
    tour = project.tours()[0]
    project.delete_plan(tour.id)
    with pytest.raises(ExportError) as err:
        svc.export_tour(project, tour.name, ["csv"], tmp_path / "o", layers=None)
    assert "plan" in err.value.text("fr")
