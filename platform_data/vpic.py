"""NHTSA's vPIC data, offline, as the ``ultravin`` package carries it: the catalog rows for the model
years after the EPA file, and what one VIN decodes to. Nothing here opens a network connection.

The catalog rows come from a file built from ultravin's data (``manage.py build_vpic_catalog``,
two to three minutes) and shipped beside the EPA file, so the import stays quick: decoding
the whole of vPIC's patterns for every year takes far longer than the 20 s the import may take.
The file is named after the vPIC data month it was built from; a test fails when the installed
ultravin carries another month, which is the cue to rebuild it."""

import csv
import datetime
import gzip
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path

import ultravin

from platform_data.epa import EpaFileError
from platform_data.models import Configuration, Fuel, Make, VehicleModel
from platform_data.vin import with_model_year

DATA_DIR = Path(__file__).resolve().parent / "data"
# The first model year vPIC fills in; the EPA file covers the years before it.
FIRST_YEAR = 2016
LIGHT_VEHICLE_TYPES = {"PASSENGER CAR", "MULTIPURPOSE PASSENGER VEHICLE (MPV)", "TRUCK"}
# Trucks up to 14,000 lb (classes 1 to 3): pickups and vans, not tractors or fire engines. Where
# a decode has no weight rating (the pattern that names the model often does not set it), the
# body says it.
LIGHT_TRUCK_CLASSES = ("Class 1", "Class 2", "Class 3")
LIGHT_TRUCK_BODIES = ("Pickup", "Van", "Sport Utility")
# Elements of a decode, by the vPIC variable names ultravin uses.
ATTRIBUTES = {
    "make": "Make",
    "model": "Model",
    "trim": "Trim",
    "cylinders": "Engine Number of Cylinders",
    "displacement": "Displacement (L)",
    "fuel_raw": "Fuel Type - Primary",
    "electrification": "Electrification Level",
    "drive": "Drive Type",
    "transmission": "Transmission Style",
    "body_class": "Body Class",
}
FUEL_BY_SPELLING = {
    "gasoline": Fuel.GASOLINE,
    "diesel": Fuel.DIESEL,
    "electric": Fuel.ELECTRICITY,
    "flexible fuel vehicle (ffv)": Fuel.FLEX,
    "compressed natural gas (cng)": Fuel.CNG,
    "liquefied petroleum gas (propane or lpg)": Fuel.PROPANE,
}
# vPIC error codes that mean it knows nothing of the vehicle (maker not registered, no data).
UNKNOWN_VEHICLE_CODES = {6, 7, 8}


class VpicFileError(EpaFileError):
    """The vPIC catalog file cannot be imported as it is (same shape as the EPA file's error)."""


@dataclass(frozen=True, slots=True)
class VpicRow:
    """One combination of values vPIC gives for a model year; ``make`` as vPIC spells it."""

    year: int
    make: str
    model: str
    trim: str = ""
    cylinders: int | None = None
    displacement: Decimal | None = None
    fuel_raw: str = ""
    electrification: str = ""
    drive: str = ""
    transmission: str = ""
    body_class: str = ""

    @property
    def key(self) -> str:
        """Stands for the row in the catalog (``Configuration.vpic_key``): all its values."""
        return "|".join("" if value is None else str(value) for value in astuple(self))

    @property
    def fuel(self) -> str:
        if self.electrification.startswith("BEV"):
            return Fuel.ELECTRICITY
        if self.electrification.startswith("PHEV"):
            return Fuel.PLUG_IN_HYBRID
        return FUEL_BY_SPELLING.get(self.fuel_raw.lower(), Fuel.OTHER)

    def details(self) -> tuple:
        """The values that tell the configurations of one model apart."""
        return astuple(self)[3:]


@dataclass(frozen=True, slots=True)
class VinDecode:
    """What NHTSA's data says of a VIN: ``in_data`` when it knows the maker, ``row`` when it
    knows the model too (the values a catalog row of that year would have)."""

    wmi: str
    year: int | None
    make: str
    in_data: bool
    row: VpicRow | None


COLUMNS = tuple(field.name for field in fields(VpicRow))


def shipped_file() -> Path:
    """The catalog file for the vPIC data month of the installed ultravin."""
    return DATA_DIR / f"vpic-{ultravin.provenance()['data_month']}.csv.gz"


def row_from_attributes(year: int | None, attributes: dict) -> VpicRow | None:
    """The catalog row a decode stands for; None without a model year, make and model."""
    values = {name: _text(attributes.get(variable)) for name, variable in ATTRIBUTES.items()}
    if not (year and values["make"] and values["model"]):
        return None
    return VpicRow(
        year=year,
        **{name: value for name, value in values.items() if name not in ("cylinders", "displacement")},
        cylinders=_cylinders(values["cylinders"]),
        displacement=_litres(values["displacement"]),
    )


def decode(vin: str) -> VinDecode:
    """Decode a checked VIN (see ``vin_errors``) from the data in the package: no network."""
    decoded = ultravin.decode(vin)
    attributes = decoded["attributes"]
    make = _text(attributes.get("Make"))
    in_data = bool(make) and not UNKNOWN_VEHICLE_CODES & set(decoded["error_codes"])
    return VinDecode(
        wmi=decoded["wmi"],
        year=decoded["model_year"],
        make=display_make(make),
        in_data=in_data,
        row=row_from_attributes(decoded["model_year"], attributes) if in_data else None,
    )


def is_light_vehicle(attributes: dict) -> bool:
    """A car, SUV, van or light truck: what the app keeps a log of."""
    kind = attributes.get("Vehicle Type")
    if kind == "TRUCK":
        weight = attributes.get("Gross Vehicle Weight Rating From") or ""
        body = attributes.get("Body Class") or ""
        return weight.startswith(LIGHT_TRUCK_CLASSES) or (
            not weight and any(word in body for word in LIGHT_TRUCK_BODIES)
        )
    return kind in LIGHT_VEHICLE_TYPES


def build_rows(*, first_year: int = FIRST_YEAR, last_year: int | None = None) -> list[VpicRow]:
    """Every light-vehicle combination vPIC knows for the model years asked (up to next year's).

    ultravin's sweep gives one VIN per vPIC pattern, each at one model year; the same VIN with
    another year character (and its check digit) decodes as that year where the manufacturer's
    scheme covers it. Combinations that only repeat part of another one of the same model
    (a pattern that sets the model but not the engine) are left out."""
    last_year = last_year or datetime.date.today().year + 1
    sweep = ultravin.sweep(["pattern"])
    light = [decoded["vin"] for decoded in ultravin.decode_batch(sweep) if is_light_vehicle(decoded["attributes"])]
    rows: set[VpicRow] = set()
    for year in range(first_year, last_year + 1):
        variants = [with_model_year(vin, year) for vin in light]
        for decoded in ultravin.decode_batch(variants, years=[year] * len(variants)):
            if decoded["model_year"] == year and is_light_vehicle(decoded["attributes"]):
                row = row_from_attributes(year, decoded["attributes"])
                if row is not None:
                    rows.add(row)
    return sorted(_without_partial_rows(rows), key=lambda row: row.key)


def write_file(path: Path, rows: Iterable[VpicRow]) -> None:
    """A gzip'd CSV, byte for byte the same for the same rows (no timestamp inside)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(("" if value is None else value for value in astuple(row)) for row in rows)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as packed:
        packed.write(text.getvalue().encode())


def read_file(path: Path) -> Iterator[VpicRow]:
    """The rows of a file ``write_file`` made, checked; raises ``VpicFileError`` at the first bad one."""
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream, strict=True)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise VpicFileError(1, f"expected the columns {', '.join(COLUMNS)}")
            for record in reader:
                try:
                    yield _parse(record)
                except (ValueError, TypeError) as exc:
                    raise VpicFileError(reader.line_num, str(exc)) from None
    except (OSError, EOFError, csv.Error, UnicodeDecodeError) as exc:
        raise VpicFileError(0, f"the file cannot be read ({exc})") from None


def make_names(vpic_makes: Iterable[str]) -> dict[str, str]:
    """How the catalog spells each vPIC make (vPIC writes them in capitals): as a make already in
    the catalog spells it, whatever the case, else in title case ("LAND ROVER" → "Land Rover")."""
    known = {name.casefold(): name for name in Make.objects.values_list("name", flat=True)}
    return {make: known.get(make.casefold()) or display_make(make) for make in vpic_makes}


def display_make(name: str) -> str:
    """Title case, keeping short acronyms ("BMW", "GMC") as they are."""
    return " ".join(word if len(word) <= 3 else word.capitalize() for word in name.split())


def _without_partial_rows(rows: set[VpicRow]) -> list[VpicRow]:
    by_model = defaultdict(list)
    for row in rows:
        by_model[row.year, row.make, row.model].append(row)
    return [row for siblings in by_model.values() for row in siblings if not _is_partial(row, siblings)]


def _is_partial(row: VpicRow, siblings: list[VpicRow]) -> bool:
    """Another sibling has every value this row has, and more."""
    mine = row.details()
    return any(
        other is not row
        and all(value in ("", None) or value == theirs for value, theirs in zip(mine, other.details(), strict=True))
        for other in siblings
    )


def _parse(record: dict) -> VpicRow:
    if None in record or None in record.values():
        raise ValueError("the number of fields differs from the header")
    year = int(record["year"])
    if not FIRST_YEAR <= year <= 2100:
        raise ValueError(f"year should be {FIRST_YEAR} or later, not {year}")
    for name, model, field in (("make", Make, "name"), ("model", VehicleModel, "name")):
        if not record[name] or len(record[name]) > model._meta.get_field(field).max_length:
            raise ValueError(f"{name} is empty or too long")
    for name in ("trim", "fuel_raw", "electrification", "drive", "transmission", "body_class"):
        if len(record[name]) > Configuration._meta.get_field(name).max_length:
            raise ValueError(f"{name} is longer than the catalog keeps")
    return VpicRow(
        **{
            **record,
            "year": year,
            "cylinders": int(record["cylinders"]) if record["cylinders"] else None,
            "displacement": Decimal(record["displacement"]) if record["displacement"] else None,
        }
    )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _cylinders(text: str) -> int | None:
    return int(text) if text.isdecimal() and 1 <= int(text) <= 32 else None


def _litres(text: str) -> Decimal | None:
    try:
        litres = Decimal(text).quantize(Decimal("0.1"))
    except InvalidOperation:
        return None
    return litres if 0 < litres < 100 else None
