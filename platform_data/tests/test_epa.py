"""Reading an EPA file: messy rows are data, malformed ones stop with their line number."""

import gzip
from decimal import Decimal

import pytest

from platform_data.epa import FUEL_BY_SPELLING, SHIPPED_FILE, EpaFileError, count_rows, read_epa_file
from platform_data.models import Fuel
from platform_data.tests.conftest import SAMPLE, epa_text


def error_of(path) -> EpaFileError:
    with pytest.raises(EpaFileError) as caught:
        list(read_epa_file(path))
    return caught.value


def test_rows_come_out_typed_and_named_as_the_catalog_names_them(epa_file):
    civic = next(read_epa_file(epa_file()))
    assert civic.epa_id == 31001
    assert (civic.make, civic.model, civic.year) == ("Honda", "Civic", 2012)
    assert (civic.cylinders, civic.displacement) == (4, Decimal("1.8"))
    assert (civic.fuel, civic.fuel_raw) == (Fuel.GASOLINE, "Regular")
    assert (civic.transmission, civic.drive, civic.epa_class) == (
        "Automatic 5-spd",
        "Front-Wheel Drive",
        "Compact Cars",
    )
    assert (civic.city_mpg, civic.highway_mpg) == (28, 39)


def test_an_electric_car_without_engine_or_transmission_is_read(epa_file):
    explorer = list(read_epa_file(epa_file()))[-1]
    assert (explorer.cylinders, explorer.displacement, explorer.transmission) == (None, None, "")
    assert explorer.fuel == Fuel.ELECTRICITY


def test_every_fuel_spelling_of_the_shipped_file_has_a_mapping():
    spellings = {row.fuel_raw.lower() for row in read_epa_file(SHIPPED_FILE)}
    assert spellings == set(FUEL_BY_SPELLING)
    assert len(spellings) == 13


def test_an_unknown_fuel_spelling_is_kept_as_other(epa_file):
    row = SAMPLE[0].replace("Regular", "Hydrogen")
    (read,) = read_epa_file(epa_file([row]))
    assert (read.fuel, read.fuel_raw) == (Fuel.OTHER, "Hydrogen")


def test_a_gzip_file_reads_like_the_plain_one(epa_file, tmp_path):
    packed = tmp_path / "epa.csv.gz"
    packed.write_bytes(gzip.compress(epa_text(SAMPLE).encode()))
    assert list(read_epa_file(packed)) == list(read_epa_file(epa_file()))


def test_displacement_is_kept_to_a_tenth_of_a_litre(epa_file):
    (row,) = read_epa_file(epa_file([SAMPLE[0].replace(",1.8,", ",1.84,")]))
    assert row.displacement == Decimal("1.8")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (SAMPLE[1].replace(",2012,", ",20l2,"), "year should be a whole number, not '20l2'"),
        (SAMPLE[1].replace(",2012,", ",3012,"), "year should be between 1900 and 2100, not 3012"),
        (SAMPLE[1].replace(",Honda,", ",,"), "make is empty"),
        (SAMPLE[1].replace(",1.8,", ",big,"), "displ should be litres like 2.4, not 'big'"),
        (SAMPLE[1].replace(",28", ",-3"), "cty should be between 0 and 999, not -3"),
        (SAMPLE[1] + ",extra", "13 fields where the header has 12"),
        ("31002,Honda,Civic,2012,Compact", "only 5 of 12 fields (is the file cut short?)"),
        (SAMPLE[0], "EPA id 31001 is already on line 2"),
    ],
)
def test_a_bad_row_is_reported_with_its_line_number(epa_file, line, reason):
    error = error_of(epa_file([SAMPLE[0], line, SAMPLE[2]]))
    assert (error.line, error.reason) == (3, reason)


def test_a_missing_column_is_reported_on_the_header_line(epa_file):
    header = "id,make,model,year,class,trans,drive,cyl,displ,fuel,hwy"
    error = error_of(epa_file([row.rsplit(",", 1)[0] for row in SAMPLE], header=header))
    assert error.line == 1
    assert error.reason.startswith("missing column(s) cty;")


def test_an_empty_file_is_reported(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    assert str(error_of(path)) == "line 1: the file is empty"


def test_a_cut_short_gzip_file_is_reported_where_it_ends(tmp_path):
    packed = gzip.compress(epa_text(SAMPLE * 1).encode())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(packed[: len(packed) // 2])
    error = error_of(path)
    assert error.reason.startswith("the compressed file is cut short or damaged")
    assert 1 < error.line <= len(SAMPLE) + 1


def test_an_unclosed_quote_is_reported(epa_file):
    error = error_of(epa_file([SAMPLE[0], SAMPLE[1].replace("Civic", '"Civic')]))
    assert error.line == 3
    assert error.reason.startswith("not valid CSV")


def test_the_progress_bar_total_counts_rows_and_gives_up_on_a_damaged_file(epa_file, tmp_path):
    assert count_rows(epa_file()) == len(SAMPLE)
    damaged = tmp_path / "damaged.csv.gz"
    damaged.write_bytes(gzip.compress(epa_text(SAMPLE).encode())[:40])
    assert count_rows(damaged) is None
