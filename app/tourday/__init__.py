"""Tour day aboard the bus: positions, where the bus is on its plan, cues, what really happened.

Pure Python (no Qt), so the laptop's console, the tests and the benchmarks share one engine:

- :mod:`~app.tourday.fixes`: a position fix, NMEA 0183 and GPX tracks read and written;
- :mod:`~app.tourday.route_track`: a bus's planned route as one measured line with its planned
  times, and the rehearsal track that drives along it;
- :mod:`~app.tourday.matching`: a fix -> the leg and distance along the planned route,
  heading-aware and monotone, with off-route detection;
- :mod:`~app.tourday.cues`: videos and passenger cards triggered at route points;
- :mod:`~app.tourday.day`: the day's state machine (arrivals, departures, skips, headcounts)
  that turns fixes and button presses into logged events;
- :mod:`~app.tourday.report`: planned against actual, per stop and per leg.

Times are timezone-aware datetimes taken from the position source: a replay at 60x runs the
day on the log's own clock, a live GPS on the real one.
"""
