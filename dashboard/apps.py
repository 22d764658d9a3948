from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The home page: the garage at a glance, and what is worth knowing today."""

    name = "dashboard"
