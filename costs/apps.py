from django.apps import AppConfig


class CostsConfig(AppConfig):
    """Other costs (insurance, tax, parking...), one of the cost sources of the cost of ownership."""

    name = "costs"
    verbose_name = "Other costs"

    def ready(self) -> None:
        from costs import account, selectors
        from motovault.accountdata import RecordType, register
        from vehicles import costs, sections, trash

        costs.register(costs.CostSource("other", "Other costs", selectors.cost_months, grouped=selectors.cost_grouped))
        sections.register(sections.Section("costs", "Costs", "costs:list"))
        trash.register(trash.TrashSection("Other costs", "costs/trash_section.html", selectors.trashed_costs))
        register(RecordType("costs", "costs.OtherCost", account.cost_files))
