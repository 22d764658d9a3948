"""The pickers' query parameters, checked once for both faces (HTMX fragments and JSON)."""

from django import forms

from platform_data import lookups
from platform_data.models import FIRST_YEAR, LAST_YEAR


def year_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)


def id_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(min_value=1, max_value=2**63 - 1, **kwargs)


class LookupQuery(forms.Form):
    """One picker's question. ``selected`` (fragments) names the option to mark selected."""

    selected = id_field(required=False)

    def awaiting_choice(self) -> bool:
        """A parameter it needs is empty: the picker it depends on has no choice yet."""
        return any(not self.data.get(name) for name, field in self.fields.items() if field.required)

    def results(self) -> list:
        raise NotImplementedError

    def error_text(self) -> str:
        return " ".join(f"{name}: {' '.join(errors)}" for name, errors in self.errors.items())


class YearsQuery(LookupQuery):
    selected = year_field(required=False)

    def results(self) -> list[int]:
        return lookups.years()


class MakesQuery(LookupQuery):
    year = year_field()

    def results(self) -> list[dict]:
        return lookups.makes(self.cleaned_data["year"])


class ModelsQuery(LookupQuery):
    year = year_field()
    make = id_field()

    def results(self) -> list[dict]:
        return lookups.models(self.cleaned_data["year"], self.cleaned_data["make"])


class ConfigurationsQuery(LookupQuery):
    year = year_field()
    model = id_field()

    def results(self) -> list[dict]:
        return lookups.configurations(self.cleaned_data["year"], self.cleaned_data["model"])


class BrowseQuery(forms.Form):
    """The browse page's state: every part optional, a VIN may stand in for year and make."""

    year = year_field(required=False)
    make = id_field(required=False)
    model = id_field(required=False)
    configuration = id_field(required=False)
    vin = forms.CharField(required=False)
