from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """A user's own account: how they read things (currency, formats, time zone, units), their
    data out (export), their account gone (deletion), and the invitation links an administrator
    makes for a household without an OpenID provider."""

    name = "accounts"
    verbose_name = "Accounts"
