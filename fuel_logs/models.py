"""Fill-ups and charges, and the fuel economy stored on them.

Canonical units: ``odometer_km`` in kilometres; ``quantity`` in the energy's canonical unit (litres
of a liquid fuel, kWh of electricity, kg of CNG, see ``motovault.units.QuantityUnit``);
``price_per_unit`` per that unit and ``total_cost``, both in the owner's currency. Forms convert from
the vehicle's units on the way in, templates back on the way out.

A fill-up may name the station it was bought at (``station``, the user's own, see ``stations``);
a receipt will hang off it the same way: nullable foreign keys added by their own migrations.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import connection, models, transaction
from django.db.models import F, Q

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


# The full-tank method, for every energy of one vehicle, in one pass in odometer order per energy.
# A live full fill-up closes the segment that began at the previous live full one of its energy, and
# the segment's fuel is all the live fuel of that energy bought after that one up to and including
# it. A segment with no full start, a missed fill-up or no distance gets no figure. Trashed rows
# count for nothing (their figures are cleared).
#
# The distance driven on the segment's energy (what its economy is made of) is the odometer's when
# the vehicle runs on that energy alone. When it takes two (a plug-in hybrid), it is the sum of what
# each fill-up or charge in the segment says was driven on the energy since the previous one of any
# energy (``energy_distance_km``; the other energy's share of that stretch is the rest of it), and
# no figure when any of them does not say: crediting one energy with the whole distance is the
# figure no owner believes. The odometer distance is kept too (``segment_odometer_km``): cost and
# energy per distance driven are well defined without the split.
#
# Read once in odometer order and computed here, what changed written by one UPDATE joined on
# arrays: no window or self-join whose plan depends on the table's statistics (after a bulk import
# they lag behind, and such plans went quadratic), so the cost stays linear in the chain's length.
_CHAIN_SQL = """
SELECT id, energy, odometer_km, quantity, total_cost, is_full, missed_previous, energy_distance_km,
       deleted_at IS NULL, segment_distance_km, segment_odometer_km, segment_quantity, segment_cost
FROM {table} WHERE vehicle_id = %s
ORDER BY odometer_km, filled_at, id
"""
_WRITE_SQL = """
UPDATE {table} AS log
SET segment_distance_km = figures.distance, segment_odometer_km = figures.odometer_distance,
    segment_quantity = figures.quantity, segment_cost = figures.cost
FROM unnest(%s::bigint[], %s::numeric[], %s::numeric[], %s::numeric[], %s::numeric[])
     AS figures(id, distance, odometer_distance, quantity, cost)
WHERE log.id = figures.id
"""

# (distance on the energy, odometer distance, quantity, cost) of a segment
Figures = tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]
NO_FIGURES: Figures = (None, None, None, None)


def chain_figures(rows: list[tuple]) -> dict[int, Figures]:
    """Each fill-up's figures, from its vehicle's rows in odometer order as ``_CHAIN_SQL`` reads them."""
    live = [row for row in rows if row[8]]
    two_energies = len({row[1] for row in live}) == 2
    since, previous = {}, None  # the odometer distance since the previous live fill-up of any energy
    for row in live:
        since[row[0]] = None if previous is None else row[2] - previous
        previous = row[2]
    figures: dict[int, Figures] = {}
    for target in {row[1] for row in rows}:
        mixed = any(row[1] != target for row in live)
        start_km, quantity, cost, broken, split, split_told = None, Decimal(0), Decimal(0), False, None, True
        for pk, energy, km, fuel, paid, full, missed, told, is_live, *_ in rows:
            mine = energy == target
            if mine:
                figures[pk] = NO_FIGURES
            if not is_live:
                continue
            share = None
            if told is not None and mine:
                share = told
            elif told is not None and two_energies and since[pk] is not None:
                share = since[pk] - told
            if share is not None:
                split = share if split is None else split + share
            split_told = split_told and share is not None and not missed
            if not mine:
                continue
            quantity, cost, broken = quantity + fuel, cost + paid, broken or missed
            if full:
                odometer = km - start_km if start_km is not None else None
                if odometer is not None and not broken and odometer > 0:
                    told_split = split if split_told and split is not None and split > 0 else None
                    distance = told_split if told_split is not None else (None if mixed else odometer)
                    figures[pk] = (distance, odometer, quantity, cost)
                start_km, quantity, cost, broken, split, split_told = km, Decimal(0), Decimal(0), False, None, True
    return figures


class FuelLogQuerySet(VehicleRecordQuerySet):
    def complete_segments(self) -> "FuelLogQuerySet":
        """Full fill-ups that close a segment with a figure: the ones averages are made of."""
        return self.filter(segment_distance_km__isnull=False)

    def recompute_economy(self, *, vehicle_id: int) -> None:
        """Rewrite the stored economy of one vehicle's chains, every energy (a charge splits the
        stretch a petrol segment spans). Call it in the transaction that changed them; it locks
        the vehicle, so two writers to the same vehicle's fill-ups take turns and neither computes
        without the other's row."""
        table = FuelLog._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {Vehicle._meta.db_table} WHERE id = %s FOR UPDATE", [vehicle_id])
            cursor.execute(_CHAIN_SQL.format(table=table), [vehicle_id])
            rows = cursor.fetchall()
            figures = chain_figures(rows)
            changed = [(row[0], *figures[row[0]]) for row in rows if tuple(row[9:]) != figures[row[0]]]
            if changed:
                columns = [list(column) for column in zip(*changed, strict=True)]
                cursor.execute(_WRITE_SQL.format(table=table), columns)


class FuelLog(VehicleRecord):
    """One fill-up or charge. The ``segment_*`` figures are derived (see ``recompute_economy``):
    set on a full fill-up that closes a complete segment, NULL otherwise; ``segment_distance_km``
    (the distance driven on this energy, which economy is made of) is NULL too when a plug-in
    hybrid's segment does not say how its distance split between the energies.

    ``energy_distance_km`` (optional, km): what the trip computer says was driven on this energy
    since the previous fill-up or charge of any energy. ``charge_start_percent`` and
    ``charge_end_percent`` (optional): a charge's state of charge before and after."""

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
    energy_distance_km = models.DecimalField(
        "distance on this energy", max_digits=12, decimal_places=3, null=True, blank=True
    )
    charge_start_percent = models.PositiveSmallIntegerField("state of charge at start (%)", null=True, blank=True)
    charge_end_percent = models.PositiveSmallIntegerField("state of charge at end (%)", null=True, blank=True)
    station = models.ForeignKey(
        "stations.Station", null=True, blank=True, on_delete=models.PROTECT, related_name="fuellogs"
    )
    # The quick-entry form's one-time token: posting the same form twice stores one fill-up.
    entry_token = models.UUIDField(null=True, blank=True, editable=False)
    segment_distance_km = models.DecimalField(max_digits=12, decimal_places=3, null=True, editable=False)
    segment_odometer_km = models.DecimalField(max_digits=12, decimal_places=3, null=True, editable=False)
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
            # A station's prices, per energy and grade, newest first (the station page, the cheapest).
            models.Index(
                fields=["station", "energy", "fuel_grade", "filled_at", "id"],
                condition=Q(deleted_at__isnull=True, station__isnull=False),
                name="fuellog_station_price_idx",
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
            models.CheckConstraint(condition=Q(energy_distance_km__gte=0), name="fuellog_energy_distance_not_negative"),
            models.CheckConstraint(
                condition=Q(charge_start_percent__lte=100) & Q(charge_end_percent__lte=100),
                name="fuellog_charge_percent_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(charge_start_percent__lte=F("charge_end_percent")),
                name="fuellog_charge_start_not_after_end",
            ),
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
