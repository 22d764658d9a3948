"""A file's services, other costs, odometer readings and (from our export) reminders: checked as
their forms check one, what is stored already skipped, all of it or nothing; and the account's
export coming back record for record."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import timezone

from costs.models import OtherCost
from costs.services import cost_save
from documents.models import Document
from documents.services import document_trash
from documents.tests.conftest import jpeg, make_document, pdf, png, stored_files
from fuel_logs.models import FuelLog
from imports import formats, sections
from imports import plan as plans
from imports.formats import Parsed, RawCost, RawItem, RawReading, RawService
from imports.services import NotImported
from maintenance.models import LineItem, Reminder, ServiceRecord
from maintenance.services import reminder_save, service_record_save, service_record_trash
from motovault import accountdata
from vehicles.models import OdometerReading, Vehicle

pytestmark = pytest.mark.django_db


@pytest.fixture
def from_file(monkeypatch):
    """A format whose reader hands the plan the ``Parsed`` a test builds: the plan and the store,
    apart from any one app's file."""
    parsed = Parsed("Test app")
    reader = formats.Reader("test", "Test app", lambda tables: True, lambda tables: parsed)
    monkeypatch.setattr(formats, "READERS", [reader])
    return parsed


@pytest.fixture
def car(owner):
    return Vehicle.objects.create(
        owner=owner, year=2016, make="Mazda", model="3", nickname="Mazda", distance_unit="mi", volume_unit="us_gal"
    )


ANY_FILE = b"a,b\n1,2\n"


def test_a_visit_with_one_total_puts_it_on_its_first_job_and_maps_other_apps_names(owner, car, from_file, run_import):
    from_file.vehicle("")
    from_file.services += [
        RawService(2, "", "2024-03-01", "30,000", [RawItem("Oil Change"), RawItem("Tire Rotation")], total="$89.90",
                   tax="6.90", shop="  Quick   Lube ", notes="synthetic"),
        RawService(3, "", "2024-06-01", "", [RawItem("Cabin Air Filter", parts="20", labour="15")], kind="repair"),
        RawService(4, "", "2024-07-01", "31,500", [RawItem("Detailing")], total="120"),
    ]  # fmt: skip
    result = run_import(ANY_FILE, vehicles={"": str(car.pk)}, decimal_mark=".")

    assert result["records"] == 3
    first, second, third = ServiceRecord.objects.filter(vehicle=car).order_by("date")
    # 30,000 mi is 48,280.32 km; the visit's 89.90 with 6.90 of tax: 83.00 on the oil change.
    assert (first.odometer_km, first.shop, first.tax, first.total_cost) == (
        Decimal("48280.320"),
        "Quick Lube",
        Decimal("6.90"),
        Decimal("89.90"),
    )
    assert [(i.service_type, i.parts_cost, i.labour_cost) for i in first.items.order_by("id")] == [
        ("Oil and filter", Decimal("83.00"), 0), ("Tyre rotation", 0, 0)
    ]  # fmt: skip
    assert first.items.order_by("id")[0].description == "Oil Change"  # the file's own name, kept
    # No odometer in the file: the highest reading before its day, the first service's.
    assert (second.kind, second.odometer_km, second.total_cost) == ("repair", Decimal("48280.320"), Decimal("35"))
    assert [i.service_type for i in second.items.all()] == ["Cabin filter"]
    assert third.items.get().service_type == "Detailing"  # not a built-in type: the user's own


def test_the_latest_service_of_a_reminders_type_moves_it_on(owner, car, from_file, run_import):
    reminder = Reminder(owner=owner, vehicle=car, service_type="Oil and filter", interval_months=6)
    reminder_save(reminder=reminder, today=datetime.date(2024, 1, 1), odometer_km=None)
    from_file.vehicle("")
    from_file.services += [
        RawService(2, "", "2024-05-10", "100", [RawItem("oil change")]),
        RawService(3, "", "2024-02-10", "50", [RawItem("Oil and filter")]),
    ]
    run_import(ANY_FILE, vehicles={"": str(car.pk)})

    reminder.refresh_from_db()
    assert (reminder.last_done_on, reminder.due_date) == (datetime.date(2024, 5, 10), datetime.date(2024, 11, 10))


def test_costs_repeat_on_only_from_their_last_payment_and_only_when_its_next_is_ahead(
    owner, car, from_file, run_import
):
    today = timezone.localdate()
    last_year = today.replace(year=today.year - 1)
    ahead = today - datetime.timedelta(days=20)
    two_years_ago, renewed = last_year.replace(year=last_year.year - 1), last_year + datetime.timedelta(days=20)
    from_file.vehicle("")
    from_file.costs += [
        RawCost(2, "", two_years_ago.isoformat(), "500", "insurance", "Allianz", recurrence="yearly"),
        RawCost(3, "", renewed.isoformat(), "520", "insurance", "Allianz", recurrence="yearly"),
        RawCost(4, "", "2020-01-05", "12.50", "parking", "Parking", recurrence="monthly"),
        RawCost(5, "", ahead.isoformat(), "2.50", "tolls", "A7", notes="=1+1"),
        RawCost(6, "", ahead.isoformat(), "2.50", "tolls", "A7", notes="=1+1"),
        RawCost(7, "", "2024-02-01", "30", "no such kind", "Car wash"),
    ]  # fmt: skip
    result = run_import(ANY_FILE, vehicles={"": str(car.pk)})

    costs = list(OtherCost.objects.filter(vehicle=car).order_by("date", "id"))
    assert len(costs) == 6 == result["records"]
    assert [c.recurrence for c in costs if c.category == "insurance"] == ["", "yearly"]
    renewal = next(c for c in costs if c.amount == 520)
    assert renewal.next_due == (last_year + datetime.timedelta(days=20)).replace(year=today.year)
    parking = next(c for c in costs if c.category == "parking")
    assert (parking.recurrence, parking.notes) == ("", "")  # stopped long ago: a one-off, nothing made up
    tolls = [c for c in costs if c.category == "tolls"]
    assert [c.notes for c in tolls] == ["A7 · =1+1", "A7 · =1+1"]  # two tolls of a day are two
    assert next(c for c in costs if c.amount == 30).notes == "Car wash"  # an unknown kind: "other"
    assert OtherCost.objects.filter(series__isnull=False).count() == 0

    again = plans.build(owner, ANY_FILE, plans.Choices(vehicles={"": str(car.pk)}))
    assert again.count == 0 and sorted(again.vehicles[0].duplicates) == [2, 3, 4, 5, 6, 7]


def test_readings_already_there_in_any_record_are_skipped_and_an_odometer_back_in_time_rejected(
    owner, car, fill, from_file
):
    fill(car, "16093.44", 10, day=9)  # 10,000 mi on 10 January
    OdometerReading.objects.create(owner=owner, vehicle=car, date=datetime.date(2024, 2, 1), odometer_km=20000)
    from_file.vehicle("")
    from_file.readings += [
        RawReading(2, "", "2024-01-10", "10000"),  # the fill-up's own reading
        RawReading(3, "", "2024-02-01", "20000", distance_unit="km"),  # the reading stored
        RawReading(4, "", "2024-03-01", "13000"),
        RawReading(5, "", "2024-01-20", "9000"),  # lower than the fill-up of the 10th
        RawReading(6, "", "2024-04-01", ""),
    ]
    from_file.services.append(RawService(7, "", "2024-03-15", "12500", [RawItem("Brakes")]))  # below line 4's

    plan = plans.build(owner, ANY_FILE, plans.Choices(vehicles={"": str(car.pk)}))

    assert sorted(plan.vehicles[0].duplicates) == [2, 3]
    assert [str(r) for r in plan.rejected] == [
        "Line 5: Odometer “9000”: Lower than an earlier reading: 10,000 mi on 10 Jan 2024 (fill-up).",
        "Line 6: Odometer: expected the odometer reading",
        "Line 7: Odometer “12500”: lower than 13000 mi on line 4, a day before",
    ]
    assert plan.blocked
    with pytest.raises(NotImported):
        from imports.services import import_run

        import_run(user=owner, raw=ANY_FILE, choices=plans.Choices(vehicles={"": str(car.pk)}))
    assert OdometerReading.objects.filter(vehicle=car).count() == 1 and not ServiceRecord.objects.exists()


@pytest.mark.parametrize(
    "row, rejection",
    [
        (RawService(2, "", "2999-01-01", "100"), "Line 2: Date “2999-01-01”: expected a date that has passed"),
        (RawService(2, "", "30/02/2024", "100"), "Line 2: Date “30/02/2024”: expected a date that exists"),
        (RawService(2, "", "2024-01-01", "abc"), "Line 2: Odometer “abc”: expected a number"),
        (RawService(2, "", "2024-01-01", "1", tax="-5"), "Line 2: Tax “-5”: expected an amount of 0 or more"),
        (RawService(2, "", "2024-01-01", "1", total="5", tax="6"),
         "Line 2: Total cost “5”: expected at least the tax (6.00)"),
        (RawService(2, "", "2024-01-01", "1", [RawItem("Oil", parts="x")]), "Line 2: Parts “x”: expected an amount"),
        (RawCost(2, "", "2024-01-01", "ten"), "Line 2: Amount “ten”: expected an amount"),
        (RawCost(2, "", "2024-01-01", "5", problems=[("Type", "9", "a cost type")]),
         "Line 2: Type “9”: expected a cost type"),
    ],
)  # fmt: skip
def test_a_row_that_does_not_read_is_rejected_with_its_line_and_value(owner, car, from_file, row, rejection):
    from_file.vehicle("")
    (from_file.services if isinstance(row, RawService) else from_file.costs).append(row)
    plan = plans.build(owner, ANY_FILE, plans.Choices(vehicles={"": str(car.pk)}, date_order="dmy"))
    assert [str(r) for r in plan.rejected] == [rejection]
    assert not plan.ready


def test_a_file_of_costs_in_another_currency_says_so(owner, car, from_file):
    from_file.vehicle("")
    from_file.costs.append(RawCost(2, "", "2024-01-01", "5", "parking", currency="chf"))
    plan = plans.build(owner, ANY_FILE, plans.Choices(vehicles={"": str(car.pk)}))
    assert plan.currencies == {"CHF": 1} and plan.ready


def test_service_types_of_other_apps_are_ours_where_their_words_say_so():
    assert [sections.service_type(name) for name in (
        "Oil Change", "Ölwechsel", "Troca de óleo", "Tire Rotation", "Brake Pads", "Brake fluid flush",
        "Cabin Air Filter", "Engine air filter", "State Inspection", "MOT", "Wiper Blades", "New tyres",
        "Motorbike chain", "Washer fluid",
    )] == [
        "Oil and filter", "Oil and filter", "Oil and filter", "Tyre rotation", "Brakes", "Brake fluid",
        "Cabin filter", "Air filter", "Inspection / MOT", "Inspection / MOT", "Wiper blades", "Tyres",
        "Chain and sprockets", "Washer fluid",
    ]  # fmt: skip


def records(user) -> dict[str, list[tuple]]:
    """A user's records besides fill-ups, as comparable values (their vehicle by nickname)."""
    services = ServiceRecord.objects.filter(owner=user, deleted_at__isnull=True).order_by("date", "id")
    costs = OtherCost.objects.filter(owner=user, deleted_at__isnull=True).order_by("date", "amount", "id")
    return {
        "services": [
            (s.vehicle.nickname, s.date, s.odometer_km, s.kind, s.shop, s.tax, s.total_cost, s.notes,
             [(i.service_type, i.description, i.parts_cost, i.labour_cost) for i in s.items.order_by("id")])
            for s in services
        ],
        "costs": [
            (c.vehicle.nickname, c.date, c.category, c.amount, c.notes, c.recurrence, c.recurrence_until, c.next_due,
             c.series and (c.series.date, c.series.amount))
            for c in costs
        ],
        "readings": [
            (r.vehicle.nickname, r.date, r.odometer_km, r.notes)
            for r in OdometerReading.objects.filter(owner=user, deleted_at__isnull=True).order_by("date")
        ],
        "reminders": [
            (r.vehicle.nickname, r.title, r.service_type, r.interval_km, r.interval_months, r.due_date,
             r.due_odometer_km, r.schedule, r.last_done_on, r.last_done_km, r.snoozed_until, r.notes,
             r.completed_by and r.completed_by.date, r.before_completion)
            for r in Reminder.objects.filter(owner=user).order_by("id")
        ],
    }  # fmt: skip


def test_the_exports_services_costs_readings_and_reminders_come_back_record_for_record(
    owner, other_user, car, run_import
):
    today = timezone.localdate()
    OdometerReading.objects.create(
        owner=owner, vehicle=car, date=datetime.date(2024, 1, 5), odometer_km=16000, notes="-"
    )
    reminder = Reminder(owner=owner, vehicle=car, service_type="Oil and filter", interval_km=8000, interval_months=12)
    reminder_save(reminder=reminder, today=datetime.date(2024, 1, 1), odometer_km=Decimal(16000))
    oil = ServiceRecord(
        owner=owner,
        vehicle=car,
        date=datetime.date(2024, 2, 1),
        odometer_km=17000,
        shop="+Shop",
        tax=Decimal("4.10"),
        notes='=HYPERLINK("x")',
    )
    service_record_save(record=oil, items=[
        LineItem(service_type="Oil and filter", description="5W-30", parts_cost=Decimal(40), labour_cost=Decimal(25)),
        LineItem(service_type="Wipers, front", parts_cost=Decimal("18.50")),
    ])  # fmt: skip
    gone = ServiceRecord(owner=owner, vehicle=car, date=datetime.date(2024, 3, 1), odometer_km=18000)
    service_record_save(record=gone, items=[LineItem(service_type="Brakes", parts_cost=Decimal("100"))])
    service_record_trash(record=gone)
    series = OtherCost(
        owner=owner,
        vehicle=car,
        date=today.replace(year=today.year - 2),
        amount=Decimal("480"),
        category="insurance",
        recurrence="yearly",
        notes="Policy 42",
    )
    cost_save(cost=series, today=today)  # makes last year's and this year's payments
    OtherCost.objects.create(owner=owner, vehicle=car, date=datetime.date(2024, 5, 1), amount=Decimal("3.20"),
                             category="parking", notes="@station")  # fmt: skip
    assert OtherCost.objects.filter(series=series).count() == 2
    export = b"".join(accountdata.export_zip(owner))

    result = run_import(export, user=other_user)

    assert result["records"] == 7  # 1 service, 4 costs, 1 reading, 1 reminder
    assert records(other_user) == records(owner)
    assert Reminder.objects.get(owner=other_user).completed_by.total_cost == Decimal("87.60")
    # Nothing is doubled: the series makes nothing more, and the same export again adds nothing.
    again = plans.build(other_user, export, plans.Choices())
    assert again.count == 0 and not again.rejected
    assert not [
        name for name in again.skipped if any(kind in name for kind in ("services", "costs", "odometer", "remind"))
    ]


def test_the_exports_documents_come_back_with_their_files_vehicles_service_and_fill_up(
    owner, other_user, car, fill, run_import, documents_root
):
    spare = Vehicle.objects.create(owner=owner, year=2008, make="Honda", model="Jazz", nickname="Spare")
    oil = ServiceRecord(owner=owner, vehicle=car, date=datetime.date(2024, 2, 1), odometer_km=17000)
    service_record_save(record=oil, items=[LineItem(service_type="Oil and filter", parts_cost=Decimal(40))])
    policy = make_document(owner, [car, spare], "policy.pdf", pdf(), kind="insurance", title="Allianz",
                           number="P-42", issued_on=datetime.date(2024, 1, 1), expires_on=datetime.date(2025, 1, 1),
                           premium=Decimal("480.00"), premium_period=12)  # fmt: skip
    receipt = make_document(owner, [car], "receipt.png", png(), title="=Oil receipt", service_record=oil)
    fill_up = fill(car, "16093.44", 10, day=3)  # 10,000.0 mi, as its file writes it
    fuel_receipt = make_document(owner, [car], "fuel.jpg", jpeg(), title="Shell", fuel_log=fill_up)
    document_trash(user=owner, document=make_document(owner, [spare], "old.pdf", pdf("red"), title="Old"))
    export = b"".join(accountdata.export_zip(owner))

    result = run_import(export, user=other_user)

    assert result["documents"] == 3
    theirs = Document.objects.filter(owner=other_user).order_by("title")
    assert [
        (d.kind, d.title, d.number, d.issued_on, d.expires_on, d.premium, d.premium_period, d.original_name,
         d.sha256, sorted(v.nickname for v in d.vehicles.all()), d.service_record and d.service_record.date,
         d.fuel_log and (d.fuel_log.filled_at, d.fuel_log.odometer_km))
        for d in theirs
    ] == [
        (d.kind, d.title, d.number, d.issued_on, d.expires_on, d.premium, d.premium_period, d.original_name,
         d.sha256, sorted(v.nickname for v in d.vehicles.all()), d.service_record and d.service_record.date,
         d.fuel_log and (d.fuel_log.filled_at, d.fuel_log.odometer_km))
        for d in (receipt, policy, fuel_receipt)
    ]  # fmt: skip
    assert theirs[2].fuel_log.owner == other_user
    for mine, copy in zip((receipt, policy, fuel_receipt), theirs, strict=True):
        assert copy.file.read() == mine.file.read() and copy.file.name != mine.file.name
    assert bool(theirs[0].thumbnail)  # the PNG's preview is made again
    # The same export again: every document is there already.
    again = plans.build(other_user, export, plans.Choices())
    assert again.count == 0 and not again.rejected


def test_an_export_missing_a_documents_file_imports_nothing(owner, other_user, car, run_import, documents_root):
    make_document(owner, [car], "policy.pdf", pdf(), title="Allianz")
    export = b"".join(accountdata.export_zip(owner))
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(export)) as source, zipfile.ZipFile(damaged, "w") as target:
        for entry in source.infolist():
            if not entry.filename.startswith("documents/") or entry.filename == "documents.csv":
                target.writestr(entry, source.read(entry))

    files_before = stored_files(documents_root)
    plan = plans.build(other_user, damaged.getvalue(), plans.Choices())

    assert len(plan.rejected) == 1 and "Document “Allianz”: expected its file documents/" in str(plan.rejected[0])
    with pytest.raises(NotImported):
        run_import(damaged.getvalue(), user=other_user)
    assert not Vehicle.objects.filter(owner=other_user).exists() and stored_files(documents_root) == files_before


def test_a_document_refused_on_import_leaves_no_file_of_the_others_behind(
    owner, other_user, car, run_import, documents_root
):
    make_document(owner, [car], "policy.pdf", pdf(), title="Allianz")
    receipt = make_document(owner, [car], "receipt.png", png(), title="Receipt")
    export = b"".join(accountdata.export_zip(owner))
    tampered = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(export)) as source, zipfile.ZipFile(tampered, "w") as target:
        for entry in source.infolist():
            is_receipt = entry.filename == f"documents/{receipt.file.name}"
            target.writestr(entry, b"MZ\x90\x00 an executable" if is_receipt else source.read(entry))
    files_before = stored_files(documents_root)

    with pytest.raises(NotImported, match="the document “Receipt”: “receipt.png” is not a file we keep"):
        run_import(tampered.getvalue(), user=other_user)

    assert stored_files(documents_root) == files_before  # the policy's copy was removed again
    assert not Document.objects.filter(owner=other_user).exists()


def test_the_exports_stations_come_back_where_they_are_and_fill_ups_name_them(owner, other_user, car, fill, run_import):
    from stations.models import Station
    from stations.services import station_named

    costco = station_named(owner=owner, name="Costco", latitude=Decimal("47.6"), longitude=Decimal("-122.3"))
    Station.objects.filter(pk=costco.pk).update(brand="Costco", address="4401 4th Ave S", is_favourite=True)
    station_named(owner=owner, name="Aral Hauptstraße", latitude=Decimal("52.520008"), longitude=Decimal("13.404954"))
    log = fill(car, 1000, 10)
    log.station = costco
    log.save(update_fields=["station"])
    station_named(owner=other_user, name="COSTCO")  # Bob's own, by that name: his stays the one
    export = b"".join(accountdata.export_zip(owner))

    plan = plans.build(other_user, export, plans.Choices())
    assert [station.name for station in plan.stations] == ["Aral Hauptstraße"]
    run_import(export, user=other_user)

    theirs = Station.objects.filter(owner=other_user).order_by("name")
    assert [(s.name, s.latitude, s.longitude, s.brand) for s in theirs] == [
        ("Aral Hauptstraße", Decimal("52.520008"), Decimal("13.404954"), ""), ("COSTCO", None, None, "")
    ]  # fmt: skip
    assert FuelLog.objects.get(owner=other_user).station.name == "COSTCO"


def test_an_exported_vehicles_purchase_is_what_its_rows_are_checked_against(owner, other_user, fill, run_import):
    """The purchase odometer and date come back typed: a fill-up is checked against them as on the form."""
    bought = Vehicle.objects.create(
        owner=owner, year=2020, make="Skoda", model="Octavia", nickname="Bought", distance_unit="km",
        volume_unit="l", purchase_date=datetime.date(2023, 12, 1), purchase_odometer_km=Decimal("15000.000"),
    )  # fmt: skip
    fill(bought, 15500, 40)
    OtherCost.objects.create(owner=owner, vehicle=bought, date=datetime.date(2024, 1, 2), amount=5, category="wash")
    export = b"".join(accountdata.export_zip(owner))

    assert run_import(export, user=other_user)["records"] == 2
    theirs = Vehicle.objects.get(owner=other_user)
    assert (theirs.purchase_date, theirs.purchase_odometer_km) == (datetime.date(2023, 12, 1), Decimal("15000.000"))
