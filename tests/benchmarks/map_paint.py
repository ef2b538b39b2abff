"""Benchmark: paint time of the map canvas (run on demand, prints a table).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/map_paint.py

Regions: a SYNTHETIC region (app.ui.map.synthetic: random roads and zones, ~260,000 road
segments, clearly not real geography) and the real Krems extract
(routing.regions.load_region("krems"), © OpenStreetMap contributors) when available.

For each view of a 1600x1000 viewport:
  render   QGraphicsView.render() into a QImage: the whole base map, markers and routes
           painted from scratch (no cache) - what a zoom step costs;
  repaint  viewport().repaint() after resetCachedContent(): a real paintEvent, cold cache;
  warm     viewport().repaint() with the background cache valid (selection, hover, drag);
  pan      scroll by 40 px then repaint (only the uncovered strip of the base map is drawn).
Times are the median of 7 runs, in milliseconds.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

RUNS = 7


def median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000.0)
    return statistics.median(times)


def bench_region(label: str, layers, app) -> list[tuple]:
    from app.ui.map import MapCanvas

    canvas = MapCanvas()
    canvas.resize(1600, 1000)
    canvas.show()
    app.processEvents()
    t = time.perf_counter()
    canvas.set_layers(layers)
    set_ms = (time.perf_counter() - t) * 1000
    canvas._idle.stop()        # build the bands here, timing each idle step
    steps = []
    while True:
        t = time.perf_counter()
        more = canvas.basemap.build_step()
        steps.append((time.perf_counter() - t) * 1000)
        if not more:
            break
    segs = canvas.basemap.segment_count("roads")
    print(f"\n{label}: {segs:,} road segments; set_layers {set_ms:.0f} ms; "
          f"bands built on idle in {len(steps)} steps, total {sum(steps):.0f} ms, "
          f"longest step {max(steps):.0f} ms")
    img = QImage(canvas.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    rows = []
    canvas.fit_all()
    centre = canvas.mapToScene(canvas.viewport().rect().center())
    for name, factor in (("full view", 1), ("zoom x4", 4), ("zoom x16", 16), ("zoom x64", 64)):
        canvas.fit_all()
        canvas.zoom_by(factor)
        canvas.centerOn(centre)
        m = canvas.m_per_px()

        def render():
            p = QPainter(img)
            canvas.render(p)
            p.end()

        def cold():
            canvas.resetCachedContent()
            canvas.viewport().repaint()

        def warm():
            canvas.viewport().repaint()

        sign = [1]

        def pan():
            bar = canvas.horizontalScrollBar()
            bar.setValue(bar.value() + 40 * sign[0])
            sign[0] = -sign[0]
            canvas.viewport().repaint()

        r = median_ms(render)
        drawn = canvas.basemap.last_paint_segments
        rows.append((label, name, m, drawn, r, median_ms(cold), median_ms(warm), median_ms(pan)))
    canvas.close()
    return rows


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from app.ui.map.synthetic import synthetic_layers

    rows = bench_region("SYNTHETIC region", synthetic_layers(1.0), app)
    try:
        from routing.regions import load_region

        rows += bench_region("Krems (real OSM)", load_region("krems").layers, app)
    except Exception as exc:   # the benchmark still reports the synthetic figures
        print(f"\nKrems extract not available: {exc}")
    print(f"\n{'region':<18} {'view':<10} {'m/px':>7} {'tile segs':>10} {'render':>8} "
          f"{'repaint':>8} {'warm':>6} {'pan':>6}   (ms, median of {RUNS}, 1600x1000)")
    for label, name, m, drawn, r, c, w, p in rows:
        print(f"{label:<18} {name:<10} {m:7.2f} {drawn:10,d} {r:8.1f} {c:8.1f} {w:6.1f} {p:6.1f}")
    print("\nTarget: <= 16 ms a frame for the full synthetic region.")


if __name__ == "__main__":
    main()
