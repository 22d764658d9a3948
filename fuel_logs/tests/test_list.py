"""A vehicle's fill-ups: newest first, keyset pages, and the fragments HTMX asks for."""

import re

import pytest

from fuel_logs import views

pytestmark = pytest.mark.django_db


def shown(response) -> list[int]:
    """The ids of the fill-ups listed, in order."""
    return [int(pk) for pk in re.findall(r'<tr id="fuel-(\d+)"', response.content.decode())]


def test_newest_first_with_economy_in_the_owners_unit(owner_client, vehicle, fill):
    from motovault.units import to_km, to_litres

    first = fill(vehicle, to_km(10_000, "mi"), to_litres(10, "us_gal"), day=1)
    second = fill(vehicle, to_km(10_300, "mi"), to_litres(10, "us_gal"), day=2)
    response = owner_client.get(f"/vehicles/{vehicle.pk}/fuel/")
    assert response.status_code == 200
    assert shown(response) == [second.pk, first.pk]
    html = response.content.decode()
    assert "30.0" in html and "MPG (US)" in html and "10,300" in html and "Odometer </span>(mi)" in html
    assert "<html" in html


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)


def test_pages_walk_from_newest_to_oldest_and_back(owner_client, vehicle, fill, small_pages):
    logs = [fill(vehicle, 1000 + day * 100, 40, day=day) for day in range(8)]
    newest_first = [log.pk for log in reversed(logs)]
    url = f"/vehicles/{vehicle.pk}/fuel/"

    page = owner_client.get(url)
    assert shown(page) == newest_first[:3]
    older = re.search(r'href="/vehicles/\d+/fuel/\?(before=[\d_]+)"', page.content.decode())[1]
    page = owner_client.get(f"{url}?{older}")
    assert shown(page) == newest_first[3:6]
    newer = re.search(r'href="/vehicles/\d+/fuel/\?(after=[\d_]+)"', page.content.decode())[1]
    assert shown(owner_client.get(f"{url}?{newer}")) == newest_first[:3]

    last = owner_client.get(f"{url}?page=last")
    assert shown(last) == newest_first[-3:]
    assert "Older" not in last.content.decode() and "Newer" in last.content.decode()


def test_fill_ups_at_the_same_moment_are_neither_lost_nor_repeated_across_pages(
    owner_client, vehicle, fill, small_pages
):
    logs = [fill(vehicle, 1000, 10, full=False, day=3) for _ in range(7)]
    url, seen, query = f"/vehicles/{vehicle.pk}/fuel/", [], ""
    while True:
        page = owner_client.get(f"{url}{query}")
        seen += shown(page)
        older = re.search(r'href="/vehicles/\d+/fuel/\?(before=[\d_]+)"', page.content.decode())
        if not older:
            break
        query = f"?{older[1]}"
    assert seen == sorted(log.pk for log in logs)[::-1]


def test_a_nonsense_cursor_shows_the_newest(owner_client, vehicle, fill):
    log = fill(vehicle, 1000, 40)
    assert shown(owner_client.get(f"/vehicles/{vehicle.pk}/fuel/?before=abc")) == [log.pk]


def test_the_vehicle_pages_fuel_tab_gets_the_section_alone(owner_client, vehicle, fill):
    fill(vehicle, 1000, 40)
    response = owner_client.get(
        f"/vehicles/{vehicle.pk}/fuel/", headers={"HX-Request": "true", "HX-Target": "vehicle-section"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="fuel-section">') and "<html" not in html
    assert 'id="fuel-rows"' in html and "Add fill-up" in html
    assert "HX-Request" in response["Vary"] and "HX-Target" in response["Vary"]


def test_other_htmx_requests_get_the_rows(owner_client, vehicle, fill, small_pages):
    for day in range(4):
        fill(vehicle, 1000 + day, 40, day=day)
    response = owner_client.get(
        f"/vehicles/{vehicle.pk}/fuel/?page=last", headers={"HX-Request": "true", "HX-Target": "fuel-rows"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="fuel-rows"') and "fuel-section" not in html
    assert len(shown(response)) == 3


def test_rows_reload_themselves_when_a_fill_up_changes(owner_client, vehicle, fill):
    fill(vehicle, 1000, 40)
    html = owner_client.get(f"/vehicles/{vehicle.pk}/fuel/").content.decode()
    assert 'hx-trigger="fuel-changed from:body"' in html


def test_an_empty_list_says_what_to_do(owner_client, vehicle):
    assert "No fill-ups yet" in owner_client.get(f"/vehicles/{vehicle.pk}/fuel/").content.decode()


def test_links_work_without_javascript(owner_client, vehicle, fill):
    log = fill(vehicle, 1000, 40)
    html = owner_client.get(f"/vehicles/{vehicle.pk}/fuel/").content.decode()
    assert f'href="/fuel/{log.pk}/edit/" hx-get="/fuel/{log.pk}/edit/"' in html
    assert f'href="/fuel/{log.pk}/delete/" hx-post="/fuel/{log.pk}/delete/"' in html


def test_each_fill_up_names_its_station(owner_client, owner, vehicle, fill):
    from stations.models import Station

    shell = Station.objects.create(owner=owner, name="Main Street", brand="Shell")
    at_shell, nowhere = fill(vehicle, 1000, 30, day=1), fill(vehicle, 1500, 30, day=2)
    at_shell.station = shell
    at_shell.save()
    html = owner_client.get(f"/vehicles/{vehicle.pk}/fuel/").content.decode()
    row = html[html.index(f'id="fuel-{at_shell.pk}"') :]
    assert row.index('<small class="muted station-name">Shell · Main Street</small>') < row.index("</tr>")
    other = html[html.index(f'id="fuel-{nowhere.pk}"') :]
    assert "station-name" not in other[: other.index("</tr>")]
