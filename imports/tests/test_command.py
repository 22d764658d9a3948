"""manage.py import_history: the preview as a report, then all the files or none."""

import pytest
from django.core.management import CommandError, call_command

from fuel_logs.models import FuelLog
from imports.tests.conftest import SAMPLES
from maintenance.models import ServiceRecord

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_history", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_reports_and_stores_nothing(owner):
    out, _ = run("--user", "alice", "--dry-run", SAMPLES / "fuelly-fuelups.csv", SAMPLES / "fuelio-backup.csv")
    assert "Civic -> a new vehicle (Civic): 4 fill-ups" in out
    assert "Golf -> a new vehicle (Golf): 4 fill-ups, 3 services, 3 costs, 1 totals kept where" in out
    assert "not imported: 1 income(s) in Fuelio’s costs" in out
    assert "Dry run: nothing was stored." in out
    assert not FuelLog.objects.exists()


def test_every_file_imports_and_a_second_run_doubles_nothing(owner):
    files = [SAMPLES / name for name in ("fuelly-fuelups.csv", "drivvo-pt.csv", "spritmonitor-de.csv")]
    out, _ = run("--user", "alice", *files)
    assert "Imported 14 fill-ups and 5 other records from 3 file(s)." in out  # Drivvo's services and expenses
    out, err = run("--user", "alice", "--dry-run", *files)
    assert "4 already there (skipped)" in out and "9 already there (skipped)" in out
    assert FuelLog.objects.count() == 14


def test_a_cars_fuel_ups_and_services_in_one_run(owner):
    out, _ = run("--user", "alice", SAMPLES / "fuelly-fuelups.csv", SAMPLES / "fuelly-services.csv")
    assert "Imported 6 fill-ups and 5 other records from 2 file(s)." in out
    assert ServiceRecord.objects.filter(vehicle__nickname="Civic").count() == 2  # on the car the first file made


def test_one_bad_file_and_nothing_is_imported(owner, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Odometer,FuelConsumed,Cost,IsFillToFull\n2024-01-01,abc,10,15,True\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        run("--user", "alice", SAMPLES / "fuelly-fuelups.csv", bad)
    assert not FuelLog.objects.exists()
    _, err = _report_of_failure(bad)
    assert "Line 2: Odometer “abc”: expected a number" in err


def _report_of_failure(path) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_history", "--user", "alice", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_question_is_answered_by_an_option(owner, tmp_path):
    ambiguous = tmp_path / "ambiguous.csv"
    ambiguous.write_text("Date,Odometer,FuelConsumed,Cost,IsFillToFull\n1/3/2024,1000,10,15,True\n")
    _, err = _report_of_failure(ambiguous)
    assert "give --date-order dmy|mdy" in err
    out, _ = run("--user", "alice", "--date-order", "dmy", ambiguous)
    assert FuelLog.objects.get().filled_at.month == 3


def test_an_unknown_user_or_file_is_an_error(owner, tmp_path):
    with pytest.raises(CommandError, match="No user named 'bob'"):
        run("--user", "bob", SAMPLES / "fuelly-fuelups.csv")
    with pytest.raises(CommandError, match="No such file"):
        run("--user", "alice", tmp_path / "missing.csv")
