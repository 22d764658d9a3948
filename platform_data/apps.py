from django.apps import AppConfig


class PlatformDataConfig(AppConfig):
    name = "platform_data"
    verbose_name = "Vehicle catalog"
