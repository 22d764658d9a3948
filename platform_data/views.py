"""The catalog's two faces, both for signed-in people only: the browse page with its HTMX option
fragments (for any form with the cascading pickers), and JSON under ``/api/platform/``."""

from dataclasses import asdict

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motovault.mixins import api_login_required
from platform_data import lookups
from platform_data.forms import BrowseQuery, LookupQuery
from platform_data.vin import vin_errors
from platform_data.vpic import decode

PICKER = "platform_data/picker.html"


@require_GET
@login_required
def browse(request: HttpRequest) -> HttpResponse:
    """Year, make, model, configuration, then the EPA figures. Each choice loads the next list
    through a fragment; without JavaScript the form's GET does the same."""
    return render(request, PICKER, _browse_state(request))


@require_GET
@login_required
def configuration_details(request: HttpRequest) -> HttpResponse:
    return render(request, f"{PICKER}#configuration-details", _browse_state(request))


@require_GET
@login_required
def options(request: HttpRequest, *, query_class: type[LookupQuery], partial: str) -> HttpResponse:
    """``<option>``s for one picker: "Choose …" and the answers. Only the first while the picker
    above has no choice yet."""
    query = query_class(request.GET)
    if query.awaiting_choice():
        return render(request, f"{PICKER}#{partial}", {"items": [], "selected": None})
    if not query.is_valid():
        return HttpResponseBadRequest(query.error_text(), content_type="text/plain; charset=utf-8")
    return render(
        request, f"{PICKER}#{partial}", {"items": query.results(), "selected": query.cleaned_data["selected"]}
    )


@require_GET
@api_login_required
def api_lookup(request: HttpRequest, *, query_class: type[LookupQuery], key: str) -> JsonResponse:
    query = query_class(request.GET)
    if not query.is_valid():
        return JsonResponse({"error": query.error_text(), "fields": query.errors}, status=400)
    return JsonResponse({key: query.results()})


@require_GET
@api_login_required
def api_vin(request: HttpRequest) -> JsonResponse:
    """Checks a VIN and decodes it from NHTSA's data (offline), with the ids in the catalog of its
    make, model and configuration where there are (to pre-fill the pickers). The VIN comes as a
    query parameter: paths are logged."""
    vin = request.GET.get("vin", "")
    errors = vin_errors(vin)
    if errors:
        return JsonResponse({"error": " ".join(errors), "errors": errors}, status=400)
    decoded = decode(vin.strip().upper())
    chosen = lookups.vin_choices(decoded)
    row = decoded.row
    # "vehicle": what NHTSA's data says of the model (None where it knows only the maker, or nothing).
    return JsonResponse(
        {
            "year": decoded.year,
            "make": decoded.make if decoded.in_data else None,
            "wmi": decoded.wmi,
            "in_nhtsa_data": decoded.in_data,
            "vehicle": {**asdict(row), "displacement": _text(row.displacement), "fuel": row.fuel} if row else None,
            **{f"{name}_id": item["id"] if item else None for name, item in chosen.items()},
        }
    )


def _browse_state(request: HttpRequest) -> dict:
    """What is chosen so far, and the lists to choose from. Parameters that do not fit (a make
    not sold that year, say) count as not chosen; a valid VIN chooses year and make."""
    query = BrowseQuery(request.GET)
    query.is_valid()  # a part that is not valid is left out of cleaned_data: not chosen
    chosen = query.cleaned_data
    state = {"vin": chosen.get("vin", ""), "vin_errors": [], "decoded": None}
    year, from_vin = chosen.get("year"), {}
    if state["vin"]:
        state["vin_errors"] = vin_errors(state["vin"])
        if not state["vin_errors"]:
            state["decoded"] = decode(state["vin"].strip().upper())
            year = state["decoded"].year
            from_vin = lookups.vin_choices(state["decoded"])

    state["years"] = lookups.years()
    state["year"] = year if year in state["years"] else None
    state["makes"] = lookups.makes(state["year"]) if state["year"] else []
    state["make"] = from_vin.get("make") or lookups.find(state["makes"], chosen.get("make"))
    state["models"] = lookups.models(state["year"], state["make"]["id"]) if state["make"] else []
    state["model"] = from_vin.get("model") or lookups.find(state["models"], chosen.get("model"))
    state["configurations"] = lookups.configurations(state["year"], state["model"]["id"]) if state["model"] else []
    state["configuration"] = from_vin.get("configuration") or lookups.find(
        state["configurations"], chosen.get("configuration")
    )
    return state


def _text(value: object) -> str | None:
    return None if value is None else str(value)
