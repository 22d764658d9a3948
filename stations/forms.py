"""Stations typed in or found, the station picker of the fill-up forms, and the questions the
cheapest ranking and the provider search are asked."""

from decimal import Decimal
from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe

from motovault.numbers import FiniteDecimalField
from stations import selectors
from stations.models import Station
from stations.services import station_named, station_save


def _degrees(label: str, limit: int) -> FiniteDecimalField:
    message = f"A {label.lower()} is between -{limit} and {limit} degrees."
    return FiniteDecimalField(
        label=label,
        required=False,
        min_value=-limit,
        max_value=limit,
        error_messages={"min_value": message, "max_value": message},
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal", "data-coordinate": label.lower()}),
    )


class PointMixin:
    """A latitude and a longitude, both or neither, rounded to six places (about 10 cm)."""

    def clean_point(self, data: dict) -> tuple[Decimal, Decimal] | None:
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if {"latitude", "longitude"} & set(self.errors):
            return None
        if (latitude is None) != (longitude is None):
            self.add_error("longitude" if longitude is None else "latitude", "Enter both latitude and longitude.")
            return None
        if latitude is None:
            return None
        return round(latitude, 6), round(longitude, 6)


class StationForm(PointMixin, forms.ModelForm):
    """A station typed in, or found by the provider's search (its place id travels hidden)."""

    latitude = _degrees("Latitude", 90)
    longitude = _degrees("Longitude", 180)
    place_id = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)

    class Meta:
        model = Station
        fields = ["name", "brand", "address", "latitude", "longitude", "is_favourite", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, owner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["place_id"]  # set once, by the search it came from
        else:
            self.instance.owner = owner

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Give the station a name.")
        return name

    def clean(self) -> dict:
        data = super().clean()
        point = self.clean_point(data)
        data["latitude"], data["longitude"] = point or (None, None)
        self.instance.latitude, self.instance.longitude = point or (None, None)
        place_id = data.get("place_id")
        if place_id:
            taken = Station.objects.for_user(self.instance.owner).filter(place_id=place_id).first()
            if taken is not None:
                raise forms.ValidationError(f"This place is already one of your stations: {taken}.")
            self.instance.place_id = place_id
        return data

    def save(self, commit: bool = True) -> Station:
        """Through the service; a ValidationError from it (the place added meanwhile) is the view's."""
        station = super().save(commit=False)
        return station_save(station=station) if commit else station


class StationSelect(forms.Select):
    """The picker's options written here, in their groups: through a template each, a few hundred
    stations were most of a fill-up form's time (as quick entry's vehicles were)."""

    def render(self, name: str, value, attrs: dict | None = None, renderer=None) -> SafeString:
        def option(key, label) -> str:
            selected = " selected" if str(key) == str(value) else ""
            return f'<option value="{escape(str(key))}"{selected}>{escape(str(label))}</option>'

        parts = []
        for key, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escape(str(key))}">{"".join(option(*o) for o in label)}</optgroup>')
            else:
                parts.append(option(key, label))
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{"".join(parts)}</select>')


NO_STATION = ("", "— no station —")


def add_picker(form: forms.Form, user, current: Station | None = None, after: str = "fuel_grade") -> None:
    """Give a fill-up form its station fields, after the field ``after``: ``station`` (the user's
    stations, favourites first, then the nearest to the last used) and ``new_station`` (a name, to
    add one on the spot). Another user's station is not a choice, and refused if posted. Without a
    user (a CSV import) the form has no station fields."""
    if user is None or not user.is_authenticated:
        return
    stations, kept = Station.objects.for_user(user), []
    # Kept while the fill-up is edited: one in the trash, or the station of the household member
    # who entered it (stations are personal: the owner keeps it, but cannot pick it elsewhere).
    if current is not None and (current.deleted_at is not None or current.owner_id != user.pk):
        stations = stations | Station.objects.filter(pk=current.pk)
        whose = "in the trash" if current.owner_id == user.pk else f"{current.owner.username}'s station"
        kept = [(current.pk, f"{current} ({whose})")]

    def choices() -> list:
        """Read only if the form is shown (not when a save succeeds)."""
        return [NO_STATION, *selectors.picker(user), *kept]

    form.fields["station"] = forms.ModelChoiceField(
        queryset=stations,
        required=False,
        widget=StationSelect,
        error_messages={"invalid_choice": "Choose one of your stations."},
    )
    form.fields["station"].choices = choices
    form.fields["station"].initial = current.pk if current else None
    form.fields["new_station"] = forms.CharField(
        label="Or a new station",
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"placeholder": "Its name, e.g. Shell Main Street"}),
    )
    form.station_user = user
    names = [name for name in form.fields if name not in ("station", "new_station")]
    place = names.index(after) + 1 if after in names else len(names)
    form.order_fields([*names[:place], "station", "new_station", *names[place:]])


def picked_station(form: forms.Form) -> Station | None:
    """The station a valid fill-up form names: the one chosen, else the new one typed (made now)."""
    user = getattr(form, "station_user", None)
    if user is None:
        return form.instance.station
    name = " ".join(form.cleaned_data.get("new_station", "").split())
    if name and form.cleaned_data.get("station") is None:
        return station_named(owner=user, name=name)
    return form.cleaned_data.get("station")


class SearchForm(forms.Form):
    q = forms.CharField(label="Search your stations", required=False, max_length=100)


class FindForm(PointMixin, forms.Form):
    """The provider's search: by text (near the point, when one is given), or around a point."""

    q = forms.CharField(label="Name, brand or address", required=False, max_length=200)
    latitude = _degrees("Latitude", 90)
    longitude = _degrees("Longitude", 180)

    def clean(self) -> dict:
        data = super().clean()
        data["point"] = self.clean_point(data)
        if not self.errors and not data.get("q", "").strip() and data["point"] is None:
            raise forms.ValidationError("Type what to look for, or give a position to search around.")
        return data


class CheapestForm(PointMixin, forms.Form):
    """Which fuel (an energy and grade the user has bought at their stations), over how many days,
    and optionally from where (the stations nearest first)."""

    fuel = forms.ChoiceField(label="Fuel", required=False)
    days = forms.IntegerField(
        label="Prices from the last (days)",
        min_value=1,
        max_value=3650,
        required=False,
        error_messages={"min_value": "At least one day.", "max_value": "At most ten years (3650 days)."},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    latitude = _degrees("Latitude", 90)
    longitude = _degrees("Longitude", 180)

    DAYS = 30

    def __init__(self, *args, fuels: list[tuple[str, str, int]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fuel"].choices = [
            (f"{energy}|{grade}", selectors.grade_label(energy, grade)) for energy, grade, _ in fuels
        ]

    def clean(self) -> dict:
        data = super().clean()
        data["point"] = self.clean_point(data)
        return data

    def question(self) -> tuple[str, str, int, tuple[Decimal, Decimal] | None] | None:
        """(energy, grade, days, point) asked for; what is not valid is the default (the most
        bought fuel, 30 days, no point). None when the user has bought no fuel at a station."""
        choices = [value for value, _ in self.fields["fuel"].choices]
        if not choices:
            return None
        self.is_valid()
        data = self.cleaned_data  # the fields that are valid; the others keep their default
        fuel = data.get("fuel") or choices[0]
        energy, grade = fuel.split("|", 1)
        return energy, grade, data.get("days") or self.DAYS, data.get("point")
