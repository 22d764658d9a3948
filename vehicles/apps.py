from django.apps import AppConfig


class VehiclesConfig(AppConfig):
    name = "vehicles"
    verbose_name = "Garage"

    def ready(self) -> None:
        from PIL import Image

        from motovault.accountdata import RecordType, register
        from vehicles import account
        from vehicles.forms import PHOTO_MAX_PIXELS

        register(RecordType("vehicles", "vehicles.Vehicle", account.vehicle_files, account.vehicle_photos))
        register(RecordType("odometer_readings", "vehicles.OdometerReading", account.reading_files))
        # Set deliberately, not left at Pillow's default: a larger image is refused before it is decoded.
        Image.MAX_IMAGE_PIXELS = PHOTO_MAX_PIXELS
