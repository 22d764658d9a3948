from django import forms

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
