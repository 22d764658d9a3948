"""The pickers' lookups: right answers, from Redis after the first call, retired by any change."""

import pytest
from django.core.cache import cache

from platform_data import lookups
from platform_data.models import Configuration, Make, VehicleModel
from platform_data.services import catalog_import, make_merge
from platform_data.tests.conftest import SAMPLE

CLOSED_PORT = "redis://127.0.0.1:1/0"


def test_years_are_newest_first(catalog):
    assert lookups.years() == [2012, 2011, 2001]


def test_makes_of_a_year_are_those_with_a_configuration_that_year(catalog, honda):
    assert [make["name"] for make in lookups.makes(2012)] == ["Honda", "Nissan", "Toyota"]
    assert lookups.makes(2011) == [{"id": honda.pk, "name": "Honda"}]
    assert lookups.makes(1999) == []


def test_models_of_a_year_and_make(catalog, honda, civic):
    assert [model["name"] for model in lookups.models(2012, honda.pk)] == ["Accord", "Civic"]
    assert lookups.models(2011, honda.pk) == [{"id": civic.pk, "name": "Civic"}]


def test_configurations_of_a_year_and_model_smallest_engine_first(catalog, civic):
    configurations = lookups.configurations(2012, civic.pk)
    assert [config["label"] for config in configurations] == [
        "1.8 L 4 cyl, Automatic 5-spd, Front-Wheel Drive, Regular",
        "1.8 L 4 cyl, Manual 5-spd, Front-Wheel Drive, Regular",
        "2.4 L 4 cyl, Manual 6-spd, Front-Wheel Drive, Premium",
    ]
    assert configurations[0] == Configuration.objects.get(epa_id=31001).as_dict()
    assert configurations[0]["displacement"] == "1.8"


def test_configurations_that_read_alike_are_told_apart(db, epa_file):
    twin = SAMPLE[0].replace("31001,", "31101,").replace(",39,28", ",37,27")
    catalog_import(path=epa_file([SAMPLE[0], twin]))
    model = VehicleModel.objects.get()
    labels = [config["label"] for config in lookups.configurations(2012, model.pk)]
    assert labels == [
        "1.8 L 4 cyl, Automatic 5-spd, Front-Wheel Drive, Regular · 28/39 mpg · EPA #31001",
        "1.8 L 4 cyl, Automatic 5-spd, Front-Wheel Drive, Regular · 27/37 mpg · EPA #31101",
    ]


def test_make_in_year_finds_a_vins_make(catalog, honda):
    assert lookups.make_in_year(2012, "Honda") == {"id": honda.pk, "name": "Honda"}
    assert lookups.make_in_year(2001, "Honda") is None
    assert lookups.make_in_year(None, "Honda") is None


@pytest.mark.parametrize(
    "call",
    [
        lambda ids: lookups.years(),
        lambda ids: lookups.makes(2012),
        lambda ids: lookups.models(2012, ids["honda"]),
        lambda ids: lookups.configurations(2012, ids["civic"]),
    ],
    ids=["years", "makes", "models", "configurations"],
)
def test_a_second_call_is_served_from_redis_without_sql(catalog, honda, civic, django_assert_num_queries, call):
    ids = {"honda": honda.pk, "civic": civic.pk}
    first = call(ids)
    with django_assert_num_queries(0):
        assert call(ids) == first


def test_saving_a_catalog_row_retires_the_cached_answers(catalog, honda, civic, django_capture_on_commit_callbacks):
    assert [model["name"] for model in lookups.models(2012, honda.pk)] == ["Accord", "Civic"]
    civic.name = "Civic Sedan"
    with django_capture_on_commit_callbacks(execute=True):
        civic.save()
    assert [model["name"] for model in lookups.models(2012, honda.pk)] == ["Accord", "Civic Sedan"]


def test_deleting_a_catalog_row_retires_the_cached_answers(catalog, django_capture_on_commit_callbacks):
    assert 2001 in lookups.years()
    with django_capture_on_commit_callbacks(execute=True):
        Configuration.objects.get(epa_id=17330).delete()
    assert 2001 not in lookups.years()


def test_an_import_that_changes_rows_retires_the_cached_answers(catalog, epa_file, django_capture_on_commit_callbacks):
    assert lookups.years()[0] == 2012
    new = "32001,Honda,Civic,2013,Compact Cars,Automatic 5-spd,Front-Wheel Drive,4,1.8,Regular,39,28"
    with django_capture_on_commit_callbacks(execute=True):
        catalog_import(path=epa_file([*SAMPLE, new]))
    assert lookups.years()[0] == 2013


def test_a_merge_retires_the_cached_answers(catalog, honda, django_capture_on_commit_callbacks):
    assert [make["name"] for make in lookups.makes(2012)] == ["Honda", "Nissan", "Toyota"]
    with django_capture_on_commit_callbacks(execute=True):
        make_merge(sources=[Make.objects.get(name="Toyota")], target=honda)
    assert [make["name"] for make in lookups.makes(2012)] == ["Honda", "Nissan"]


def test_a_change_is_not_visible_before_it_commits(catalog, honda, django_capture_on_commit_callbacks):
    """The version moves on commit: a reader in between could otherwise cache the old rows as new."""
    lookups.years()
    version = cache.get(lookups.VERSION_KEY)
    with django_capture_on_commit_callbacks() as callbacks:
        honda.save()
    assert cache.get(lookups.VERSION_KEY) == version
    assert callbacks == [lookups.bump_version]


def test_with_redis_down_the_lookups_answer_from_postgresql(catalog, honda, settings):
    expected = lookups.models(2012, honda.pk)
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CLOSED_PORT,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    assert cache.get(lookups.VERSION_KEY) is None  # really down
    assert lookups.years() == [2012, 2011, 2001]
    assert lookups.models(2012, honda.pk) == expected
    lookups.bump_version()  # no error either
