"""The fill-up form: any two of quantity, price and total; units in, canonical out; bad input."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fuel_logs.forms import FuelLogForm
from fuel_logs.models import FuelLog

pytestmark = pytest.mark.django_db


def clean(vehicle, data: dict) -> FuelLogForm:
    form = FuelLogForm(data, vehicle=vehicle)
    form.is_valid()
    return form


@pytest.mark.parametrize(
    "quantity, price, total, expected",
    [
        ("10", "3.459", "", ("10", "3.459", "34.59")),
        ("12.345", "3.459", "", ("12.345", "3.459", "42.70")),  # 42.701355: to the cent
        ("7.125", "2.002", "", ("7.125", "2.002", "14.26")),  # 14.26425 rounds half up
        ("", "3.459", "34.59", ("10.000", "3.459", "34.59")),
        ("10", "", "34.59", ("10", "3.459", "34.59")),
        ("10", "3.459", "34.60", ("10", "3.459", "34.60")),  # the pump's own rounding, a cent off
    ],
)
def test_any_two_give_the_third(vehicle, form_data, quantity, price, total, expected):
    form = clean(vehicle, form_data(quantity=quantity, price=price, total_cost=total))
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert (data["quantity"], units_round(data["price"]), data["total_cost"]) == tuple(map(Decimal, expected))


def units_round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.001"))


def test_canonical_values_read_back_as_typed(vehicle, form_data):
    """10 US gal at 3.459 a gallon, at 10,300 mi: stored in litres, per litre and km."""
    log = clean(vehicle, form_data(quantity="12.345")).save(commit=False)
    assert log.quantity == Decimal("46.7309")
    assert log.price_per_unit == Decimal("0.91377")
    assert log.odometer_km == Decimal("16576.243")
    log.vehicle = vehicle
    assert round(log.quantity_display, 3) == Decimal("12.345")
    assert round(log.price_display, 3) == Decimal("3.459")
    assert round(log.odometer, 1) == Decimal("10300.0")


def test_one_of_three_is_not_enough(vehicle, form_data):
    form = clean(vehicle, form_data(quantity="", price="", total_cost="40"))
    assert form.non_field_errors() == ["Enter two of quantity, price and total cost: the third is worked out."]


def test_three_that_do_not_add_up_keep_the_total_that_was_paid(vehicle, form_data):
    """10 gal at 3.459 is 34.59; 32.99 was paid (a discount): all three are kept, and the list
    says the total is 1.60 below price × quantity."""
    form = clean(vehicle, form_data(quantity="10", price="3.459", total_cost="32.99"))
    assert form.is_valid(), form.errors
    form.instance.owner = vehicle.owner
    log = form.save()
    assert (log.total_cost, round(log.quantity_display, 3), round(log.price_display, 3)) == (
        Decimal("32.99"),
        Decimal("10.000"),
        Decimal("3.459"),
    )
    assert log.paid_difference == Decimal("-1.60")


def test_a_cent_either_way_is_no_difference(vehicle, form_data):
    form = clean(vehicle, form_data(quantity="10", price="3.459", total_cost="34.60"))
    form.instance.owner = vehicle.owner
    assert form.save().paid_difference is None


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"quantity": "0"}, "quantity", "The quantity must be more than zero."),
        ({"quantity": "-5"}, "quantity", "The quantity must be more than zero."),
        ({"quantity": "", "total_cost": "0"}, "quantity", "The quantity must be more than zero."),
        ({"price": "-1"}, "price", "A price can't be negative."),
        ({"total_cost": "-1", "price": ""}, "total_cost", "A cost can't be negative."),
        ({"odometer": "-1"}, "odometer", "An odometer can't be negative."),
        (
            {"energy": "electricity"},
            "energy",
            "Select a valid choice. electricity is not one of the available choices.",
        ),
    ],
)
def test_bad_amounts_are_refused_beside_their_field(vehicle, form_data, changes, field, message):
    form = clean(vehicle, form_data(**changes))
    assert form.errors[field] == [message]


def test_a_date_in_the_future_is_refused(vehicle, form_data):
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    form = clean(vehicle, form_data(filled_at=f"{tomorrow:%Y-%m-%dT%H:%M}"))
    assert form.errors["filled_at"] == ["That is in the future: a fill-up is logged once it has happened."]


def test_an_odometer_lower_than_an_earlier_reading_is_refused(vehicle, fill, form_data):
    fill(vehicle, Decimal("16576.243"), 40, day=10)  # 10,300 mi on 11 Jan 2024
    form = clean(vehicle, form_data(odometer="10200", filled_at="2024-03-01T08:00"))
    assert form.errors["odometer"] == ["Lower than an earlier reading: 10,300 mi on 11 Jan 2024 (fill-up)."]


def test_an_odometer_higher_than_a_later_reading_is_refused(vehicle, fill, form_data):
    fill(vehicle, Decimal("16576.243"), 40, day=100)  # 10,300 mi on 10 Apr 2024
    form = clean(vehicle, form_data(odometer="10400", filled_at="2024-03-01T08:00"))
    assert form.errors["odometer"] == ["Higher than a later reading: 10,300 mi on 10 Apr 2024 (fill-up)."]


def test_editing_the_notes_keeps_what_was_stored_to_the_last_decimal(vehicle, fill):
    log = fill(vehicle, Decimal("16576.243"), Decimal("46.7311"), price="0.91377")
    log = FuelLog.objects.get(pk=log.pk)
    data = {**FuelLogForm(instance=log, vehicle=vehicle).initial, "notes": "Costco", "is_full": "on"}
    data["filled_at"] = f"{timezone.localtime(log.filled_at):%Y-%m-%dT%H:%M}"
    form = FuelLogForm(data, instance=log, vehicle=vehicle)
    assert form.is_valid(), form.errors
    saved = form.save()
    saved.refresh_from_db()
    assert (saved.quantity, saved.price_per_unit, saved.odometer_km) == (
        Decimal("46.7311"),
        Decimal("0.91377"),
        Decimal("16576.243"),
    )
    assert saved.notes == "Costco"


def test_a_plug_in_hybrid_is_asked_for_litres_or_kwh(phev):
    form = FuelLogForm(vehicle=phev)
    assert form.fields["quantity"].label == "Quantity (L or kWh)"
    assert [value for value, _ in form.fields["energy"].choices] == ["petrol", "electricity"]


def test_a_charge_is_stored_in_kwh_and_priced_per_kwh(phev, form_data):
    log = clean(phev, form_data(energy="electricity", quantity="30", price="0.25")).save(commit=False)
    assert (log.quantity, log.price_per_unit, log.total_cost) == (Decimal(30), Decimal("0.25"), Decimal("7.50"))
