"""Station pages. Every one starts from the signed-in user's rows (OwnedMixin): another user's
station is a 404, a signed-out visitor is sent to sign in."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.views import View
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from motovault.mixins import OwnedMixin
from stations import places, selectors, services
from stations.forms import CheapestForm, FindForm, SearchForm, StationForm
from stations.models import Station


def _rows(request: HttpRequest, text: str, undo: Station | None = None) -> dict:
    return {"stations": selectors.search(request.user, text), "q": text, "undo": undo, "provider": places.configured()}


class StationListView(OwnedMixin, TemplateView):
    """The user's stations, favourites first; searched by name, brand or address."""

    model = Station
    template_name = "stations/list.html"

    def get_template_names(self) -> list[str]:
        return [f"{self.template_name}#station-rows" if self.request.htmx else self.template_name]

    def get_context_data(self, **kwargs) -> dict:
        form = SearchForm(self.request.GET)
        text = form.cleaned_data["q"] if form.is_valid() else ""
        deleted = self.request.GET.get("deleted", "")
        undo = None
        if deleted.isdecimal():
            undo = Station.objects.trashed_for_user(self.request.user).filter(pk=int(deleted)).first()
        return super().get_context_data(search_form=form, **_rows(self.request, text, undo), **kwargs)

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


class StationFormMixin(OwnedMixin):
    model = Station
    required_role = None  # a station is its user's own, never shared
    form_class = StationForm
    template_name = "stations/form.html"

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "owner": self.request.user}

    def form_valid(self, form) -> HttpResponse:
        try:
            self.object = form.save()
        except ValidationError as problem:
            form.add_error(None, problem)
            return self.form_invalid(form)
        messages.success(self.request, f"Saved {self.object}.")
        return HttpResponseRedirect(reverse("stations:detail", args=[self.object.pk]))


class StationCreateView(StationFormMixin, CreateView):
    """A station typed in, or one found by the provider's search (its fields come prefilled)."""

    PREFILLED = ("name", "address", "latitude", "longitude", "place_id")

    def get_initial(self) -> dict:
        return {name: self.request.GET[name] for name in self.PREFILLED if self.request.GET.get(name)}


class StationUpdateView(StationFormMixin, UpdateView):
    pass


class StationDetailView(OwnedMixin, DetailView):
    """A station and what the user paid there: latest and average price per energy and grade,
    and their history (a memoized value the template caches as a fragment)."""

    model = Station
    template_name = "stations/detail.html"
    required_role = None  # a station is its user's own, never shared

    def get_context_data(self, **kwargs) -> dict:
        pk = self.object.pk
        prices = SimpleLazyObject(lambda: selectors.station_prices(self.request.user, pk))
        return super().get_context_data(prices=prices, **kwargs)


class StationActionView(OwnedMixin, SingleObjectMixin, View):
    """A button on a station (POST only): the station the URL names, then ``act``."""

    model = Station
    required_role = None  # a station is its user's own, never shared
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.object = self.get_object()
        return self.act(request, self.object)

    def act(self, request: HttpRequest, station: Station) -> HttpResponse:
        raise NotImplementedError


class StationFavouriteView(StationActionView):
    """Mark or unmark a favourite: the list's rows in place (HTMX), else back to the station. A
    GET (a link followed, a bookmark) only leads to the station."""

    http_method_names = ["get", "post"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponseRedirect(reverse("stations:detail", args=[self.get_object().pk]))

    def act(self, request: HttpRequest, station: Station) -> HttpResponse:
        services.station_favourite(station=station, favourite=request.POST.get("favourite") == "yes")
        if request.htmx:
            return render(request, "stations/list.html#station-rows", _rows(request, request.POST.get("q", "")[:100]))
        return HttpResponseRedirect(reverse("stations:detail", args=[station.pk]))


class StationDeleteView(StationActionView):
    """To the trash, with Undo on the list."""

    def act(self, request: HttpRequest, station: Station) -> HttpResponse:
        services.station_trash(station=station)
        return HttpResponseRedirect(f"{reverse('stations:list')}?deleted={station.pk}")


class TrashedStationView(StationActionView):
    def get_queryset(self):
        return Station.objects.trashed_for_user(self.request.user)


class StationRestoreView(TrashedStationView):
    def act(self, request: HttpRequest, station: Station) -> HttpResponse:
        try:
            services.station_restore(station=station)
        except ValidationError as problem:
            messages.error(request, f"{station} cannot come back: {problem.messages[0]}")
            return HttpResponseRedirect(reverse("vehicles:trash"))
        messages.success(request, f"Restored {station}.")
        return HttpResponseRedirect(reverse("stations:detail", args=[station.pk]))


class StationPurgeView(TrashedStationView):
    def act(self, request: HttpRequest, station: Station) -> HttpResponse:
        try:
            services.station_purge(station=station)
        except ValidationError as problem:
            messages.error(request, problem.messages[0])
        else:
            messages.success(request, f"Deleted {station} for good.")
        return HttpResponseRedirect(reverse("vehicles:trash"))


class FindView(OwnedMixin, TemplateView):
    """The provider's search (when a key is configured): by text, or around a point the user
    types or their browser gives. Each result can be added, its fields prefilled."""

    model = Station
    template_name = "stations/find.html"

    def get_context_data(self, **kwargs) -> dict:
        context = {"provider": places.configured(), "form": FindForm(), "results": None, "problem": ""}
        if context["provider"] and self.request.GET:
            form = context["form"] = FindForm(self.request.GET)
            if form.is_valid():
                context.update(self.search(form.cleaned_data))
        return super().get_context_data(**context, **kwargs)

    def search(self, data: dict) -> dict:
        text, point = data["q"].strip(), data["point"]
        try:
            results = places.text_search(text, point) if text else places.nearby_search(*point)
        except places.PlacesError as problem:
            return {"problem": str(problem)}
        if not results:
            return {"results": [], "problem": "No station found. Try other words, or add the station by hand."}
        known = set(Station.objects.for_user(self.request.user).values_list("place_id", flat=True))
        return {"results": [(place, place.place_id in known) for place in results]}


class CheapestView(OwnedMixin, TemplateView):
    """Where a fuel is cheapest, from the user's own fill-ups: their stations ranked by recent
    price, with a full tank of each of their vehicles; optionally nearest first."""

    model = Station
    template_name = "stations/cheapest.html"

    @cached_property
    def form(self) -> CheapestForm:
        return CheapestForm(self.request.GET, fuels=selectors.fuels(self.request.user))

    def get_context_data(self, **kwargs) -> dict:
        question = self.form.question()
        if question is None:
            return super().get_context_data(form=self.form, question=None, **kwargs)
        energy, grade, days, point = question
        user, today = self.request.user, timezone.localdate()
        ranking = SimpleLazyObject(lambda: selectors.cheapest(user, energy, grade, days, today))

        def rows() -> list:
            """Read only when the table is not in the cache."""
            return ranking.by_distance(point, user.distance_unit) if point else ranking.stations

        latitude, longitude = point or (None, None)
        context = {"ranking": ranking, "rows": rows, "point": point, "today": today}
        question = {"energy": energy, "grade": grade, "days": days, "latitude": latitude, "longitude": longitude}
        return super().get_context_data(form=self.form, question=question, **context, **kwargs)
