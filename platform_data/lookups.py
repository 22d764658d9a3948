"""What the cascading pickers ask (years, then makes, models and configurations), served from
Redis after the first time.

Every key carries the catalog's version, a token kept in the cache. Any change to the catalog
(an admin save or delete, an import, a merge) replaces the token, which retires every cached
answer at once: nothing has to know which keys a change touches. When Redis is down, the
answers come from PostgreSQL."""

import uuid
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Exists, OuterRef

from motovault import metrics
from motovault.caching import release
from platform_data.models import Configuration, Make, Source, VehicleModel
from platform_data.vpic import VinDecode, VpicRow

VERSION_KEY = "catalog:version"
T = TypeVar("T")


def bump_version() -> None:
    """Retire every cached lookup. Call it after the change is committed (``transaction.on_commit``),
    or a reader could cache the old rows under the new version."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def version() -> str | None:
    """The current token (made on first use); None when Redis cannot be reached."""
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(VERSION_KEY)
    return token


def _cached(compute: Callable[[], T], *key_parts: object) -> T:
    token = version()
    if token is None:
        return compute()
    # The release too: an upgrade that shapes an answer differently never reads an older one.
    key = ":".join(["catalog", release(), token, *map(str, key_parts)])
    value = cache.get(key)
    metrics.cache_read("catalog", hit=value is not None)
    if value is None:
        value = compute()
        cache.set(key, value)
    return value


def years() -> list[int]:
    """Model years in the catalog, newest first."""
    return _cached(
        lambda: list(Configuration.objects.order_by("-year").values_list("year", flat=True).distinct()),
        "years",
    )


def makes(year: int) -> list[dict]:
    """``[{"id", "name"}]`` of the makes with a configuration in ``year``, by name."""
    in_year = Configuration.objects.filter(year=year, vehicle_model__make=OuterRef("pk"))
    return _cached(
        lambda: list(Make.objects.filter(Exists(in_year)).order_by("name").values("id", "name")),
        "makes",
        year,
    )


def models(year: int, make_id: int) -> list[dict]:
    """``[{"id", "name"}]`` of the make's models with a configuration in ``year``, by name."""
    in_year = Configuration.objects.filter(year=year, vehicle_model=OuterRef("pk"))
    return _cached(
        lambda: list(
            VehicleModel.objects.filter(Exists(in_year), make_id=make_id).order_by("name").values("id", "name")
        ),
        "models",
        year,
        make_id,
    )


def configurations(year: int, model_id: int) -> list[dict]:
    """The model's configurations in ``year`` (``Configuration.as_dict``). Where two share a label,
    their MPG and EPA id tell them apart."""
    return _cached(lambda: _configurations(year, model_id), "configurations", year, model_id)


def _configurations(year: int, model_id: int) -> list[dict]:
    rows = [
        config.as_dict() for config in Configuration.objects.filter(year=year, vehicle_model_id=model_id).for_picker()
    ]
    labels = Counter(row["label"] for row in rows)
    for row in rows:
        if labels[row["label"]] > 1:
            row["label"] += f" · {row['city_mpg']}/{row['highway_mpg']} mpg · EPA #{row['epa_id']}"
    return rows


def make_in_year(year: int | None, name: str | None) -> dict | None:
    """The make of this name, whatever its case, among ``makes(year)`` (a VIN's make, to pre-fill
    the picker)."""
    if year is None or not name:
        return None
    return _named(makes(year), name)


def vin_choices(decoded: VinDecode) -> dict:
    """The catalog's make, model and configuration a decoded VIN points to, as far as they go:
    ``{"make", "model", "configuration"}``, each an item of its lookup or None."""
    make = make_in_year(decoded.year, decoded.make)
    row = decoded.row
    model = _named(models(decoded.year, make["id"]), row.model) if make and row else None
    configuration = _matching_configuration(configurations(decoded.year, model["id"]), row) if model else None
    return {"make": make, "model": model, "configuration": configuration}


def _named(items: list[dict], name: str) -> dict | None:
    return next((item for item in items if item["name"].casefold() == name.casefold()), None)


def _matching_configuration(candidates: list[dict], row: VpicRow) -> dict | None:
    """The vPIC configuration the VIN's values stand for; else the one configuration (EPA or vPIC)
    that agrees with every value both sides have; else None, and the owner chooses."""
    exact = [candidate for candidate in candidates if candidate["vpic_key"] == row.key]
    agreeing = exact or [candidate for candidate in candidates if _agrees(candidate, row)]
    return agreeing[0] if len(agreeing) == 1 else None


def _agrees(candidate: dict, row: VpicRow) -> bool:
    displacement = str(row.displacement) if row.displacement is not None else None
    pairs = [
        (candidate["cylinders"], row.cylinders),
        (candidate["displacement"], displacement),
        (_gearbox(candidate["transmission"]), _gearbox(row.transmission)),
    ]
    if candidate["source"] == Source.VPIC:  # the EPA words these differently, or not at all
        names = ("trim", "drive", "body_class", "fuel_raw", "electrification")
        pairs += [(candidate[name], getattr(row, name)) for name in names]
    return all(ours == theirs for ours, theirs in pairs if ours and theirs)


def find(items: list[dict], item_id: int | None) -> dict | None:
    """The item of a lookup's answer with this id, if it is there."""
    return next((item for item in items if item["id"] == item_id), None)


def _gearbox(transmission: str) -> str:
    """Its kind: "Automatic 5-spd" (EPA), "Automatic" or "Manual/Standard" (vPIC) → "automatic", "manual"."""
    return transmission.replace("/", " ").split(" ")[0].casefold()
