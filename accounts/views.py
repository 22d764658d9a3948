from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from procrastinate.exceptions import AlreadyEnqueued

from accounts import services, tasks
from accounts.forms import AcceptInvitationForm, DeleteAccountForm, PreferencesForm
from accounts.models import Invitation, token_digest
from motovault import accountdata


def _is_big(user) -> bool:
    return accountdata.record_count(user) > settings.EXPORT_STREAM_MAX_RECORDS


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """Currency, number and date formats, time zone, and the units new vehicles start with."""
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_preferences_update(user=form.instance, fields=list(form.cleaned_data))
        messages.success(request, "Settings saved.")
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form})


@login_required
def account_settings(request: HttpRequest, delete_form: DeleteAccountForm | None = None) -> HttpResponse:
    """The account page: the export, the exports the worker has built, and account deletion."""
    context = {
        "export_in_worker": _is_big(request.user),
        "exports": services.ready_exports(request.user),
        "delete_form": delete_form or DeleteAccountForm(user=request.user),
    }
    return render(request, "accounts/settings.html", context, status=400 if delete_form else 200)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """GET streams the zip; POST asks the worker to build it (a big account's only way)."""
    user = request.user
    if request.method == "POST":
        try:
            with transaction.atomic():  # a refused job must not abort the request's transaction
                tasks.build_export.configure(queueing_lock=f"export-{user.pk}").defer(user_id=user.pk)
        except AlreadyEnqueued:
            messages.info(request, "Your export is already being prepared: it will be listed on this page.")
            return redirect("accounts:settings")
        messages.info(request, "Your export is being prepared: it will be listed on this page when it is ready.")
        return redirect("accounts:settings")
    if _is_big(user):
        messages.info(request, "Your account is too large to download at once: prepare the export instead.")
        return redirect("accounts:settings")
    name = f"motovault-export-{timezone.now():%Y%m%d}.zip"
    return StreamingHttpResponse(
        accountdata.export_zip(user),
        content_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@login_required
def download(request: HttpRequest, name: str) -> FileResponse:
    """One of the user's own built exports; any other name is a 404."""
    if name not in services.ready_exports(request.user):
        raise Http404("No such export.")
    stream = default_storage.open(f"{services.export_dir(request.user)}/{name}", "rb")
    return FileResponse(stream, as_attachment=True, filename=name, content_type="application/zip")


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """After the typed confirmation only; a GET shows the account page, where the form is."""
    if request.method != "POST":
        return account_settings(request)
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return account_settings(request, delete_form=form)
    user = request.user
    try:
        services.account_delete(user=user, hand_over=form.hand_over())
    except ValidationError as problem:  # a member the vehicle cannot go to (they have its VIN)
        form.add_error(None, problem)
        return account_settings(request, delete_form=form)
    logout(request)
    messages.success(request, "Your account and everything in it have been deleted.")
    return redirect("home")


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """A household member sets their password and is signed in. An unknown, used or expired
    link, or password sign-in turned off, is a 404: the link says nothing to a guesser."""
    found = Invitation.objects.filter(token_digest=token_digest(token)).first()
    if not (settings.PASSWORD_LOGIN_ENABLED and found and found.usable):
        raise Http404("No such invitation.")
    form = AcceptInvitationForm(request.POST or None, invitation=found)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(invitation=found, password=form.cleaned_data["password2"])
        except services.InvitationUnusable as exc:
            raise Http404(str(exc)) from exc
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}: your account is ready.")
        return redirect("home")
    return render(request, "accounts/invitation.html", {"form": form, "invitation": found})
