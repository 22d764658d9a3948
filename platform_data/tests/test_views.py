"""The browse page and the HTMX option fragments any form can use."""

import pytest
from django.urls import reverse

from platform_data.models import Configuration


def options_url(name: str, **params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse(f"platform_data:{name}-options") + (f"?{query}" if query else "")


@pytest.mark.parametrize(
    "url",
    [
        reverse("platform_data:browse"),
        reverse("platform_data:configuration-details"),
        options_url("year"),
        options_url("make", year=2012),
        options_url("model", year=2012, make=1),
        options_url("configuration", year=2012, model=1),
    ],
)
def test_signed_out_visitors_are_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_year_options_newest_first_after_the_prompt(owner_client, catalog):
    assert owner_client.get(options_url("year")).text.split("\n") == [
        '<option value="">Choose a year</option>',
        '<option value="2012">2012</option>',
        '<option value="2011">2011</option>',
        '<option value="2001">2001</option>',
        "",
    ]


def test_make_options_of_a_year_with_the_selected_one_marked(owner_client, honda):
    text = owner_client.get(options_url("make", year=2012, selected=honda.pk)).text
    assert text.startswith('<option value="">Choose a make</option>')
    assert f'<option value="{honda.pk}" selected>Honda</option>' in text
    assert text.count("<option") == 4


def test_model_options_of_a_year_and_make(owner_client, honda, civic):
    text = owner_client.get(options_url("model", year=2011, make=honda.pk)).text
    assert text.split("\n")[:2] == [
        '<option value="">Choose a model</option>',
        f'<option value="{civic.pk}">Civic</option>',
    ]


def test_configuration_options_of_a_year_and_model(owner_client, civic, civic_automatic):
    text = owner_client.get(options_url("configuration", year=2012, model=civic.pk)).text
    assert text.startswith('<option value="">Choose a configuration</option>')
    assert f'<option value="{civic_automatic.pk}">{civic_automatic.label}</option>' in text
    assert text.count("<option") == 4


def test_only_the_prompt_while_the_picker_above_has_no_choice(owner_client, catalog):
    text = owner_client.get(options_url("model", year=2012, make="")).text
    assert text.strip() == '<option value="">Choose a model</option>'


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "year: Enter a whole number."),
        ({"year": "1850"}, "year: Ensure this value is greater than or equal to 1900."),
        ({"year": "2012", "selected": "x"}, "selected: Enter a whole number."),
    ],
)
def test_bad_parameters_are_a_400_that_says_why(owner_client, catalog, params, message):
    response = owner_client.get(options_url("make", **params))
    assert response.status_code == 400
    assert response.text == message


def test_the_browse_page_shows_the_four_pickers_and_the_chosen_configurations_figures(
    owner_client, honda, civic, civic_automatic
):
    params = f"?year=2012&make={honda.pk}&model={civic.pk}&configuration={civic_automatic.pk}"
    response = owner_client.get(reverse("platform_data:browse") + params)
    text = response.text
    for name in ("year", "make", "model", "configuration"):
        assert f'name="{name}" id="picker-{name}"' in text
    assert '<option value="2012" selected>2012</option>' in text
    assert f'<option value="{civic.pk}" selected>Civic</option>' in text
    assert "<h2>2012 Honda Civic</h2>" in text
    assert "<strong>28</strong> <span>MPG city</span>" in text
    assert "<strong>32</strong> <span>MPG combined</span>" in text
    assert "#31001" in text


def test_choices_that_do_not_fit_together_count_as_not_chosen(owner_client, honda, civic):
    toyota_camry = Configuration.objects.get(epa_id=31005)
    params = f"?year=2001&make={honda.pk}&model={civic.pk}&configuration={toyota_camry.pk}"
    state = owner_client.get(reverse("platform_data:browse") + params).context
    assert (state["year"], state["make"], state["model"], state["configuration"]) == (2001, None, None, None)


def test_the_details_fragment_shows_the_chosen_configuration(owner_client, honda, civic, civic_automatic):
    params = f"?year=2012&make={honda.pk}&model={civic.pk}&configuration={civic_automatic.pk}"
    text = owner_client.get(reverse("platform_data:configuration-details") + params).text
    assert "<h2>2012 Honda Civic</h2>" in text
    assert "<html" not in text


def test_the_details_fragment_asks_for_a_choice_until_there_is_one(owner_client, catalog):
    text = owner_client.get(reverse("platform_data:configuration-details") + "?year=2012").text
    assert "Choose a year, make, model and configuration" in text


def test_a_vin_chooses_year_and_make(owner_client, catalog, honda):
    response = owner_client.get(reverse("platform_data:browse") + "?vin=1HGCV1F30CA000005")
    assert (response.context["year"], response.context["make"]) == (2012, {"id": honda.pk, "name": "Honda"})
    assert "Model year 2012, Honda (1HG)." in response.text
    assert "Civic</option>" in response.text


def test_a_bad_vin_is_explained(owner_client, catalog):
    response = owner_client.get(reverse("platform_data:browse") + "?vin=1HGCV1F30CA00000")
    assert "A VIN has 17 characters; this one has 16." in response.text
    assert response.context["year"] is None


def test_the_nav_links_to_the_catalog(owner_client, db):
    assert f'href="{reverse("platform_data:browse")}"' in owner_client.get(reverse("home")).text


def test_a_vin_far_too_long_is_explained_not_ignored(owner_client, catalog):
    response = owner_client.get(reverse("platform_data:browse") + "?vin=" + "1HGCV1F30CA000005" * 3)
    assert "A VIN has 17 characters; this one has 51." in response.text
