"""The pages the benchmark drives, found in the seeded data."""

import random

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.urls import reverse

from demo.seed import BENCH_USERNAME
from maintenance.models import ReminderSettings
from platform_data.models import Configuration
from stations.models import Station
from vehicles.models import Vehicle

# A page the browser already has: it sends the ETag it was given, and is answered 304 while the
# data is unchanged.
REVALIDATED = "(revalidated)"


def bench_pages() -> tuple:
    """The benchmark user and ``[(name, path)]`` of every main page, floor first."""
    user = get_user_model().objects.get(username=BENCH_USERNAME)
    vehicle = busiest_vehicle(user)
    civic = Configuration.objects.filter(vehicle_model__name="Civic", year=2012).first()
    picker = f"{reverse('platform_data:configuration-options')}?year=2012&model={civic.vehicle_model_id}"
    pk = vehicle.pk
    station = Station.objects.for_user(user).annotate(fills=Count("fuellogs")).order_by("-fills").first()
    token = ReminderSettings.objects.for_user(user).values_list("calendar_token", flat=True).first()
    return user, [
        ("floor (/api/me)", reverse("api-me")),
        ("home", reverse("home")),
        ("garage", reverse("vehicles:garage")),
        ("vehicle page", reverse("vehicles:detail", args=[pk])),
        ("fuel list, first page", reverse("fuel_logs:list", args=[pk])),
        ("fuel list, last page", reverse("fuel_logs:list", args=[pk]) + "?page=last"),
        ("fuel analytics, one vehicle", reverse("fuel_logs:analytics", args=[pk])),
        ("fuel analytics, garage", reverse("fuel_logs:garage-analytics")),
        ("chart data, one vehicle", reverse("fuel_logs:analytics-charts", args=[pk])),
        ("chart data, garage", reverse("fuel_logs:garage-analytics-charts")),
        (f"chart data, garage {REVALIDATED}", reverse("fuel_logs:garage-analytics-charts")),
        ("quick entry form", reverse("fuel_logs:quick")),
        ("home, a period", reverse("home") + "?start=2020-01-01&end=2022-12-31"),
        ("costs chart data, garage", reverse("costs-charts")),
        ("cost of ownership, one vehicle", reverse("vehicle-costs", args=[pk])),
        ("year report", reverse("year-report", args=[pk, vehicle.purchase_date.year + 1])),
        ("year report PDF", reverse("year-report-pdf", args=[pk, vehicle.purchase_date.year + 1])),
        ("stations, where is fuel cheapest", reverse("stations:cheapest")),
        ("station page", reverse("stations:detail", args=[station.pk])),
        ("service list, garage", reverse("maintenance:list")),
        ("service list, one vehicle", reverse("maintenance:vehicle-list", args=[pk])),
        ("due list", reverse("maintenance:due")),
        ("calendar feed", reverse("maintenance:calendar", args=[token])),
        ("documents, garage list", reverse("documents:list")),
        ("documents, searched", reverse("documents:list") + "?q=insurance+polic"),
        ("documents, one vehicle's tab", reverse("documents:vehicle", args=[pk])),
        ("sharing section", reverse("households:sharing", args=[pk])),
        ("catalog picker fragment (cached)", picker),
        ("health", reverse("health")),
    ]


def busiest_vehicle(user) -> Vehicle:
    """The vehicle with the most fill-ups: the pages about one vehicle show this one."""
    return (
        Vehicle.objects.for_user(user)
        .annotate(fills=Count("fuellogs", filter=Q(fuellogs__deleted_at__isnull=True)))
        .order_by("-fills")
        .first()
    )


def uncached_picker_paths() -> list[str]:
    """Every (year, model) pair of the catalog once, in a fixed shuffled order."""
    pairs = sorted(set(Configuration.objects.values_list("year", "vehicle_model_id")))
    random.Random(7).shuffle(pairs)
    base = reverse("platform_data:configuration-options")
    return [f"{base}?year={year}&model={model}" for year, model in pairs]
