from django.apps import AppConfig


class FuelLogsConfig(AppConfig):
    name = "fuel_logs"
    verbose_name = "Fuel logs"

    def ready(self) -> None:
        from fuel_logs import account
        from fuel_logs.cards import last_economy
        from fuel_logs.costs import fuel_exists, fuel_grouped, fuel_months
        from fuel_logs.selectors import trashed_fill_ups
        from motovault.accountdata import RecordType, register
        from vehicles import cards, costs, odometer, sections, trash

        odometer.register(odometer.Source("fuel_logs.FuelLog", "filled_at", "fill-up"))
        cards.register(last_economy)
        costs.register(costs.CostSource("fuel", "Fuel", fuel_months, fuel_exists, fuel_grouped))
        sections.register(sections.Section("fuel", "Fill-ups", "fuel_logs:list"))
        trash.register(trash.TrashSection("Fill-ups", "fuel_logs/trash_section.html", trashed_fill_ups))
        register(RecordType("fuel_logs", "fuel_logs.FuelLog", account.fuel_log_files))
