"""Company visit slots and group capacity in the site editor: parsed, saved, undoable, refused when unreadable."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.model.entities import SiteKind, TimeWindow
from app.store.project import Project
from app.services.slots import SlotsError, parse_slots, slots_text
from tests.ui.conftest import dump


def _t(h: int, m: int = 0) -> dt.time:
    return dt.time(h, m)


def _site_in_file(path, site_id):
    with Project.open(path, read_only=True) as p:
        return next(s for s in p.sites() if s.id == site_id)


# ---------------------------------------------------------------------------- parsing
@pytest.mark.parametrize("text", ["9:00-10:00; 14:00-15:30", "9 h 00–10 h 00 ; 14 h 00–15 h 30",
                                  "14h-15h30, 9h-10h", "9:00 à 10:00\n14:00 to 15:30"])
def test_slots_are_read_in_the_usual_spellings_and_sorted(text):
    assert parse_slots(text) == [TimeWindow(_t(9), _t(10)), TimeWindow(_t(14), _t(15, 30))]


def test_empty_text_means_any_time():
    assert parse_slots("") == [] == parse_slots(" ; ")


@pytest.mark.parametrize("text, part", [("9:00-10:00; 14h-1530x", "14h-1530x"), ("9:00", "9:00"),
                                        ("25:00-26:00", "25:00-26:00"), ("9-10-11", "9-10-11")])
def test_an_unreadable_slot_is_named_in_french_and_english(text, part):
    with pytest.raises(SlotsError) as info:
        parse_slots(text)
    assert f"« {part} »" in info.value.text("fr") and "illisible" in info.value.text("fr")
    assert repr(part) in info.value.text("en")


def test_a_reversed_or_overlapping_slot_is_refused():
    with pytest.raises(SlotsError, match="ends before it starts"):
        parse_slots("15:00-14:00")
    with pytest.raises(SlotsError) as info:
        parse_slots("9:00-10:00; 9:30-11:00")
    assert "se chevauchent" in info.value.text("fr") and "9\u00a0h\u00a030–11\u00a0h\u00a000" in info.value.text("fr")


def test_slots_text_reads_back():
    slots = [TimeWindow(_t(9), _t(10)), TimeWindow(_t(14), _t(15, 30))]
    assert slots_text(slots, "fr") == "9\u00a0h\u00a000–10\u00a0h\u00a000; 14\u00a0h\u00a000–15\u00a0h\u00a030"
    assert parse_slots(slots_text(slots, "fr")) == slots == parse_slots(slots_text(slots, "en"))


# ---------------------------------------------------------------------------- the editor in the window
def _company(window) -> int:
    site = next(s for s in window.session.sites_by_id.values() if s.kind is SiteKind.COMPANY)
    window.session.select(site_id=site.id)
    assert window.site_editor.site_id() == site.id
    return site.id


def _type(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_slots_and_capacity_are_saved_and_undoable(window, project_path, qtbot):
    site_id = _company(window)
    original = _site_in_file(project_path, site_id)
    editor = window.site_editor

    _type(qtbot, editor.visit_slots, "14:00-15:30; 9:00-10:00")
    saved = _site_in_file(project_path, site_id)
    assert saved.visit_slots == [TimeWindow(_t(9), _t(10)), TimeWindow(_t(14), _t(15, 30))]
    assert editor.visit_slots.text() == "9\u00a0h\u00a000–10\u00a0h\u00a000; 14\u00a0h\u00a000–15\u00a0h\u00a030"  # shown back in French style

    editor.visit_capacity.setValue(23)
    editor.visit_capacity.editingFinished.emit()
    assert _site_in_file(project_path, site_id).visit_capacity == 23
    assert window.c.editing.undo_stack.count() == 2

    window.c.editing.undo_stack.undo()
    assert _site_in_file(project_path, site_id).visit_capacity == original.visit_capacity
    window.c.editing.undo_stack.undo()
    assert _site_in_file(project_path, site_id).visit_slots == original.visit_slots
    assert editor.visit_slots.text() == slots_text(original.visit_slots)
    window.c.editing.undo_stack.redo()
    assert len(_site_in_file(project_path, site_id).visit_slots) == 2


def test_a_malformed_slot_shows_a_message_and_changes_nothing(window, project_path, qtbot, errors):
    site_id = _company(window)
    editor = window.site_editor
    _type(qtbot, editor.visit_slots, "9:00-10:00")
    before_file = dump(project_path)
    before_steps = window.c.editing.undo_stack.count()

    _type(qtbot, editor.visit_slots, "9:00-10:00; 14h-1530x")
    assert len(errors) == 1 and isinstance(errors[0], SlotsError)
    assert "« 14h-1530x »" in errors[0].text("fr")
    errors.clear()  # expected: the window fixture checks no other dialog was shown
    assert dump(project_path) == before_file
    assert window.c.editing.undo_stack.count() == before_steps
    assert editor.visit_slots.text() == "9\u00a0h\u00a000–10\u00a0h\u00a000"  # the stored value again
    assert _site_in_file(project_path, site_id).visit_slots == [TimeWindow(_t(9), _t(10))]


# ---------------------------------------------------------------------------- a place to turn round
def test_turning_place_box_is_saved_undoable_and_ticked_when_a_site_becomes_a_depot(window, project_path, qtbot):
    site_id = _company(window)
    editor = window.site_editor
    assert editor.coach_turns.text() == "possible ici"
    assert editor.coach_turns.toolTip().startswith("Le car peut faire demi-tour ici (parking, cour).")
    assert not editor.coach_turns.isChecked() and not _site_in_file(project_path, site_id).coach_turns
    steps = window.c.editing.undo_stack.count()
    qtbot.mouseClick(editor.coach_turns, Qt.MouseButton.LeftButton, pos=QPoint(8, editor.coach_turns.height() // 2))
    assert _site_in_file(project_path, site_id).coach_turns
    assert window.c.editing.undo_stack.count() == steps + 1
    window.c.editing.undo_stack.undo()
    assert not _site_in_file(project_path, site_id).coach_turns and not editor.coach_turns.isChecked()
    # made a depot: its yard is a turning place, in the same single edit
    editor.kind.setCurrentIndex(editor.kind.findData(SiteKind.DEPOT.value))
    editor.kind.activated.emit(editor.kind.currentIndex())
    saved = _site_in_file(project_path, site_id)
    assert saved.kind is SiteKind.DEPOT and saved.coach_turns and editor.coach_turns.isChecked()
    assert window.c.editing.undo_stack.count() == steps + 1
    window.c.editing.undo_stack.undo()
    saved = _site_in_file(project_path, site_id)
    assert saved.kind is SiteKind.COMPANY and not saved.coach_turns
