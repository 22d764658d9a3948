from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.urls import reverse

from accounts.models import Invitation


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["username", "email"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("An account with this username exists already.")
        return username


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Make an invitation: save it, and the link to hand over is shown once, here."""

    list_display = ["username", "email", "created_by", "created_at", "expires_at", "used_at"]
    form = InvitationForm

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # a link is made once; make a new invitation instead

    def save_model(self, request: HttpRequest, obj: Invitation, form, change: bool) -> None:
        token = obj.new_token()
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        link = request.build_absolute_uri(reverse("accounts:invitation", args=[token]))
        messages.warning(
            request,
            f"Hand this link to {obj.username} (shown only now, valid until "
            f"{obj.expires_at:%Y-%m-%d %H:%M} UTC): {link}",
        )
