"""What the household pages show: plain reads, each a constant number of queries."""

from django.db.models import Q

from vehicles.access import Role
from vehicles.models import Membership, Vehicle

from .models import ShareInvitation, Transfer


def members(vehicle: Vehicle) -> list[Membership]:
    return list(vehicle.memberships.select_related("user", "invited_by"))


def open_invitations(vehicle: Vehicle) -> list[ShareInvitation]:
    """Links not used yet (expired ones too, so they can be removed)."""
    return list(vehicle.share_invitations.filter(used_at__isnull=True).select_related("created_by"))


def open_transfer(vehicle: Vehicle) -> Transfer | None:
    return vehicle.transfers.filter(accepted_at__isnull=True).select_related("to_user").first()


def household_overview(user) -> dict:
    """Vehicles shared with the user (and by whom), offers of ownership waiting for their answer,
    and the user's own vehicles that others share."""
    visible = Vehicle.objects.for_user(user).with_sharing()
    offers = Transfer.objects.filter(to_user=user, accepted_at__isnull=True, vehicle__deleted_at__isnull=True)
    return {
        "shared_with_me": list(visible.filter(access_role__lt=Role.OWNER)),
        "sharing": list(visible.filter(owner=user, member_count__gt=0)),
        "offers": list(offers.select_related("vehicle", "from_user")),
    }


def shared_vehicles_owned(user) -> list[Vehicle]:
    """The user's own vehicles (live or trashed) that have members: account deletion asks about each."""
    owned = Vehicle.objects.filter(owner=user).filter(Q(pk__in=Membership.objects.values("vehicle_id")))
    return list(owned.prefetch_related("memberships__user").order_by("pk"))
