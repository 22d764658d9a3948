"""The API page of the account: personal access tokens and webhooks, with the delivery log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from api import services
from api.forms import TokenForm, WebhookForm
from api.models import AccessToken, Delivery, Webhook

DELIVERIES_SHOWN = 20


def _page(request: HttpRequest, *, token_form=None, webhook_form=None, secret: str = "", status: int = 200):
    user = request.user
    hooks = list(Webhook.objects.filter(owner=user, removed_at__isnull=True))
    context = {
        "tokens": AccessToken.objects.filter(owner=user),
        "webhooks": hooks,
        "deliveries": Delivery.objects.filter(owner=user, webhook__in=hooks).select_related("webhook")[
            :DELIVERIES_SHOWN
        ],
        "token_form": token_form or TokenForm(),
        "webhook_form": webhook_form or WebhookForm(),
        "new_secret": secret,
    }
    return render(request, "api/settings.html", context, status=status)


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    """The new token is shown in this answer only (never stored, never put in a message). A GET
    shows the page, where the form is."""
    if request.method != "POST":
        return _page(request)
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, token_form=form, status=400)
    secret = services.token_create(token=form.save(commit=False), owner=request.user)
    response = _page(request, secret=secret)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(AccessToken.objects.filter(owner=request.user), pk=pk)
    services.token_revoke(token=token)
    messages.success(request, f"Revoked “{token.name}”: it no longer works.")
    return redirect("api-settings")


@login_required
def webhook_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    form = WebhookForm(request.POST)
    if not form.is_valid():
        return _page(request, webhook_form=form, status=400)
    services.webhook_create(webhook=form.save(commit=False), owner=request.user)
    messages.success(request, "Webhook added: send it a test event to check your receiver.")
    return redirect("api-settings")


def _webhook(request: HttpRequest, pk: int) -> Webhook:
    return get_object_or_404(Webhook.objects.filter(owner=request.user, removed_at__isnull=True), pk=pk)


@login_required
@require_POST
def webhook_remove(request: HttpRequest, pk: int) -> HttpResponse:
    services.webhook_remove(webhook=_webhook(request, pk))
    messages.success(request, "Webhook removed.")
    return redirect("api-settings")


@login_required
@require_POST
def webhook_test(request: HttpRequest, pk: int) -> HttpResponse:
    services.webhook_test(webhook=_webhook(request, pk))
    messages.info(request, "Test event queued: it shows in the delivery log below once sent.")
    return redirect("api-settings")
