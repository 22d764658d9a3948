from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class MotovaultConfig(AppConfig):
    name = "motovault"
    verbose_name = "MotoVault"

    def ready(self) -> None:
        from motovault import checks, metrics  # noqa: F401  (the start-up checks, the sign-in counters)
        from motovault.auth import full_session_once_signed_in

        user_logged_in.connect(full_session_once_signed_in)
