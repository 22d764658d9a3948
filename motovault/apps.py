from django.apps import AppConfig


class MotovaultConfig(AppConfig):
    name = "motovault"
    verbose_name = "MotoVault"

    def ready(self) -> None:
        from motovault import metrics  # noqa: F401  (connects the sign-in counters)
