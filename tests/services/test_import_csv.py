"""CSV site import: encodings, separators, French headers and decimals, rejected rows, re-import."""
from __future__ import annotations

import pytest

from app.errors import SiteImportError
from app.model import SiteKind, SiteSource
from app.services.import_sites import import_sites_file
from app.store import Project

from .sites_fixtures import DATA
from .sites_fixtures import krems, lyon, project  # noqa: F401 (pytest fixtures)


def by_name(project):
    return {s.name: s for s in project.sites()}


def test_cp1252_semicolon_french_decimal_commas(project, krems):
    report = import_sites_file(project, DATA / "sites_fr_cp1252_semicolon.csv", region=krems)
    assert report.detail == "cp1252, ';'"
    assert (report.added, report.updated, report.unchanged) == (5, 0, 0)
    sites = by_name(project)
    voest = sites["Voest Alpine Krems"]
    assert (voest.lon, voest.lat) == (15.6415863, 48.4110910)
    assert voest.salaries == "2 100–2 800 € brut/mois" and voest.notes == "Œuvre démo"
    assert voest.jobs == "Soudeur·se" and voest.products == "Tubes d'acier" and voest.sector == "Métallurgie"
    assert voest.visit_capacity == 25 and voest.contact_phone == "01 99 00 00 01"
    assert voest.source == SiteSource.CSV
    assert sites["Dépôt Autocars Démo"].kind == SiteKind.DEPOT
    assert sites["Gasthof Klinglhuber"].kind == SiteKind.RESTAURANT
    assert sites["Atelier Insertion Démo"].kind == SiteKind.INCLUSION
    assert sites["Lycée Pro Démo"].kind == SiteKind.TRAINING_CENTRE
    rejected = {r.row: r for r in report.rejected}
    # numbered as the spreadsheet shows them: the header is row 1
    assert sorted(rejected) == [7, 8] == report.rejected_rows
    assert rejected[7].column == "Longitude" and "manquantes" in rejected[7].reason.text("fr")
    assert rejected[7].line == 7 and rejected[7].name == "Sans Coordonnées"
    assert rejected[8].column == "Latitude" and "48,41,2" in rejected[8].reason.text("en")
    assert "ligne 8" in rejected[8].text("fr") and "row 8" in rejected[8].text("en")
    assert "du fichier" not in rejected[8].text("fr")  # row and line agree: said once


def test_english_comma_file_reports_each_bad_row(project, krems):
    report = import_sites_file(project, DATA / "sites_en_comma.csv", region=krems)
    assert report.added == 2 and report.applied
    reasons = {r.row: (r.column, r.reason.text("en")) for r in report.rejected}
    assert reasons[4] == ("name", "missing name.")
    assert reasons[5][0] == "lon" and "unparseable number '15.63x'" in reasons[5][1]
    assert "outside the region" in reasons[6][1]
    assert "swapped" in reasons[7][1]
    assert reasons[8][0] == "type" and "spaceport" in reasons[8][1]
    assert reasons[9][0] == "capacity"
    assert set(by_name(project)) == {"Voest Alpine Krems", "Pipelife"}
    assert by_name(project)["Voest Alpine Krems"].contact_email == "hr@example.org"


def test_strict_imports_nothing_when_a_row_is_bad(project, krems):
    report = import_sites_file(project, DATA / "sites_en_comma.csv", region=krems, strict=True)
    assert not report.applied and report.added == 0 and len(report.rejected_rows) == 6
    assert project.sites() == []
    ok = import_sites_file(project, DATA / "sites_bom_ids.csv", region=krems, strict=True)
    assert ok.applied and ok.added == 2


def test_reimport_updates_instead_of_duplicating(project, krems):
    first = import_sites_file(project, DATA / "sites_fr_cp1252_semicolon.csv", region=krems)
    again = import_sites_file(project, DATA / "sites_fr_cp1252_semicolon.csv", region=krems)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert len(project.sites()) == 5 and sorted(again.site_ids) == []
    # another file: Voest matched by name within 50 m and updated, Pipelife is new
    other = import_sites_file(project, DATA / "sites_en_comma.csv", region=krems)
    assert (other.added, other.updated) == (1, 1)
    voest = by_name(project)["Voest Alpine Krems"]
    assert voest.products == "Steel tubes"
    assert voest.training == "CQPM"  # a column the second file lacks keeps its value
    assert len(project.sites()) == 6
    assert first.site_ids[0] == voest.id


def test_id_column_gives_stable_references_and_gps_column(project, krems, tmp_path):
    path = tmp_path / "sites_bom_ids.csv"
    path.write_bytes((DATA / "sites_bom_ids.csv").read_bytes())
    report = import_sites_file(project, path, region=krems)
    assert report.detail == "utf-8-sig, ';'" and report.added == 2 and not report.rejected
    voest = by_name(project)["Voest Alpine Krems"]
    assert voest.source_ref == "sites_bom_ids.csv#K1" and voest.notes == "porte 3"
    assert (voest.lon, voest.lat) == (15.6415863, 48.4110910)  # "lat, lon" column read in the right order
    assert voest.routing_point == (15.6412868, 48.4102722)
    # renamed in the organiser's spreadsheet: the id still matches, no duplicate
    path.write_text(path.read_text(encoding="utf-8-sig").replace("Voest Alpine Krems", "voestalpine"), encoding="utf-8")
    again = import_sites_file(project, path, region=krems)
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
    assert set(by_name(project)) == {"voestalpine", "Mierka Donauhafen Krems GesmbH & Co KG"}


def test_comma_file_with_unquoted_decimal_commas_is_explained(project, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("nom,lat,lon\nA,48,41,15,63\nB,48.41,15.63\n", encoding="utf-8")
    report = import_sites_file(project, path)
    assert report.added == 1
    [bad] = report.rejected
    assert bad.row == 2 and "decimal comma" in bad.reason.text("en")


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"foo;bar\n1;2\n", "no name column"),
        ("nom;adresse\nA;rue\n".encode(), "no coordinate columns"),
    ],
)
def test_unusable_files_raise_one_clear_error(project, tmp_path, content, reason):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(SiteImportError, match=reason) as info:
        import_sites_file(project, path)
    assert "x.csv" in info.value.message.text("fr")
    assert project.sites() == []


def test_missing_file(project, tmp_path):
    with pytest.raises(SiteImportError, match="no such file"):
        import_sites_file(project, tmp_path / "none.csv")


def test_import_is_one_transaction(project, tmp_path, krems, monkeypatch):
    seen = []
    project.subscribe(lambda table, row_id: seen.append(table))
    original = Project.add
    calls = {"n": 0}

    def failing_add(self, entity):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return original(self, entity)

    monkeypatch.setattr(Project, "add", failing_add)
    with pytest.raises(RuntimeError):
        import_sites_file(project, DATA / "sites_fr_cp1252_semicolon.csv", region=krems)
    monkeypatch.undo()
    assert project.sites() == [] and seen == []


def test_the_apps_own_words_and_a_slots_column_are_read(project, krems, tmp_path):
    """A sheet filled from the app's lists (its labels in French or English) and a "Créneaux" column."""
    from app.i18n import label

    path = tmp_path / "from-the-app.csv"
    kinds = [label(k, "fr") for k in SiteKind] + ["Inclusion enterprise", "Autre public"]
    lines = ["Nom;Type;Latitude;Longitude;Créneaux de visite"]
    for i, kind in enumerate(kinds):
        slots = '"9 h 00–10 h 00; 14h-15h30"' if i == 0 else ""  # quoted: the cell holds the separator
        lines.append(f"Site {i};{kind};48,41{i:02d};15,62{i:02d};{slots}")
    lines.append("Site faux;Entreprise;48,4050;15,6250;9 h – 8 h")  # a slot that ends before it starts
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_sites_file(project, path, region=krems)
    sites = {s.name: s for s in project.sites()}
    assert [sites[f"Site {i}"].kind for i in range(len(SiteKind))] == list(SiteKind)
    assert sites[f"Site {len(SiteKind)}"].kind == SiteKind.INCLUSION
    assert sites[f"Site {len(SiteKind) + 1}"].kind == SiteKind.OTHER
    first = sites["Site 0"].visit_slots
    assert [(w.start.hour, w.start.minute, w.end.hour, w.end.minute) for w in first] == [(9, 0, 10, 0), (14, 0, 15, 30)]
    (bad,) = report.rejected
    assert bad.row == len(lines) and bad.column == "Créneaux de visite"  # the spreadsheet's row of that site
    assert "9 h – 8 h" in bad.text("fr") and "Site faux" not in sites
