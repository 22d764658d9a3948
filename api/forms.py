"""The API page's forms: a new token, a new webhook."""

import datetime

from django import forms
from django.utils import timezone

from api import webhooks
from api.models import AccessToken, Webhook

LIFETIMES = [("30", "30 days"), ("90", "90 days"), ("365", "A year"), ("", "Never")]


class TokenForm(forms.ModelForm):
    expires_in = forms.TypedChoiceField(
        label="Expires after", choices=LIFETIMES, coerce=int, empty_value=None, required=False, initial="90"
    )

    class Meta:
        model = AccessToken
        fields = ["name", "scope"]
        labels = {"name": "Token name", "scope": "Access"}
        help_texts = {"name": "Where it is used, say “Home Assistant”."}

    def save(self, commit: bool = True) -> AccessToken:
        token = super().save(commit=False)
        days = self.cleaned_data.get("expires_in")
        token.expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
        return token


class WebhookForm(forms.ModelForm):
    url = forms.URLField(
        label="Receiver URL",
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://example.com/motovault-hook"}),
    )

    class Meta:
        model = Webhook
        fields = ["url"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        webhooks.check_destination(url)
        return url
