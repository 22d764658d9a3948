"""The REST API at /api/v1/: its authentication, its error bodies, and every resource's router.
A feature's records are added with a module in ``api/resources/`` (see ``api/crud.py``) and a
line here."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from api.auth import Bearer, Refused, Session
from api.resources import costs, documents, fuel, maintenance, odometer, stations, vehicles

api = NinjaAPI(
    title="MotoVault API",
    version="1",
    description=(
        "Your garage as JSON. Authenticate with `Authorization: Bearer <token>`: a personal access token "
        "(made on the API page of your account) or an access token the sign-in provider issued for this API. "
        "Quantities are given with their unit (the vehicle's units); money with its currency. Lists are "
        "newest first, a page at a time: pass a page's `next` as `cursor` for the following one."
    ),
    auth=[Bearer(), Session()],
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(Refused)
def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
    response = api.create_response(request, {"detail": exc.message}, status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Pydantic's refusals in the shape of the forms' (``loc``, ``msg``, ``type``)."""
    problems = [
        {
            "loc": [str(part) for part in error.get("loc", ())],
            "msg": error.get("msg", ""),
            "type": error.get("type", ""),
        }
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": problems}, status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals: a body that is not JSON is input refused like any other (422)."""
    if exc.status_code == 400:
        problem = {"loc": ["body"], "msg": str(exc), "type": "json_invalid"}
        return api.create_response(request, {"detail": [problem]}, status=422)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": "Send Authorization: Bearer <token>."}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Not allowed."}, status=403)


api.add_router("", vehicles.router)
api.add_router("", fuel.router)
api.add_router("", odometer.router)
api.add_router("", maintenance.router)
api.add_router("", documents.router)
api.add_router("", stations.router)
api.add_router("", costs.router)
