"""Who to share a vehicle with, and as what."""

from django import forms

from vehicles.access import Role

from . import selectors
from .models import MEMBER_ROLES

ROLE_HELP = (
    "Viewer: sees everything. Driver: also logs fill-ups, readings and services. Manager: also edits and shares it."
)


def role_field(up_to: Role, **kwargs) -> forms.TypedChoiceField:
    """The roles the person sharing may give: up to their own, never owner."""
    choices = [(value, label) for value, label in MEMBER_ROLES if value <= up_to]
    return forms.TypedChoiceField(choices=choices, coerce=int, initial=Role.DRIVER, help_text=ROLE_HELP, **kwargs)


class SharingForm(forms.Form):
    """A form of the Sharing section, which shows several: ids of their own (``share_account``)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ShareForm(SharingForm):
    id_prefix = "share"
    account = forms.CharField(label="Username or e-mail", max_length=254)
    role = forms.TypedChoiceField(choices=MEMBER_ROLES, coerce=int)

    def __init__(self, *args, up_to: Role, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = role_field(up_to)


class InviteForm(SharingForm):
    id_prefix = "invite"
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


class TransferForm(SharingForm):
    id_prefix = "transfer"
    account = forms.CharField(label="New owner (username or e-mail)", max_length=254)
    keep_role = forms.TypedChoiceField(
        label="You keep",
        choices=[("", "Nothing (sold)"), *MEMBER_ROLES],
        coerce=int,
        empty_value=None,
        required=False,
    )


class HandOverForm(forms.Form):
    """Before an account goes, what becomes of each vehicle it owns that others share: given to
    one of its members (with every record), or deleted. Nothing is left without an owner."""

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.shared = selectors.shared_vehicles_owned(user) if user is not None else []
        for vehicle in self.shared:
            choices = [
                (f"to-{m.user_id}", f"Give it to {m.user.username} ({m.get_role_display()} now)")
                for m in vehicle.memberships.all()
            ]
            self.fields[f"vehicle_{vehicle.pk}"] = forms.ChoiceField(
                label=f"{vehicle} ({vehicle.description})",
                choices=[("", "Choose…"), *choices, ("delete", "Delete it with all its records")],
                help_text="Shared with others: give it to one of them, or delete it for everyone.",
            )

    def hand_over(self) -> dict:
        """{vehicle: the member it goes to, or None to delete it}."""
        members = {vehicle: {f"to-{m.user_id}": m.user for m in vehicle.memberships.all()} for vehicle in self.shared}
        return {vehicle: members[vehicle].get(self.cleaned_data[f"vehicle_{vehicle.pk}"]) for vehicle in self.shared}

    @property
    def hand_over_fields(self) -> list:
        return [self[f"vehicle_{vehicle.pk}"] for vehicle in self.shared]
