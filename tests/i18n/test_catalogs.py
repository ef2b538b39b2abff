"""The message catalogs say every code the code base uses, with the fields its calls give.

Codes come from the sources (:func:`app.i18n.catalog_tools.codes_in_sources`: the
literal first argument of ``Message(...)``, ``UserError(...)`` and the error classes);
templates from ``app/i18n/catalogs/*.po``, which the application reads compiled (``.mo``).
"""
from __future__ import annotations

import pytest

from app.i18n import CATALOG_DIR, catalog, languages, render
from app.i18n.catalog_tools import codes_in_sources, fields, read
from app.i18n.formats import NBSP
from routing.messages import Clock, Distance, Duration, Message, Spans

LANGUAGES = languages()


@pytest.fixture(scope="module")
def used() -> dict[str, set[str]]:
    return codes_in_sources()


@pytest.fixture(scope="module")
def catalogs() -> dict[str, dict[str, str]]:
    return {lang: read(lang) for lang in LANGUAGES}


def test_french_and_english_catalogs_exist():
    assert {"en", "fr"} <= set(LANGUAGES)


def test_sources_use_codes(used):
    assert len(used) > 100 and "solver.late" in used and "store.in_use" in used


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_code_of_the_sources_is_in_the_catalog(lang, used, catalogs):
    missing = sorted(code for code in used if code not in catalogs[lang] or not catalogs[lang][code])
    assert missing == [], f"{lang}.po lacks {missing}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_templates_have_the_fields_of_the_english_template(lang, catalogs):
    english = catalogs["en"]
    differ = {code: (sorted(fields(text)), sorted(fields(english[code])))
              for code, text in catalogs[lang].items() if code in english and fields(text) != fields(english[code])}
    assert differ == {}, f"{lang}.po: fields (here, in en.po) differ for {differ}"
    only_here = sorted(set(catalogs[lang]) - set(english))
    assert only_here == [], f"{lang}.po has codes en.po lacks: {only_here}"


def test_calls_give_every_field_their_template_uses(used, catalogs):
    english = catalogs["en"]
    offenders = {code: sorted(fields(english[code]) - given)
                 for code, given in used.items() if code in english and not fields(english[code]) <= given}
    assert offenders == {}, f"calls miss template fields (code: missing fields): {offenders}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_committed_mo_files_are_compiled_from_the_po_files(lang, catalogs):
    """The .mo the application reads says what the .po says (compared entry by entry, not byte by byte:
    the bytes carry the version of the Babel that compiled them)."""
    import gettext

    with open(CATALOG_DIR / f"{lang}.mo", "rb") as handle:
        on_disk = {k: v for k, v in gettext.GNUTranslations(handle)._catalog.items() if k}
    assert on_disk == catalogs[lang], (
        f"{lang}.mo is stale: run  python -c 'from app.i18n.catalog_tools import compile_all; compile_all()'")


def test_no_french_template_is_still_its_code(catalogs):
    untranslated = sorted(code for code, text in catalogs["fr"].items() if text.strip() == code)
    assert untranslated == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_templates_are_well_formed(lang, used, catalogs):
    """Every template formats with its fields (no stray brace) through the compiled catalog."""
    for code, text in catalogs[lang].items():
        assert catalog(lang).gettext(code) == text
        text.format(**{name: "x" for name in fields(text)})


def test_typed_parameters_in_french_and_english():
    windows = Spans([(9 * 3600, 11 * 3600 + 1800)])
    assert render(Message("solver.free_slots_unmet", stop="Acme", free=windows), "fr") == (
        f"Arrêt Acme : les créneaux de visite encore libres de Acme (9{NBSP}h{NBSP}00–11{NBSP}h{NBSP}30, "
        "les autres étant pris) ne peuvent pas être tenus avec les autres arrêts.")
    assert render(Message("solver.free_slots_unmet", stop="Acme", free=windows), "en") == (
        "Stop Acme: the visit slots of Acme that are still free (9:00–11:30, the others being taken) cannot be "
        "met with the other stops.")
    late = Message("solver.late", stop="B", arrival=Clock(9 * 3600 + 42 * 60), previous=Message("solver.the_depot"),
                   late=Duration(65 * 60), windows=Spans([(8 * 3600, 8 * 3600 + 1800)]))
    assert late.text("fr") == (f"L'arrêt B est en retard : arrivée 9{NBSP}h{NBSP}42 depuis le dépôt, 1{NBSP}h{NBSP}05 "
                               f"après la fermeture de la fenêtre (8{NBSP}h{NBSP}00–8{NBSP}h{NBSP}30).")
    assert late.text("en") == ("Stop B is late: arrival 9:42 from the depot, 1 h 05 min after the window closes "
                               "(8:00–8:30).")
    far = Message("road.snap_too_far", distance=Distance(1260), limit=Distance(200))
    assert far.text("fr").startswith(f"À 1,3{NBSP}km de la route autorisée aux autocars la plus proche (plus de 200{NBSP}m)")
    assert far.text("en").startswith("1.3 km from the nearest coach-legal road (more than 200 m)")
    assert Message("solver.driver_break", duration=Duration(2700), start=Clock(14 * 3600)).text("fr") == (
        f"Pause du conducteur de 45{NBSP}min insérée à 14{NBSP}h{NBSP}00 (temps de conduite maximal).")


def test_list_and_nested_parameters():
    taken = Message("solver.slots_taken", stop="Beta", slots=[
        Message("solver.slot_held", slot=Spans([(9 * 3600, 10 * 3600)]), bus="Car 1"),
        Message("solver.slot_held", slot=Spans([(14 * 3600, 15 * 3600)]), bus="Car 2")])
    assert taken.text("en") == "All visit slots of Beta are taken (9:00–10:00 by Car 1, 14:00–15:00 by Car 2)."
    assert taken.text("fr") == (f"Tous les créneaux de visite de Beta sont pris (9{NBSP}h{NBSP}00–10{NBSP}h{NBSP}00 "
                                f"par Car 1, 14{NBSP}h{NBSP}00–15{NBSP}h{NBSP}00 par Car 2).")
    assert Message.from_json(taken.to_json()) == taken


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_template_shows_an_internal_code(lang, catalogs):
    """A user reads sentences: no snake_case identifier appears in any template's words."""
    import re

    leaks = {}
    for code, text in catalogs[lang].items():
        words = re.sub(r"\{[^}]*\}", "", text)
        found = re.findall(r"\b[a-z]+_[a-z_]+\b", words)
        if found:
            leaks[code] = found
    assert leaks == {}


@pytest.mark.parametrize("rule", ["group_capacity", "lock", "site_busy", "precedence", "slot_taken", "duty"])
def test_a_broken_rule_is_named_in_words(rule):
    from routing.messages import rule_words

    for code in ("solver.does_not_fit", "solver.rule_broken_in_order", "solver.rule_broken_between_buses"):
        message = Message(code, stop="Voestalpine", rule=rule_words(rule))
        for lang in ("fr", "en"):
            text = message.text(lang)
            assert rule not in text and "{" not in text and "Voestalpine" in text, text
    assert rule_words("lock").text("fr") == "la position qui lui est imposée"


def test_every_rule_the_schedule_checks_has_words(catalogs):
    """The evaluator's constraint codes (routing/solver/schedule.py) are each worded as rule.<code>."""
    import re
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "routing" / "solver" / "schedule.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'issues\.append\(\("([a-z_]+)"', source))
    assert {"group_capacity", "lock", "site_busy"} <= codes
    for lang in LANGUAGES:
        assert {c for c in codes if f"rule.{c}" not in catalogs[lang]} == set(), lang
