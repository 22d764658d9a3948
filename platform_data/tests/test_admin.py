"""Curation in the admin: quick changelists, edits marked curated, and merging makes."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from platform_data.models import Configuration, Make, VehicleModel
from platform_data.services import catalog_import, make_merge
from platform_data.tests.conftest import SAMPLE


def queries_for(client, url: str) -> int:
    client.get(url)  # the session and user are read once, then come from the cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def more_rows(count: int, make: str | None = None) -> list[str]:
    """Configurations of ``count`` models, each of its own make unless ``make`` is given."""
    return [
        f"{40000 + n},{make or f'Make {n}'},Model {n},2010,Compact Cars,Manual 5-spd,Front-Wheel Drive,"
        "4,2.0,Regular,30,22"
        for n in range(count)
    ]


@pytest.mark.parametrize("model", ["make", "vehiclemodel", "configuration"])
def test_a_changelist_costs_the_same_queries_for_8_rows_as_for_38(admin_client, db, epa_file, model):
    """No N+1: a row's make and model come joined (list_select_related), a make's or model's count
    annotated, whatever the number of rows on the page."""
    url = reverse(f"admin:platform_data_{model}_changelist")
    catalog_import(path=epa_file())
    few = queries_for(admin_client, url)
    catalog_import(path=epa_file([*SAMPLE, *more_rows(30)]))
    assert queries_for(admin_client, url) == few


def test_a_makes_page_with_its_models_inline_costs_the_same_queries_for_any_number_of_models(
    admin_client, db, epa_file
):
    catalog_import(path=epa_file(SAMPLE[:1]))
    url = reverse("admin:platform_data_make_change", args=[Make.objects.get().pk])
    few = queries_for(admin_client, url)
    catalog_import(path=epa_file([SAMPLE[0], *more_rows(20, make="Honda")]))
    assert VehicleModel.objects.count() == 21
    assert queries_for(admin_client, url) == few


@pytest.mark.parametrize(
    ("query", "epa_ids"),
    [
        ("q=Civic", {31001, 31002, 31003, 30001}),
        ("q=toyota", {31005}),
        ("q=31006", {31006}),
        ("year=2011", {30001}),
        ("fuel=electricity", {31006, 17330}),
    ],
)
def test_configurations_can_be_searched_and_filtered(admin_client, catalog, query, epa_ids):
    response = admin_client.get(reverse("admin:platform_data_configuration_changelist") + "?" + query)
    assert {config.epa_id for config in response.context["cl"].result_list} == epa_ids


def test_configurations_can_be_filtered_by_make(admin_client, catalog):
    nissan = Make.objects.get(name="Nissan")
    url = reverse("admin:platform_data_configuration_changelist") + f"?vehicle_model__make__id__exact={nissan.pk}"
    assert [config.epa_id for config in admin_client.get(url).context["cl"].result_list] == [31006]


def test_models_can_be_searched_by_make_and_name(admin_client, catalog):
    url = reverse("admin:platform_data_vehiclemodel_changelist") + "?q=honda civic"
    assert [str(model) for model in admin_client.get(url).context["cl"].result_list] == ["Honda Civic"]


def configuration_form(config: Configuration, **changes) -> dict:
    fields = ["vehicle_model", "year", "epa_id", "trim", "cylinders", "displacement", "transmission", "drive"]
    fields += ["electrification", "body_class", "fuel", "fuel_raw", "city_mpg", "highway_mpg", "epa_class"]
    data = {name: getattr(config, Configuration._meta.get_field(name).attname) for name in fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    return {**data, **({"curated": "on"} if config.curated else {}), **changes}


def test_editing_a_model_in_the_admin_changes_the_picker(
    admin_client, catalog, honda, civic, django_capture_on_commit_callbacks
):
    options = reverse("platform_data:model-options") + f"?year=2012&make={honda.pk}"
    assert "Civic</option>" in admin_client.get(options).text  # now cached

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:platform_data_vehiclemodel_change", args=[civic.pk]),
            {"make": honda.pk, "name": "Civic Sedan"},
        )

    assert response.status_code == 302
    assert "Civic Sedan</option>" in admin_client.get(options).text
    civic.refresh_from_db()
    assert civic.curated


def test_editing_a_configuration_in_the_admin_marks_it_curated(admin_client, civic_automatic):
    url = reverse("admin:platform_data_configuration_change", args=[civic_automatic.pk])
    response = admin_client.post(url, configuration_form(civic_automatic, city_mpg=27))
    assert response.status_code == 302
    civic_automatic.refresh_from_db()
    assert (civic_automatic.city_mpg, civic_automatic.curated) == (27, True)


def test_a_vpic_configuration_is_edited_like_an_epa_one_and_keeps_its_key(admin_client, catalog):
    civic = VehicleModel.objects.get(name="Civic")
    vpic_row = Configuration.objects.create(
        vehicle_model=civic, year=2022, source="vpic", vpic_key="2022|HONDA|Civic|LX", trim="LX", fuel="gasoline"
    )
    assert (
        admin_client.get(reverse("admin:platform_data_configuration_changelist") + "?source=vpic")
        .context["cl"]
        .result_count
        == 1
    )
    url = reverse("admin:platform_data_configuration_change", args=[vpic_row.pk])
    response = admin_client.post(url, configuration_form(vpic_row, trim="LX (sedan)"))
    assert response.status_code == 302
    vpic_row.refresh_from_db()
    assert (vpic_row.trim, vpic_row.curated, vpic_row.vpic_key) == ("LX (sedan)", True, "2022|HONDA|Civic|LX")


def test_unticking_curated_alone_hands_the_row_back_to_the_import(admin_client, civic_automatic):
    Configuration.objects.filter(pk=civic_automatic.pk).update(curated=True)
    civic_automatic.refresh_from_db()
    url = reverse("admin:platform_data_configuration_change", args=[civic_automatic.pk])
    data = configuration_form(civic_automatic)
    del data["curated"]
    assert admin_client.post(url, data).status_code == 302
    civic_automatic.refresh_from_db()
    assert not civic_automatic.curated


def test_renaming_a_model_inline_on_its_makes_page_marks_only_that_model_curated(admin_client, honda):
    models = list(honda.models.order_by("name"))
    data = {
        "name": "Honda",
        "models-TOTAL_FORMS": len(models),
        "models-INITIAL_FORMS": len(models),
        "models-MIN_NUM_FORMS": 0,
        "models-MAX_NUM_FORMS": 1000,
    }
    for index, model in enumerate(models):
        name = "Accord Sedan" if model.name == "Accord" else model.name
        data |= {f"models-{index}-id": model.pk, f"models-{index}-make": honda.pk, f"models-{index}-name": name}

    assert admin_client.post(reverse("admin:platform_data_make_change", args=[honda.pk]), data).status_code == 302
    assert dict(honda.models.values_list("name", "curated")) == {"Accord Sedan": True, "Civic": False}
    honda.refresh_from_db()
    assert not honda.curated  # the make itself was not edited


def test_merging_a_misspelled_make_in_the_admin(admin_client, db, epa_file):
    typo = [row.replace("Honda,", "Hondaa,") for row in SAMPLE if "Accord" in row or "2011" in row]
    catalog_import(path=epa_file([*SAMPLE[:3], *typo, *SAMPLE[5:]]))
    hondaa, honda = Make.objects.get(name="Hondaa"), Make.objects.get(name="Honda")
    ids_before = dict(Configuration.objects.values_list("epa_id", "pk"))
    changelist = reverse("admin:platform_data_make_changelist")
    chosen = {"action": "merge_into", "_selected_action": [hondaa.pk]}

    confirm = admin_client.post(changelist, chosen)
    assert confirm.status_code == 200
    assert "Hondaa (2 models)" in confirm.text
    assert [make.name for make in confirm.context["form"].fields["target"].queryset] == [
        "Ford",
        "Honda",
        "Nissan",
        "Toyota",
    ]

    done = admin_client.post(changelist, {**chosen, "target": honda.pk}, follow=True)

    assert "Merged Hondaa into Honda: 1 models moved, 1 combined" in done.text
    assert not Make.objects.filter(name="Hondaa").exists()
    assert dict(Configuration.objects.values_list("epa_id", "pk")) == ids_before
    assert dict(honda.models.values_list("name", "curated")) == {"Accord": True, "Civic": True}
    assert Configuration.objects.filter(vehicle_model__make=honda).count() == 5


def test_merge_keeps_every_configuration_and_marks_the_target_curated(catalog, honda):
    toyota = Make.objects.get(name="Toyota")
    result = make_merge(sources=[toyota], target=honda)
    assert (result.models_moved, result.models_combined) == (1, 0)
    assert Configuration.objects.get(epa_id=31005).vehicle_model.make == honda
    honda.refresh_from_db()
    assert honda.curated


def test_a_make_cannot_be_merged_into_itself(catalog, honda):
    with pytest.raises(ValueError, match="itself"):
        make_merge(sources=[honda], target=honda)


def test_the_merge_action_needs_permission_to_delete_makes(client, catalog, django_user_model):
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_make", "change_make"]))
    client.force_login(editor)
    response = client.get(reverse("admin:platform_data_make_changelist"))
    assert response.status_code == 200
    assert "merge_into" not in response.text
