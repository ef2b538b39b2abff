"""Where the bus is: one small interface over the position sources of the tour day, all offline.

A :class:`PositionSource` emits ``fix(Fix)`` and ``failed(str)``; ``start()``/``stop()``.

- :class:`ReplaySource`: plays a list of fixes (an NMEA log, a GPX track, the rehearsal of
  the plan) at 1x-60x on the log's own clock: rehearsals, demos and tests;
- :class:`NmeaDeviceSource`: a USB/serial GPS speaking NMEA 0183, read by QtPositioning's
  NMEA source from the serial port chosen in the settings (QtSerialPort);
- :class:`SystemSource`: the system's positioning service (geoclue on Linux, Windows Location)
  when there is one.
"""
from __future__ import annotations

import datetime as dt
import math
import time
from typing import Optional, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from app.tourday.fixes import Fix

REPLAY_TICK_MS = 40  # how often a replay looks at its clock (25 Hz: smooth at 60x)


class PositionSource(QObject):
    fix = Signal(object)  # Fix
    failed = Signal(str)  # what went wrong, fit to show
    finished = Signal()  # a replay reached its end

    name = "source"

    def start(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def stop(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class ReplaySource(PositionSource):
    """Replays ``fixes`` at ``speed`` times real time; ``skip_to(when)`` jumps ahead without emitting
    (resuming a rehearsal), ``set_speed`` changes the pace on the fly, ``pause``/``start`` hold it."""

    name = "replay"

    def __init__(self, fixes: Sequence[Fix], speed: float = 1.0, parent: Optional[QObject] = None):
        super().__init__(parent)
        self._fixes = list(fixes)
        self._next = 0
        self.speed = max(1.0, float(speed))
        self._timer = QTimer(self)
        self._timer.setInterval(REPLAY_TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._wall0 = 0.0
        self._log0: Optional[dt.datetime] = None

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def remaining(self) -> int:
        return len(self._fixes) - self._next

    def skip_to(self, when: dt.datetime) -> None:
        while self._next < len(self._fixes) and self._fixes[self._next].at <= when:
            self._next += 1

    def set_speed(self, speed: float) -> None:
        self._anchor()
        self.speed = max(1.0, float(speed))

    def _anchor(self) -> None:
        """The log's time now is the next fix's: the clock restarts from there."""
        self._wall0 = time.monotonic()
        self._log0 = self._fixes[self._next].at if self._next < len(self._fixes) else None

    def start(self) -> None:
        if self._next >= len(self._fixes):
            self.finished.emit()
            return
        self._anchor()
        self._timer.start()

    def pause(self) -> None:
        self._timer.stop()

    def stop(self) -> None:
        self._timer.stop()

    def step(self, count: int = 1) -> int:
        """Emit the next ``count`` fixes at once, whatever the clock (tests, "skip ahead"); returns how many."""
        n = 0
        while n < count and self._next < len(self._fixes):
            self.fix.emit(self._fixes[self._next])
            self._next += 1
            n += 1
        if self._next >= len(self._fixes):
            self._timer.stop()
            self.finished.emit()
        return n

    def _tick(self) -> None:
        if self._log0 is None:
            return
        now = self._log0 + dt.timedelta(seconds=(time.monotonic() - self._wall0) * self.speed)
        while self._next < len(self._fixes) and self._fixes[self._next].at <= now:
            self.fix.emit(self._fixes[self._next])
            self._next += 1
        if self._next >= len(self._fixes):
            self._timer.stop()
            self.finished.emit()


def _fix_of(info) -> Optional[Fix]:
    """A QGeoPositionInfo as a :class:`Fix` (None when it has no valid coordinate)."""
    from PySide6.QtPositioning import QGeoPositionInfo

    coordinate = info.coordinate()
    if not info.isValid() or not coordinate.isValid():
        return None
    when = info.timestamp().toPython()
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    speed = info.attribute(QGeoPositionInfo.Attribute.GroundSpeed) if info.hasAttribute(
        QGeoPositionInfo.Attribute.GroundSpeed) else None
    heading = info.attribute(QGeoPositionInfo.Attribute.Direction) if info.hasAttribute(
        QGeoPositionInfo.Attribute.Direction) else None
    speed = speed if speed is not None and math.isfinite(speed) else None
    heading = heading if heading is not None and math.isfinite(heading) else None
    return Fix(when, coordinate.longitude(), coordinate.latitude(), speed, heading)


class _QtSource(PositionSource):
    """A QGeoPositionInfoSource behind the interface."""

    def _adopt(self, source) -> None:
        self._source = source
        source.positionUpdated.connect(self._update)
        source.errorOccurred.connect(lambda error: self.failed.emit(self._error_text(error)))

    def _update(self, info) -> None:
        fix = _fix_of(info)
        if fix is not None:
            self.fix.emit(fix)

    def _error_text(self, error) -> str:
        return self.tr("The position source stopped (%1).").replace("%1", str(getattr(error, "name", error)))

    def start(self) -> None:
        self._source.startUpdates()

    def stop(self) -> None:
        self._source.stopUpdates()


class NmeaDeviceSource(_QtSource):
    """A GPS on serial port ``port`` (``/dev/ttyACM0``, ``COM3``) at ``baud`` bauds."""

    name = "nmea"

    def __init__(self, port: str, baud: int = 4800, parent: Optional[QObject] = None):
        super().__init__(parent)
        from PySide6.QtPositioning import QNmeaPositionInfoSource
        from PySide6.QtSerialPort import QSerialPort

        self.port = QSerialPort(port, self)
        self.port.setBaudRate(baud)
        self._port_name = port
        source = QNmeaPositionInfoSource(QNmeaPositionInfoSource.UpdateMode.RealTimeMode, self)
        source.setDevice(self.port)
        self._adopt(source)

    def start(self) -> None:
        from PySide6.QtCore import QIODevice

        if not self.port.isOpen() and not self.port.open(QIODevice.OpenModeFlag.ReadOnly):
            self.failed.emit(self.tr("The GPS on %1 cannot be opened: %2.").replace("%1", self._port_name)
                             .replace("%2", self.port.errorString()))
            return
        super().start()

    def stop(self) -> None:
        super().stop()
        if self.port.isOpen():
            self.port.close()


class SystemSource(_QtSource):
    """The system's positioning service; ``available()`` says whether there is one."""

    name = "system"

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        from PySide6.QtPositioning import QGeoPositionInfoSource

        source = QGeoPositionInfoSource.createDefaultSource(self)
        self._ok = source is not None
        if source is not None:
            self._adopt(source)

    def available(self) -> bool:
        return self._ok

    def start(self) -> None:
        if not self._ok:
            self.failed.emit(self.tr("This computer has no positioning service; plug in a GPS or replay a track."))
            return
        super().start()

    def stop(self) -> None:
        if self._ok:
            super().stop()
