"""The preview's rules: duplicates skipped, questions asked where the file does not decide, and
every rejected row named with its line, its value and what was expected; nothing stored."""

import codecs
import io
import zipfile

import pytest

from fuel_logs.models import FuelLog
from imports import plan as plans
from imports import services
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db

LUBE = "Date,Odometer,FuelConsumed,Cost,FuelEconomy,IsFillToFull,MissedFuelUp,Notes,Tags\n"


def build(owner, text: str | bytes, **choices) -> plans.Plan:
    raw = text.encode() if isinstance(text, str) else text
    return plans.build(owner, raw, plans.Choices(**choices))


def test_importing_the_same_file_twice_skips_every_row_the_second_time(owner, sample, run_import):
    assert run_import(sample("fuelio-backup.csv"))["records"] == 10
    again = build(owner, sample("fuelio-backup.csv"))
    [golf] = again.vehicles
    # The fill-ups of lines 6-9, and the services and costs of lines 20-24 and 27 (25 and 26: an
    # income and a template, never imported).
    assert (golf.new, len(golf.logs), sorted(golf.duplicates)) == (False, 0, [6, 7, 8, 9, 20, 21, 22, 23, 24, 27])
    assert not again.ready  # nothing left to import
    assert FuelLog.objects.count() == 4


def test_a_file_overlapping_what_is_there_imports_only_the_new_rows(owner, sample, run_import):
    text = sample("lubelogger-fuel.csv").decode()
    first_two = "\n".join(text.splitlines()[:3]) + "\n"
    run_import(first_two.encode())
    assert run_import(text.encode())["vehicles"][0] | {"vehicle": None} == {
        "vehicle": None, "name": "LubeLogger vehicle", "stored": 2, "new": False, "duplicates": 2,
        "services": 0, "costs": 0, "readings": 0, "reminders": 0,
    }  # fmt: skip
    assert FuelLog.objects.count() == 4


def test_dates_that_read_both_ways_are_a_question_not_a_guess(owner):
    text = LUBE + "1/3/2024,30000,12.5,43.75,0,True,False,,\n2/5/2024,30350,11.7,40.95,0,True,False,,\n"
    plan = build(owner, text)
    assert plan.questions == ["date_order"] and not plan.ready and plan.count == 0
    day_first, month_first = build(owner, text, date_order="dmy"), build(owner, text, date_order="mdy")
    assert day_first.ready and month_first.ready
    assert [log.filled_at.date().isoformat() for log in day_first.vehicles[0].logs] == ["2024-03-01", "2024-05-02"]
    assert [log.filled_at.date().isoformat() for log in month_first.vehicles[0].logs] == ["2024-01-03", "2024-02-05"]


def test_a_day_first_date_in_a_file_read_month_first_says_so(owner):
    text = LUBE + "1/5/2024,30000,12.5,43.75,0,True,False,,\n31/12/2024,30350,11.7,40.95,0,True,False,,\n"
    plan = build(owner, text, date_order="mdy")
    assert [str(r) for r in plan.rejected] == [
        "Line 3: Date “31/12/2024”: expected day-first date, but the file was read as month-first:"
        " choose the date order"
    ]


def test_numbers_that_read_both_ways_are_a_question(owner):
    text = LUBE + "2024-01-05,30000,12,1.234,0,True,False,,\n"
    assert build(owner, text).questions == ["decimal_mark"]
    assert build(owner, text, decimal_mark=",").vehicles[0].logs[0].total_cost == 1234


def test_every_rejected_row_with_its_line_value_and_what_was_expected(owner):
    text = LUBE + "\n".join(
        [
            "2024-01-05,30000,12.5,43.75,0,True,False,,",  # line 2: fine
            "2024-01-19,abc,11.7,40.95,0,True,False,,",  # line 3: not a number
            "2024-02-02,30700,0,36.00,0,True,False,,",  # line 4: zero quantity
            "2024-02-16,29000,10,35.00,0,True,False,,",  # line 5: lower than line 2, earlier day
            "2024-02-17,31000,10,35.00,0,maybe,False,,",  # line 6: not yes or no
            "2999-01-01,32000,10,35.00,0,True,False,,",  # line 7: future
            "2024-02-30,32000,10,35.00,0,True,False,,",  # line 8: no such day
        ]
    )
    plan = build(owner, text)
    assert [str(r) for r in plan.rejected] == [
        "Line 3: Odometer “abc”: expected a number",
        "Line 4: Quantity “0”: The quantity must be more than zero.",
        "Line 5: Odometer “29000”: lower than 30000 mi on line 2, a day before",
        "Line 6: IsFillToFull “maybe”: expected yes or no",
        "Line 7: Date and time “2999-01-01T12:00:00”: That is in the future: a fill-up is logged once it has happened.",
        "Line 8: Date “2024-02-30”: expected a date that exists",
    ]
    with pytest.raises(services.NotImported):
        services.import_run(user=owner, raw=text.encode(), choices=plans.Choices())
    assert not FuelLog.objects.exists() and not Vehicle.objects.exists()


def test_rows_lower_than_the_vehicles_own_readings_are_rejected(owner, run_import):
    car = Vehicle.objects.create(
        owner=owner, year=2019, make="Skoda", model="Octavia", distance_unit="km", volume_unit="l"
    )
    run_import((LUBE + "2024-03-01,5000,40,60,0,True,False,,\n").encode(), vehicles={"": str(car.pk)})
    plan = build(owner, LUBE + "2024-04-01,4000,40,60,0,True,False,,\n", vehicles={"": str(car.pk)})
    assert [str(r) for r in plan.rejected] == [
        "Line 2: Odometer “4000”: Lower than an earlier reading: 5,000 km on 01 Mar 2024 (fill-up)."
    ]


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "The file is empty."),
        (b"   \n\n", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" * 10, "The file is not text"),
        (b"a,b,c\n1,2,3\n", "not a format we know"),
        (b"Date,Odometer,FuelConsumed,Cost,IsFillToFull\n", "The file has no rows under a header line."),
    ],
)
def test_a_file_we_cannot_read_says_why(owner, raw, message):
    with pytest.raises(plans.UnreadableFile, match=message):
        plans.build(owner, raw, plans.Choices())


def test_a_file_over_the_size_limit_is_refused(owner, monkeypatch):
    from imports import reading

    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    with pytest.raises(plans.UnreadableFile, match="larger than"):
        plans.build(owner, (LUBE * 5).encode(), plans.Choices())


def test_utf16_without_a_byte_order_mark_and_a_bom_in_utf8(owner, sample):
    text = sample("lubelogger-fuel.csv").decode()
    assert build(owner, text.encode("utf-16-le")).count == 4
    assert build(owner, codecs.BOM_UTF8 + text.encode()).count == 4


def test_a_spreadsheet_is_not_read_as_nonsense(owner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(plans.UnreadableFile, match="holds no CSV file"):
        plans.build(owner, buffer.getvalue(), plans.Choices())


def test_a_damaged_zip_is_refused(owner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("vehicles.csv", "id,year,make,model\n")
    with pytest.raises(plans.UnreadableFile, match="damaged"):
        plans.build(owner, buffer.getvalue()[:-30], plans.Choices())
