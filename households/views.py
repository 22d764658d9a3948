"""The Sharing section of a vehicle's page, and the household's actions. Each fetches the vehicle
through ``for_user`` (404 for a vehicle the user does not see) and checks the role its write
needs with ``access.require`` (403); ``required_role`` says which, for the scoping sweep too."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.generic import TemplateView, View

from motovault.mixins import OwnedMixin, get_owned
from vehicles.access import Role, require, role_of
from vehicles.models import Membership, Vehicle
from vehicles.sections import SECTIONS

from . import selectors, services
from .forms import InviteForm, RoleForm, ShareForm, TransferForm
from .models import ShareInvitation, Transfer, token_digest

TEMPLATE = "households/sharing.html"


def sharing_context(vehicle: Vehicle, **extra) -> dict:
    """The section's members, and the forms the user's role allows (a bound one in ``extra``)."""
    role = vehicle.role
    context = {"vehicle": vehicle, "object": vehicle, "sections": SECTIONS, "memberships": selectors.members(vehicle)}
    if role >= Role.MANAGER:
        context.update(
            share_form=ShareForm(up_to=role),
            invite_form=InviteForm(up_to=role),
            role_choices=RoleForm.base_fields["role"].choices[:role],
            invitations=selectors.open_invitations(vehicle),
        )
    if role == Role.OWNER:
        context.update(transfer_form=TransferForm(), transfer=selectors.open_transfer(vehicle))
    return {**context, **extra}


def render_sharing(request: HttpRequest, vehicle: Vehicle, status: int = 200, **extra) -> HttpResponse:
    """The whole page, or the section alone for the vehicle page's tab (HTMX)."""
    partial = request.htmx and request.htmx.target == "vehicle-section"
    template = f"{TEMPLATE}#sharing-section" if partial else TEMPLATE
    return render(request, template, sharing_context(vehicle, **extra), status=status)


class SharingView(OwnedMixin, View):
    """Who shares the vehicle, as what; the forms to share it, invite, transfer, or leave."""

    model = Vehicle
    required_role = Role.VIEWER
    http_method_names = ["get"]

    def get(self, request: HttpRequest, vehicle_pk: int) -> HttpResponse:
        vehicle = get_owned(request.user, Vehicle, pk=vehicle_pk)
        return render_sharing(request, vehicle)


class VehicleActionView(OwnedMixin, View):
    """A POST about one vehicle's household; ``act`` answers it."""

    model = Vehicle
    http_method_names = ["post"]
    required_role = Role.MANAGER

    def post(self, request: HttpRequest, vehicle_pk: int) -> HttpResponse:
        vehicle = get_owned(request.user, Vehicle, pk=vehicle_pk)
        require(request.user, vehicle, self.required_role)
        return self.act(request, vehicle)

    def back(self, vehicle: Vehicle) -> HttpResponse:
        return redirect("households:sharing", vehicle_pk=vehicle.pk)


class ShareView(VehicleActionView):
    def act(self, request: HttpRequest, vehicle: Vehicle) -> HttpResponse:
        form = ShareForm(request.POST, up_to=vehicle.role)
        if form.is_valid():
            try:
                membership = services.member_add(vehicle=vehicle, by=request.user, **form.cleaned_data)
            except ValidationError as problem:
                form.add_error("role" if problem.code == "role" else "account", problem)
            else:
                messages.success(request, f"Shared with {membership.user.username} as {membership.get_role_display()}.")
                return self.back(vehicle)
        return render_sharing(request, vehicle, status=400, share_form=form)


class InviteView(VehicleActionView):
    def act(self, request: HttpRequest, vehicle: Vehicle) -> HttpResponse:
        form = InviteForm(request.POST, up_to=vehicle.role)
        if not form.is_valid():
            return render_sharing(request, vehicle, status=400, invite_form=form)
        invitation, token = services.invitation_create(vehicle=vehicle, by=request.user, **form.cleaned_data)
        link = request.build_absolute_uri(reverse("households:join", args=[token]))
        return render_sharing(request, vehicle, new_link=link, new_invitation=invitation)


class LeaveView(VehicleActionView):
    required_role = Role.VIEWER

    def act(self, request: HttpRequest, vehicle: Vehicle) -> HttpResponse:
        try:
            services.member_leave(vehicle=vehicle, user=request.user)
        except ValidationError as problem:
            messages.error(request, problem.message)
            return self.back(vehicle)
        messages.success(request, f"You left the household of {vehicle}.")
        return redirect("vehicles:garage")


class TransferOfferView(VehicleActionView):
    required_role = Role.OWNER

    def act(self, request: HttpRequest, vehicle: Vehicle) -> HttpResponse:
        form = TransferForm(request.POST)
        if form.is_valid():
            try:
                transfer = services.transfer_offer(vehicle=vehicle, by=request.user, **form.cleaned_data)
            except ValidationError as problem:
                form.add_error("keep_role" if problem.code == "role" else "account", problem)
            else:
                messages.success(
                    request, f"Offered {vehicle} to {transfer.to_user.username}: it moves when they accept."
                )
                return self.back(vehicle)
        return render_sharing(request, vehicle, status=400, transfer_form=form)


class MembershipView(OwnedMixin, View):
    """A POST about one member of a household the user sees; a manager's at least."""

    model = Membership
    http_method_names = ["post"]
    required_role = Role.MANAGER

    def get_queryset(self):
        return Membership.objects.filter(vehicle__in=Vehicle.objects.for_user(self.request.user).values("pk"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = get_object_or_404(self.get_queryset(), pk=pk)
        membership.vehicle = get_owned(request.user, Vehicle, pk=membership.vehicle_id)
        require(request.user, membership.vehicle, self.required_role)
        self.act(request, membership)
        return redirect("households:sharing", vehicle_pk=membership.vehicle_id)


class MembershipRoleView(MembershipView):
    def act(self, request: HttpRequest, membership: Membership) -> None:
        form = RoleForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose viewer, driver or manager.")
            return
        try:
            services.member_set_role(membership=membership, by=request.user, role=form.cleaned_data["role"])
        except ValidationError as problem:
            messages.error(request, problem.message)
            return
        messages.success(request, f"{membership.user.username} is now a {membership.get_role_display()}.")


class MembershipRevokeView(MembershipView):
    def act(self, request: HttpRequest, membership: Membership) -> None:
        services.member_revoke(membership=membership, by=request.user)
        messages.success(request, f"{membership.user.username} no longer sees {membership.vehicle}.")


class InvitationCancelView(OwnedMixin, View):
    model = ShareInvitation
    http_method_names = ["post"]
    required_role = Role.MANAGER

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        visible = ShareInvitation.objects.filter(vehicle__in=Vehicle.objects.for_user(request.user).values("pk"))
        invitation = get_object_or_404(visible, pk=pk)
        require(request.user, get_owned(request.user, Vehicle, pk=invitation.vehicle_id), self.required_role)
        services.invitation_cancel(invitation=invitation)
        messages.success(request, "The invitation link no longer works.")
        return redirect("households:sharing", vehicle_pk=invitation.vehicle_id)


class JoinView(OwnedMixin, TemplateView):
    """An invitation link, opened signed in: what it offers, and the button to accept. An unknown
    link is a 404; a used, expired or someone else's link says so, and changes nothing."""

    template_name = "households/join.html"
    required_role = None  # about the person the link was given to, not a role

    def invitation(self) -> ShareInvitation:
        found = ShareInvitation.objects.select_related("vehicle", "created_by")
        return get_object_or_404(found, token_digest=token_digest(self.kwargs["token"]))

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(invitation=self.invitation(), **kwargs)

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        invitation = self.invitation()
        try:
            membership = services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as problem:
            return self.render_to_response(self.get_context_data(problem=problem.message), status=400)
        messages.success(request, f"You now share {membership.vehicle} as {membership.get_role_display()}.")
        return redirect("vehicles:detail", pk=membership.vehicle_id)


class TransferAnswerView(OwnedMixin, View):
    """The answer to an offer of ownership: the account it is offered to accepts or declines; the
    giver may withdraw it. Anyone else gets a 404."""

    model = Transfer
    http_method_names = ["post"]
    required_role = None  # about the two people of the offer, not a role

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        mine = Q(to_user=request.user) | Q(from_user=request.user)
        transfer = get_object_or_404(Transfer.objects.filter(mine, accepted_at__isnull=True), pk=pk)
        return self.answer(request, transfer)


class TransferAcceptView(TransferAnswerView):
    def answer(self, request: HttpRequest, transfer: Transfer) -> HttpResponse:
        if transfer.to_user_id != request.user.pk:
            raise Http404("No such offer.")
        try:
            vehicle = services.transfer_accept(transfer=transfer, user=request.user)
        except ValidationError as problem:
            messages.error(request, problem.message)
            return redirect("households:index")
        messages.success(request, f"{vehicle} is yours now, with all its records.")
        return redirect("vehicles:detail", pk=vehicle.pk)


class TransferDeclineView(TransferAnswerView):
    def answer(self, request: HttpRequest, transfer: Transfer) -> HttpResponse:
        services.transfer_decline(transfer=transfer)
        messages.success(
            request, "The offer is withdrawn." if transfer.from_user_id == request.user.pk else "Declined."
        )
        if role_of(request.user, transfer.vehicle) == Role.OWNER:
            return redirect("households:sharing", vehicle_pk=transfer.vehicle_id)
        return redirect("households:index")


class HouseholdsView(OwnedMixin, TemplateView):
    """What others share with the user, the offers of ownership waiting for them, and what they share."""

    model = Vehicle
    template_name = "households/index.html"

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(**selectors.household_overview(self.request.user), **kwargs)
