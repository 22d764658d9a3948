from django.apps import AppConfig


class OwnedAppConfig(AppConfig):
    """A test-only app: one owned model and its views, to test the scoping base on its own."""

    name = "motovault.tests.ownedapp"
    label = "ownedapp"
