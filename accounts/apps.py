from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """The signed-in user's own settings: currency, number and date formats, time zone, units."""

    name = "accounts"
