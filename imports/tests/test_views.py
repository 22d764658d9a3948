"""Upload, preview, answer, import: the pages, and the worker for a big file."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from procrastinate.contrib.django.models import ProcrastinateJob

from costs.models import OtherCost
from fuel_logs.models import FuelLog
from imports import services
from imports.models import ImportBatch
from maintenance.models import ServiceRecord
from motovault.tests.test_tasks import run_worker
from vehicles.models import OdometerReading, Vehicle

pytestmark = pytest.mark.django_db

AMBIGUOUS = b"Date,Odometer,FuelConsumed,Cost,IsFillToFull\n1/3/2024,30000,10,15.00,True\n2/5/2024,30300,9,13.50,True\n"


def upload(client, raw: bytes, name: str = "history.csv", **data):
    file = SimpleUploadedFile(name, raw, content_type="text/csv")
    return client.post("/import/", {"file": file, **data})


def test_an_upload_shows_its_preview_and_nothing_is_stored(owner_client, sample):
    response = upload(owner_client, sample("fuelio-backup.csv"))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/import/{batch.pk}/"
    page = owner_client.get(response["Location"])
    html = page.content.decode()
    assert "read as <strong>Fuelio</strong>" in html and "Import 10 records" in html
    assert "4 fill-ups, 3 services, 3 other costs" in html
    assert "1 total differs from quantity × price: the total is kept as what was paid." in html
    assert "Not imported: 1 income(s) in Fuelio’s costs (money received is not a cost)" in html
    assert not FuelLog.objects.exists() and not Vehicle.objects.exists() and not ServiceRecord.objects.exists()


def test_a_question_answered_then_one_click_imports_it_all(owner_client, owner):
    location = upload(owner_client, AMBIGUOUS)["Location"]
    page = owner_client.get(location).content.decode()
    assert "choose the date order" in page and "Import 2" not in page
    batch = ImportBatch.objects.get()
    data = {"date_order": "dmy", "decimal_mark": "", "vehicle_0": "new"}
    assert owner_client.post(location, data)["Location"] == location
    assert "Import 2 fill-ups" in owner_client.get(location).content.decode()
    response = owner_client.post(f"/import/{batch.pk}/run/", follow=True)
    assert "Imported 2 fill-ups." in response.content.decode()
    assert sorted(FuelLog.objects.values_list("filled_at__month", flat=True)) == [3, 5]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and batch.result["stored"] == 2
    # Done is done: a second click stores nothing more.
    owner_client.post(f"/import/{batch.pk}/run/")
    assert FuelLog.objects.count() == 2


def test_a_plan_that_went_wrong_since_the_preview_stores_nothing(owner_client, owner):
    car = Vehicle.objects.create(owner=owner, year=2020, make="Kia", model="Ceed", distance_unit="km")
    location = upload(owner_client, AMBIGUOUS, format="lubelogger")["Location"]
    batch = ImportBatch.objects.get()
    owner_client.post(location, {"date_order": "mdy", "decimal_mark": "", "vehicle_0": str(car.pk)})
    assert "Import 2 fill-ups" in owner_client.get(location).content.decode()
    # A reading logged meanwhile, higher than the file's: its rows now go down.
    OdometerReading.objects.create(owner=owner, vehicle=car, date="2024-01-01", odometer_km=90_000)
    response = owner_client.post(f"/import/{batch.pk}/run/", follow=True)
    assert "Nothing was imported." in response.content.decode()
    assert not FuelLog.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEW


def test_a_file_of_unknown_columns_asks_for_the_mapping(owner_client):
    raw = b"When;Km;Litres;Paid\n2024-02-01;1000;40;60,00\n2024-02-15;1500;30;45,00\n"
    location = upload(owner_client, raw)["Location"]
    page = owner_client.get(location).content.decode()
    assert "choose which of its columns hold what" in page and 'name="map_date"' in page
    assert '<th scope="col">Litres</th>' in page and "<td>60,00</td>" in page  # its first rows, to map them
    mapping = {"map_date": "When", "map_odometer": "Km", "map_quantity": "Litres", "map_total": "Paid"}
    owner_client.post(location, {"date_order": "", "decimal_mark": "", "map_rows": "fills", **mapping})
    page = owner_client.get(location).content.decode()
    assert "Import 2 fill-ups" in page, page


SERVICES_SHEET = (
    b"Car;Day;Mileage;Work;Garage;Paid\n"
    b"Golf;2024-02-01;51000;Oil change + air filter;Autohaus;189,50\n"
    b"Golf;2024-06-01;;Brake pads;;240,00\n"
)


def test_a_spreadsheet_of_services_through_a_mapping(owner_client, owner):
    location = upload(owner_client, SERVICES_SHEET)["Location"]
    mapping = {"map_date": "Day", "map_odometer": "Mileage", "map_service_type": "Work", "map_shop": "Garage"}
    response = owner_client.post(location, {"map_rows": "services", "decimal_mark": ",", **mapping})
    # A service's total is what it cannot do without: asked beside its field, nothing changes.
    assert response.status_code == 400 and "Choose the column that holds this." in response.content.decode()
    owner_client.post(location, {"map_rows": "services", "decimal_mark": ",", "map_total": "Paid", **mapping})
    page = owner_client.get(location).content.decode()
    assert "0 fill-ups, 2 services" in page and "Import 2 records" in page, page
    assert "1 service without an odometer in the file takes the reading before its date: line 3" in page

    owner_client.post(f"{location}run/")

    oil, brakes = ServiceRecord.objects.filter(owner=owner).order_by("date")
    assert [(i.service_type, i.parts_cost) for i in oil.items.order_by("id")] == [
        ("Oil and filter", Decimal("189.50")), ("Air filter", 0)
    ]  # fmt: skip
    # A new vehicle in Alice's miles: 51,000 mi; the brakes take the reading before them.
    assert (oil.shop, oil.odometer_km, brakes.odometer_km) == ("Autohaus", Decimal("82076.544"), Decimal("82076.544"))


def test_a_spreadsheet_of_costs_through_a_mapping(owner_client, owner):
    raw = b"Date,What,Amount,Comment\n2024-01-05,Insurance,480.00,Allianz\n2024-02-01,Parking garage,45.00,\n"
    location = upload(owner_client, raw)["Location"]
    mapping = {"map_date": "Date", "map_category": "What", "map_total": "Amount", "map_notes": "Comment"}
    owner_client.post(location, {"map_rows": "costs", **mapping})
    owner_client.post(f"{location}run/")
    assert list(OtherCost.objects.filter(owner=owner).order_by("date").values_list("category", "amount", "notes")) == [
        ("insurance", Decimal("480.00"), "Allianz"), ("parking", Decimal("45.00"), "Parking garage")
    ]  # fmt: skip


def test_bad_choices_are_said_beside_the_field(owner_client, sample):
    location = upload(owner_client, sample("fuelio-backup.csv"))["Location"]
    response = owner_client.post(location, {"date_order": "ydm", "vehicle_0": "999999"})
    assert response.status_code == 400
    assert response.content.decode().count('class="field-error"') == 2


def test_an_empty_upload_says_why_beside_the_field(owner_client):
    response = upload(owner_client, b"")
    assert response.status_code == 200 and "The submitted file is empty." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_big_file_is_checked_and_imported_by_the_worker_with_its_progress(owner_client, owner, monkeypatch):
    from imports import progress

    def fragment() -> str:
        return owner_client.get(location, headers={"HX-Request": "true", "HX-Target": "progress"}).content.decode()

    monkeypatch.setattr(services, "IN_REQUEST_ROWS", 1)
    location = upload(owner_client, AMBIGUOUS, format="lubelogger")["Location"]
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.CHECKING
    assert "Checking the file" in fragment() and 'hx-trigger="every 1s"' in fragment()
    assert run_worker("default").returncode == 0
    assert "choose the date order" in owner_client.get(location).content.decode()  # the worker's preview

    owner_client.post(location, {"date_order": "dmy", "decimal_mark": "", "vehicle_0": "new"})
    assert run_worker("default").returncode == 0
    assert "Import 2 fill-ups" in owner_client.get(location).content.decode()
    owner_client.post(f"/import/{batch.pk}/run/")
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.QUEUED and not FuelLog.objects.exists()
    assert 'id="progress"' in fragment() and 'hx-trigger="every 1s"' in fragment()
    assert "<!doctype" not in fragment().lower()
    result = run_worker("default")
    assert result.returncode == 0, result.stderr
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and FuelLog.objects.count() == 2
    assert progress.percent(batch) == 100
    assert "Imported 2 fill-ups." in fragment() and "every 1s" not in fragment()
    # (the worker also runs other apps' periodic tasks, such as the costs' recurring ones)
    assert ProcrastinateJob.objects.filter(task_name__startswith="imports.", status="succeeded").count() == 3
    with connection.cursor() as cursor, transaction.atomic():
        cursor.execute("TRUNCATE procrastinate_jobs CASCADE")
