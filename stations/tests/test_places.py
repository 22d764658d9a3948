"""The Places client against a local stand-in speaking the Places API's JSON: answers, the
provider's refusals, server errors retried with backoff, timeouts, and the hour-long cache."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from prometheus_client import REGISTRY

from stations import places

from .places_stand_in import OK, OVER_QUERY_LIMIT, REQUEST_DENIED, SERVER_ERROR, ZERO_RESULTS


def test_a_text_search_gives_the_places_with_their_positions(places_api):
    found = places.text_search("shell main street", (Decimal("48.1"), Decimal("11.5")))
    assert found == [
        places.Place("ChIJ-shell-main-street", "Shell Main Street", "12 Main Street, Springfield",
                     Decimal("48.137154"), Decimal("11.576124")),
        places.Place("ChIJ-aral-ring-road", "Aral Ring Road", "Ring Road 1",
                     Decimal("48.200000"), Decimal("11.600000")),
    ]  # fmt: skip
    [(path, params)] = places_api.requests
    assert path == "/maps/api/place/textsearch/json"
    assert params == {
        "query": "shell main street",
        "type": "gas_station",
        "location": "48.1,11.5",
        "radius": "5000",
        "key": "test-key-never-in-a-page",
    }


def test_a_nearby_search_asks_around_the_point(places_api):
    assert len(places.nearby_search(Decimal("48.137154"), Decimal("11.576124"))) == 2
    [(path, params)] = places_api.requests
    assert path == "/maps/api/place/nearbysearch/json"
    assert params["location"] == "48.137154,11.576124" and params["type"] == "gas_station"


def searches(outcome: str) -> float:
    return REGISTRY.get_sample_value("motovault_place_searches_total", {"outcome": outcome}) or 0.0


def test_the_same_search_within_the_hour_comes_from_the_cache(places_api):
    found, cached = searches("found"), searches("cached")
    first = places.text_search("shell")
    second = places.text_search("shell")
    assert first == second and len(places_api.requests) == 1
    assert (searches("found") - found, searches("cached") - cached) == (1, 1)
    [key] = cache.keys("places:*")  # a key of its own: neither the user's nor their data version
    assert "test-key" not in key and 3590 < cache.ttl(key) <= 3600
    places.text_search("aral")
    assert len(places_api.requests) == 2  # another search is another call


def test_zero_results_is_an_empty_answer_not_an_error(places_api):
    places_api.answers = [ZERO_RESULTS]
    assert places.text_search("nowhere at all") == []


@pytest.mark.parametrize(
    "answer, message",
    [
        (OVER_QUERY_LIMIT, places.QUOTA),
        (REQUEST_DENIED, places.DENIED),
        ((429, {}), places.QUOTA),
        ((403, {}), places.DENIED),
    ],
)
def test_quota_and_refusals_say_so_and_are_not_retried_nor_cached(places_api, answer, message):
    places_api.answers = [answer]
    counted = searches("quota") + searches("denied")
    with pytest.raises(places.PlacesError, match=message[:30]):
        places.text_search("shell")
    assert len(places_api.requests) == 1 and searches("quota") + searches("denied") == counted + 1
    places_api.answers = [OK]
    assert len(places.text_search("shell")) == 2  # the refusal was not kept


def test_a_server_error_is_retried_with_backoff(places_api, monkeypatch):
    waits = []
    monkeypatch.setattr(places.time, "sleep", waits.append)
    places_api.answers = [SERVER_ERROR, SERVER_ERROR, OK]
    assert len(places.text_search("shell")) == 2
    assert len(places_api.requests) == 3 and waits == [0.01, 0.02]


def test_server_errors_every_time_end_in_a_message(places_api):
    places_api.answers = [SERVER_ERROR]
    with pytest.raises(places.PlacesError, match="not answering properly"):
        places.text_search("shell")
    assert len(places_api.requests) == places.ATTEMPTS


def test_an_answer_too_late_is_a_timeout(places_api):
    places_api.delay = 1.0  # the client waits 0.5 s
    with pytest.raises(places.PlacesError, match="did not answer in time"):
        places.text_search("shell")


def test_a_slow_answer_within_the_timeout_is_used(places_api):
    places_api.delay = 0.3
    assert len(places.text_search("shell")) == 2


def test_a_result_without_a_position_is_left_out(places_api):
    broken = {"place_id": "x", "name": "No geometry"}
    places_api.answers = [(200, {"results": [broken, *OK[1]["results"]], "status": "OK"})]
    assert [place.name for place in places.text_search("shell")] == ["Shell Main Street", "Aral Ring Road"]


def test_without_a_key_no_provider_search_is_offered(settings):
    settings.GOOGLE_MAPS_API_KEY = ""
    assert not places.configured()
