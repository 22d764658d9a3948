"""A VIN's form: 17 characters of its alphabet, and the check digit (49 CFR 565) where it applies."""

import pytest

from platform_data.vin import check_digit, vin_errors, with_model_year


@pytest.mark.parametrize(
    "vin",
    [
        "1M8GDM9AXKP042788",  # check digit X (remainder 10)
        "11111111111111111",
        "1HGCM82633A004352",
        "5YJSA1E14FF087599",
        " jhmcm56557c404453 ",  # typed in lower case, with spaces around
        "WVWZZZ1JZ3W386752",  # a European Golf: no check digit outside North America
        "VF1RFB00X56000000",  # a French Renault: its 9th character is the maker's own
        "JTDKN3DU0A0231040",  # Japanese, with a check digit all the same
    ],
)
def test_valid_vins_have_no_errors(vin):
    assert vin_errors(vin) == []


def test_one_wrong_character_breaks_the_check_digit_of_a_north_american_vin():
    mistyped = "one of the other characters is mistyped."
    assert vin_errors("1M8GDM9AXKP042789") == [f"The check digit (position 9) should be 1, not X: {mistyped}"]
    assert vin_errors("1M8GDM9A5KP042788") == [f"The check digit (position 9) should be X, not 5: {mistyped}"]
    assert vin_errors("5YJ3E1EA0KF000999") == [f"The check digit (position 9) should be X, not 0: {mistyped}"]


@pytest.mark.parametrize("wmi", ["WVW", "VF1", "SAL", "ZFA", "JTD", "KMH", "9BW"])
def test_a_vin_from_outside_north_america_is_not_called_a_typo_for_its_9th_character(wmi):
    assert vin_errors(f"{wmi}ZZZ1JZ3W386752") == []


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


@pytest.mark.parametrize(("year", "tenth"), [(2016, "G"), (2022, "N"), (2027, "V"), (2031, "1")])
def test_a_vin_moved_to_another_model_year_keeps_a_valid_check_digit(year, tenth):
    moved = with_model_year("1HGCM82633A004352", year)
    assert moved[9] == tenth
    assert moved[:8] + moved[10:] == "1HGCM826" + "A004352"
    assert vin_errors(moved) == []
