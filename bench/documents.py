"""Documents in `make bench`: a 25 MB upload and its download through the whole Django stack
(in-process, the test client: no network in the figure), and the time to make a preview."""

import hashlib
import io
import random
import time

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from documents.models import Document
from documents.seed import sample_pdf
from documents.thumbnails import thumbnail

MB = 1024 * 1024


def noise_png(limit: int) -> bytes:
    """A PNG of random pixels (it does not compress) just under ``limit`` bytes."""
    side = int((limit * 0.97 / 3) ** 0.5)
    pixels = random.Random(25).randbytes(side * side * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), pixels).save(out, "PNG", compress_level=1)
    return out.getvalue()


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def measure(client, user) -> dict:
    vehicle = user.vehicles.filter(deleted_at__isnull=True).order_by("pk").first()
    content = noise_png(settings.DOCUMENT_MAX_BYTES)
    size_mb = len(content) / MB
    upload = SimpleUploadedFile("big.png", content)
    seconds, response = timed(
        lambda: client.post(reverse("documents:add"), {"kind": "other", "vehicles": [vehicle.pk], "files": upload})
    )
    if response.status_code != 302:
        raise SystemExit(f"the 25 MB upload answered {response.status_code}")
    document = Document.objects.filter(owner=user).order_by("-pk").first()
    download_s, body = timed(lambda: b"".join(client.get(reverse("documents:download", args=[document.pk]))))
    if hashlib.sha256(body).hexdigest() != document.sha256:
        raise SystemExit("the download differs from the upload")
    png_s, _ = timed(lambda: thumbnail(io.BytesIO(content), "image/png"))
    pdf = sample_pdf()
    pdf_s, _ = timed(lambda: thumbnail(io.BytesIO(pdf), "application/pdf"))
    return {
        "file_mb": round(size_mb, 1),
        "upload_s": round(seconds, 3),
        "upload_mb_s": round(size_mb / seconds, 1),
        "download_s": round(download_s, 3),
        "download_mb_s": round(size_mb / download_s, 1),
        "thumbnail_png_ms": round(png_s * 1000, 1),
        "thumbnail_pdf_ms": round(pdf_s * 1000, 1),
    }
