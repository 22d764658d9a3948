from django.urls import include, path
from django.views.generic import DetailView, ListView, UpdateView

from motovault.mixins import OwnedMixin

from .models import Thing


class ThingDetail(OwnedMixin, DetailView):
    model = Thing
    template_name = "ownedapp/thing.html"


class ThingList(OwnedMixin, ListView):
    model = Thing
    template_name = "ownedapp/thing.html"


class ThingEdit(OwnedMixin, UpdateView):
    model = Thing
    fields = ["name"]
    template_name = "ownedapp/thing.html"
    success_url = "/things/"


urlpatterns = [
    path("things/", ThingList.as_view()),
    path("things/<int:pk>/", ThingDetail.as_view()),
    path("things/<int:pk>/edit/", ThingEdit.as_view()),
    path("", include("motovault.urls")),
]
