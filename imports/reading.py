"""A file as text and tables, whatever app wrote it: the encoding, the delimiter, sections, and
cells as numbers, dates and yes/no read the way the file writes them.

Nothing here knows a format: ``formats.py`` names columns and sections; this module finds them.
"""

import codecs
import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property

MAX_BYTES = 20 * 1024 * 1024
# Tried in this order after the byte-order marks: most files are UTF-8; Windows apps write cp1252;
# latin-1 reads any byte, so it comes last (a file of control bytes is refused before).
ENCODINGS = ("utf-8", "cp1252", "latin-1")


class UnreadableFile(Exception):
    """The file as a whole cannot be read: the message says why, for the person who sent it."""


def decode(raw: bytes) -> str:
    """The file's text: a byte-order mark decides, else the first of ``ENCODINGS`` that reads it.
    A binary file (a zip, a spreadsheet, a photo) is refused rather than read as nonsense."""
    if not raw.strip():
        raise UnreadableFile("The file is empty.")
    if len(raw) > MAX_BYTES:
        raise UnreadableFile(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it and import each part.")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return _text(raw.decode(encoding, errors="replace"))
    if raw[:2000].count(b"\x00") > len(raw[:2000]) // 4:  # UTF-16 without a mark: every other byte is zero
        encoding = "utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be"
        return _text(raw.decode(encoding, errors="replace"))
    for encoding in ENCODINGS:
        try:
            return _text(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("The file is not text.")  # pragma: no cover (latin-1 reads anything)


def _text(text: str) -> str:
    controls = sum(1 for char in text[:4000] if ord(char) < 32 and char not in "\r\n\t")
    if controls > 4 or "\x00" in text:
        raise UnreadableFile(
            "The file is not text: it looks like a binary file (a spreadsheet or an archive?). Save it as CSV."
        )
    return text


@dataclass
class Table:
    """One block of rows under one header: a whole plain CSV, or one ``## Section`` of a backup."""

    section: str  # "" for a file without sections; else the section's name, lower case
    header: list[str]  # as written, stripped (Fuelly's headers carry leading spaces)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line number, cells)

    @cached_property
    def names(self) -> list[str]:
        return [name.strip().lower() for name in self.header]

    @cached_property
    def _positions(self) -> dict[str, list[int]]:
        positions: dict[str, list[int]] = {}
        for index, name in enumerate(self.names):
            positions.setdefault(name, []).append(index)
        return positions

    def column(self, *candidates: str, occurrence: int = 0) -> int | None:
        """Where the first header among ``candidates`` is (its ``occurrence``-th copy, for files
        that repeat a block of columns, as Drivvo does for a flex vehicle's second fuel)."""
        for candidate in candidates:
            positions = self._positions.get(candidate.lower(), [])
            if len(positions) > occurrence:
                return positions[occurrence]
        return None


def open_tables(raw: bytes) -> list[Table]:
    """The tables of a CSV file, or of every CSV in a zip (our account export): each of those
    named by its path in the archive when it has no sections of its own."""
    if not raw.startswith(b"PK\x03\x04"):
        return tables(decode(raw))
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        found = []
        for entry in archive.infolist():
            if entry.filename.endswith(".csv") and entry.file_size <= MAX_BYTES:
                for table in tables(decode(archive.read(entry))):
                    table.section = table.section or entry.filename
                    found.append(table)
    except zipfile.BadZipFile:
        raise UnreadableFile("The file is a damaged zip archive.") from None
    if not found:
        raise UnreadableFile("This archive holds no CSV file (a spreadsheet? Save it as CSV and send that).")
    return found


SECTION = re.compile(r"^\s*##\s*(.+?)\s*$")


def tables(text: str) -> list[Table]:
    """The file's tables. A line ``## Name`` (alone, maybe quoted) opens a section whose next line
    is its header; a file without one is a single table under its first line."""
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    found: list[Table] = []
    section: str | None = ""
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            marker = SECTION.match(cells[0]) if not any(cell.strip() for cell in cells[1:]) else None
            if marker:
                section = marker[1].lower()
                continue
            if section is not None:
                found.append(Table(section, [cell.strip().lstrip("\ufeff") for cell in cells]))
                section = None
            elif found:
                found[-1].rows.append((line, cells))
    except csv.Error as problem:
        raise UnreadableFile(f"Line {reader.line_num} cannot be read as CSV: {problem}.") from None
    return found


def _delimiter(text: str) -> str:
    """The delimiter of the first line that has one: ``;`` (Spritmonitor, many European exports),
    tab, or the comma; counted outside quotes."""
    for line in text.splitlines()[:5]:
        counts = {d: len(next(csv.reader([line], delimiter=d), [])) for d in (",", ";", "\t")}
        best = max(counts, key=counts.get)
        if counts[best] > 1:
            return best
    return ","


# Numbers.

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_CURRENCY = re.compile(r"[^\d.,+\-]")
# A number with at most a currency's sign or code around it.
_AMOUNT = re.compile(r"[^\d.,+\-]{0,4}([-+]?[\d.,]*\d[\d.,]*)[^\d.,+\-]{0,4}")


def number_style(cells: list[str]) -> str | None:
    """ "." or "," as the file's decimal mark, when its numbers decide it; None when none does
    (every number whole, or only ``1,234``-like cells that read either way)."""
    for cell in cells:
        cell = _CURRENCY.sub("", _SPACES.sub("", cell))
        dot, comma = cell.rfind("."), cell.rfind(",")
        if dot >= 0 and comma >= 0:
            return "." if dot > comma else ","
        for mark, position in ((".", dot), (",", comma)):
            if position >= 0 and (cell.count(mark) > 1):
                return "," if mark == "." else "."  # repeated: thousands, so the other one is decimal
            if position >= 0 and len(cell) - position - 1 != 3:
                return mark
    return None


def parse_number(cell: str, decimal_mark: str) -> Decimal | None:
    """A cell as a number, with the file's decimal mark; a currency around it and thousands
    separators (``$1,234.56``, ``1.234,56 €``, ``EUR 12,50``) dropped. None for an empty cell;
    ValueError when it is not a number."""
    cell = _SPACES.sub("", cell)
    if not cell:
        return None
    number = _AMOUNT.fullmatch(cell)
    if number is None:
        raise ValueError(cell)
    grouping = "," if decimal_mark == "." else "."
    try:
        value = Decimal(number[1].replace(grouping, "").replace(decimal_mark, "."))
    except InvalidOperation:
        raise ValueError(cell) from None
    if not value.is_finite():
        raise ValueError(cell)
    return value


# Dates.

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(.*))?$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})(?:[T\s,]+(.*))?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?")
DAY_FIRST, MONTH_FIRST = "dmy", "mdy"
DATE_ORDERS = {DAY_FIRST: "day first (31/12/2024)", MONTH_FIRST: "month first (12/31/2024)"}


def date_order(cells: list[str]) -> str | None:
    """The order the file's dates decide: a first number above 12 is a day, a second one above 12
    is a day too. None when every date reads both ways (or is ISO, where there is no question)."""
    for cell in cells:
        match = _NUMERIC.match(cell.strip())
        if match:
            first, second = int(match[1]), int(match[2])
            if first > 12 >= second:
                return DAY_FIRST
            if second > 12 >= first:
                return MONTH_FIRST
    return None


def needs_date_order(cells: list[str]) -> bool:
    return any(_NUMERIC.match(cell.strip()) for cell in cells)


def parse_datetime(cell: str, order: str | None, time_cell: str = "") -> datetime.datetime:
    """A date and time as the file writes it (ISO, or day/month with ``order``), naive unless it
    names its UTC offset; noon when it gives no time, so a day's fill-ups stay on that day in any
    time zone near the user's. ValueError with what was expected when it does not read."""
    cell = cell.strip()
    iso = _ISO.match(cell)
    if iso and iso[4]:
        try:
            return datetime.datetime.fromisoformat(cell)  # our own export: with its UTC offset
        except ValueError:
            pass
    if iso:
        year, month, day, rest = int(iso[1]), int(iso[2]), int(iso[3]), iso[4]
    else:
        numeric = _NUMERIC.match(cell)
        if not numeric:
            raise ValueError("a date such as 2024-12-31")
        a, b, year, rest = int(numeric[1]), int(numeric[2]), int(numeric[3]), numeric[4]
        if year < 100:
            year += 2000 if year < 70 else 1900
        if order is None:
            raise ValueError("a date order: choose day first or month first")
        day, month = (a, b) if order == DAY_FIRST else (b, a)
        if month > 12:
            this, other = ("day", "month") if order == DAY_FIRST else ("month", "day")
            raise ValueError(f"{other}-first date, but the file was read as {this}-first: choose the date order")
    hour, minute, second = _time(time_cell or rest or "")
    try:
        return datetime.datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise ValueError("a date that exists") from None


def _time(text: str) -> tuple[int, int, int]:
    match = _TIME.match(text.strip())
    if not match:
        return 12, 0, 0
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        hour = hour % 12 + (12 if match[4].lower() == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return 12, 0, 0
    return hour, minute, second


# Yes and no, in the languages of the apps we read.

YES = {"1", "true", "yes", "y", "x", "sim", "s", "sí", "si", "да", "ja", "oui", "wahr", "verdadero", "verdadeiro"}
NO = {"0", "false", "no", "n", "não", "nao", "нет", "nein", "non", "falsch", "falso", ""}


def parse_yes(cell: str) -> bool:
    """ValueError for a word that is neither."""
    word = cell.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError("yes or no")
