"""Fill-ups and charges, and the fuel economy stored on them.

Canonical units: ``odometer_km`` in kilometres; ``quantity`` in the energy's canonical unit (litres
of a liquid fuel, kWh of electricity, kg of CNG, see ``motovault.units.QuantityUnit``);
``price_per_unit`` per that unit and ``total_cost``, both in the owner's currency. Forms convert from
the vehicle's units on the way in, templates back on the way out.

A station and a receipt will hang off a fill-up when those features land: nullable foreign keys
added by their own migrations, nothing here depends on their absence.
"""

from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import connection, models, transaction
from django.db.models import Q

from motovault import units
from motovault.units import Energy, economy_unit, price_out, quantity_out, quantity_symbol
from vehicles.models import FuelType, Vehicle, VehicleRecord, VehicleRecordQuerySet

# What each kind of vehicle runs on, its usual energy first.
_ENERGIES = {
    FuelType.GASOLINE: [Energy.PETROL],
    FuelType.HYBRID: [Energy.PETROL],
    FuelType.DIESEL: [Energy.DIESEL],
    FuelType.PLUG_IN_HYBRID: [Energy.PETROL, Energy.ELECTRICITY],
    FuelType.ELECTRIC: [Energy.ELECTRICITY],
    FuelType.LPG: [Energy.PETROL, Energy.LPG],
    FuelType.CNG: [Energy.PETROL, Energy.CNG],
    FuelType.FLEX: [Energy.PETROL, Energy.E85],
}


def energies_for(vehicle: Vehicle) -> list[Energy]:
    return _ENERGIES.get(vehicle.fuel_type, list(Energy))


def energy_rank(vehicle: Vehicle, energy: str) -> int:
    """Where ``energy`` comes in lists about ``vehicle``: its usual energy first."""
    return [*energies_for(vehicle), *Energy].index(energy)


# The full-tank method, for one vehicle and energy, in one pass in odometer order. A live full
# fill-up closes the segment that began at the previous live full one, and the segment's fuel is all
# the live fuel bought after that one up to and including it. A segment with no full start, a missed
# fill-up or no distance gets no figure; trashed rows count for nothing (their figures are cleared).
# The chain is read once in order and computed here, and what changed is written by one UPDATE
# joined on arrays of ids: no window or self-join whose plan depends on the table's statistics
# (after a bulk import they lag behind, and such plans went quadratic), so the cost stays linear.
_CHAIN_SQL = """
SELECT id, odometer_km, quantity, total_cost, missed_previous, is_full, deleted_at IS NULL,
       segment_distance_km, segment_quantity, segment_cost
FROM {table} WHERE vehicle_id = %s AND energy = %s
ORDER BY odometer_km, filled_at, id
"""
_WRITE_SQL = """
UPDATE {table} AS log
SET segment_distance_km = figures.distance, segment_quantity = figures.quantity, segment_cost = figures.cost
FROM unnest(%s::bigint[], %s::numeric[], %s::numeric[], %s::numeric[]) AS figures(id, distance, quantity, cost)
WHERE log.id = figures.id
"""

Figures = tuple[Decimal | None, Decimal | None, Decimal | None]  # (distance, quantity, cost) of a segment


def chain_figures(rows: Iterable[tuple]) -> Iterator[tuple[int, Figures]]:
    """Each fill-up's figures, from its chain's rows in odometer order as ``_CHAIN_SQL`` reads them."""
    start_km, quantity, cost, broken = None, Decimal(0), Decimal(0), False
    for pk, km, fuel, paid, missed, full, live, *_ in rows:
        figures: Figures = (None, None, None)
        if live:
            quantity, cost, broken = quantity + fuel, cost + paid, broken or missed
            if full:
                if start_km is not None and not broken and km > start_km:
                    figures = (km - start_km, quantity, cost)
                start_km, quantity, cost, broken = km, Decimal(0), Decimal(0), False
        yield pk, figures


class FuelLogQuerySet(VehicleRecordQuerySet):
    def complete_segments(self) -> "FuelLogQuerySet":
        """Full fill-ups that close a segment with a figure: the ones averages are made of."""
        return self.filter(segment_distance_km__isnull=False)

    def recompute_economy(self, *, vehicle_id: int, energy: str) -> None:
        """Rewrite the stored economy of one vehicle's chain of one energy. Call it in the
        transaction that changed the chain; it locks the vehicle, so two writers to the same
        vehicle's fill-ups take turns and neither computes without the other's row."""
        table = FuelLog._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {Vehicle._meta.db_table} WHERE id = %s FOR UPDATE", [vehicle_id])
            cursor.execute(_CHAIN_SQL.format(table=table), [vehicle_id, energy])
            rows = cursor.fetchall()
            changed = [
                (pk, *figures)
                for row, (pk, figures) in zip(rows, chain_figures(rows), strict=True)
                if tuple(row[7:]) != figures
            ]
            if changed:
                ids, distances, quantities, costs = (list(column) for column in zip(*changed, strict=True))
                cursor.execute(_WRITE_SQL.format(table=table), [ids, distances, quantities, costs])


class FuelLog(VehicleRecord):
    """One fill-up or charge. The ``segment_*`` figures are derived (see ``recompute_economy``):
    set on a full fill-up that closes a complete segment, NULL otherwise."""

    filled_at = models.DateTimeField("date and time")
    odometer_km = models.DecimalField(max_digits=12, decimal_places=3, validators=[MinValueValidator(0)])
    energy = models.CharField(max_length=12, choices=Energy.choices, default=Energy.PETROL)
    quantity = models.DecimalField(max_digits=12, decimal_places=4)
    # Five places: a pump price of 3.459 a US gallon, stored per litre, must read back as 3.459.
    price_per_unit = models.DecimalField(max_digits=12, decimal_places=5, validators=[MinValueValidator(0)])
    total_cost = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    fuel_grade = models.CharField(max_length=40, blank=True)
    is_full = models.BooleanField("full tank", default=True)
    missed_previous = models.BooleanField("I missed logging the previous fill-up", default=False)
    notes = models.TextField(blank=True)
    # The quick-entry form's one-time token: posting the same form twice stores one fill-up.
    entry_token = models.UUIDField(null=True, blank=True, editable=False)
    segment_distance_km = models.DecimalField(max_digits=12, decimal_places=3, null=True, editable=False)
    segment_quantity = models.DecimalField(max_digits=14, decimal_places=4, null=True, editable=False)
    segment_cost = models.DecimalField(max_digits=14, decimal_places=2, null=True, editable=False)

    objects = FuelLogQuerySet.as_manager()

    class Meta:
        ordering = ["-filled_at", "-id"]
        indexes = [
            models.Index(
                fields=["vehicle", "filled_at", "id"],
                condition=Q(deleted_at__isnull=True),
                name="fuellog_vehicle_time_idx",
            ),
            models.Index(
                fields=["owner", "filled_at"], condition=Q(deleted_at__isnull=True), name="fuellog_owner_time_idx"
            ),
            # The current odometer (highest live reading) of every vehicle on the garage page.
            models.Index(
                fields=["vehicle", "odometer_km"], condition=Q(deleted_at__isnull=True), name="fuellog_odometer_idx"
            ),
            # Each garage card's last economy figure: the newest complete segment per energy.
            models.Index(
                fields=["vehicle", "energy", "filled_at", "id"],
                condition=Q(deleted_at__isnull=True, segment_distance_km__isnull=False),
                name="fuellog_last_segment_idx",
            ),
            # The recompute's order; trashed rows included, it reads them too.
            models.Index(fields=["vehicle", "energy", "odometer_km", "filled_at", "id"], name="fuellog_chain_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["owner", "entry_token"], name="fuellog_unique_entry_token"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="fuellog_quantity_positive"),
            models.CheckConstraint(condition=Q(price_per_unit__gte=0), name="fuellog_price_not_negative"),
            models.CheckConstraint(condition=Q(total_cost__gte=0), name="fuellog_cost_not_negative"),
            models.CheckConstraint(condition=Q(odometer_km__gte=0), name="fuellog_odometer_not_negative"),
        ]

    def __str__(self) -> str:
        return f"fill-up of {self.filled_at:%d %b %Y}"

    def soft_delete(self) -> None:
        raise TypeError("Trash a fill-up with fuel_logs.services.fuel_log_trash: its chain's economy must follow.")

    def restore(self) -> None:
        raise TypeError("Restore a fill-up with fuel_logs.services.fuel_log_restore: its chain's economy must follow.")

    # What templates show, in the vehicle's units.

    @property
    def odometer(self) -> Decimal:
        return units.from_km(self.odometer_km, self.vehicle.distance_unit)

    @property
    def quantity_display(self) -> Decimal:
        return quantity_out(self.quantity, self.energy, self.vehicle.volume_unit)

    @property
    def price_display(self) -> Decimal:
        return price_out(self.price_per_unit, self.energy, self.vehicle.volume_unit)

    @property
    def quantity_symbol(self) -> str:
        return quantity_symbol(self.energy, self.vehicle.volume_unit)

    @property
    def economy_unit(self) -> str:
        return economy_unit(self.vehicle, self.energy)

    @property
    def economy(self) -> Decimal | None:
        return units.economy(self.segment_distance_km, self.segment_quantity, self.economy_unit)

    @property
    def economy_symbol(self) -> str:
        return units.ECONOMY_SYMBOLS[self.economy_unit]

    @property
    def paid_difference(self) -> Decimal | None:
        """What was paid beyond price × quantity (a discount is negative), when it is more than
        the cent a pump may round either way; None otherwise. The total is what was paid."""
        difference = self.total_cost - (self.quantity * self.price_per_unit).quantize(Decimal("0.01"))
        return difference if abs(difference) > Decimal("0.01") else None
