from django.apps import AppConfig


class FuelLogsConfig(AppConfig):
    name = "fuel_logs"
    verbose_name = "Fuel logs"

    def ready(self) -> None:
        from fuel_logs.cards import last_economy
        from vehicles import cards, odometer, sections

        odometer.register(odometer.Source("fuel_logs.FuelLog", "filled_at", "fill-up"))
        cards.register(last_economy)
        sections.register(sections.Section("fuel", "Fuel", "fuel_logs:list"))
