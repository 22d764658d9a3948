from django.apps import AppConfig


class MotovaultConfig(AppConfig):
    name = "motovault"
    verbose_name = "MotoVault"

    def ready(self) -> None:
        from motovault import checks  # noqa: F401  (registers the start-up checks)
