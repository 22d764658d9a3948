"""Files of every kind the documents tests upload, made here (no binary fixture in the repository)."""

import io
import struct
import zlib

import pytest
from PIL import Image

from vehicles.models import Vehicle


def png(width: int = 64, height: int = 48, colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 64, height: int = 48) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "blue").save(out, "JPEG")
    return out.getvalue()


def pdf(text_colour: str = "green") -> bytes:
    """A one-page PDF (Pillow writes an image as one)."""
    out = io.BytesIO()
    Image.new("RGB", (300, 400), text_colour).save(out, "PDF")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = 20_000) -> bytes:
    """A PNG whose header says ``side`` × ``side`` pixels, in a few hundred bytes: decoding it would
    take gigabytes, so it must be refused from its header."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\x00" * (side + 1) * 4)  # the first rows; enough for a header check
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run"
)
SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture
def vehicle(owner):
    return Vehicle.objects.create(owner=owner, year=2019, make="Mazda", model="3", nickname="Daily")


@pytest.fixture
def second_vehicle(owner):
    return Vehicle.objects.create(owner=owner, year=2008, make="Honda", model="Jazz", nickname="Spare")


def stored_files(root) -> list[str]:
    """Every file under the documents folder, relative to it."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def make_document(owner, vehicles, name: str = "policy.pdf", content: bytes | None = None, **fields):
    """A document stored through the service, as an upload would be."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.models import Document
    from documents.services import documents_create
    from documents.validation import inspect

    upload = SimpleUploadedFile(name, pdf() if content is None else content)
    (document,) = documents_create(
        user=owner, template=Document(**fields), vehicles=vehicles, files=[(upload, inspect(upload))]
    )
    return document
