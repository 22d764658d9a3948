from django.apps import AppConfig


class FuelLogsConfig(AppConfig):
    name = "fuel_logs"
    verbose_name = "Fuel logs"
