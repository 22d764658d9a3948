"""The one place views get user data from: the signed-in user's live rows, nothing else."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404


class OwnedMixin(LoginRequiredMixin):
    """For any view over an ``OwnedModel``: a signed-out visitor is sent to sign in, and the
    queryset holds only the user's live rows, so another user's object is a plain 404."""

    model: type[Model]

    def get_queryset(self) -> QuerySet:
        return self.model.objects.for_user(self.request.user)

    def get_owned(self, model: type[Model], **lookup) -> Model:
        """Another owned object named by the request (the vehicle of a fill-up, say), or 404."""
        return get_object_or_404(model.objects.for_user(self.request.user), **lookup)

    def form_valid(self, form):
        if form.instance.owner_id is None:
            form.instance.owner = self.request.user
        return super().form_valid(form)
