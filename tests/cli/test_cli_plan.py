"""`zitour plan` on the demo project: the exit code says whether every required stop is served."""
from __future__ import annotations

import pytest

from app.cli.main import main as cli_main
from app.cli.plan import format_plan
from app.i18n import formats
from app.services.demo import build_demo
from app.store.project import Project
from tests.services.test_planning_constraints import krems_project  # noqa: F401  (a pytest fixture)

TOUR = "ZI Tour prescripteurs — Port et chimie"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return build_demo(tmp_path_factory.mktemp("demo"))


def test_cli_plan_exit_codes(demo, capsys):
    code = cli_main(["--lang", "fr", "plan", str(demo), "--tour", TOUR, "--time-limit", "1", "--keep-order"])
    out = capsys.readouterr()
    with Project.open(demo, read_only=True) as project:  # the CLI stored the plan it printed
        plan = project.plan(project.tour_by_name(TOUR).id)
    assert code == (0 if plan.all_required_served else 3)
    assert "Car 1" in out.out
    bus = plan.buses[0]
    # clock times from app.i18n.formats (French: "10 h 21", non-breaking spaces)
    assert out.out.startswith(f"Car 1 : {formats.clock(bus.departure, 'fr')} -> {formats.clock(bus.return_, 'fr')}, "
                              f"{formats.duration(bus.driving_s, 'fr')} de conduite, ")
    first = bus.stops[0]
    assert f"   1. {formats.clock_range(first.arrival, first.departure, 'fr')} " in out.out
    assert ("Non desservi" in out.err) == (code == 3)
    assert cli_main(["plan", str(demo), "--tour", "no such tour"]) == 2
    assert "no such tour" in capsys.readouterr().err


def test_format_plan_speaks_the_language_with_its_formats(demo, capsys):
    cli_main(["plan", str(demo), "--tour", TOUR, "--time-limit", "1", "--keep-order"])
    capsys.readouterr()
    with Project.open(demo, read_only=True) as project:
        plan = project.plan(project.tour_by_name(TOUR).id)
    en, fr = format_plan(plan, "en").splitlines(), format_plan(plan, "fr").splitlines()
    bus = plan.buses[0]
    assert en[0] == (f"Car 1: {formats.clock(bus.departure, 'en')} -> {formats.clock(bus.return_, 'en')}, "
                     f"{formats.duration(bus.driving_s, 'en')} driving, {formats.distance(bus.distance_m, 'en')}")
    assert fr[0].endswith(f"de conduite, {formats.distance(bus.distance_m, 'fr')}")
    # stop kinds: the catalog's labels, lower-cased
    kinds_en = {line.split()[2] for line in en[1:] if line[:5].strip().endswith(".")}
    assert "visit" in kinds_en and kinds_en <= {"visit", "drive-by", "lunch", "break", "pickup"}
    assert any(" visite " in line for line in fr) and any(" passage commenté " in line for line in fr)
    cue = bus.cues[0]
    assert en.count(f"     video {formats.clock(cue.start, 'en', seconds=True)} +{formats.offset(cue.offset_s, 'en')}: "
                    f"{cue.title}" + ("" if cue.trim_end_s is None else
                                      f" ({formats.offset(cue.trim_start_s, 'en')}–{formats.offset(cue.trim_end_s, 'en')})")) == 1
    assert any(line.startswith(f"     vidéo {formats.clock(cue.start, 'fr', seconds=True)} "
                               f"+{formats.offset(cue.offset_s, 'fr')} : ") for line in fr)


def test_cli_exit_code_follows_required_stops_only(krems_project, capsys):
    code = cli_main(["--lang", "en", "plan", str(krems_project), "--tour", "Ponton requis", "--time-limit", "1"])
    err = capsys.readouterr().err
    assert code == 3
    assert "Dropped: Stop Ponton Donau cannot be reached by coach: site Ponton Donau is " in err
    # the same site as an optional stop: left out with its reason, but every required stop is served
    code = cli_main(["--lang", "fr", "plan", str(krems_project), "--tour", "Ponton facultatif", "--time-limit", "1"])
    err = capsys.readouterr().err
    assert code == 0
    assert "Non desservi : L'arrêt Ponton Donau n'est pas accessible en car" in err
    with Project.open(krems_project) as p:
        stored = p.plan(p.tour_by_name("Ponton facultatif").id)
    assert stored.dropped and not stored.dropped[0].required and stored.all_required_served
    assert "required" not in stored.solver
