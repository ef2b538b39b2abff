"""NMEA 0183 and GPX tracks: read, written, refused with the file and the line named."""
from __future__ import annotations

import datetime as dt

import gpxpy
import pytest

from app.tourday.fixes import Fix, TrackError, parse_rmc, read_gpx, read_nmea, read_track, rmc_sentence, write_nmea
from app.tourday.route_track import RouteTrack, rehearsal_fixes

UTC = dt.timezone.utc


def test_a_receiver_sentence_is_read_with_its_checksum():
    # A real receiver's sentence (NMEA 0183 reference example).
    fix = parse_rmc("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A")
    assert fix.at == dt.datetime(1994, 3, 23, 12, 35, 19, tzinfo=UTC)
    assert fix.lat == pytest.approx(48 + 7.038 / 60)
    assert fix.lon == pytest.approx(11 + 31.0 / 60)
    assert fix.speed_mps == pytest.approx(22.4 * 1852 / 3600)
    assert fix.heading_deg == pytest.approx(84.4)
    with pytest.raises(ValueError):
        parse_rmc("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6B")
    assert parse_rmc("$GPRMC,123519,V,,,,,,,230394,,*" + "%02X" % _xor("GPRMC,123519,V,,,,,,,230394,,")) is None
    assert parse_rmc("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47") is None


def _xor(body: str) -> int:
    v = 0
    for ch in body:
        v ^= ord(ch)
    return v


def test_the_rehearsal_of_a_planned_tour_round_trips_through_nmea(demo_bus_plan, tmp_path):
    _, bus = demo_bus_plan
    fixes = rehearsal_fixes(RouteTrack(bus), step_s=5)
    path = write_nmea(tmp_path / "rehearsal.nmea", fixes)
    assert path.read_bytes().count(b"\r\n") == len(fixes)
    back = read_track(path)
    assert len(back) == len(fixes)
    for a, b in zip(fixes, back):
        assert abs((a.at - b.at).total_seconds()) < 0.06
        assert b.lat == pytest.approx(a.lat, abs=1e-6) and b.lon == pytest.approx(a.lon, abs=1e-6)
        assert b.speed_mps == pytest.approx(a.speed_mps, abs=0.05)
        if a.heading_deg is not None:
            assert b.heading_deg == pytest.approx(a.heading_deg, abs=0.06)


def test_a_damaged_log_names_its_line(tmp_path):
    good = rmc_sentence(Fix(dt.datetime(2026, 5, 12, 8, 0, tzinfo=UTC), 15.6, 48.41, 5.0, 90.0))
    path = tmp_path / "bus.nmea"
    path.write_text("# logged by gpsd\n" + good + "\n" + good[:-1] + "0\n", encoding="ascii")
    with pytest.raises(TrackError) as caught:
        read_nmea(path)
    assert caught.value.message.params == {"file": str(path), "line": 3}
    assert "ligne 3" in caught.value.text("fr") and str(path) in caught.value.text("fr")
    path.write_text("\n", encoding="ascii")
    with pytest.raises(TrackError) as caught:
        read_nmea(path)
    assert caught.value.message.code == "tourday.track.empty"
    path.write_bytes("é\n".encode("utf-8"))
    with pytest.raises(TrackError) as caught:
        read_track(path)
    assert caught.value.message.code == "tourday.track.not_nmea"
    with pytest.raises(TrackError) as caught:
        read_track(tmp_path / "missing.nmea")
    assert caught.value.message.code == "tourday.track.unreadable"
    later, earlier = (Fix(dt.datetime(2026, 5, 12, 8, m, tzinfo=UTC), 15.6, 48.41, 0.0, None) for m in (5, 1))
    write_nmea(path, [later, earlier])
    with pytest.raises(TrackError) as caught:
        read_track(path)
    assert caught.value.message.code == "tourday.track.time_backwards"


def test_a_gpx_track_gets_its_speed_and_course_from_its_points(tmp_path):
    gpx = gpxpy.gpx.GPX()
    track = gpxpy.gpx.GPXTrack()
    seg = gpxpy.gpx.GPXTrackSegment()
    t0 = dt.datetime(2026, 5, 12, 6, 0, tzinfo=UTC)
    for k in range(5):  # due east, about 7.4 m a second at 48.4 N
        seg.points.append(gpxpy.gpx.GPXTrackPoint(48.41, 15.60 + k * 1e-4, time=t0 + dt.timedelta(seconds=k)))
    track.segments.append(seg)
    gpx.tracks.append(track)
    path = tmp_path / "phone.gpx"
    path.write_text(gpx.to_xml(), encoding="utf-8")
    fixes = read_track(path)
    assert [f.at for f in fixes] == [t0 + dt.timedelta(seconds=k) for k in range(5)]
    assert fixes[0].speed_mps == pytest.approx(7.39, abs=0.05)
    assert fixes[0].heading_deg == pytest.approx(90.0, abs=0.1)
    seg.points[2].time = None
    path.write_text(gpx.to_xml(), encoding="utf-8")
    with pytest.raises(TrackError) as caught:
        read_gpx(path)
    assert caught.value.message.params["point"] == 3
    path.write_text("<gpx><trk>", encoding="utf-8")
    with pytest.raises(TrackError) as caught:
        read_gpx(path)
    assert caught.value.message.code == "tourday.track.not_gpx"
