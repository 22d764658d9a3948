import zoneinfo

from django import forms
from django.conf import settings

from motovault.models import User
from motovault.units import ELECTRIC_ECONOMY_UNITS


class SettingsForm(forms.ModelForm):
    """How the user reads things. The time zone is chosen from the IANA names; empty is the server's."""

    time_zone = forms.ChoiceField(
        label="Time zone",
        required=False,
        help_text="Dates, “today” and when a reminder is due follow it.",
    )

    class Meta:
        model = User
        fields = [
            "currency",
            "number_locale",
            "date_format",
            "time_zone",
            "distance_unit",
            "volume_unit",
            "economy_unit",
        ]
        labels = {
            "distance_unit": "Distances",
            "volume_unit": "Volumes",
            "economy_unit": "Fuel economy",
        }
        help_texts = {
            "currency": "Every amount is shown in it.",
            "distance_unit": "What a new vehicle starts with; each vehicle keeps its own.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        zones = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})
        self.fields["time_zone"].choices = [("", f"The server's ({settings.TIME_ZONE})"), *((z, z) for z in zones)]
        self.fields["economy_unit"].choices = [
            choice for choice in self.fields["economy_unit"].choices if choice[0] not in ELECTRIC_ECONOMY_UNITS
        ]
