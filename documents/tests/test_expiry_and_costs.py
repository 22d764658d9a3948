"""Expiry states at the edges of the notice, the due items, and premiums as costs, against figures
worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from documents.models import DocumentPreferences
from documents.selectors import due_documents, expiry_state, premium_months, split
from vehicles import costs, due
from vehicles.costs import MonthCost
from vehicles.due import DueState

from .conftest import make_document as make

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.mark.parametrize(
    "expires_on, state",
    [
        (None, DueState.OK),
        (days(31), DueState.OK),  # one day beyond the 30-day notice
        (days(30), DueState.SOON),  # the notice's last day
        (days(8), DueState.SOON),
        (days(7), DueState.VERY_SOON),
        (days(0), DueState.VERY_SOON),  # valid through today
        (days(-1), DueState.OVERDUE),  # expired yesterday
    ],
)
def test_expiry_states_at_the_edges(expires_on, state):
    assert expiry_state(expires_on, TODAY, 30) == state


def test_due_items_follow_the_users_notice(owner, vehicle):
    make(owner, [vehicle], "doc.txt", b"a", title="Insurance", kind="insurance", expires_on=days(30))
    make(owner, [vehicle], "doc.txt", b"b", title="Registration", kind="registration", expires_on=days(-3))
    make(owner, [vehicle], "doc.txt", b"c", title="Warranty", kind="warranty", expires_on=days(31))
    items = list(due_documents(owner, [vehicle.pk], TODAY))
    assert [(i.title, i.state, i.detail) for i in items] == [
        ("Registration · Daily", DueState.OVERDUE, "Registration: expired 3 days ago"),
        ("Insurance · Daily", DueState.SOON, "Insurance: expires in 30 days"),
    ]
    DocumentPreferences.objects.create(owner=owner, notice_days=10)
    assert [i.title for i in due_documents(owner, [vehicle.pk], TODAY)] == [
        "Registration · Daily"
    ]  # named with its vehicle, like a reminder


def test_a_renewed_document_replaces_the_expiring_one(owner, vehicle):
    make(owner, [vehicle], "doc.txt", b"old", title="Policy 2025", kind="insurance", expires_on=days(5))
    assert [i.title for i in due_documents(owner, [vehicle.pk], TODAY)] == ["Policy 2025 · Daily"]
    make(owner, [vehicle], "doc.txt", b"new", title="Policy 2026", kind="insurance", expires_on=days(370))
    assert list(due_documents(owner, [vehicle.pk], TODAY)) == []


def test_a_policy_of_two_vehicles_is_due_for_each_and_not_for_a_sold_or_trashed_one(owner, vehicle, second_vehicle):
    document = make(
        owner, [vehicle, second_vehicle], "doc.txt", b"p", title="Fleet", kind="insurance", expires_on=days(1)
    )
    items = list(due_documents(owner, [vehicle.pk, second_vehicle.pk], TODAY))
    assert sorted(i.vehicle_id for i in items) == sorted([vehicle.pk, second_vehicle.pk])
    assert {i.key for i in items} == {f"document:{document.pk}"}
    second_vehicle.sold_date = TODAY
    second_vehicle.save()
    assert [i.vehicle_id for i in due_documents(owner, [vehicle.pk, second_vehicle.pk], TODAY)] == [vehicle.pk]
    document.soft_delete()
    assert list(due_documents(owner, [vehicle.pk], TODAY)) == []


def test_the_provider_is_registered_and_reads_no_other_users_documents(owner, other_user, vehicle):
    assert due_documents in due.PROVIDERS
    make(owner, [vehicle], "doc.txt", b"x", title="Mine", expires_on=days(1))
    assert list(due_documents(other_user, [vehicle.pk], TODAY)) == []


def test_split_adds_up_to_the_cent():
    assert split(Decimal("100.00"), 3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(split(Decimal("0.05"), 2)) == Decimal("0.05")


def test_premiums_are_costs_month_by_month(owner, vehicle, second_vehicle):
    assert any(source.category == "insurance" for source in costs.SOURCES)
    # 600.00 a half-year, 15 Jan 2026 to 14 Jan 2027: paid in January and July 2026, shared by two
    # vehicles: 300.00 each, each time.
    make(owner, [vehicle, second_vehicle], "doc.txt", b"fleet", kind="insurance", premium=Decimal("600.00"),
         premium_period=6, issued_on=datetime.date(2026, 1, 15), expires_on=datetime.date(2027, 1, 14))  # fmt: skip
    # 45.50 a month, 1 March to 31 May 2026 (the expiry day is no new month): March, April, May.
    make(owner, [vehicle], "doc.txt", b"monthly", kind="insurance", premium=Decimal("45.50"), premium_period=1,
         issued_on=datetime.date(2026, 3, 1), expires_on=datetime.date(2026, 5, 31))  # fmt: skip
    # A yearly premium without an expiry date counts once.
    make(owner, [second_vehicle], "doc.txt", b"once", kind="insurance", premium=Decimal("99.99"), premium_period=12,
         issued_on=datetime.date(2025, 11, 3))  # fmt: skip
    months = premium_months(owner, [vehicle.pk, second_vehicle.pk], None, None)
    v1, v2 = vehicle.pk, second_vehicle.pk
    assert months == [
        MonthCost(v1, datetime.date(2026, 1, 1), Decimal("300.00")),
        MonthCost(v1, datetime.date(2026, 3, 1), Decimal("45.50")),
        MonthCost(v1, datetime.date(2026, 4, 1), Decimal("45.50")),
        MonthCost(v1, datetime.date(2026, 5, 1), Decimal("45.50")),
        MonthCost(v1, datetime.date(2026, 7, 1), Decimal("300.00")),
        MonthCost(v2, datetime.date(2025, 11, 1), Decimal("99.99")),
        MonthCost(v2, datetime.date(2026, 1, 1), Decimal("300.00")),
        MonthCost(v2, datetime.date(2026, 7, 1), Decimal("300.00")),
    ]
    # Within April to June 2026, for the first vehicle only: 45.50 in April and in May.
    within = premium_months(owner, [v1], datetime.date(2026, 4, 10), datetime.date(2026, 6, 30))
    assert [(m.month.month, m.amount) for m in within] == [(4, Decimal("45.50")), (5, Decimal("45.50"))]


def test_premium_months_take_a_constant_number_of_queries(owner, vehicle, django_assert_num_queries):
    yearly = {
        "kind": "insurance",
        "premium": Decimal(100),
        "premium_period": 12,
        "issued_on": datetime.date(2026, 1, 1),
    }
    for index in range(5):
        make(owner, [vehicle], "doc.txt", f"p{index}".encode(), **yearly)
    with django_assert_num_queries(2):
        premium_months(owner, [vehicle.pk], None, None)
