from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class MotovaultConfig(AppConfig):
    name = "motovault"
    verbose_name = "MotoVault"

    def ready(self) -> None:
        from motovault import checks  # noqa: F401  (registers the start-up checks)
        from motovault.auth import full_session_once_signed_in

        user_logged_in.connect(full_session_once_signed_in)
