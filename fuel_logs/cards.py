"""The garage card's fuel fact: each vehicle's last economy figure, one per energy it runs on."""

from collections import defaultdict

from django.db.models import OuterRef, Subquery

from fuel_logs.models import FuelLog, energies_for, energy_rank
from motovault import units
from vehicles.models import Vehicle


def last_economy(vehicles: list) -> dict[int, list[tuple[str, str]]]:
    """One query for any number of vehicles: the newest complete segment per vehicle and energy,
    each found at the top of the ``fuellog_last_segment_idx`` index rather than by sorting a
    vehicle's whole history."""
    by_id = {vehicle.pk: vehicle for vehicle in vehicles}
    runs_on = defaultdict(list)
    for vehicle in vehicles:
        for energy in energies_for(vehicle):
            runs_on[energy].append(vehicle.pk)
    if not runs_on:
        return {}
    newest = []
    for energy, vehicle_ids in runs_on.items():
        top = FuelLog.objects.filter(vehicle=OuterRef("pk"), energy=energy, deleted_at__isnull=True)
        top = top.complete_segments().order_by("-filled_at", "-id").values("pk")[:1]
        newest.append(Vehicle.objects.filter(pk__in=vehicle_ids).order_by().values(last=Subquery(top)))
    facts: dict[int, list[tuple[str, str]]] = {}
    latest = FuelLog.objects.filter(pk__in=newest[0].union(*newest[1:], all=True))
    for log in sorted(latest, key=lambda log: (log.vehicle_id, energy_rank(by_id[log.vehicle_id], log.energy))):
        log.vehicle = by_id[log.vehicle_id]
        several = len(energies_for(log.vehicle)) > 1
        label = f"Last economy ({log.get_energy_display().lower()})" if several else "Last economy"
        facts.setdefault(log.vehicle_id, []).append((label, f"{units.rounded(log.economy)} {log.economy_symbol}"))
    return facts
