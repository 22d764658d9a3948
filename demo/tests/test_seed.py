"""The demo garage: every page alive at once for a newcomer, and seeding twice changes nothing."""

import pytest
from django.core.management import call_command

from fuel_logs.models import FuelLog
from vehicles.models import Vehicle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("documents_root")]


def test_the_demo_garage_has_three_kinds_of_vehicle_with_economy(django_user_model):
    demo = django_user_model.objects.create_user("demo")
    call_command("seed", "--demo")
    vehicles = Vehicle.objects.for_user(demo)
    assert sorted(vehicles.values_list("fuel_type", flat=True)) == ["diesel", "gasoline", "gasoline", "phev"]
    assert vehicles.filter(sold_date__isnull=False).count() == 1
    logs = FuelLog.objects.for_user(demo)
    assert logs.filter(is_full=False).exists()
    assert set(logs.values_list("energy", flat=True)) == {"petrol", "diesel", "electricity"}
    assert logs.complete_segments().count() > 100
    assert not logs.filter(station__isnull=True).exists()  # every fill-up names one of its stations
    count = logs.count()
    call_command("seed", "--demo")
    assert FuelLog.objects.for_user(demo).count() == count


def test_the_demo_pages_answer(client, django_user_model):
    demo = django_user_model.objects.create_user("demo")
    call_command("seed", "--demo")
    client.force_login(demo)
    for vehicle in Vehicle.objects.for_user(demo):
        for url in (
            f"/vehicles/{vehicle.pk}/",
            f"/vehicles/{vehicle.pk}/fuel/",
            f"/vehicles/{vehicle.pk}/fuel/analytics/",
            f"/vehicles/{vehicle.pk}/ownership/",
            f"/vehicles/{vehicle.pk}/costs/",
        ):
            assert client.get(url).status_code == 200
    assert client.get("/fuel/analytics/").status_code == 200
    assert client.get("/stations/cheapest/").status_code == 200
    home = client.get("/").content.decode()
    assert "What each vehicle costs" in home and "Old Corolla" in home


def test_the_demo_has_other_costs_recurring_and_not(django_user_model):
    from costs.models import OtherCost

    demo = django_user_model.objects.create_user("demo")
    call_command("seed", "--demo")
    costs = OtherCost.objects.for_user(demo)
    assert costs.filter(series__isnull=False).count() > 24  # two years of monthly insurance and loan payments
    assert set(costs.values_list("category", flat=True)) >= {"insurance", "tax", "financing", "parking"}


def test_no_vehicle_has_two_fill_ups_in_the_same_minute(django_user_model):
    """A newcomer's first look must not be two full tanks a minute apart, hundreds of km apart."""
    from django.db.models import Count

    demo = django_user_model.objects.create_user("demo")
    call_command("seed", "--demo")
    stacked = FuelLog.objects.for_user(demo).values("vehicle", "filled_at").annotate(n=Count("id")).filter(n__gt=1)
    assert list(stacked) == []


def test_the_home_page_shows_every_answer_alive(client, django_user_model):
    """Issue 19: services, reminders in every state, documents with one expiring, stations with
    prices, other costs and a sold vehicle, all on the demo's first look."""
    from documents.models import Document
    from maintenance.models import ServiceRecord

    demo = django_user_model.objects.create_user("demo")
    call_command("seed", "--demo")
    client.force_login(demo)
    home = client.get("/").content.decode()
    for state in ("due-overdue", "due-very_soon", "due-soon"):
        assert f'class="{state}"' in home
    assert "Insurance policy" in home and "expires in 12 days" in home  # the expiring document
    cheapest = home[home.index('id="cheapest-fuel"') : home.index("</section>", home.index('id="cheapest-fuel"'))]
    assert cheapest.count("<li>") == 4 and "No station prices yet" not in cheapest  # petrol twice, diesel, electricity
    assert "Old Corolla" in home and "Other costs" in home and "Maintenance" in home
    receipt = Document.objects.for_user(demo).get(service_record__isnull=False)
    page = client.get(f"/services/{receipt.service_record_id}/edit/").content.decode()
    assert f"/documents/{receipt.pk}/" in page and "Attach a receipt" in page
    assert ServiceRecord.objects.for_user(demo).count() > 5
    assert client.get("/documents/").status_code == client.get("/due/").status_code == 200
