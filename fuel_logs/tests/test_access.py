"""Every fuel page: another user's vehicle or fill-up is a 404 (export included), and a
signed-out visitor is sent to sign in."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    ("get", "/vehicles/{vehicle}/fuel/"),
    ("get", "/vehicles/{vehicle}/fuel/add/"),
    ("post", "/vehicles/{vehicle}/fuel/add/"),
    ("get", "/fuel/add/?vehicle={vehicle}"),
    ("post", "/fuel/add/"),
    ("get", "/fuel/{log}/edit/"),
    ("post", "/fuel/{log}/edit/"),
    ("get", "/fuel/{log}/delete/"),
    ("post", "/fuel/{log}/delete/"),
    ("get", "/vehicles/{vehicle}/fuel/analytics/"),
    ("get", "/vehicles/{vehicle}/fuel/export.csv"),
]
GARAGE_PAGES = ["/fuel/add/", "/fuel/analytics/", "/fuel/export.csv"]


@pytest.fixture
def alices(vehicle, fill) -> dict:
    return {"vehicle": vehicle.pk, "log": fill(vehicle, 1000, 40).pk}


@pytest.mark.parametrize("method, url", PAGES)
def test_other_user_gets_404(other_client, alices, form_data, method, url):
    data = form_data(vehicle=alices["vehicle"]) if method == "post" else {}
    assert getattr(other_client, method)(url.format(**alices), data).status_code == 404


@pytest.mark.parametrize("method, url", PAGES + [("get", page) for page in GARAGE_PAGES])
def test_a_signed_out_visitor_is_sent_to_sign_in(client, alices, method, url):
    response = getattr(client, method)(url.format(**alices))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_nothing_of_alices_was_touched(other_client, alices, form_data):
    from fuel_logs.models import FuelLog

    other_client.post(f"/fuel/{alices['log']}/edit/", form_data(quantity="99"))
    other_client.post(f"/fuel/{alices['log']}/delete/")
    log = FuelLog.objects.get()
    assert log.deleted_at is None and log.quantity == 40


@pytest.mark.parametrize("url", GARAGE_PAGES)
def test_garage_pages_show_nothing_of_another_user(other_client, alices, url):
    response = other_client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Civic" not in content


def test_a_trashed_vehicles_fuel_is_a_404(owner_client, alices, vehicle):
    vehicle.soft_delete()
    assert owner_client.get(f"/vehicles/{vehicle.pk}/fuel/").status_code == 404
    assert owner_client.get(f"/fuel/{alices['log']}/edit/").status_code == 404
