"""VIN check digit (49 CFR 565), model year and maker."""

import pytest

from platform_data.epa import SHIPPED_FILE, read_epa_file
from platform_data.vin import MAKE_BY_WMI, check_digit, decode_vin, model_year, vin_errors


@pytest.mark.parametrize(
    "vin",
    [
        "1M8GDM9AXKP042788",  # check digit X (remainder 10)
        "11111111111111111",
        "1HGCM82633A004352",
        "5YJSA1E14FF087599",
        " jhmcm56557c404453 ",  # typed in lower case, with spaces around
    ],
)
def test_valid_vins_have_no_errors(vin):
    assert vin_errors(vin) == []


def test_one_wrong_character_breaks_the_check_digit():
    assert vin_errors("1M8GDM9AXKP042789") == ["The check digit (9th character) should be 1, not X."]
    assert vin_errors("1M8GDM9A5KP042788") == ["The check digit (9th character) should be X, not 5."]


@pytest.mark.parametrize("letter", ["I", "O", "Q"])
def test_i_o_and_q_are_never_in_a_vin(letter):
    vin = "1M8GDM9AXKP0" + letter + "2788"
    assert vin_errors(vin) == [f"A VIN never contains I, O or Q (they read as 1 and 0): {letter} at position 13."]


def test_other_characters_are_refused():
    assert vin_errors("1M8GDM9AXKP-42788") == ["A VIN has only letters and digits: '-' at position 12."]


@pytest.mark.parametrize(("vin", "length"), [("1M8GDM9AXKP04278", 16), ("1M8GDM9AXKP0427881", 18)])
def test_a_vin_has_17_characters(vin, length):
    assert vin_errors(vin) == [f"A VIN has 17 characters; this one has {length}."]


def test_an_empty_vin_is_asked_for():
    assert vin_errors("  ") == ["Enter a VIN."]


def test_the_check_digit_weights_and_transliteration():
    # Every position weighs 1 x its weight for "1"s: the weights sum to 89, 89 % 11 = 1.
    assert check_digit("11111111111111111") == "1"
    assert check_digit("1M8GDM9A0KP042788") == "X"


@pytest.mark.parametrize(
    ("seventh", "tenth", "year"),
    [
        ("1", "A", 1980),
        ("9", "Y", 2000),
        ("9", "1", 2001),
        ("9", "9", 2009),
        ("C", "A", 2010),
        ("C", "B", 2011),
        ("C", "Y", 2030),
        ("C", "9", 2039),
    ],
)
def test_the_model_year_cycle_turns_on_the_7th_character(seventh, tenth, year):
    vin = f"123456{seventh}89{tenth}1234567"
    assert model_year(vin) == year


@pytest.mark.parametrize("tenth", ["U", "Z", "0"])
def test_characters_that_are_no_year_give_none(tenth):
    assert model_year(f"123456789{tenth}1234567") is None


@pytest.mark.parametrize(
    ("vin", "decoded"),
    [
        ("1HGCM82633A004352", {"year": 2003, "make": "Honda", "wmi": "1HG"}),
        ("JTDKB20U693123456", {"year": 2009, "make": "Toyota", "wmi": "JTD"}),  # JT* is Toyota
        ("JTHBK1EG8C2000000", {"year": 2012, "make": "Lexus", "wmi": "JTH"}),  # but JTH is Lexus
        ("1M8GDM9AXKP042788", {"year": 1989, "make": None, "wmi": "1M8"}),
    ],
)
def test_decode_reads_year_and_make(vin, decoded):
    assert decode_vin(vin) == decoded


def test_every_make_of_the_wmi_table_is_spelled_as_in_the_epa_data():
    epa_makes = {row.make for row in read_epa_file(SHIPPED_FILE)}
    assert set(MAKE_BY_WMI.values()) <= epa_makes
    assert len(MAKE_BY_WMI) >= 36
