from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Realistic data for a newcomer's first look (the demo account) and for ``make bench``."""

    name = "demo"
    verbose_name = "Demo and benchmark data"
