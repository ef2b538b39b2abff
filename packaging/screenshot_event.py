"""Screenshot of the event grid on the demo made an event day (two coaches, four groups).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshot_event.py [OUT.png]
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    import faulthandler
    faulthandler.dump_traceback_later(120, exit=True)  # never hang a packaging run
    from app.model.entities import Bus, ParticipantGroup, StopKind, TimeWindow
    from app.services.demo import build_demo
    from app.services.planning import plan_tour
    from app.store.project import Project
    from app.ui.launch import create_app

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/event_grid.png")
    create_app("fr")
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    sys.excepthook = sys.__excepthook__  # a script: tracebacks to the terminal, no dialog
    path = build_demo(tempfile.mkdtemp())
    with Project.open(path) as p:
        tour = p.tours()[0]
        tour.latest_return = dt.time(19, 0)
        p.update(tour)
        car1 = p.buses(tour.id)[0]
        car1.seats = 50
        p.update(car1)
        car2 = p.add(Bus("Car 2", 50, tour_id=tour.id))
        for i in range(1, 5):
            p.add(ParticipantGroup(f"Groupe {i}", 15, bus_id=(car1 if i <= 2 else car2).id, tour_id=tour.id,
                                   organisation="France Travail Krems", adults=1))
        for s in p.stops(tour.id):
            if s.kind == StopKind.VISIT:
                s.windows = [TimeWindow(dt.time(8, 30), dt.time(18, 30))]
                p.update(s)
        plan_tour(p, tour.id, time_limit_s=3)
        from app.ui.dialogs.event_grid import EventGridDialog
        dialog = EventGridDialog(p, tour.id)
        dialog.resize(1300, 420)
        dialog.show()
        app.processEvents()
        key = next(iter(dialog.items))
        item = dialog.items[key]
        dialog.move(*key, item.block.start_s + 3600)  # a move that breaks something, as the user sees it
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(out))
        dialog.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
