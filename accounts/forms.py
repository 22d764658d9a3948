from django import forms
from django.contrib.auth import get_user_model, password_validation

CONFIRMATION = "delete my account"


class DeleteAccountForm(forms.Form):
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
