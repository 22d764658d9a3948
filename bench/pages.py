"""The pages the benchmark drives, found in the seeded data."""

import random

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.urls import reverse

from demo.seed import BENCH_USERNAME
from platform_data.models import Configuration
from vehicles.models import Vehicle

# A page the browser already has: it sends the ETag it was given, and is answered 304 while the
# data is unchanged.
REVALIDATED = "(revalidated)"


def bench_pages() -> tuple:
    """The benchmark user and ``[(name, path)]`` of every main page, floor first."""
    user = get_user_model().objects.get(username=BENCH_USERNAME)
    vehicle = (
        Vehicle.objects.for_user(user)
        .annotate(fills=Count("fuellogs", filter=Q(fuellogs__deleted_at__isnull=True)))
        .order_by("-fills")
        .first()
    )
    civic = Configuration.objects.filter(vehicle_model__name="Civic", year=2012).first()
    picker = f"{reverse('platform_data:configuration-options')}?year=2012&model={civic.vehicle_model_id}"
    pk = vehicle.pk
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
        ("sharing section", reverse("households:sharing", args=[pk])),
        ("catalog picker fragment (cached)", picker),
        ("health", reverse("health")),
    ]


def uncached_picker_paths() -> list[str]:
    """Every (year, model) pair of the catalog once, in a fixed shuffled order."""
    pairs = sorted(set(Configuration.objects.values_list("year", "vehicle_model_id")))
    random.Random(7).shuffle(pairs)
    base = reverse("platform_data:configuration-options")
    return [f"{base}?year={year}&model={model}" for year, model in pairs]
