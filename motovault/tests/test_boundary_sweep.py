"""Every routed page, walked from the URLconf so a new one cannot skip it, fed boundary input
(boundaries.py) in every query parameter, form field and file it reads, by GET and by POST, as its
owner: never a 500, and a request that does not succeed (a POST that does not redirect, any GET)
changes nothing at all.

Which parameters a view reads is asked of the view itself: a first request of each method records
every key it looks up in ``request.GET``, ``request.POST`` and ``request.FILES``."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motovault.models import OwnedModel

from .boundaries import boundary_values, uploads
from .test_url_sweep import alices, routes, url_for  # noqa: F401 (alices: a fixture, asked for by name)

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/",)  # Django's own admin, for staff only
ROUTES = [(route, view) for route, view in routes() if not route.startswith(SKIPPED_PREFIXES)]
EXAMPLES = 12  # a route and method; the count of requests is printed at the end
SWEEP = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
OWNED = [model for model in apps.get_models() if issubclass(model, OwnedModel) and model._meta.app_label != "ownedapp"]
TALLY = {"requests": 0, "values": 0}


def valid() -> dict[str, str]:
    """A value each known field accepts, so that one bad value at a time reaches the checks that
    come after the others pass."""
    now = timezone.localtime()
    return {
        "filled_at": f"{now:%Y-%m-%dT%H:%M}",
        "date": f"{now:%Y-%m-%d}",
        "odometer": "1000",
        "quantity": "10",
        "price": "3.5",
        "total_cost": "",
        "energy": "petrol",
        "is_full": "on",
        "year": "2012",
        "make": "Honda",
        "model": "Civic",
        "fuel_type": "gasoline",
        "distance_unit": "mi",
        "volume_unit": "us_gal",
        "economy_unit": "mpg_us",
        "start": "2024-01-01",
        "end": f"{now:%Y-%m-%d}",
    }


@pytest.fixture(scope="module", autouse=True)
def _tally(request):
    yield
    line = f"boundary sweep: {TALLY['requests']} requests, {TALLY['values']} boundary values sent"
    with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
        print(f"\n{line}")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def read_keys(monkeypatch, send) -> tuple[list[str], list[str]]:
    """The keys a request looks up: (in GET or POST, in FILES)."""
    seen: dict[str, bool] = {}

    def recording(name: str):
        original = getattr(MultiValueDict, name)

        def read(self, key, *args):
            if isinstance(key, str):
                seen.setdefault(key, not isinstance(self, QueryDict))
            return original(self, key, *args)

        return read

    with monkeypatch.context() as patch:
        for name in ("get", "getlist", "__getitem__", "__contains__"):
            patch.setattr(MultiValueDict, name, recording(name))
        send()
    return [key for key, is_file in seen.items() if not is_file], [key for key, is_file in seen.items() if is_file]


def state(owner) -> tuple:
    """The owner's data version (PostgreSQL raises it on any change to their rows) and row counts."""
    version = get_user_model().objects.values_list("data_version", flat=True).get(pk=owner.pk)
    return version, tuple(model.objects.count() for model in OWNED)


@pytest.fixture
def objects(request) -> dict:
    """Alice's objects, one of every kind (the URL sweep's)."""
    return request.getfixturevalue("alices")


def test_the_fixture_holds_a_row_of_every_owned_model(objects):
    """Else a page about a kind of row nobody has would be swept over nothing."""
    assert set(OWNED) <= set(objects)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route, view", ROUTES, ids=[route for route, _ in ROUTES])
def test_boundary_input_never_gives_a_500_nor_a_partial_write(
    owner_client, owner, objects, monkeypatch, route, view, method
):
    url = url_for(route, view, objects)
    send = getattr(owner_client, method)
    fields, files = read_keys(monkeypatch, lambda: send(url))
    TALLY["requests"] += 1
    if method == "get":
        fields, files = fields + files, []
    baseline = valid()

    @SWEEP
    @given(draw=st.data())
    def sweep(draw) -> None:
        data = {key: baseline.get(key, "") for key in fields}
        bad = draw.draw(st.lists(st.sampled_from(fields + ["unknown"]), min_size=1, max_size=3, unique=True))
        data.update({key: draw.draw(boundary_values()) for key in bad})
        uploaded = [key for key in files if draw.draw(st.booleans())]
        data.update({key: draw.draw(uploads()) for key in uploaded})
        htmx = draw.draw(st.sampled_from([{}, {"HX-Request": "true"}, {"HX-Request": "true", "HX-Target": "x"}]))
        before = state(owner)
        response = send(url, data, headers=htmx)
        TALLY["requests"] += 1
        TALLY["values"] += len(bad) + len(uploaded)
        assert response.status_code < 500, f"{method.upper()} {url} {data!r:.300}"
        succeeded = method == "post" and (response.status_code in (301, 302, 303) or htmx)
        if not succeeded:
            assert state(owner) == before, f"{method.upper()} {url} answered {response.status_code} but wrote"

    sweep()
