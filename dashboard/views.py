from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from dashboard import selectors


def home(request: HttpRequest) -> HttpResponse:
    """The landing page; signed in, the garage at a glance on the user's today."""
    context = {}
    if request.user.is_authenticated:
        today = timezone.localdate()  # the user's day: UserTimeZoneMiddleware
        context = {"today": today, "glance": SimpleLazyObject(lambda: selectors.glance(request.user, today))}
    return render(request, "dashboard/home.html", context)
