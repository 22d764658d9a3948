"""Google's Places API (the legacy Text Search and Nearby Search web services, JSON over GET),
called from the server only: the key never reaches a browser and the CSP stays strict.

What can go wrong is told plainly: a quota used up, a key refused, a server error (tried again
with backoff), no answer in time. Answers are cached for an hour under a key of their own, made of
the request without the API key: they are the provider's data, not the user's, so the user's data
version is no part of it and two users asking the same thing share one call.
"""

import hashlib
import http.client
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache

from motovault import metrics

log = logging.getLogger(__name__)

CACHE_SECONDS = 60 * 60
ATTEMPTS = 3  # one call and two more after a 5xx or UNKNOWN_ERROR
BACKOFF_SECONDS = 0.5  # waited before the second attempt, doubled before each next one
MAX_BYTES = 2 * 1024 * 1024  # a page of 20 results is a few tens of kilobytes
NEARBY_RADIUS_M = 5_000

QUOTA = "The place search is over its quota for now. Try again later, or add the station by hand."
DENIED = (
    "The place search refused our request: the API key may be wrong, restricted, or without the "
    "Places API enabled. Add the station by hand meanwhile."
)
UNAVAILABLE = "The place search is not answering properly right now. Try again later, or add the station by hand."
TOO_SLOW = "The place search did not answer in time. Try again, or add the station by hand."
INVALID = "The place search did not understand this search. Check what you typed."
# The provider's statuses (and their HTTP equivalents) that trying again would not change.
REFUSALS = {"OVER_QUERY_LIMIT": (QUOTA, "quota"), "REQUEST_DENIED": (DENIED, "denied")}


class PlacesError(Exception):
    """A search that gave no answer; ``str()`` is the message for the user, ``reason`` one word
    of ``metrics.PLACE_OUTCOMES``."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Place:
    place_id: str
    name: str
    address: str
    latitude: Decimal
    longitude: Decimal

    @property
    def query(self) -> str:
        """The add form's prefill, as a query string."""
        return urllib.parse.urlencode(self.__dict__)


def configured() -> bool:
    """Provider search is offered only with a key (secret ``google-maps-api-key``)."""
    return bool(settings.GOOGLE_MAPS_API_KEY)


def text_search(query: str, near: tuple[Decimal, Decimal] | None = None) -> list[Place]:
    """Fuel stations matching ``query`` ("Shell Main Street Springfield"), biased towards ``near``."""
    params = {"query": query, "type": "gas_station"}
    if near is not None:
        params.update(location=f"{near[0]},{near[1]}", radius=str(NEARBY_RADIUS_M))
    return _search("textsearch", params)


def nearby_search(latitude: Decimal, longitude: Decimal) -> list[Place]:
    """Fuel stations within ``NEARBY_RADIUS_M`` of a point, the provider's most prominent first."""
    params = {"location": f"{latitude},{longitude}", "radius": str(NEARBY_RADIUS_M), "type": "gas_station"}
    return _search("nearbysearch", params)


def _search(endpoint: str, params: dict[str, str]) -> list[Place]:
    request = f"{endpoint}?{urllib.parse.urlencode(sorted(params.items()))}"
    cache_key = "places:" + hashlib.sha256(request.encode()).hexdigest()
    places = cache.get(cache_key)
    if places is not None:
        metrics.place_search_finished("cached")
        return places
    try:
        places = _places(_answer(endpoint, params))
    except PlacesError as problem:
        metrics.place_search_finished(problem.reason)
        raise
    metrics.place_search_finished("found" if places else "none")
    cache.set(cache_key, places, CACHE_SECONDS)
    return places


def _answer(endpoint: str, params: dict[str, str]) -> dict:
    """The provider's JSON with status OK or ZERO_RESULTS, after retries; PlacesError otherwise."""
    url = f"{settings.GOOGLE_PLACES_URL.rstrip('/')}/{endpoint}/json?" + urllib.parse.urlencode(
        {**params, "key": settings.GOOGLE_MAPS_API_KEY}
    )
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
        try:
            answer = _get(url)
        except urllib.error.HTTPError as error:
            log.warning("places %s answered HTTP %s", endpoint, error.code)
            if error.code >= 500:
                continue
            refusal = "OVER_QUERY_LIMIT" if error.code == 429 else "REQUEST_DENIED"
            raise PlacesError(*REFUSALS[refusal]) from None
        status = answer.get("status")
        if status in ("OK", "ZERO_RESULTS"):
            return answer
        log.warning("places %s answered %s: %s", endpoint, status, answer.get("error_message", ""))
        if status == "UNKNOWN_ERROR":  # the provider's own words: trying again may succeed
            continue
        raise PlacesError(*REFUSALS.get(status, (INVALID, "invalid")))
    raise PlacesError(UNAVAILABLE, "unavailable")


def _get(url: str) -> dict:
    """One GET with the configured timeout (for connecting and for each read)."""
    try:
        with urllib.request.urlopen(url, timeout=settings.PLACES_TIMEOUT_SECONDS) as response:
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError:
        raise
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        reason = getattr(error, "reason", error)
        log.warning("places: no answer (%s)", type(reason).__name__)
        if isinstance(reason, TimeoutError):
            raise PlacesError(TOO_SLOW, "timeout") from None
        raise PlacesError(UNAVAILABLE, "unavailable") from None
    try:
        answer = json.loads(body) if len(body) <= MAX_BYTES else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise PlacesError(UNAVAILABLE, "unavailable")
    return answer


def _places(answer: dict) -> list[Place]:
    """The results worth offering: each with an id, a name and a position."""
    places = []
    for result in answer.get("results") or []:
        try:
            location = result["geometry"]["location"]
            latitude = round(Decimal(str(location["lat"])), 6)
            longitude = round(Decimal(str(location["lng"])), 6)
            place = Place(
                place_id=str(result["place_id"])[:255],
                name=str(result["name"])[:120],
                address=str(result.get("formatted_address") or result.get("vicinity") or "")[:255],
                latitude=latitude,
                longitude=longitude,
            )
        except (KeyError, TypeError, ArithmeticError, ValueError):
            continue
        if -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180:
            places.append(place)
    return places
