from django.apps import AppConfig


class MotovaultConfig(AppConfig):
    name = "motovault"
    verbose_name = "MotoVault"
