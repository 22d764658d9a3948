"""Hypothesis strategies of boundary input: what a bad-input sweep tries on every field and query
parameter. The number limits come from the code itself (every form's fields, the plausible bounds in
each unit), so a new field or bound is tried without anyone listing it here."""

import csv
import datetime
import io
from decimal import Decimal

from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st
from PIL import Image

from fuel_logs.csv_io import header
from fuel_logs.forms import PRICE_LIMIT, QUANTITY_LIMITS, TOTAL_LIMIT
from motovault.numbers import ODOMETER_LIMITS, VOLUME_LIMITS

HUGE = "x" * 200_000  # over the csv module's 131,072-character field limit, and any column's
NOT_NUMBERS = ["sNaN", "-sNaN", "NaN", "-NaN", "Infinity", "-Infinity", "inf", "1e309", "-1e309", "1E+999999", "-0"]
ODD_TEXT = [
    "",
    "\x00",
    "a\x00b",
    "\x01\x1b[31m\x7f",
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u200e",  # right-to-left and left-to-right marks
    "²",  # a digit to str.isdigit(), not to int()
    "١٢٣",  # Arabic-Indic digits: int() and Decimal() read them
    '=HYPERLINK("http://example.com")',
    "99999999999999999999",  # beyond a bigint: an id in a lookup
    "<script>alert(1)</script>",
    HUGE,
]
DATES = [
    datetime.date.max.isoformat(),
    (datetime.date.max - datetime.timedelta(days=1)).isoformat(),
    datetime.date.min.isoformat(),
    "0000-01-01",
    "2024-02-30",
    "2024-13-01",
    "10000-01-01",
    "275760-09-13",  # the largest date a browser's picker offers
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "2024-13-01T25:61",
    "9999-12-31 23:59:59.999999",
]


def _decimal_extremes(max_digits: int, places: int) -> list[str]:
    """The largest number a field of ``max_digits`` and ``places`` accepts as typed, and just over it."""
    whole = max_digits - places
    return ["9" * whole + ("." + "9" * places if places else ""), "1" + "0" * whole]


def project_forms() -> list[type[forms.BaseForm]]:
    """Every form class our apps define."""
    ours = {config.name for config in apps.get_app_configs() if not config.name.startswith("django")}

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [cls for cls in subclasses(forms.BaseForm) if cls.__module__.split(".")[0] in ours]


def kind_of(field: forms.Field) -> str:
    if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        return "number"
    if isinstance(field, forms.DateField | forms.DateTimeField):
        return "date"
    return "text"


def number_boundaries() -> list[str]:
    """Each plausible bound, in every unit, and just above it; the largest value each form field
    takes as typed, and just above it."""
    limits = {*ODOMETER_LIMITS.values(), *VOLUME_LIMITS.values(), *QUANTITY_LIMITS.values(), PRICE_LIMIT, TOTAL_LIMIT}
    values = {value for limit in limits for value in (str(limit), str(limit + Decimal("0.001")))}
    for form in project_forms():
        for field in form.base_fields.values():
            if isinstance(field, forms.DecimalField) and field.max_digits:
                values |= set(_decimal_extremes(field.max_digits, field.decimal_places or 0))
            elif isinstance(field, forms.IntegerField):
                values |= {str(2**31), str(2**63)}
    return sorted(values)


def text_boundaries() -> list[str]:
    """Odd text, and one character more than each form field takes."""
    lengths = {
        field.max_length
        for form in project_forms()
        for field in form.base_fields.values()
        if getattr(field, "max_length", None)
    }
    return ODD_TEXT + ["x" * (length + 1) for length in sorted(lengths)]


def boundaries() -> dict[str, list[str]]:
    """Every boundary value, by the kind of field it is meant for (hypothesis draws from these)."""
    return {"number": NOT_NUMBERS + number_boundaries(), "date": DATES, "text": text_boundaries()}


def sweep_values() -> dict[str, list[str]]:
    """The values a sweep tries one at a time in every field of their kind: each plausible bound
    just passed in every unit, each field's largest value as typed and just past it, the calendar's
    ends, numbers that are not numbers, and text no field should choke on. ``None`` (a parameter
    whose kind is not known) gets a few of each."""
    limits = [value for value in number_boundaries() if "." in value or len(value) > 9]
    text = ["", "\x00", "\u202e\u200f\x01\x1b[31m\x7f", "²", "99999999999999999999", HUGE]
    dates = [datetime.date.max.isoformat(), datetime.date.min.isoformat(), "2024-02-30", "275760-09-13"]
    not_numbers = ["sNaN", "NaN", "Infinity", "-Infinity", "1e309", "-0"]
    return {
        "number": not_numbers + limits,
        "date": dates + ["9999-12-31T23:59", "0001-01-01T00:00"],
        "text": text,
        None: not_numbers[:5] + dates[:2] + text[1:],
    }


def boundary_values(kind: str | None = None) -> st.SearchStrategy[str]:
    """One input value: mostly a boundary of the field's kind (any kind when it is not known),
    sometimes anything at all."""
    by_kind = boundaries()
    known = by_kind[kind] if kind else [value for values in by_kind.values() for value in values]
    return st.one_of(
        st.sampled_from(known),
        st.sampled_from(known),
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.dates().map(str),
        st.text(st.characters(codec="utf-8"), max_size=30),
    )


def _png(width: int, height: int, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, "PNG")
    return out.getvalue()


BOMB = _png(12_000, 12_000, "1")  # 144 megapixels in about 20 kB
TINY = _png(2, 2)


GOOD_ROW = ["2024-01-01T08:00:00+00:00", "Civic", "1000", "petrol", "10", "gal", "3.5", "", "", "yes", "no", ""]


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([header("mi"), *rows])
    return out.getvalue().encode()


def _with_cell(cell: str, index: int) -> bytes:
    return _csv([[*GOOD_ROW[:index], cell, *GOOD_ROW[index + 1 :]]])


def sweep_files() -> list[bytes]:
    """The files a sweep tries one at a time in every file field: a fill-up twice in one file, a
    cell over the csv module's limit, each number cell at a boundary, images a photo must refuse."""
    numbers = [_with_cell(value, index) for index in (2, 4, 6, 7) for value in ("sNaN", "999999999.999", "1e309")]
    pictures = [TINY, BOMB, TINY[: len(TINY) // 2]]
    return [_csv([GOOD_ROW, GOOD_ROW]), _with_cell(HUGE, 11), _with_cell("=1+1", 11), *numbers, *pictures, b""]


def csv_files() -> st.SearchStrategy[bytes]:
    """Our CSV format with boundary cells anywhere, or not CSV at all."""
    row = st.lists(boundary_values(), min_size=12, max_size=12)
    return st.one_of(
        st.lists(row, min_size=1, max_size=3).map(_csv),
        st.builds(_with_cell, boundary_values(), st.integers(0, 11)),
        st.sampled_from([*sweep_files(), b"\xff\xfe\x00", b"date\n" + b"x" * 10]),
    )


def uploads() -> st.SearchStrategy[SimpleUploadedFile]:
    """A file for any file field: a CSV, an image (tiny, a decompression bomb, cut short) or junk."""
    return st.one_of(
        csv_files().map(lambda content: SimpleUploadedFile("fuel.csv", content, content_type="text/csv")),
        st.sampled_from([TINY, BOMB, TINY[: len(TINY) // 2], b"GIF89a", b""]).map(
            lambda content: SimpleUploadedFile("photo.png", content, content_type="image/png")
        ),
    )
