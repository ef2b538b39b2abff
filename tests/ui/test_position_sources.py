"""The position sources of the tour day: a replay on its clock, a GPS on a serial line (a pty)."""
from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from app.tourday.fixes import Fix, rmc_sentence
from app.ui.live.sources import NmeaDeviceSource, ReplaySource

UTC = dt.timezone.utc


def _fixes(n: int, step_s: float = 1.0):
    t0 = dt.datetime(2026, 5, 12, 7, 0, tzinfo=UTC)
    return [Fix(t0 + dt.timedelta(seconds=k * step_s), 15.60 + k * 1e-4, 48.41, 7.4, 90.0) for k in range(n)]


def test_a_replay_plays_on_its_own_clock_at_the_chosen_speed(qtbot):
    fixes = _fixes(121)  # two minutes of log
    source = ReplaySource(fixes, speed=60)
    got = []
    source.fix.connect(got.append)
    t = time.monotonic()
    with qtbot.waitSignal(source.finished, timeout=10_000):
        source.start()
    elapsed = time.monotonic() - t
    assert got == fixes
    assert 1.8 <= elapsed <= 4.0  # 120 s of log at 60x: two seconds, and not all at once
    again = ReplaySource(fixes, speed=60)
    again.skip_to(fixes[99].at)  # resuming a rehearsal: what was driven is not played again
    assert again.remaining == 21 and again.step(100) == 21


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_gps_on_a_serial_line_feeds_fixes(qtbot):
    master, slave = os.openpty()
    source = NmeaDeviceSource(os.ttyname(slave), 4800)
    got = []
    source.fix.connect(got.append)
    failed = []
    source.failed.connect(failed.append)
    source.start()
    try:
        for fix in _fixes(4):
            os.write(master, (rmc_sentence(fix) + "\r\n").encode("ascii"))
        qtbot.waitUntil(lambda: len(got) >= 3, timeout=5_000)
    finally:
        source.stop()
        os.close(master)
        os.close(slave)
    assert not failed
    assert got[0].lat == pytest.approx(48.41, abs=1e-6) and got[0].lon == pytest.approx(15.60, abs=1e-6)
    assert got[1].at - got[0].at == dt.timedelta(seconds=1)
    assert got[0].speed_mps == pytest.approx(7.4, abs=0.1)


def test_a_gps_port_that_does_not_exist_is_said(qtbot):
    source = NmeaDeviceSource("/dev/ttyNOPE0", 4800)
    failed = []
    source.failed.connect(failed.append)
    source.start()
    assert failed and "/dev/ttyNOPE0" in failed[0]
