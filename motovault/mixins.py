"""The one place views get user data from: the signed-in user's live rows, nothing else."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404


def get_owned(user, model: type[Model], **lookup) -> Model:
    """The one way to fetch the object a URL names: the user's live row, or 404 (whether it is
    another user's, trashed or missing, nobody learns which). Never from the cache."""
    return get_object_or_404(model.objects.for_user(user), **lookup)


class OwnedMixin(LoginRequiredMixin):
    """For any view over an ``OwnedModel``: a signed-out visitor is sent to sign in, and the
    queryset holds only the user's live rows, so another user's object is a plain 404."""

    model: type[Model]

    def get_queryset(self) -> QuerySet:
        return self.model.objects.for_user(self.request.user)

    def get_owned(self, model: type[Model], **lookup) -> Model:
        """Another owned object named by the request (the vehicle of a fill-up, say), or 404."""
        return get_owned(self.request.user, model, **lookup)

    def form_valid(self, form):
        if form.instance.owner_id is None:
            form.instance.assign(self.request.user)
        return super().form_valid(form)


def api_login_required(view: Callable) -> Callable:
    """An API client gets a JSON 401, not the sign-in page."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return JsonResponse({"error": "Sign in to use the API."}, status=401)
        return view(request, *args, **kwargs)

    return guarded
