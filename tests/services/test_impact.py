"""Participants, follow-ups, the erasure of names and the season's report, on the demo season
(four past tours of the Krems demo, one project file each: resources/demo/season.json).

Expected figures are counted by hand from season.json and the demo's tours:
- registered 12 + 24 + 8 + 25 = 69; present 10 (list) + 22 (tour-day headcount) + 7 (list) +
  unknown = 39; by audience: prescripteurs 18 registered / 15 present (8 + 7), demandeurs
  d'emploi 2 / 2, scolaires 49 / 22;
- companies: the prescripteurs tour visits Voest, Dynea, Pipelife and passes 5 others; the
  scolaires tour visits Mierka, Pipelife and passes BIO-Diesel, EVN, Voest: 10 companies, 4
  visited; Pipelife visited 4 times, Voest visited twice and passed twice;
- follow-ups: recruitment 2 + 1 = 3, training 1, internship 3 + 1 = 4, visit request 1;
- ambassadors: Claire Martin (tours 1, 3), Karim Benali (1, 4), Sophie Leroy (2, 4): 3, twice each.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from app.exports import bilan_report
from app.model.entities import Participant, ParticipantGroup
from app.services.bilan import read_season
from app.services.follow_ups import import_follow_ups, read_follow_ups_csv
from app.services.participants import (
    attendance, due_for_erasure, erase_names, import_participants, read_participants_csv,
)
from app.store.project import Project

DATA = Path(__file__).parent / "data"
PRESCRIPTEURS = "ZI Tour prescripteurs — Port et chimie"


def test_a_registration_spreadsheet_in_windows_1252_with_first_and_last_names(season_dir, tmp_path):
    found = read_participants_csv(DATA / "inscriptions.csv")
    assert [p.name for p in found.people] == ["Amélie Durand", "Bruno Lefèvre", "Karima Benaïssa", "Léo Petit",
                                              "Zoé Marin"]
    assert [p.audience for p in found.people] == ["prescripteurs", "prescripteurs", "demandeurs_emploi",
                                                  "scolaires", ""]
    assert found.people[0].pickup == "Mairie de Krems" and found.people[0].contact == "06 11 22 33 01"
    assert [(r.line, r.reason.code) for r in found.rejected] == [(5, "participants.no_name")]
    assert found.unknown_audiences == {"Retraitée"}
    project_path = Path(shutil.copy2(season_dir / "demo-krems.zitour", tmp_path / "p.zitour"))
    with Project.open(project_path) as project:
        tour = project.tour_by_name(PRESCRIPTEURS)
        group = project.add(ParticipantGroup(name="3E b", size=24, tour_id=tour.id))
        import_participants(project, tour.id, found)
        people = project.participants(tour.id)
        assert len(people) == 5
        assert [p.group_id for p in people] == [None, None, None, group.id, None]  # "3e B" joined "3E b"
        assert attendance(project, tour).registered == 24 + 4  # Léo is one of the class's 24


def test_a_file_with_no_name_column_is_refused_with_its_columns_named(tmp_path):
    bad = tmp_path / "liste.csv"
    bad.write_text("Structure;Téléphone\nMission Locale;0611\n", encoding="utf-8")
    with pytest.raises(Exception) as exc:
        read_participants_csv(bad)
    text = exc.value.text("fr")
    assert "liste.csv" in text and "Structure" in text and "Téléphone" in text


def test_follow_ups_from_a_spreadsheet_each_refused_line_said_with_its_number(season_dir, tmp_path):
    project_path = Path(shutil.copy2(season_dir / "demo-krems.zitour", tmp_path / "p.zitour"))
    with Project.open(project_path) as project:
        found = read_follow_ups_csv(DATA / "suites.csv", project)
        assert [(i.kind.value, i.on_date, i.count) for i in found.items] == [
            ("recruitment", dt.date(2025, 11, 20), 2), ("internship", dt.date(2026, 1, 12), 1),
            ("training", dt.date(2026, 2, 1), 1)]
        voest = next(s for s in project.sites() if s.name == "Voest Alpine Krems")
        assert found.items[0].site_id == voest.id
        assert found.items[0].tour_id == project.tour_by_name(PRESCRIPTEURS).id
        assert [(r.line, r.reason.code) for r in found.rejected] == [
            (5, "follow_ups.bad_date"), (6, "follow_ups.unknown_company"), (7, "follow_ups.bad_count")]
        import_follow_ups(project, found)
        assert len(project.follow_ups()) == 3


def test_the_season_adds_up_to_the_hand_counted_figures(season_files):
    season = read_season(season_files)
    assert dict(season.key_figures()) == {
        "actions": 4, "registered": 69, "present": 39, "no_attendance": 1, "companies": 10, "companies_visited": 4, "ambassadors": 3,
        "follow_up_recruitment": 3, "follow_up_training": 1, "follow_up_internship": 4,
        "follow_up_visit_request": 1}
    assert season.people_by_audience() == {"demandeurs_emploi": (2, 2), "prescripteurs": (18, 15),
                                           "scolaires": (49, 22)}
    companies = {name: (v, p) for name, v, p in season.companies()}
    assert companies["Pipelife"] == (4, 0) and companies["Voest Alpine Krems"] == (2, 2)
    assert companies["EVN"] == (0, 2)
    assert season.ambassadors() == [("Claire Martin (démo)", 2), ("Karim Benali (démo)", 2),
                                    ("Sophie Leroy (démo)", 2)]
    assert season.feedback() == {"Mon regard sur l'industrie a changé": {"oui": 29, "non": 10}}
    assert [m for m, _, _ in season.timeline()] == ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    assert season.actions() == {("circuit", "prescripteurs"): 2, ("circuit", "scolaires"): 2}


def test_period_and_territory_filters(season_files):
    autumn = read_season(season_files, start=dt.date(2025, 9, 1), end=dt.date(2025, 12, 31))
    assert [t.date for t in autumn.tours] == [dt.date(2025, 10, 14), dt.date(2025, 11, 18)]
    assert autumn.totals() == (36, 32)
    port = read_season(season_files, territory="port de krems")  # case aside
    assert {t.territory for t in port.tours} == {"Port de Krems"} and port.totals() == (20, 17)


def test_an_unreadable_file_is_named_and_the_others_still_count(season_files, tmp_path):
    broken = tmp_path / "abîmé.zitour"
    broken.write_bytes(b"not a project at all" * 50)
    season = read_season([*season_files, broken])
    assert len(season.tours) == 4 and [f for f, _ in season.unreadable] == ["abîmé.zitour"]


def test_names_are_erased_after_the_retention_date_and_nothing_of_them_is_left_in_the_file(season_files):
    path = season_files[0]  # the October tour: retention until 14 January 2026
    before = read_season([path]).tours[0]
    raw = path.read_bytes()
    assert "Amélie Durand".encode() in raw and b"06 11 22 33 01" in raw
    with Project.open(path) as project:
        assert due_for_erasure(project, dt.date(2026, 1, 14)) == []  # the day itself still keeps them
        due = due_for_erasure(project, dt.date(2026, 1, 15))
        assert [t.name for t in due] == [PRESCRIPTEURS]
        assert erase_names(project, [t.id for t in due], dt.date(2026, 1, 15)) == 12
        assert project.participants(due[0].id) == []
        assert due_for_erasure(project, dt.date(2026, 6, 1)) == []
        outcome = project.outcome(due[0].id)
        assert (outcome.registered, outcome.present, outcome.erased_on) == (12, 10, dt.date(2026, 1, 15))
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        assert not leftover.exists() or "Amélie Durand".encode() not in leftover.read_bytes()
    raw = path.read_bytes()
    for text in ("Amélie Durand", "Bruno Lefèvre", "06 11 22 33 01", "06 11 22 33 12", "Benaïssa"):
        assert text.encode() not in raw, text
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM participants").fetchone()[0] == 0
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # VACUUM left no free page
    after = read_season([path]).tours[0]
    assert (after.registered, after.present, after.by_audience, after.present_by_audience) == (
        before.registered, before.present, before.by_audience, before.present_by_audience)


def _layout_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_report_reads_back_with_the_numbers_of_its_csv_files(season_files, tmp_path):
    written = bilan_report.write(read_season(season_files), tmp_path / "bilan", "ZI Tour Krems (démo)")
    pdf = next(p for p in written if p.suffix == ".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    tables = {p.stem.split("-2025-2026-")[-1]: list(csv.reader(p.open(encoding="utf-8-sig"), delimiter=";"))
              for p in written if p.suffix == ".csv"}
    assert set(tables) == {"chiffres-cles", "actions", "publics", "entreprises", "ambassadeurs", "suites",
                           "suites-entreprises", "circuits", "retours", "calendrier"}
    text = _layout_text(pdf)
    assert "ZI Tour Krems (démo)" in text and "du 14 octobre 2025 au 26 mars 2026" in text
    lines = text.splitlines()
    # key figures: each label under its value, four to a row
    figures = tables["chiffres-cles"][1:]
    assert dict(figures)["Participants inscrits"] == "69" and dict(figures)["Stages"] == "4"
    for label, value in figures:
        at = next(i for i, line in enumerate(lines) if re.search(rf"(^|\s){re.escape(label)}(\s|$)", line))
        column = lines[at].index(label)
        above = next(line for line in reversed(lines[:at]) if line.strip())
        assert above[column:].split()[0] == value, (label, value, above)
    # the tables: every row of the CSV is a line of the PDF, its cells in order
    for name in ("actions", "publics", "ambassadeurs", "suites", "retours", "suites-entreprises"):
        for row in tables[name][1:]:
            pattern = r"\s+".join(re.escape(c) for c in row if c)
            assert re.search(pattern, text), (name, row)
    names = "\n".join(lines)
    for company, visits, passes in tables["entreprises"][1:]:
        assert re.search(rf"{re.escape(company)}\s+{visits}\s+{passes}", names), company
    # counts, never names of participants
    assert "Amélie" not in text and not any("Amélie" in c for rows in tables.values() for r in rows for c in r)


def test_the_bus_manifest_names_who_is_aboard_and_never_goes_to_partners(season_files, tmp_path):
    import zipfile

    from app.services.export import export_tour
    from app.services.planning import plan_tour

    path = season_files[0]
    with Project.open(path) as project:
        plan_tour(project, project.tour_by_name(PRESCRIPTEURS).id, time_limit_s=1.0)
        files = export_tour(project, PRESCRIPTEURS, "manifest", tmp_path / "m")
        assert [f.name for f in files] == ["zi-tour-prescripteurs-port-et-chimie-liste-passagers.pdf"]
        text = _layout_text(files[0])
        assert "Amélie Durand (démo)" in text and "Louis Garnier (démo)" in text and "06 11 22 33 12" in text
        assert re.search(r"Personnes à bord\s*:\s*12", text)
        everything = export_tour(project, PRESCRIPTEURS, "all", tmp_path / "all", options=None)
        assert not any("liste-passagers" in f.name for f in everything)
        with_pack = export_tour(project, PRESCRIPTEURS, "pack,manifest", tmp_path / "pack")
    pack = next(f for f in with_pack if f.suffix == ".zip")
    assert any("liste-passagers" in f.name for f in with_pack)  # asked for: delivered beside the pack...
    with zipfile.ZipFile(pack) as z:
        assert not any("liste-passagers" in n for n in z.namelist())  # ...never inside it
        for name in z.namelist():
            if name.endswith((".csv", ".html", ".geojson", ".ics", ".gpx")):
                assert "Amélie Durand" not in z.read(name).decode("utf-8", "replace"), name


def test_named_people_of_a_counted_group_are_not_counted_twice(season_dir, tmp_path):
    project_path = Path(shutil.copy2(season_dir / "demo-krems.zitour", tmp_path / "p.zitour"))
    with Project.open(project_path) as project:
        tour = project.tour_by_name(PRESCRIPTEURS)
        classes = [project.add(ParticipantGroup(name=n, size=25, tour_id=tour.id, audience="scolaires"))
                   for n in ("3e A", "3e B")]
        project.add(Participant(name="Mme Roche (démo)", tour_id=tour.id, group_id=classes[0].id, present=True))
        for name in ("M. Vidal (démo)", "Mme Brun (démo)"):  # counsellors travelling on their own
            project.add(Participant(name=name, tour_id=tour.id, audience="prescripteurs", present=True))
        counts = attendance(project, tour)
        assert counts.registered == 52 and counts.by_audience == {"scolaires": 50, "prescripteurs": 2}
        assert counts.present is None  # ticks on a few names do not count whole classes


def test_follow_ups_of_a_company_alone_count_in_both_tables(season_files):
    from app.model.entities import FollowUp, FollowUpKind

    with Project.open(season_files[0]) as project:
        pipelife = next(s for s in project.sites() if s.name == "Pipelife")
        project.add(FollowUp(kind=FollowUpKind.RECRUITMENT, on_date=dt.date(2026, 4, 2), count=2, site_id=pipelife.id))
    season = read_season(season_files)
    assert season.follow_ups()["recruitment"] == 5
    assert ("Pipelife", "recruitment", 2) in season.follow_ups_by_company()


def test_the_same_tour_in_two_files_counts_once_and_is_said(season_dir, season_files):
    # the demo holds the scolaires tour of 26 March 2026 too: the season's copy and it are one tour
    season = read_season([season_dir / "demo-krems.zitour", *season_files])
    march = [t for t in season.tours if t.date == dt.date(2026, 3, 26)]
    assert len(march) == 1
    assert [(t, d) for t, d, _ in season.duplicates] == [("ZI Tour scolaires — Découverte des métiers",
                                                          dt.date(2026, 3, 26))]
    assert set(season.duplicates[0][2]) == {"demo-krems.zitour", "saison-2026-03-scolaires.zitour"}


def test_follow_ups_imported_twice_are_added_once(season_dir, tmp_path):
    project_path = Path(shutil.copy2(season_dir / "demo-krems.zitour", tmp_path / "p.zitour"))
    with Project.open(project_path) as project:
        assert len(import_follow_ups(project, read_follow_ups_csv(DATA / "suites.csv", project))) == 3
        assert import_follow_ups(project, read_follow_ups_csv(DATA / "suites.csv", project)) == []
        assert len(project.follow_ups()) == 3


def test_zitour_bilan_refuses_what_would_mislead(season_files, tmp_path, capsys):
    from app.cli.main import main

    files = [str(f) for f in season_files]
    out = tmp_path / "bilan"
    assert main(["--lang", "fr", "bilan", *files, "--out", str(out)]) == 0
    assert any(p.name.startswith("bilan-zi-tour-krems-demo-") for p in out.iterdir())  # the projects' organiser
    capsys.readouterr()
    assert main(["--lang", "fr", "bilan", *files, "--out", str(out)]) == 1  # would replace the report
    assert "--force" in capsys.readouterr().err
    assert main(["--lang", "fr", "bilan", *files, "--out", str(out), "--force"]) == 0
    assert main(["--lang", "fr", "bilan", *files, "--out", str(tmp_path / "x"), "--territory", "Nulle part"]) == 1
    assert "Gewerbepark, Port de Krems" in capsys.readouterr().err
    assert main(["--lang", "fr", "bilan", *files, "--out", str(tmp_path / "y"), "--from", "01/03/2026",
                 "--to", "01/01/2025"]) == 1
    assert "finit (01/01/2025) avant de commencer (01/03/2026)" in capsys.readouterr().err


def test_a_season_counts_each_file_once_and_never_a_tour_still_to_come(season_files, tmp_path):
    doubled = read_season([*season_files, season_files[0], tmp_path / ".." / tmp_path.name / season_files[0].name])
    assert len(doubled.tours) == 4
    with Project.open(season_files[3]) as project:
        tour = project.tours()[0]
        tour.date = dt.date.today() + dt.timedelta(days=30)
        project.update(tour)
    assert len(read_season(season_files).tours) == 3
    assert len(read_season(season_files, end=dt.date.today() + dt.timedelta(days=60)).tours) == 4


def test_malformed_spreadsheets_are_refused_with_a_message_not_a_crash(season_dir, tmp_path):
    huge = tmp_path / "énorme.csv"
    huge.write_text('Nom;Structure\n"' + "x" * 200_000 + '";a\n', encoding="utf-8")
    with pytest.raises(Exception) as exc:
        read_participants_csv(huge)
    assert "énorme.csv" in exc.value.text("fr") and "ligne" in exc.value.text("fr")
    odd = tmp_path / "suites.csv"
    odd.write_text("Type;Date;Nombre\nrecrutement;01/02/2026;²\nstage;01/02/2026;3\n", encoding="utf-8")
    project_path = Path(shutil.copy2(season_dir / "demo-krems.zitour", tmp_path / "p.zitour"))
    with Project.open(project_path) as project:
        found = read_follow_ups_csv(odd, project)
    assert [(r.line, r.reason.code) for r in found.rejected] == [(2, "follow_ups.bad_count")]
    assert [i.count for i in found.items] == [3]


def test_a_registration_list_imported_twice_adds_nobody_the_second_time(season_dir, tmp_path):
    project_path = Path(shutil.copy2(season_dir / "demo-krems.zitour", tmp_path / "p.zitour"))
    with Project.open(project_path) as project:
        tour = project.tour_by_name(PRESCRIPTEURS)
        assert len(import_participants(project, tour.id, read_participants_csv(DATA / "inscriptions.csv"))) == 5
        assert import_participants(project, tour.id, read_participants_csv(DATA / "inscriptions.csv")) == []
        assert len(project.participants(tour.id)) == 5
        assert project.get(type(tour), tour.id).participants == 20  # the tour's estimate is kept...
        assert attendance(project, tour).registered == 5  # ...but who registered is the list


def test_removing_one_person_leaves_no_trace_of_their_name_in_the_file(season_files):
    path = season_files[2]
    with Project.open(path) as project:
        tour = project.tours()[0]
        rania = next(p for p in project.participants(tour.id) if p.name.startswith("Rania"))
        project.delete(Participant, rania.id)
        project.checkpoint()
    assert "Rania Mansour".encode() not in path.read_bytes()  # secure_delete: no free page keeps it


def test_of_two_copies_of_a_tour_the_one_that_recorded_what_happened_counts(season_dir, season_files):
    season = read_season([season_dir / "demo-krems.zitour", *season_files])
    march = next(t for t in season.tours if t.date == dt.date(2026, 3, 26))
    assert march.file == "saison-2026-03-scolaires.zitour" and march.registered == 25
    assert set(march.presenters) == {"Karim Benali (démo)", "Sophie Leroy (démo)"}
