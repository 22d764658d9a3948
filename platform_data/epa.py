"""Reading an EPA fuel-economy file (the shipped one, or a newer one in the same layout).

Every row is checked here, before the import writes anything; a bad one stops the import with
its line number and what is wrong with it."""

import csv
import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import BinaryIO

from platform_data.models import FIRST_YEAR, LAST_YEAR, Configuration, Fuel, Make, VehicleModel

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "epa-vehicles-1984-2015.csv.gz"
COLUMNS = ("id", "make", "model", "year", "class", "trans", "drive", "cyl", "displ", "fuel", "hwy", "cty")

# Every spelling in the EPA data, folded; the original text is kept in ``fuel_raw``. A spelling
# not listed here is stored as "other" and reported by the import.
FUEL_BY_SPELLING = {
    "regular": Fuel.GASOLINE,
    "midgrade": Fuel.MIDGRADE,
    "premium": Fuel.PREMIUM,
    "diesel": Fuel.DIESEL,
    "gasoline or e85": Fuel.FLEX,
    "premium or e85": Fuel.FLEX,
    "cng": Fuel.CNG,
    "gasoline or natural gas": Fuel.CNG,
    "gasoline or propane": Fuel.PROPANE,
    "electricity": Fuel.ELECTRICITY,
    "regular gas and electricity": Fuel.PLUG_IN_HYBRID,
    "premium gas or electricity": Fuel.PLUG_IN_HYBRID,
    "premium and electricity": Fuel.PLUG_IN_HYBRID,
}


class EpaFileError(Exception):
    """The file cannot be imported as it is; ``line`` is the file's line number (1 is the header)."""

    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True, slots=True)
class EpaRow:
    """One checked row, with the catalog's field names."""

    epa_id: int
    make: str
    model: str
    year: int
    cylinders: int | None
    displacement: Decimal | None
    fuel: str
    fuel_raw: str
    transmission: str
    drive: str
    epa_class: str
    city_mpg: int
    highway_mpg: int


def read_epa_file(path: Path) -> Iterator[EpaRow]:
    """The rows of a .csv or .csv.gz file, checked; raises ``EpaFileError`` at the first bad one."""
    with _open_text(path) as stream:
        reader = csv.DictReader(stream, strict=True)
        try:
            _check_header(reader.fieldnames)
            first_seen: dict[int, int] = {}
            for record in reader:
                try:
                    row = _parse(record)
                except ValueError as exc:
                    raise EpaFileError(reader.line_num, str(exc)) from None
                if row.epa_id in first_seen:
                    raise EpaFileError(
                        reader.line_num, f"EPA id {row.epa_id} is already on line {first_seen[row.epa_id]}"
                    )
                first_seen[row.epa_id] = reader.line_num
                yield row
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise EpaFileError(reader.line_num + 1, f"the compressed file is cut short or damaged ({exc})") from None
        except UnicodeDecodeError:
            raise EpaFileError(reader.line_num + 1, "the file is not UTF-8 text") from None
        except csv.Error as exc:
            raise EpaFileError(reader.line_num + 1, f"not valid CSV ({exc})") from None


def count_rows(path: Path) -> int | None:
    """About how many rows the file has (its lines less the header), for a progress bar; None
    when it cannot be read through (``read_epa_file`` says why)."""
    try:
        with _open_binary(path) as raw:
            lines = sum(chunk.count(b"\n") for chunk in iter(partial(raw.read, 1 << 20), b""))
    except (OSError, EOFError, zlib.error):
        return None
    return max(lines - 1, 0)


def _open_binary(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")  # noqa: SIM115


@contextmanager
def _open_text(path: Path) -> Iterator[io.TextIOBase]:
    with _open_binary(path) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        yield text


def _check_header(fieldnames: list[str] | None) -> None:
    if not fieldnames:
        raise EpaFileError(1, "the file is empty")
    missing = [column for column in COLUMNS if column not in fieldnames]
    if missing:
        raise EpaFileError(1, f"missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}")


def _parse(record: dict) -> EpaRow:
    if None in record:
        raise ValueError(f"{len(record) - 1 + len(record[None])} fields where the header has {len(record) - 1}")
    if None in record.values():
        present = sum(value is not None for value in record.values())
        raise ValueError(f"only {present} of {len(record)} fields (is the file cut short?)")
    fuel_raw = _text(record, "fuel", Configuration, "fuel_raw")
    return EpaRow(
        epa_id=_whole(record, "id", 1, 2**31 - 1),
        make=_text(record, "make", Make, "name", required=True),
        model=_text(record, "model", VehicleModel, "name", required=True),
        year=_whole(record, "year", FIRST_YEAR, LAST_YEAR),
        cylinders=_whole(record, "cyl", 1, 32, required=False),
        displacement=_litres(record, "displ"),
        fuel=FUEL_BY_SPELLING.get(fuel_raw.lower(), Fuel.OTHER),
        fuel_raw=fuel_raw,
        transmission=_text(record, "trans", Configuration, "transmission"),
        drive=_text(record, "drive", Configuration, "drive"),
        epa_class=_text(record, "class", Configuration, "epa_class"),
        city_mpg=_whole(record, "cty", 0, 999),
        highway_mpg=_whole(record, "hwy", 0, 999),
    )


def _text(record: dict, column: str, model, field: str, *, required: bool = False) -> str:
    value = record[column].strip()
    if required and not value:
        raise ValueError(f"{column} is empty")
    limit = model._meta.get_field(field).max_length
    if len(value) > limit:
        raise ValueError(f"{column} is longer than {limit} characters")
    return value


def _whole(record: dict, column: str, low: int, high: int, *, required: bool = True) -> int | None:
    text = record[column].strip()
    if not text and not required:
        return None
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{column} should be a whole number, not {text!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{column} should be between {low} and {high}, not {value}")
    return value


def _litres(record: dict, column: str) -> Decimal | None:
    text = record[column].strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValueError(f"{column} should be litres like 2.4, not {text!r}")
    if not 0 <= value < 100:
        raise ValueError(f"{column} should be litres between 0 and 99.9, not {text}")
    return value.quantize(Decimal("0.1"))
