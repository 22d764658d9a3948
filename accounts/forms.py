import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation

from households.forms import HandOverForm
from motovault.models import User
from motovault.units import ELECTRIC_ECONOMY_UNITS

CONFIRMATION = "delete my account"


class DeleteAccountForm(HandOverForm):
    """The typed confirmation, and what becomes of each vehicle the user shares (HandOverForm)."""

    confirm = forms.CharField(
        label=f"Type “{CONFIRMATION}” to confirm",
        help_text="Everything goes: vehicles, their photos, readings and fill-ups. This cannot be undone.",
    )

    def clean_confirm(self) -> str:
        typed = " ".join(self.cleaned_data["confirm"].split()).lower()
        if typed != CONFIRMATION:
            raise forms.ValidationError(f"Type “{CONFIRMATION}” exactly, or leave this page to keep your account.")
        return typed


class AcceptInvitationForm(forms.Form):
    """The password a household member chooses, checked by the site's password validators."""

    password1 = forms.CharField(label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label="The same password again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, invitation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean_password2(self) -> str:
        password1, password2 = self.cleaned_data.get("password1"), self.cleaned_data["password2"]
        if password1 and password1 != password2:
            raise forms.ValidationError("The two passwords differ.")
        user = get_user_model()(username=self.invitation.username, email=self.invitation.email)
        password_validation.validate_password(password2, user)
        return password2


class PreferencesForm(forms.ModelForm):
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
