"""A small JPEG preview of a document: an image scaled down, or the first page of a PDF.

PDFs are rendered with PDFium (pypdfium2): the engine of Chromium's own viewer, in a wheel with no
system library or subprocess; its JavaScript support is off, and only the first page is rendered,
at a scale chosen from the page's size, so a huge page costs no more than a small one.
"""

import io
import logging

import pypdfium2
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from .validation import IMAGE_TYPES

logger = logging.getLogger(__name__)

SIDE = 480


def thumbnail(upload, content_type: str) -> ContentFile | None:
    """The preview of a checked upload, or None for a type without one (text) or a PDF PDFium
    cannot open (protected by a password, say): the document is kept, without a preview."""
    upload.seek(0)
    if content_type in IMAGE_TYPES:
        with Image.open(upload) as image:
            image.draft("RGB", (SIDE, SIDE))
            picture = ImageOps.exif_transpose(image).convert("RGB")
    elif content_type == "application/pdf":
        picture = _first_page(upload.read())
        if picture is None:
            return None
    else:
        return None
    upload.seek(0)
    picture.thumbnail((SIDE, SIDE))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=80, optimize=True)
    return ContentFile(out.getvalue(), name="thumbnail.jpg")


def _first_page(data: bytes) -> Image.Image | None:
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        logger.info("No preview of a PDF: %s", exc)
        return None
    try:
        if len(pdf) == 0:
            return None
        page = pdf[0]
        width, height = page.get_size()
        scale = SIDE / max(width, height, 1)
        return page.render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()
