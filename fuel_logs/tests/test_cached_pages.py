"""Pages whose costly part comes from the cache: the next visit costs only the user's query, and
any change to the user's data (a fill-up added, edited, trashed; a vehicle renamed) shows at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

PAGES = [
    "/",
    "/vehicles/",
    "/vehicles/{v}/fuel/",
    "/vehicles/{v}/fuel/analytics/",
    "/fuel/analytics/",
    "/fuel/analytics/charts.json",
]

pytestmark = pytest.mark.django_db


def visit(client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    # The CSRF token is masked afresh on every page; the rest must be the same.
    return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"\w+"', "", response.content.decode()), len(queries)


@pytest.mark.parametrize("url", PAGES)
def test_a_second_visit_comes_from_the_cache_and_a_change_shows_at_once(owner_client, metric_car, fill, url):
    url = url.format(v=metric_car.pk)
    fill(metric_car, 0, 40)
    fill(metric_car, 500, 50)  # 10.0 km/L
    first, cold = visit(owner_client, url)
    again, warm = visit(owner_client, url)
    assert again == first and warm < cold and warm == 1  # the user
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
    latest.soft_delete()
    page = visit(owner_client, "/vehicles/")[0]
    assert "10.0 km/L" in page and "500 km" in page
    latest.restore()
    assert "20.0 km/L" in visit(owner_client, "/vehicles/")[0]


def test_the_fuel_list_shows_an_edit_made_through_the_page(owner_client, metric_car, fill):
    log = fill(metric_car, 0, 40)
    assert "Note to self" not in visit(owner_client, f"/vehicles/{metric_car.pk}/fuel/")[0]
    log.notes = "Note to self"
    log.save()
    assert "Note to self" in visit(owner_client, f"/vehicles/{metric_car.pk}/fuel/")[0]


def test_one_users_cached_pages_never_reach_another(owner_client, other_client, metric_car, fill):
    fill(metric_car, 0, 40)
    fill(metric_car, 500, 50)
    for url in ["/", "/vehicles/", "/fuel/analytics/"]:
        alices = visit(owner_client, url)[0]
        charlies = visit(other_client, url)[0]
        assert "Octavia" in alices and "Octavia" not in charlies
