from django.apps import AppConfig


class PlatformDataConfig(AppConfig):
    name = "platform_data"
    verbose_name = "Vehicle catalog"

    def ready(self) -> None:
        from platform_data import signals  # noqa: F401  (connects the receivers)
