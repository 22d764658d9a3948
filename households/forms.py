"""Who to share a vehicle with, and as what."""

from django import forms

from vehicles.access import Role

from .models import MEMBER_ROLES

ROLE_HELP = (
    "Viewer: sees everything. Driver: also logs fill-ups, readings and services. Manager: also edits and shares it."
)


def role_field(up_to: Role, **kwargs) -> forms.TypedChoiceField:
    """The roles the person sharing may give: up to their own, never owner."""
    choices = [(value, label) for value, label in MEMBER_ROLES if value <= up_to]
    return forms.TypedChoiceField(choices=choices, coerce=int, initial=Role.DRIVER, help_text=ROLE_HELP, **kwargs)


class ShareForm(forms.Form):
    account = forms.CharField(label="Username or e-mail", max_length=254)
    role = forms.TypedChoiceField(choices=MEMBER_ROLES, coerce=int)

    def __init__(self, *args, up_to: Role, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = role_field(up_to)


class InviteForm(forms.Form):
    role = forms.TypedChoiceField(choices=MEMBER_ROLES, coerce=int)
    email = forms.EmailField(
        label="For the account with this e-mail (optional)", required=False, help_text="Empty: whoever opens it."
    )

    def __init__(self, *args, up_to: Role, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = role_field(up_to)
        self.order_fields(["role", "email"])


class RoleForm(forms.Form):
    role = forms.TypedChoiceField(choices=MEMBER_ROLES, coerce=int)


class TransferForm(forms.Form):
    account = forms.CharField(label="New owner (username or e-mail)", max_length=254)
    keep_role = forms.TypedChoiceField(
        label="You keep",
        choices=[("", "Nothing (sold)"), *MEMBER_ROLES],
        coerce=int,
        empty_value=None,
        required=False,
    )
