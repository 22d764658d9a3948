from django.apps import AppConfig


class VehiclesConfig(AppConfig):
    name = "vehicles"
    verbose_name = "Garage"

    def ready(self) -> None:
        from PIL import Image

        from vehicles.forms import PHOTO_MAX_PIXELS

        # Set deliberately, not left at Pillow's default: a larger image is refused before it is decoded.
        Image.MAX_IMAGE_PIXELS = PHOTO_MAX_PIXELS
