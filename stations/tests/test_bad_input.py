"""The station forms fed generated bad input: never a 500, and a station saved whole or not at all."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motovault.tests.boundaries import boundary_values
from stations.models import Station

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FIELDS = ["name", "brand", "address", "latitude", "longitude", "is_favourite", "notes", "place_id"]


@FUZZ
@given(data=st.fixed_dictionaries({field: boundary_values() for field in FIELDS}))
def test_the_station_form(owner_client, data):
    before = Station.objects.count()
    response = owner_client.post("/stations/add/", data)
    assert response.status_code in (200, 302)
    assert Station.objects.count() == before + (response.status_code == 302)
    if response.status_code == 302:
        station = Station.objects.order_by("-pk").first()
        assert -90 <= station.latitude <= 90 if station.latitude is not None else station.longitude is None


@FUZZ
@given(data=st.fixed_dictionaries({f: boundary_values() for f in ("fuel", "days", "latitude", "longitude")}))
def test_the_cheapest_question(owner_client, data):
    assert owner_client.get("/stations/cheapest/", data).status_code == 200
