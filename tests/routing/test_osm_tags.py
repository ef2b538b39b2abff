"""Unit parsing of coach-relevant OSM tag values."""
import math

import pytest

from routing import osm_tags as T


@pytest.mark.parametrize("value, metres", [
    ("3.5", 3.5), ("3,5 m", 3.5), ("4 m", 4.0), ("350 cm", 3.5), ("12'6\"", 3.81), ("12 ft 6 in", 3.81),
    ("11'", 3.3528), ("14ft", 4.2672), ("3.8;4.0", 3.8), (["4.2", "3.9"], 3.9),
])
def test_length_parsing(value, metres):
    assert T.parse_length_m(value) == pytest.approx(metres, abs=1e-3)


@pytest.mark.parametrize("value", ["default", "none", "below_default", "", None, "fixme", "unsigned"])
def test_length_without_limit_is_nan(value):
    assert math.isnan(T.parse_length_m(value))


@pytest.mark.parametrize("value, tonnes", [
    ("7.5", 7.5), ("7,5 t", 7.5), ("3.5t", 3.5), ("7500 kg", 7.5), ("10 st", 9.0718), ("20000 lbs", 9.0718),
])
def test_weight_parsing(value, tonnes):
    assert T.parse_weight_t(value) == pytest.approx(tonnes, abs=1e-3)


@pytest.mark.parametrize("value, kph", [
    ("50", 50), ("30 mph", 48.28), ("FR:urban", 50), ("FR:rural", 80), ("AT:urban", 50), ("AT:rural", 100),
    ("FR:zone30", 30), ("DE:zone:30", 30), ("walk", 7), ("50;70", 50), (["70", "90"], 70), ("FR:motorway", 130),
])
def test_maxspeed_parsing(value, kph):
    assert T.parse_maxspeed_kph(value) == pytest.approx(kph, abs=0.01)


@pytest.mark.parametrize("value", ["none", "signals", "variable", None, "DE:motorway", "garbage"])
def test_maxspeed_unknown_or_unlimited_is_nan(value):
    assert math.isnan(T.parse_maxspeed_kph(value))


def test_list_valued_tags_after_simplification():
    assert T.split_values(["primary", "secondary"]) == ["primary", "secondary"]
    assert T.first_value(["residential", "service"]) == "residential"
    assert T.highway_class({"highway": ["secondary", "tertiary"]}) == "secondary"
    assert T.oneway_code({"oneway": ["yes", "yes"]}) == T.ONEWAY_FORWARD
    assert T.access_code(["private", "no"]) == T.ACCESS_CODE["private"]


@pytest.mark.parametrize("tags, code", [
    ({"oneway": "yes"}, 1), ({"oneway": "-1"}, -1), ({"oneway": "reversible"}, 2), ({"oneway": "no"}, 0),
    ({"junction": "roundabout"}, 1), ({"junction": "roundabout", "oneway": "no"}, 0), ({}, 0),
    ({"highway": "motorway"}, 1),
])
def test_oneway_codes(tags, code):
    assert T.oneway_code(tags) == code
