"""What organisers type is read as they write it: French dates, weekdays, times."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.model.entities import Availability, Tour
from app.store.project import Project
from app.ui import fmt
from app.ui.panels.ambassadors import availability_text, parse_availability

T = dt.time


@pytest.mark.parametrize("text, expected", [
    ("16/06/2026 13h-17h", [Availability(T(13), T(17), dt.date(2026, 6, 16))]),
    ("mardi 16 juin 13h–17h", [Availability(T(13), T(17), dt.date(2026, 6, 16))]),
    ("Mardi 16 Juin 2026 13 h 00 – 17 h 00", [Availability(T(13), T(17), dt.date(2026, 6, 16))]),
    ("2026-06-16 9 h 00–12 h 00; 14 h–17 h", [Availability(T(9), T(12), dt.date(2026, 6, 16)),
                                              Availability(T(14), T(17))]),
    ("1er août 8 h à 9 h 30", [Availability(T(8), T(9, 30), dt.date(2026, 8, 1))]),
    ("Tuesday 16 June 2026 9:00-12:00", [Availability(T(9), T(12), dt.date(2026, 6, 16))]),
    ("16/06 9h-10h", [Availability(T(9), T(10), dt.date(2026, 6, 16))]),
])
def test_availability_reads_french_dates_and_weekdays(text, expected):
    got = parse_availability(text, default_year=2026)
    assert got == expected
    assert parse_availability(availability_text(got)) == got  # what the form shows reads back


@pytest.mark.parametrize("text", ["lundi 16 juin 2026 13h-17h", "16/13/2026 9h-10h", "demain 9h-10h", "16 juin"])
def test_unreadable_availability_is_refused(text):
    with pytest.raises(ValueError):
        parse_availability(text, default_year=2026)


def test_a_day_without_a_year_is_the_next_one():
    today = dt.date.today()
    day = fmt.parse_day(f"{today.day}/{today.month}")
    assert day == today
    past = today - dt.timedelta(days=40)
    assert fmt.parse_day(f"{past.day}/{past.month}") == past.replace(year=past.year + 1)


def test_the_ambassador_form_takes_a_french_day_and_says_what_it_cannot_read(window, project_path, errors, qtbot):
    panel = window.ambassadors_panel
    panel.list.setCurrentRow(0)
    amb_id = panel.list.item(0).data(Qt.ItemDataRole.UserRole)
    panel.availability.setText("mardi 16 juin 2026 13h-17h")
    panel.availability.editingFinished.emit()
    with Project.open(project_path, read_only=True) as p:
        stored = p.ambassadors(ids=[amb_id])[0].availability
    assert stored == [Availability(T(13), T(17), dt.date(2026, 6, 16))]
    assert panel.availability.text() == "mardi 16\u00a0juin 2026 13\u00a0h\u00a000–17\u00a0h\u00a000"
    panel.availability.setText("lundi 16 juin 2026 13h-17h")  # the 16th is a Tuesday
    panel.availability.editingFinished.emit()
    (error,) = errors
    assert error.message.code == "edit.availability_unreadable"
    assert "« lundi 16 juin 2026 13h-17h »" in error.text("fr")
    errors.clear()
    with Project.open(project_path, read_only=True) as p:
        assert p.ambassadors(ids=[amb_id])[0].availability == stored  # nothing lost


def test_the_tour_date_takes_typing(window, project_path, qtbot):
    editor = window.tour_editor
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    editor.tabs.setCurrentIndex(0)
    field = editor.date.lineEdit()
    for typed, expected in (("16/06/2027", dt.date(2027, 6, 16)), ("mardi 20 juin 2028", dt.date(2028, 6, 20))):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, typed)  # over the selected date, as a user retypes it
        qtbot.keyClick(field, Qt.Key.Key_Return)
        with Project.open(project_path, read_only=True) as p:
            assert p.get(Tour, window.session.tour_id).date == expected
    assert editor.date_label.text() == "mardi 20\u00a0juin 2028"
    field.selectAll()
    qtbot.keyClicks(field, "32/06/2028")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # unreadable: red, nothing saved
    assert "fde0e0" in field.styleSheet()
    with Project.open(project_path, read_only=True) as p:
        assert p.get(Tour, window.session.tour_id).date == dt.date(2028, 6, 20)
