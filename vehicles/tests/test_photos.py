"""Vehicle photos: re-encoded within a pixel budget, a thumbnail for the garage, and no file left
behind in storage when a photo is replaced, cleared or its vehicle purged."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from vehicles.models import Vehicle

from .test_forms import BASE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(media) -> set[str]:
    return {path.name for path in media.rglob("*") if path.is_file()}


def image_file(width: int = 800, height: int = 600, kind: str = "PNG", name: str = "car.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, kind)
    return SimpleUploadedFile(name, out.getvalue())


def save_vehicle(client, url: str = "/vehicles/add/", **data):
    return client.post(url, {**BASE, "make": "Honda", "model": "Civic", **data})


def test_a_photo_is_stored_re_encoded_with_a_thumbnail_the_garage_shows(owner_client, media):
    response = save_vehicle(owner_client, photo=image_file(4000, 3000))
    assert response.status_code == 302
    vehicle = Vehicle.objects.get()
    with Image.open(vehicle.photo) as photo, Image.open(vehicle.photo_thumbnail) as thumbnail:
        assert (photo.format, photo.size, thumbnail.size) == ("JPEG", (2048, 1536), (480, 360))
    garage = owner_client.get("/vehicles/").content.decode()
    assert f'src="/vehicles/{vehicle.pk}/photo/thumbnail/"' in garage
    response = owner_client.get(f"/vehicles/{vehicle.pk}/photo/thumbnail/")
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_the_stored_names_are_random_never_the_uploaded_name(owner_client, media):
    save_vehicle(owner_client, photo=image_file(name="..\u202egnp.exe my-car.png"))
    vehicle = Vehicle.objects.get()
    names = [vehicle.photo.name, vehicle.photo_thumbnail.name]
    assert all(name.startswith(f"vehicle-photos/{vehicle.owner_id}/") and name.endswith(".jpg") for name in names)
    assert not any("car" in name or "exe" in name for name in names) and names[0] != names[1]


def test_a_decompression_bomb_is_refused_before_it_is_decoded(owner_client, media):
    """A 12,000 x 12,000 PNG of one colour: 144 megapixels in about 20 kB."""
    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, "PNG")
    assert len(out.getvalue()) < 100_000
    response = save_vehicle(owner_client, photo=SimpleUploadedFile("bomb.png", out.getvalue()))
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [
        "This photo is too large: at most 50 are kept. Send a smaller copy."
    ]
    assert not Vehicle.objects.exists() and not stored(media)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Pillow warns, our form refuses
def test_a_photo_over_the_pixel_budget_says_how_large_it_is(owner_client, media):
    response = save_vehicle(owner_client, photo=image_file(8000, 7000, "JPEG", "big.jpg"))
    assert response.context["form"].errors["photo"] == [
        "This photo has 56 megapixels: at most 50 are kept. Send a smaller copy."
    ]
    assert not stored(media)


def test_a_truncated_image_is_refused(owner_client, media):
    whole = image_file(900, 900, "JPEG", "car.jpg").read()
    response = save_vehicle(owner_client, photo=SimpleUploadedFile("car.jpg", whole[: len(whole) // 2]))
    assert response.status_code == 200 and "photo" in response.context["form"].errors
    assert not stored(media)


def test_replacing_or_clearing_a_photo_removes_the_old_files(owner_client, media, django_capture_on_commit_callbacks):
    save_vehicle(owner_client, photo=image_file())
    vehicle = Vehicle.objects.get()
    first = stored(media)
    assert len(first) == 2
    url = f"/vehicles/{vehicle.pk}/edit/"
    with django_capture_on_commit_callbacks(execute=True):
        assert save_vehicle(owner_client, url, photo=image_file(300, 200)).status_code == 302
    second = stored(media)
    assert len(second) == 2 and not first & second
    with django_capture_on_commit_callbacks(execute=True):
        assert save_vehicle(owner_client, url, **{"photo-clear": "on"}).status_code == 302
    vehicle.refresh_from_db()
    assert not vehicle.photo and not vehicle.photo_thumbnail and not stored(media)


def test_an_edit_that_keeps_the_photo_keeps_its_files(owner_client, media):
    save_vehicle(owner_client, photo=image_file())
    vehicle = Vehicle.objects.get()
    before = stored(media)
    assert save_vehicle(owner_client, f"/vehicles/{vehicle.pk}/edit/", nickname="Red").status_code == 302
    assert stored(media) == before


def test_purging_a_vehicle_removes_its_photo_files(owner_client, media, django_capture_on_commit_callbacks):
    save_vehicle(owner_client, photo=image_file())
    vehicle = Vehicle.objects.get()
    owner_client.post(f"/vehicles/{vehicle.pk}/delete/")
    assert len(stored(media)) == 2  # in the trash: it may come back with its photo
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(f"/vehicles/{vehicle.pk}/purge/")
    assert not Vehicle.objects.exists() and not stored(media)
