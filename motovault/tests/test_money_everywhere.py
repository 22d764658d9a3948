"""Money in the user's currency on every page that shows money: every routed page, walked from the
URLconf as the responsive walk does (so a new page cannot skip it), after Alice chose euros."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create, fuel_log_trash
from motovault.tests.test_responsive import pages
from motovault.tests.test_url_sweep import url_for
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db

EUROS = {
    "currency": "EUR",
    "number_locale": "de_DE",
    "date_format": "dd.MM.yyyy",
    "time_zone": "",
    "distance_unit": "km",
    "volume_unit": "l",
    "economy_unit": "l_100km",
}


def test_every_page_that_shows_money_shows_the_users_currency(owner, owner_client, alices):
    vehicle = alices[Vehicle]
    vehicle.purchase_price, vehicle.purchase_date = Decimal("1234.50"), datetime.date(2023, 5, 1)
    vehicle.save()
    trashed, _ = fuel_log_create(  # the trash page shows a trashed fill-up's total
        log=FuelLog(
            owner=owner, vehicle=vehicle, filled_at=timezone.now() - datetime.timedelta(days=3),
            odometer_km=Decimal(15), quantity=Decimal(10), price_per_unit=Decimal("1.5"), total_cost=Decimal("15.00"),
        )
    )  # fmt: skip
    fuel_log_trash(log=trashed)
    for route, view in pages():  # the first visits fill the cache, in dollars
        owner_client.get(url_for(route, view, alices))
    assert owner_client.post("/settings/", EUROS).status_code == 302

    in_euros = set()
    for route, view in pages():
        response = owner_client.get(url_for(route, view, alices))
        if response.status_code != 200 or "text/html" not in response["Content-Type"] or route == "settings/":
            continue  # (the settings page lists every currency to choose from)
        html = response.content.decode()
        assert "$" not in html, route
        if "\xa0€" in html:
            in_euros.add(route)
    assert {
        "",  # this month's fuel spend
        "vehicles/<int:pk>/",  # the purchase price
        "vehicles/<int:vehicle_pk>/fuel/",
        "vehicles/<int:vehicle_pk>/fuel/analytics/",
        "fuel/analytics/",
        "vehicles/trash/",
    } <= in_euros
    # Confirming a delete is not a page the walk opens (it is a step of a write): it shows the total.
    assert "45,00\xa0€" in owner_client.get(f"/fuel/{alices[FuelLog].pk}/delete/").content.decode()
    cost = owner_client.get(f"/vehicles/{vehicle.pk}/fuel/analytics/charts.json").json()["cost"]
    # The month of the fixture's fill-up of yesterday: last month on the first of a month.
    month = timezone.localdate(alices[FuelLog].filled_at)
    assert cost["y"] == "Cost (€)" and cost["labels"] == [f"{month:%m.%Y}"]
