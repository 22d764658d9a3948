"""Other costs in a user's export: one file of the live ones, one of the trashed ones."""

from collections.abc import Iterator

from motovault.accountdata import CsvFile, model_rows

from .models import OtherCost


def cost_files(user) -> Iterator[CsvFile]:
    costs = OtherCost.objects.filter(owner=user).order_by("vehicle_id", "date", "id")
    yield "costs/other-costs.csv", model_rows(costs.filter(deleted_at__isnull=True))
    trashed = costs.filter(deleted_at__isnull=False)
    if trashed.exists():
        yield "costs/other-costs-trash.csv", model_rows(trashed)
