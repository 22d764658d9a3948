"""Every routed page, walked from the URLconf so a new one cannot skip it, fed boundary input
(boundaries.py) in every query parameter, form field and file it reads, by GET and by POST, as its
owner: never a 500, and a request that does not succeed (a POST that does not redirect, any GET)
changes nothing at all.

Which parameters a view reads is asked of the view itself: a first request of each method records
every key it looks up in ``request.GET``, ``request.POST`` and ``request.FILES``."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import BaseForm
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motovault.models import OwnedModel
from motovault.units import DistanceUnit, VolumeUnit
from vehicles.models import Vehicle

from .boundaries import boundary_values, kind_of, sweep_files, sweep_values, uploads
from .test_url_sweep import routes, url_for

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/",)  # Django's own admin, for staff only
ROUTES = [(route, view) for route, view in routes() if not route.startswith(SKIPPED_PREFIXES)]
EXAMPLES = 5  # random mixes a route and method, after every boundary value one at a time
SWEEP = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
OWNED = [model for model in apps.get_models() if issubclass(model, OwnedModel) and model._meta.app_label != "ownedapp"]
TALLY = {"requests": 0, "values": 0}
ONE_AT_A_TIME = sweep_values()
UNITS = [(distance, volume) for distance in DistanceUnit for volume in VolumeUnit]


NOW = timezone.localtime()
# A value each known field accepts, so that one bad value at a time reaches the checks that come
# after the others pass.
VALID = {
    "filled_at": f"{NOW:%Y-%m-%dT%H:%M}",
    "date": f"{NOW:%Y-%m-%d}",
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
    "end": f"{NOW:%Y-%m-%d}",
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


def read_keys(monkeypatch, send) -> tuple[list[str], list[str], dict[str, str]]:
    """The keys a request looks up (in GET or POST, in FILES), and the kinds of its forms' fields."""
    seen: dict[str, bool] = {}

    def recording(name: str, is_file: bool):
        original = getattr(MultiValueDict, name)

        def read(self, key, *args):
            seen.setdefault(key, is_file)
            return original(self, key, *args)

        return read

    class Files(MultiValueDict):
        """request.FILES, recording what is asked of it."""

    load = HttpRequest._load_post_and_files

    def load_recording_files(request) -> None:
        load(request)
        request._files = Files(request._files)

    with monkeypatch.context() as patch:
        for name in ("get", "getlist", "__getitem__", "__contains__"):
            patch.setattr(QueryDict, name, recording(name, is_file=False))
            patch.setattr(Files, name, recording(name, is_file=True))
        patch.setattr(HttpRequest, "_load_post_and_files", load_recording_files)
        response = send()
    TALLY["requests"] += 1
    fields = [key for key, is_file in seen.items() if not is_file]
    return fields, [key for key, is_file in seen.items() if is_file], kinds_of(response)


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


def kinds_of(response) -> dict[str, str]:
    """The kind of each field of the forms a response rendered (number, date or text)."""
    contexts = response.context if isinstance(response.context, list) else [response.context]
    found = [value for context in contexts if context for layer in context for value in layer.values()]
    return {name: kind_of(field) for form in found if isinstance(form, BaseForm) for name, field in form.fields.items()}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route, view", ROUTES, ids=[route for route, _ in ROUTES])
def test_boundary_input_never_gives_a_500_nor_a_partial_write(
    owner_client, owner, objects, monkeypatch, route, view, method, oidc_provider
):
    """Each boundary value of a field's kind in each field the page reads, one at a time, the
    others valid; then random mixes of them (hypothesis). The stand-in provider answers sign-in's
    discovery, as a real one would."""
    url = url_for(route, view, objects)
    send = getattr(owner_client, method)
    fields, files, kinds = read_keys(monkeypatch, lambda: send(url))
    if method == "get":
        fields, files = fields + files, []
    baseline = {key: VALID.get(key, "") for key in fields}

    def check(data: dict, headers: dict) -> None:
        before = state(owner)
        response = send(url, data, headers=headers)
        TALLY["requests"] += 1
        assert response.status_code < 500, f"{method.upper()} {url} {data!r:.300}"
        succeeded = method == "post" and (response.status_code in (301, 302, 303) or headers)
        if not succeeded:
            assert state(owner) == before, f"{method.upper()} {url} answered {response.status_code} but wrote"

    for key in [*fields, "unknown"]:
        for value in ONE_AT_A_TIME[kinds.get(key, "text" if key == "unknown" else None)]:
            TALLY["values"] += 1
            check({**baseline, key: value}, {})
    for key in files:
        for content in sweep_files():
            TALLY["values"] += 1
            check({**baseline, key: SimpleUploadedFile("upload", content)}, {})

    @SWEEP
    @given(draw=st.data())
    def mixes(draw) -> None:
        distance, volume = draw.draw(st.sampled_from(UNITS))  # the limits differ in every unit
        Vehicle.objects.filter(pk=objects[Vehicle].pk).update(distance_unit=distance, volume_unit=volume)
        data = dict(baseline)
        for key in draw.draw(st.lists(st.sampled_from([*fields, "unknown"]), min_size=1, max_size=3, unique=True)):
            data[key] = draw.draw(boundary_values(kinds.get(key)))
        data.update({key: draw.draw(uploads()) for key in files if draw.draw(st.booleans())})
        TALLY["values"] += len(data)
        check(data, draw.draw(st.sampled_from([{}, {"HX-Request": "true"}, {"HX-Request": "true", "HX-Target": "x"}])))

    mixes()
