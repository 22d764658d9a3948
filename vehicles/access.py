"""Who may do what with a vehicle and its records: the one place a role is checked.

Reads are scoped by ``for_user`` (what a user may see at all: own vehicles and those shared with
them; another user's row is a 404); a write first fetches the vehicle that way, then asks
``require`` for the role it needs (a row the user sees but may not change is a 403). A role
includes every role below it. A vehicle fetched through ``Vehicle.objects.for_user(user)`` carries
the user's role (``access_role``), so the check costs no query; any other costs one.
"""

from django.core.exceptions import PermissionDenied
from django.db import models


class Role(models.IntegerChoices):
    VIEWER = 1, "viewer"  # sees everything about the vehicle
    DRIVER = 2, "driver"  # also adds and edits its records (fill-ups, readings, services, documents)
    MANAGER = 3, "manager"  # also edits the vehicle, shares it, trashes it
    OWNER = 4, "owner"  # also transfers, purges, and decides what happens to it


def role_of(user, vehicle) -> Role | None:
    """The user's role on a vehicle (None: not theirs to see)."""
    if not user.is_authenticated:
        return None
    if vehicle.owner_id == user.pk:
        return Role.OWNER
    if getattr(vehicle, "access_user", None) == user.pk:
        role = vehicle.access_role
    else:
        role = vehicle.memberships.filter(user=user).values_list("role", flat=True).first()
    return Role(role) if role else None


def require(user, vehicle, role: Role) -> Role:
    """Refuse (403) a write the user's role on ``vehicle`` does not allow; the role held otherwise."""
    held = role_of(user, vehicle)
    if held is None or held < role:
        raise PermissionDenied(f"Your role on this vehicle does not allow this (it needs {role.label}).")
    return held


class RecordRoleMixin:
    """For a view of one record of a vehicle (``get_object``): it needs ``required_role`` on the
    record's vehicle (a driver edits, trashes and restores records)."""

    required_role = Role.DRIVER

    def get_object(self, queryset=None):
        from motovault.mixins import get_owned
        from vehicles.models import Vehicle  # the models import the roles from here

        record = super().get_object(queryset)
        record.vehicle = get_owned(self.request.user, Vehicle, pk=record.vehicle_id)  # with the user's role
        require(self.request.user, record.vehicle, self.required_role)
        return record
