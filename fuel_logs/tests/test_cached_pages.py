"""Pages whose costly values come from the cache: the next visit costs only the user's query (and
the vehicle's, for the object a URL names, never cached), and any change to the user's data (a
fill-up added, edited, trashed; a vehicle renamed) shows at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fuel_logs.services import fuel_log_restore, fuel_log_trash

# Each page and its queries on a visit from the cache: the user, and the vehicle a URL names.
PAGES = {
    "/": 1,
    "/vehicles/": 1,
    "/vehicles/{v}/": 2,
    "/vehicles/{v}/fuel/": 2,
    "/vehicles/{v}/fuel/analytics/": 2,
    "/vehicles/{v}/fuel/analytics/charts.json": 2,
    "/fuel/analytics/": 1,
    "/fuel/analytics/charts.json": 1,
    "/fuel/add/": 1,
}

pytestmark = pytest.mark.django_db


def visit(client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    # The CSRF token is masked afresh on every page, and a form's one-time token and time (now) are
    # new too; the rest must be the same.
    fresh = r'(csrfmiddlewaretoken" value=|X-CSRFToken": |name="entry_token" value=|name="filled_at" value=)"[\w:-]+"'
    return re.sub(fresh, "", response.content.decode()), len(queries)


@pytest.mark.parametrize("url, warm_queries", PAGES.items())
def test_a_second_visit_comes_from_the_cache_and_a_change_shows_at_once(
    owner_client, metric_car, fill, url, warm_queries
):
    url = url.format(v=metric_car.pk)
    fill(metric_car, 0, 40)
    fill(metric_car, 500, 50)  # 10.0 km/L
    first, cold = visit(owner_client, url)
    again, warm = visit(owner_client, url)
    assert again == first and warm < cold and warm == warm_queries
    fill(metric_car, 1500, 50)  # now 20.0 km/L, 1,500 km
    changed, _ = visit(owner_client, url)
    assert changed != first
    metric_car.nickname = "Family car"
    metric_car.save()
    assert "Family car" in visit(owner_client, url)[0]


def test_the_garage_card_follows_each_change(owner_client, metric_car, fill):
    fill(metric_car, 0, 40)
    fill(metric_car, 500, 50)
    assert "10.0 km/L" in visit(owner_client, "/vehicles/")[0]
    latest = fill(metric_car, 1500, 50)
    page = visit(owner_client, "/vehicles/")[0]
    assert "20.0 km/L" in page and "1,500 km" in page
    fuel_log_trash(log=latest)
    page = visit(owner_client, "/vehicles/")[0]
    assert "10.0 km/L" in page and "500 km" in page
    fuel_log_restore(log=latest)
    assert "20.0 km/L" in visit(owner_client, "/vehicles/")[0]


def test_the_fuel_list_shows_an_edit_made_through_the_page(owner_client, metric_car, fill):
    log = fill(metric_car, 0, 40)
    url = f"/vehicles/{metric_car.pk}/fuel/"
    assert "Note to self" not in visit(owner_client, url)[0]
    data = {"filled_at": f"{log.filled_at:%Y-%m-%dT%H:%M}", "odometer": "0", "energy": "petrol", "quantity": "40"}
    data |= {"price": "1.5", "total_cost": "60.00", "is_full": "on", "notes": "Note to self"}
    assert owner_client.post(f"/fuel/{log.pk}/edit/", data).status_code == 302
    assert "Note to self" in visit(owner_client, url)[0]


def test_any_other_or_malformed_parameter_is_the_newest_page_and_its_cache_entry(owner_client, metric_car, fill):
    """What can key a cache entry is normalised: one user cannot fill Redis with variations."""
    from django.core.cache import cache

    fill(metric_car, 0, 40)
    url = f"/vehicles/{metric_car.pk}/fuel/"
    visit(owner_client, url)
    keys = set(cache.keys("*fuel-table*"))
    for query in [
        "?x=1",
        "?before=junk",
        "?after=1_2_3",
        "?page=first",
        "?before=99999999999999999999_1",
        "?a=" + "z" * 500,
    ]:
        visit(owner_client, url + query)
    assert set(cache.keys("*fuel-table*")) == keys and len(keys) == 1


def test_one_users_cached_pages_never_reach_another(owner_client, other_client, metric_car, fill):
    fill(metric_car, 0, 40)
    fill(metric_car, 500, 50)
    for url in ["/", "/vehicles/", "/fuel/analytics/"]:
        alices = visit(owner_client, url)[0]
        charlies = visit(other_client, url)[0]
        assert "Octavia" in alices and "Octavia" not in charlies
