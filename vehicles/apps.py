from django.apps import AppConfig


class VehiclesConfig(AppConfig):
    name = "vehicles"
    verbose_name = "Garage"

    def ready(self) -> None:
        from motovault.accountdata import RecordType, register
        from vehicles import account

        register(RecordType("vehicles", "vehicles.Vehicle", account.vehicle_files, account.vehicle_photos))
        register(RecordType("odometer_readings", "vehicles.OdometerReading", account.reading_files))
