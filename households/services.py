"""Writes to a vehicle's household: members in and out, their roles, invitation links, and the
transfer of ownership. The caller has checked the acting user's role with ``access.require``;
what depends on who is who (sharing beyond one's role, with oneself, twice) is refused here, with
a message for the page (``ValidationError``), nothing changed."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from vehicles import owner_rule
from vehicles.access import Role, role_of
from vehicles.models import Membership, Vehicle
from vehicles.services import MOVE_HOOKS, record_models

from .models import ShareInvitation, Transfer


def find_account(name: str):
    """The account with this username or e-mail (an e-mail two accounts share names neither)."""
    name = name.strip()
    users = get_user_model().objects.filter(is_active=True)
    found = users.filter(username=name).first()
    if found is None and "@" in name:
        matches = list(users.filter(email__iexact=name)[:2])
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise ValidationError("No account has this username or e-mail.", code="unknown")
    return found


def _check_grant(*, vehicle: Vehicle, by, role: int) -> None:
    """A manager shares up to manager; only the owner's role is never given (transfer it instead)."""
    if role not in (Role.VIEWER, Role.DRIVER, Role.MANAGER):
        raise ValidationError("Choose viewer, driver or manager.", code="role")
    held = role_of(by, vehicle)
    if held is None or held < Role.MANAGER or role > held:
        raise PermissionDenied("Your role does not allow giving this role.")


def _check_newcomer(vehicle: Vehicle, user) -> None:
    if user.pk == vehicle.owner_id:
        raise ValidationError("That is the vehicle's owner.", code="owner")
    if Membership.objects.filter(vehicle=vehicle, user=user).exists():
        raise ValidationError(f"{user.username} is already a member.", code="member")


@transaction.atomic
def member_add(*, vehicle: Vehicle, by, account: str, role: int) -> Membership:
    """Share ``vehicle`` with an existing account, named by username or e-mail."""
    _check_grant(vehicle=vehicle, by=by, role=role)
    user = find_account(account)
    if user.pk == by.pk:
        raise ValidationError("You cannot share a vehicle with yourself.", code="self")
    _check_newcomer(vehicle, user)
    try:
        with transaction.atomic():
            return Membership.objects.create(vehicle=vehicle, user=user, role=role, invited_by=by)
    except IntegrityError:  # added twice at once
        raise ValidationError(f"{user.username} is already a member.", code="member") from None


def _check_over(membership: Membership, by) -> None:
    """A manager acts on members up to their own role; the owner on anyone."""
    held = role_of(by, membership.vehicle)
    if held is None or held < Role.MANAGER or membership.role > held:
        raise PermissionDenied("Your role does not allow changing this member.")


@transaction.atomic
def member_set_role(*, membership: Membership, by, role: int) -> Membership:
    _check_over(membership, by)
    _check_grant(vehicle=membership.vehicle, by=by, role=role)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def member_revoke(*, membership: Membership, by) -> None:
    """The member no longer sees the vehicle: at once, cached values included (their data
    version moves with the membership's row)."""
    _check_over(membership, by)
    membership.delete()


@transaction.atomic
def member_leave(*, vehicle: Vehicle, user) -> None:
    deleted, _ = Membership.objects.filter(vehicle=vehicle, user=user).delete()
    if not deleted:
        raise ValidationError("The owner cannot leave: transfer the vehicle first.", code="owner")


def invitation_create(*, vehicle: Vehicle, by, role: int, email: str = "") -> tuple[ShareInvitation, str]:
    """A new single-use link; the token is returned once, only its digest is kept."""
    _check_grant(vehicle=vehicle, by=by, role=role)
    invitation = ShareInvitation(vehicle=vehicle, role=role, email=email.strip(), created_by=by)
    token = invitation.new_token()
    invitation.save()
    return invitation, token


@transaction.atomic
def invitation_accept(*, invitation: ShareInvitation, user) -> Membership:
    """The signed-in ``user`` joins; a used or expired link, or one for another account, is refused."""
    invitation = ShareInvitation.objects.select_for_update().select_related("vehicle").get(pk=invitation.pk)
    if not invitation.usable or invitation.vehicle.deleted_at is not None:
        raise ValidationError("This invitation has been used or has expired: ask for a new one.", code="unusable")
    if invitation.email and invitation.email.lower() != (user.email or "").lower():
        raise ValidationError(
            "This invitation is for another account: sign in with the account it was sent to.", code="account"
        )
    _check_newcomer(invitation.vehicle, user)
    membership = Membership.objects.create(
        vehicle=invitation.vehicle, user=user, role=invitation.role, invited_by=invitation.created_by
    )
    invitation.used_at, invitation.used_by = timezone.now(), user
    invitation.save(update_fields=["used_at", "used_by"])
    return membership


@transaction.atomic
def invitation_cancel(*, invitation: ShareInvitation) -> None:
    invitation.delete()


@transaction.atomic
def transfer_offer(*, vehicle: Vehicle, by, account: str, keep_role: int | None) -> Transfer:
    """Offer the vehicle to another account; it moves when they accept. One open offer a vehicle."""
    to_user = find_account(account)
    if to_user.pk == vehicle.owner_id:
        raise ValidationError("You own it already.", code="self")
    if keep_role is not None and keep_role not in (Role.VIEWER, Role.DRIVER, Role.MANAGER):
        raise ValidationError("Choose what you keep: nothing, viewer, driver or manager.", code="role")
    Transfer.objects.filter(vehicle=vehicle, accepted_at__isnull=True).delete()
    return Transfer.objects.create(vehicle=vehicle, from_user=by, to_user=to_user, keep_role=keep_role)


@transaction.atomic
def transfer_decline(*, transfer: Transfer) -> None:
    transfer.delete()


@transaction.atomic
def transfer_accept(*, transfer: Transfer, user) -> Vehicle:
    """The offer's account takes the vehicle and every record of it, in one transaction (the
    owner rule's foreign keys are deferred to the commit for it)."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk, to_user=user, accepted_at__isnull=True)
    vehicle = Vehicle.objects.select_for_update().get(pk=transfer.vehicle_id)
    if vehicle.owner_id != transfer.from_user_id or vehicle.deleted_at is not None:
        raise ValidationError("This offer no longer stands.", code="stale")
    vehicle_move(vehicle=vehicle, to_user=user)
    if transfer.keep_role is not None:
        Membership.objects.create(vehicle=vehicle, user=transfer.from_user, role=transfer.keep_role, invited_by=user)
    transfer.accepted_at = timezone.now()
    transfer.save(update_fields=["accepted_at"])
    return vehicle


def vehicle_move(*, vehicle: Vehicle, to_user) -> None:
    """Give ``vehicle`` and its records to ``to_user`` (who stops being a member of it). A VIN
    the new owner already has on a live vehicle refuses the move."""
    if vehicle.vin and Vehicle.objects.owned_by(to_user).filter(vin=vehicle.vin).exists():
        raise ValidationError(f"{to_user.username} already has a vehicle with this VIN.", code="vin")
    tables = [model._meta.db_table for model in record_models()]
    with connection.cursor() as cursor:
        names = ", ".join(connection.ops.quote_name(owner_rule.constraint_name(table)) for table in tables)
        cursor.execute(f"SET CONSTRAINTS {names} DEFERRED")
    Membership.objects.filter(vehicle=vehicle, user=to_user).delete()
    for hook in MOVE_HOOKS:
        hook(vehicle, to_user)
    Vehicle.objects.filter(pk=vehicle.pk).update(owner=to_user)
    for model in record_models():
        model.objects.filter(vehicle=vehicle).update(owner=to_user)
    vehicle.owner = to_user


@transaction.atomic
def hand_over(*, decisions: dict) -> None:
    """Before an account is deleted: each shared vehicle it owns goes to the member chosen, with
    every record (None: it is deleted with the account)."""
    for vehicle, to_user in decisions.items():
        if to_user is not None:
            vehicle_move(vehicle=vehicle, to_user=to_user)
