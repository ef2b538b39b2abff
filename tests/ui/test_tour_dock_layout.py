"""The "Circuit" dock at 1400x900: the stops table keeps most of the height, the form stays visible."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication


def _at_1400_by_900(window, qtbot) -> None:
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.showNormal()
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.height() == 900 and window.width() == 1400, timeout=5000)
    window.size_docks()  # what the first start does once the window has its size
    for _ in range(5):
        QApplication.processEvents()


def _visible_rows(view) -> float:
    return view.viewport().height() / view.verticalHeader().defaultSectionSize()


def _shown_within(widget, container) -> bool:
    """``widget`` is visible and drawn entirely inside ``container`` (not scrolled or clipped away)."""
    top_left = widget.mapTo(container, QPoint(0, 0))
    return widget.isVisible() and container.rect().contains(top_left) and container.rect().contains(
        top_left + QPoint(widget.width() - 1, widget.height() - 1))


def test_the_stops_table_shows_six_rows_and_the_form_stays_visible(window, qtbot):
    _at_1400_by_900(window, qtbot)
    panel, editor = window.stops_panel, window.tour_editor
    assert window.tour_dock.isVisible() and panel.model.rowCount() >= 6
    assert _visible_rows(panel.view) >= 6, (panel.view.viewport().height(), window.tour_dock.height())
    # Every field of the "Tour" tab is on screen without scrolling the form.
    dock = window.tour_dock
    for field in (editor.name, editor.date, editor.start_depot, editor.end_depot, editor.departure,
                  editor.return_, editor.audience, editor.participants, editor.objective):
        assert _shown_within(field, dock), field
    for button in (panel.add_button, panel.down_button, window.optimise_button, window.keep_order_button):
        assert _shown_within(button, dock), button.text()


def test_the_order_constraints_fold_while_empty_and_open_with_one(window, qtbot):
    _at_1400_by_900(window, qtbot)
    panel = window.stops_panel
    panel.set_precedences([])
    assert panel.precedence_list.count() == 0 and not panel.precedence_list.isVisible()
    rows_folded = _visible_rows(panel.view)
    stops = panel.model.stops
    panel.precedence_requested.emit(stops[0].id, stops[1].id)  # the window stores it and refreshes the panel
    qtbot.waitUntil(lambda: panel.precedence_list.count() == 1, timeout=5000)
    QApplication.processEvents()
    assert panel.precedence_list.isVisible() and panel.remove_precedence_button.isEnabled()
    # About three rows high, and the table still keeps its six rows.
    row_px = panel.precedence_list.fontMetrics().height()
    assert 2 * row_px < panel.precedence_list.height() < 5 * row_px
    assert 6 <= _visible_rows(panel.view) <= rows_folded
    # The user may fold it; the constraint stays reachable by unfolding.
    panel.precedence_toggle.click()
    assert not panel.precedence_list.isVisible()
    panel.precedence_toggle.click()
    assert panel.precedence_list.isVisible()
