"""What an uploaded file must be before anything of it is stored: not empty, not too big, of a type
we accept judged from its content (never its name), and, for an image, not a decompression bomb.

The name a browser sends has already lost any path and every non-printable character (control and
direction marks) in Django's multipart parser; what is left is kept as text for the download only.
"""

import hashlib
import re
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

# The types we keep, found from the content, with the extension their stored name gets.
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
    "text/plain": "txt",
}
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/heic"}
# A browser shows these itself; anything else (HEIC, text) is served as an attachment.
INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp"}
# An image larger than this is refused before it is decoded (a 20,000 × 20,000 PNG of a few
# kilobytes would take 1.6 GB to decode).
IMAGE_MAX_PIXELS = 50_000_000
# Text that a browser could take for a page or a drawing: markup is never "plain text".
MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|meta|a\s)", re.IGNORECASE)
CHUNK = 1 << 20


@dataclass(frozen=True)
class Inspected:
    content_type: str
    size: int
    sha256: str


def inspect(upload: UploadedFile) -> Inspected:
    """The checked facts of ``upload``, or a ValidationError saying what is wrong with it."""
    name = upload.name or "the file"
    if not upload.size:
        raise ValidationError(f"“{name}” is empty.", code="empty")
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"“{name}” is {filesizeformat(upload.size)}; a document may be {filesizeformat(limit)} at most.",
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else _text_type(upload)
    if content_type not in EXTENSIONS:
        raise ValidationError(
            f"“{name}” is not a file we keep ({kind.mime if kind else 'unknown content'}): "
            "upload a PDF, a JPEG, PNG, WebP or HEIC image, or a plain text file.",
            code="type",
        )
    if content_type in IMAGE_TYPES:
        _check_image(upload, name)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return Inspected(content_type, upload.size, digest.hexdigest())


def _text_type(upload: UploadedFile) -> str | None:
    """text/plain for UTF-8 text without control characters or markup (an HTML page named .jpg, an
    SVG with a script are neither), else None."""
    upload.seek(0)
    data = upload.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text) or MARKUP.search(data):
        return None
    return "text/plain"


def _check_image(upload: UploadedFile, name: str) -> None:
    """Refuse an image too large to decode safely, or one that does not decode at all; its header is
    read first, the pixels only when the size is acceptable."""
    upload.seek(0)
    too_many = ValidationError(
        f"“{name}” has too many pixels: an image may have {IMAGE_MAX_PIXELS // 1_000_000} million at most.",
        code="too_many_pixels",
    )
    try:
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > IMAGE_MAX_PIXELS:
                raise too_many
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:  # Pillow's own limit, met while reading the header
        raise too_many from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(f"“{name}” is not a readable image ({exc.__class__.__name__}).", code="image") from exc
