"""The per-user memoizer: keyed by the release, the user, their data version and every argument;
a value never outlives a change, an upgrade or its day, and never reaches another user."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F
from django.template import Context, Template
from django.test import RequestFactory

from motovault import caching
from motovault.caching import memoize, per_user

pytestmark = pytest.mark.django_db


class Counter:
    """A value that says how many times it was computed."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        return self.calls


def bump(user) -> None:
    """What any write of the user's does (see data_version.py)."""
    type(user).objects.filter(pk=user.pk).update(data_version=F("data_version") + 1)
    user.refresh_from_db()


def test_a_value_is_computed_once_until_the_users_data_changes(owner):
    compute = Counter()
    assert [memoize(owner, "n", compute) for _ in range(3)] == [1, 1, 1]
    bump(owner)
    assert memoize(owner, "n", compute) == 2


def test_a_cached_value_never_reaches_another_user(owner, other_user):
    assert memoize(owner, "mine", lambda: "alice's figures") == "alice's figures"
    assert memoize(other_user, "mine", lambda: "charlie's figures") == "charlie's figures"
    assert memoize(owner, "mine", lambda: "recomputed") == "alice's figures"


def test_every_argument_is_part_of_the_key(owner):
    day = datetime.date(2026, 3, 1)
    assert memoize(owner, "v", lambda: "a", 1, day) == "a"
    assert memoize(owner, "v", lambda: "b", 2, day) == "b"
    assert memoize(owner, "v", lambda: "c", 1, day + datetime.timedelta(days=1)) == "c"
    assert memoize(owner, "v", lambda: "d", 1, None, Decimal("1.5"), "x") == "d"
    assert memoize(owner, "v", lambda: "e", 1, day) == "a"


@pytest.mark.parametrize("argument", [object(), True, [1], {"a": 1}])
def test_an_argument_that_is_no_plain_value_is_refused(owner, argument):
    with pytest.raises(TypeError, match="cannot be part of a cache key"):
        memoize(owner, "v", lambda: 1, argument)


def test_a_new_release_invalidates_cached_values(owner, settings):
    settings.RELEASE = "r1"
    caching._content_release.cache_clear()
    try:
        compute = Counter()
        assert memoize(owner, "n", compute) == memoize(owner, "n", compute) == 1
        settings.RELEASE = "r2"
        caching._content_release.cache_clear()
        assert memoize(owner, "n", compute) == 2
    finally:
        caching._content_release.cache_clear()


def test_without_a_release_name_the_digest_covers_code_templates_and_static_files(tmp_path, settings):
    settings.RELEASE, settings.BASE_DIR = "", tmp_path
    settings.STATICFILES_DIRS = [tmp_path / "static"]
    (tmp_path / "templates").mkdir()
    (tmp_path / "static").mkdir()
    page, style = tmp_path / "templates" / "page.html", tmp_path / "static" / "app.css"
    releases = []
    try:
        for markup, css in [
            ("<p>a</p>", "p{}"),
            ("<p>a</p>", "p{}"),
            ("<p>b</p>", "p{}"),
            ("<p>b</p>", "p{color:red}"),
        ]:
            page.write_text(markup)
            style.write_text(css)
            caching._content_release.cache_clear()
            releases.append(caching.release())
    finally:
        caching._content_release.cache_clear()
    assert releases[0] == releases[1] != releases[2] != releases[3]


def test_a_selector_is_memoized_by_its_arguments(owner):
    computed = []

    @per_user("test-selector")
    def double(user, number: int) -> int:
        computed.append(number)
        return number * 2

    assert (double(owner, 2), double(owner, 2), double(owner, 3)) == (4, 4, 6)
    assert computed == [2, 3]


def test_a_request_that_writes_reads_nothing_from_the_cache(owner):
    compute = Counter()
    memoize(owner, "n", compute)

    def view(request):
        return memoize(owner, "n", compute)

    middleware = caching.WritesBypassCacheMiddleware(view)
    assert middleware(RequestFactory().get("/")) == 1
    assert middleware(RequestFactory().post("/")) == 2  # computed again
    assert memoize(owner, "n", compute) == 1  # and the cached value left as it was


def render(owner, markup: str, **values) -> str:
    request = RequestFactory().get("/")
    request.user = owner
    return Template("{% load caching %}" + markup).render(Context({"request": request, **values}))


def test_a_template_fragment_is_rendered_once_for_its_arguments(owner):
    compute = Counter()
    markup = '{% cache_for_user "n" day %}{{ value }}{% endcache_for_user %}'
    first = render(owner, markup, value=compute, day=datetime.date(2026, 1, 1))
    assert render(owner, markup, value=compute, day=datetime.date(2026, 1, 1)) == first == "1"
    assert render(owner, markup, value=compute, day=datetime.date(2026, 1, 2)) == "2"


def test_a_fragment_with_a_csrf_token_is_refused(owner):
    with pytest.raises(ImproperlyConfigured, match="CSRF"):
        render(owner, '{% cache_for_user "form" %}<form>{% csrf_token %}</form>{% endcache_for_user %}', csrf_token="t")


def test_the_home_page_follows_the_day_in_the_users_time_zone(owner_client, owner, vehicle, fill_up_at):
    """A value that depends on the date is keyed by it: the page is right the next day without any
    change to the data, and "today" is the user's."""

    with time_machine.travel(datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC), tick=False) as clock:
        fill_up_at(vehicle, datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC))
        assert "Filled up today." in owner_client.get("/").content.decode()
        assert "Filled up today." in owner_client.get("/").content.decode()  # from the cache
        clock.move_to(datetime.datetime(2026, 3, 11, 12, 0, tzinfo=datetime.UTC))
        assert "Last filled up yesterday." in owner_client.get("/").content.decode()
        clock.move_to(datetime.datetime(2026, 4, 2, 12, 0, tzinfo=datetime.UTC))
        page = owner_client.get("/").content.decode()
        assert "Last filled up 23 days ago." in page and "Fuel in April" in page and "<strong>$0.00</strong>" in page
        # 11:30 UTC on 2 April is half past midnight on the 3rd in Auckland.
        owner.time_zone = "Pacific/Auckland"
        owner.save()
        clock.move_to(datetime.datetime(2026, 4, 2, 11, 30, tzinfo=datetime.UTC))
        assert "Last filled up 24 days ago." in owner_client.get("/").content.decode()


def test_a_fragment_varying_on_an_unknown_name_is_refused(owner):
    """A typo must not make every page share one entry."""
    with pytest.raises(ImproperlyConfigured, match="unknown name"):
        render(owner, '{% cache_for_user "rows" page_kye %}{{ rows }}{% endcache_for_user %}', page_key="2")
    assert render(owner, '{% cache_for_user "rows" vehicle_id %}x{% endcache_for_user %}', vehicle_id=None) == "x"


def test_a_value_is_computed_in_the_users_time_zone_whoever_asks(owner):
    """A worker runs in the server's zone, a request in the user's: both get the user's value."""
    from django.utils import timezone

    owner.time_zone = "Pacific/Auckland"
    compute = lambda: str(timezone.get_current_timezone())  # noqa: E731
    with timezone.override("UTC"):
        assert memoize(owner, "zone", compute) == "Pacific/Auckland"
    caching._content_release.cache_clear()
    with timezone.override("Europe/Berlin"):
        assert memoize(owner, "zone-again", compute) == "Pacific/Auckland"


def test_a_time_zone_change_shows_at_once_in_cached_pages(owner_client, owner, vehicle, fill_up_at):

    fill_up_at(vehicle, datetime.datetime(2024, 3, 31, 23, 30, tzinfo=datetime.UTC))
    charts = f"/vehicles/{vehicle.pk}/fuel/analytics/charts.json"
    assert owner_client.get(charts).json()["cost"]["labels"] == ["Mar 2024"]
    etag = owner_client.get(charts)["ETag"]
    owner_client.post("/settings/", {"currency": "USD", "number_locale": "en_US", "date_format": "d MMM y",
                                     "time_zone": "Europe/Berlin", "distance_unit": "mi", "volume_unit": "us_gal",
                                     "economy_unit": "mpg_us"})  # fmt: skip
    response = owner_client.get(charts, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.json()["cost"]["labels"] == ["Apr 2024"]  # 01:30 on 1 April
    assert "1 Apr 2024" in owner_client.get(f"/vehicles/{vehicle.pk}/fuel/").content.decode()
