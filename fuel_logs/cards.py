"""The garage card's fuel fact: each vehicle's last economy figure, one per energy it runs on."""

from fuel_logs.models import FuelLog, energies_for, energy_rank
from motovault import units


def last_economy(vehicles: list) -> dict[int, list[tuple[str, str]]]:
    """One query for any number of vehicles: the newest complete segment per vehicle and energy."""
    by_id = {vehicle.pk: vehicle for vehicle in vehicles}
    latest = (
        FuelLog.objects.filter(vehicle__in=by_id, deleted_at__isnull=True)
        .complete_segments()
        .order_by("vehicle_id", "energy", "-filled_at", "-id")
        .distinct("vehicle_id", "energy")
    )
    facts: dict[int, list[tuple[str, str]]] = {}
    for log in sorted(latest, key=lambda log: (log.vehicle_id, energy_rank(by_id[log.vehicle_id], log.energy))):
        log.vehicle = by_id[log.vehicle_id]
        several = len(energies_for(log.vehicle)) > 1
        label = f"Last economy ({log.get_energy_display().lower()})" if several else "Last economy"
        facts.setdefault(log.vehicle_id, []).append((label, f"{units.rounded(log.economy)} {log.economy_symbol}"))
    return facts
