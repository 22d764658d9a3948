"""Who may do what with a vehicle and its records: the one place a role is checked.

Reads are scoped by ``for_user`` (what a user may see at all: another user's row is a 404);
a write first fetches the vehicle that way, then asks ``require`` for the role it needs (a row the
user sees but may not change is a 403). A role includes every role below it.
"""

from django.core.exceptions import PermissionDenied
from django.db import models


class Role(models.IntegerChoices):
    VIEWER = 1, "viewer"  # sees everything about the vehicle
    DRIVER = 2, "driver"  # also adds and edits its records (fill-ups, readings, services, documents)
    MANAGER = 3, "manager"  # also edits the vehicle, shares it, trashes it
    OWNER = 4, "owner"  # also transfers, purges, and decides what happens to it


def role_of(user, vehicle) -> Role | None:
    """The user's role on a vehicle they can see (None: not theirs to see)."""
    if user.is_authenticated and vehicle.owner_id == user.pk:
        return Role.OWNER
    return None


def require(user, vehicle, role: Role) -> None:
    """Refuse (403) a write the user's role on ``vehicle`` does not allow."""
    held = role_of(user, vehicle)
    if held is None or held < role:
        raise PermissionDenied(f"Your role on this vehicle does not allow this (it needs {role.label}).")
