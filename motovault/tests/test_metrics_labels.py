"""No label value comes from user data: every place that sets a label is read from the source and
must be one of those reviewed below; a scrape after Alice has used the app holds nothing of hers."""

import ast
import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Template, TemplateSyntaxError
from django.utils import timezone

from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create
from vehicles.models import Vehicle

# Every `.labels(...)` call in our code, as written, and why its values are safe.
REVIEWED = {
    "CACHE_REQUESTS.labels(use=use, result='hit' if hit else 'miss')": "use: a memoized value's literal name",
    "IMPORTS.labels(kind=kind, outcome=_one_of(outcome, IMPORT_OUTCOMES))": "kind: a literal at the call site",
    "IMPORT_ROWS.labels(kind=kind, result='stored')": "the same",
    "IMPORT_ROWS.labels(kind=kind, result='rejected')": "the same",
    "IMPORT_SECONDS.labels(kind=kind)": "the same",
    "SIGN_IN_REFUSALS.labels(method=method, reason=_one_of(reason, REFUSAL_REASONS))": "a fixed list",
    "SIGN_INS.labels(method=_method(getattr(user, 'backend', None)))": "oidc or password",
    "JOBS.labels(task=task, outcome=_one_of(outcome, JOB_OUTCOMES))": "task: the task's dotted name",
    "JOB_SECONDS.labels(task=task)": "the same",
    "NOTIFICATIONS.labels(channel=channel, outcome=_one_of(outcome, DELIVERY_OUTCOMES))": "a channel type",
    "PLACE_SEARCHES.labels(outcome=_one_of(outcome, PLACE_OUTCOMES))": "a fixed list",
    "REQUEST_QUERIES.labels(view=view)": "the URL pattern's name",
    "REQUEST_QUERY_SECONDS.labels(view=view)": "the same",
    "self.metrics.exceptions_by_type.labels(type=type(exception).__name__)": "a class name",
    "self.metrics.exceptions_by_view.labels(view=_view_name(request))": "the URL pattern's name",
}
# Label names a scrape may show: django-prometheus', ours, and the client's own about Python.
LABEL_NAMES = {
    "view", "method", "status", "transport", "templatename", "charset", "type", "le",
    "use", "result", "kind", "outcome", "reason", "channel", "task",
    "implementation", "major", "minor", "patchlevel", "version", "generation",
}  # fmt: skip
SKIPPED = {".venv", "tests", "node_modules", "staticfiles", "migrations"}


def label_calls() -> dict[str, str]:
    """``call source: file`` for every ``x.labels(...)`` in our Python code."""
    calls = {}
    for path in settings.BASE_DIR.rglob("*.py"):
        if SKIPPED & set(path.relative_to(settings.BASE_DIR).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "labels":
                calls[ast.unparse(node)] = str(path.relative_to(settings.BASE_DIR))
    return calls


def test_every_label_call_is_a_reviewed_one():
    calls = label_calls()
    assert set(calls) == set(REVIEWED), {call: calls.get(call, "gone") for call in set(calls) ^ set(REVIEWED)}


def test_memoized_values_are_named_by_literals():
    """Their names label the cache counters: ``@per_user("...")`` and ``memoize(user, "...", ...)``
    with a string written in the code, never a value."""
    named = 0
    for path in settings.BASE_DIR.rglob("*.py"):
        if SKIPPED & set(path.relative_to(settings.BASE_DIR).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "per_user":
                assert isinstance(node.args[0], ast.Constant), f"{path}: {ast.unparse(node)}"
                named += 1
    assert named >= 4


def test_a_cached_fragment_must_be_named_by_a_literal():
    Template('{% load caching %}{% cache_for_user "cards" vehicle.pk %}x{% endcache_for_user %}')
    with pytest.raises(TemplateSyntaxError, match="quoted name"):
        Template("{% load caching %}{% cache_for_user vehicle.nickname %}x{% endcache_for_user %}")


def test_fragments_in_our_templates_are_named_by_literals():
    tags = [
        match
        for path in Path(settings.BASE_DIR).rglob("*.html")
        if ".venv" not in path.parts
        for match in re.findall(r"{%\s*cache_for_user\s+(\S+)", path.read_text())
    ]
    assert tags and all(name[0] in "\"'" for name in tags), tags


SECRET = "Zanzibar-Special"
VIN = "1HGCM82633A004352"
PLATE = "QX-99-ZZ"


@pytest.mark.django_db
def test_a_scrape_after_alice_used_the_app_holds_nothing_of_hers(owner_client, owner, client):
    from django.test import Client

    owner.first_name, owner.email = "Ottoline", "ottoline.q@example.org"
    owner.save()
    vehicle = Vehicle.objects.create(
        owner=owner, year=2012, make="Honda", model="Civic", nickname=SECRET, vin=VIN, license_plate=PLATE
    )
    fuel_log_create(
        log=FuelLog(
            owner=owner, vehicle=vehicle, filled_at=timezone.now() - datetime.timedelta(days=1),
            odometer_km=Decimal(20), quantity=Decimal(30), price_per_unit=Decimal("1.5"), total_cost=Decimal("45.00"),
        )
    )  # fmt: skip
    for url in ("/", "/vehicles/", f"/vehicles/{vehicle.pk}/", f"/vehicles/{vehicle.pk}/fuel/", "/fuel/analytics/"):
        assert owner_client.get(url).status_code == 200
    owner_client.get(f"/vehicles/{vehicle.pk}/fuel/?q={SECRET}")
    owner_client.get(f"/nowhere/{VIN}/")
    Client().post("/accounts/login/", {"username": SECRET, "password": PLATE})

    text = client.get("/metrics").content.decode()
    for value in (SECRET, VIN, PLATE, "Ottoline", "ottoline.q", "alice", str(vehicle.pk) + "/"):
        assert value.lower() not in text.lower(), value
    names = set(re.findall(r"[{,]([a-z_]+)=\"", text))
    assert names and names <= LABEL_NAMES, names - LABEL_NAMES
    views = set(re.findall(r'view="([^"]*)"', text))
    assert {"vehicles:garage", "vehicles:detail", "fuel_logs:list", "<unnamed view>"} <= views
