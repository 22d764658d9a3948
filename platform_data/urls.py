"""Included at the site's root: the browse page and its fragments under /catalog/, JSON under /api/platform/."""

from django.urls import path

from platform_data import views
from platform_data.forms import ConfigurationsQuery, MakesQuery, ModelsQuery, YearsQuery

app_name = "platform_data"


def _options(query_class, partial):
    return views.options, {"query_class": query_class, "partial": partial}


def _api(query_class, key):
    return views.api_lookup, {"query_class": query_class, "key": key}


urlpatterns = [
    path("catalog/", views.browse, name="browse"),
    path("catalog/details", views.configuration_details, name="configuration-details"),
    path("catalog/options/years", *_options(YearsQuery, "year-options"), name="year-options"),
    path("catalog/options/makes", *_options(MakesQuery, "make-options"), name="make-options"),
    path("catalog/options/models", *_options(ModelsQuery, "model-options"), name="model-options"),
    path(
        "catalog/options/configurations",
        *_options(ConfigurationsQuery, "configuration-options"),
        name="configuration-options",
    ),
    path("api/platform/years", *_api(YearsQuery, "years"), name="api-years"),
    path("api/platform/makes", *_api(MakesQuery, "makes"), name="api-makes"),
    path("api/platform/models", *_api(ModelsQuery, "models"), name="api-models"),
    path("api/platform/configurations", *_api(ConfigurationsQuery, "configurations"), name="api-configurations"),
    path("api/platform/vin", views.api_vin, name="api-vin"),
]
