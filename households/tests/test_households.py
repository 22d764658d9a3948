"""Sharing a vehicle: what each member sees and may do, at once after every change (cached values
included), and what is refused with a message, nothing changed."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from fuel_logs.models import FuelLog
from households.models import Transfer
from motovault.tests.conftest import SECRET
from motovault.tests.ownedapp.models import Thing
from vehicles.access import Role
from vehicles.models import Membership, OdometerReading, Vehicle

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def version(user) -> int:
    user.refresh_from_db(fields=["data_version"])
    return user.data_version


def test_members_see_the_vehicle_marked_shared_and_strangers_do_not(household, other_user):
    people, rows = household
    for name in ("manager", "driver", "viewer"):
        page = client_for(people[name]).get("/vehicles/").content.decode()
        assert SECRET in page and "Shared by alice" in page, name
    assert "Shared with 3 people" in client_for(people["owner"]).get("/vehicles/").content.decode()
    assert SECRET not in client_for(other_user).get("/vehicles/").content.decode()
    assert client_for(other_user).get(f"/vehicles/{rows[Vehicle].pk}/").status_code == 404


def test_a_member_sees_the_shared_fill_ups_in_garage_analytics(household):
    people, rows = household
    figures = client_for(people["viewer"]).get("/fuel/analytics/").context["analytics"]
    assert figures.spend == Decimal("45.00")  # Alice's one fill-up of 45.00


def test_revoking_hides_the_vehicle_at_once_cached_values_included(household):
    people, rows = household
    viewer, vehicle = client_for(people["viewer"]), rows[Vehicle]
    assert SECRET in viewer.get("/vehicles/").content.decode()  # the cards are cached now
    assert viewer.get("/fuel/analytics/").context["analytics"].spend == Decimal("45.00")
    membership = Membership.objects.get(user=people["viewer"])
    response = client_for(people["manager"]).post(f"/memberships/{membership.pk}/revoke/")
    assert response.status_code == 302
    assert SECRET not in viewer.get("/vehicles/").content.decode()
    assert viewer.get(f"/vehicles/{vehicle.pk}/").status_code == 404
    assert viewer.get(f"/vehicles/{vehicle.pk}/fuel/").status_code == 404
    assert not viewer.get("/fuel/analytics/").context["analytics"].spend


def test_leaving_hides_the_vehicle_at_once_and_the_owner_cannot_leave(household):
    people, rows = household
    driver, vehicle = client_for(people["driver"]), rows[Vehicle]
    assert SECRET in driver.get("/fuel/add/").content.decode()  # quick entry offers it, cached
    assert driver.post(f"/vehicles/{vehicle.pk}/sharing/leave/").status_code == 302
    driver.get("/")  # the message that says so, which names the vehicle, is shown
    assert SECRET not in driver.get("/fuel/add/").content.decode()
    assert SECRET not in driver.get("/vehicles/").content.decode()
    owner = client_for(people["owner"])
    response = owner.post(f"/vehicles/{vehicle.pk}/sharing/leave/", follow=True)
    assert "The owner cannot leave" in response.content.decode()
    assert Vehicle.objects.filter(pk=vehicle.pk, owner=people["owner"]).exists()


def test_every_members_data_version_moves_with_the_vehicle_its_records_and_its_household(household, other_user):
    people, rows = household
    vehicle, everyone = rows[Vehicle], list(people.values())
    before = [version(user) for user in everyone]
    OdometerReading.objects.create(
        owner=vehicle.owner, vehicle=vehicle, date=datetime.date(2024, 2, 1), odometer_km=30
    )  # fmt: skip
    after_record = [version(user) for user in everyone]
    assert all(a > b for a, b in zip(after_record, before, strict=True))
    Vehicle.objects.filter(pk=vehicle.pk).update(nickname="Renamed")
    after_edit = [version(user) for user in everyone]
    assert all(a > b for a, b in zip(after_edit, after_record, strict=True))
    Membership.objects.filter(user=people["viewer"]).delete()
    assert version(people["viewer"]) > after_edit[3] and version(people["owner"]) > after_edit[0]
    assert version(other_user) == 0


def test_a_driver_logs_fuel_for_the_owner_and_the_owner_sees_who(household):
    people, rows = household
    vehicle = rows[Vehicle]
    data = {
        "vehicle": vehicle.pk, "filled_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "odometer": "900",
        "energy": "petrol",
        "quantity": "10", "price": "2", "is_full": "on",
    }  # fmt: skip
    response = client_for(people["driver"]).post("/fuel/add/", data)
    assert response.status_code == 302, response.context["form"].errors
    log = FuelLog.objects.get(entered_by=people["driver"])
    assert log.owner == people["owner"] and log.vehicle == vehicle
    assert "by driver" in client_for(people["owner"]).get(f"/vehicles/{vehicle.pk}/fuel/").content.decode()


def test_a_viewer_cannot_log_fuel_and_nothing_is_written(household):
    people, rows = household
    before = FuelLog.objects.count()
    data = {"vehicle": rows[Vehicle].pk, "filled_at": "2024-03-01T08:00", "odometer": "900", "quantity": "10"}
    assert client_for(people["viewer"]).post("/fuel/add/", data).status_code == 403
    assert client_for(people["viewer"]).get(f"/fuel/add/?vehicle={rows[Vehicle].pk}").status_code == 403
    assert FuelLog.objects.count() == before


@pytest.mark.parametrize(
    "who, account, role, message",
    [
        ("owner", "alice", Role.DRIVER, "yourself"),
        ("owner", "nobody@example.com", Role.DRIVER, "No account has this username or e-mail"),
        ("owner", "driver", Role.VIEWER, "already a member"),
        ("manager", "alice", Role.VIEWER, "the vehicle&#x27;s owner"),
        ("manager", "charlie", Role.OWNER, "Select a valid choice"),
    ],
    ids=["oneself", "unknown", "twice", "the owner", "beyond the role"],
)
def test_sharing_refuses_bad_input_with_a_message_and_changes_nothing(
    household, other_user, who, account, role, message
):
    people, rows = household
    before = list(Membership.objects.values_list("user", "role"))
    response = client_for(people[who]).post(
        f"/vehicles/{rows[Vehicle].pk}/sharing/add/", {"account": account, "role": role}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert list(Membership.objects.values_list("user", "role")) == before


def test_sharing_by_e_mail_with_a_role(household, other_user):
    people, rows = household
    url = f"/vehicles/{rows[Vehicle].pk}/sharing/add/"
    response = client_for(people["manager"]).post(url, {"account": "Charlie@Example.com", "role": Role.DRIVER})
    assert response.status_code == 302
    membership = Membership.objects.get(user=other_user)
    assert (membership.role, membership.invited_by) == (Role.DRIVER, people["manager"])
    assert SECRET in client_for(other_user).get("/vehicles/").content.decode()


def make_link(client, vehicle, **data) -> str:
    response = client.post(f"/vehicles/{vehicle.pk}/sharing/invite/", {"role": Role.DRIVER, **data})
    assert response.status_code == 200
    return response.context["new_link"].split("testserver", 1)[1]


def test_an_invitation_link_works_once_for_a_week(household, other_user, django_user_model):
    people, rows = household
    link = make_link(client_for(people["owner"]), rows[Vehicle])
    charlie = client_for(other_user)
    assert "Join as charlie" in charlie.get(link).content.decode()
    assert charlie.post(link).status_code == 302
    assert Membership.objects.get(user=other_user).role == Role.DRIVER
    latecomer = django_user_model.objects.create_user("frank", "frank@example.com", "frank-password-1")
    response = client_for(latecomer).post(link)
    assert response.status_code == 400 and "used or has expired" in response.content.decode()
    assert not Membership.objects.filter(user=latecomer).exists()

    expiring = make_link(client_for(people["owner"]), rows[Vehicle])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert client_for(latecomer).post(expiring).status_code == 400
    assert not Membership.objects.filter(user=latecomer).exists()
    assert client_for(latecomer).get("/join/not-a-token/").status_code == 404


def test_an_invitation_for_one_account_refuses_another(household, other_user, django_user_model):
    people, rows = household
    link = make_link(client_for(people["owner"]), rows[Vehicle], email="charlie@example.com")
    intruder = django_user_model.objects.create_user("frank", "frank@example.com", "frank-password-1")
    response = client_for(intruder).post(link)
    assert response.status_code == 400 and "for another account" in response.content.decode()
    assert not Membership.objects.filter(user=intruder).exists()
    assert client_for(other_user).post(link).status_code == 302


def test_a_transfer_moves_the_vehicle_and_its_records_only_once_accepted(household, other_user):
    people, rows = household
    vehicle, owner = rows[Vehicle], client_for(people["owner"])
    Transfer.objects.all().delete()
    response = owner.post(f"/vehicles/{vehicle.pk}/sharing/transfer/", {"account": "charlie", "keep_role": Role.VIEWER})
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    vehicle.refresh_from_db()
    assert vehicle.owner == people["owner"], "nothing moves before the new owner accepts"
    assert client_for(people["driver"]).post(f"/transfers/{transfer.pk}/accept/").status_code == 404
    assert client_for(other_user).post(f"/transfers/{transfer.pk}/accept/").status_code == 302
    vehicle.refresh_from_db()
    assert vehicle.owner == other_user
    assert set(FuelLog.objects.filter(vehicle=vehicle).values_list("owner", flat=True)) == {other_user.pk}
    assert set(OdometerReading.objects.filter(vehicle=vehicle).values_list("owner", flat=True)) == {other_user.pk}
    assert Membership.objects.get(vehicle=vehicle, user=people["owner"]).role == Role.VIEWER
    assert client_for(people["owner"]).post(f"/vehicles/{vehicle.pk}/edit/").status_code == 403
    assert client_for(other_user).get(f"/vehicles/{vehicle.pk}/edit/").status_code == 200


def test_deleting_an_account_asks_about_each_shared_vehicle(household):
    people, rows = household
    rows[Thing].delete()  # the test-only model no account deletion knows
    vehicle, owner = rows[Vehicle], client_for(people["owner"])
    field = f"vehicle_{vehicle.pk}"
    response = owner.post("/account/delete/", {"confirm": "delete my account"})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    assert Vehicle.objects.filter(pk=vehicle.pk, owner=people["owner"]).exists()
    member = people["driver"]
    response = owner.post("/account/delete/", {"confirm": "delete my account", field: f"to-{member.pk}"})
    assert response.status_code == 302
    vehicle.refresh_from_db()
    assert vehicle.owner == member and FuelLog.objects.filter(vehicle=vehicle, owner=member).exists()
    assert set(Membership.objects.filter(vehicle=vehicle).values_list("user__username", flat=True)) == {
        "manager",
        "viewer",
    }


def test_deleting_an_account_may_delete_a_shared_vehicle_for_everyone(household):
    people, rows = household
    rows[Thing].delete()
    vehicle = rows[Vehicle]
    data = {"confirm": "delete my account", f"vehicle_{vehicle.pk}": "delete"}
    assert client_for(people["owner"]).post("/account/delete/", data).status_code == 302
    assert not Vehicle.objects.filter(pk=vehicle.pk).exists() and not Membership.objects.exists()


def test_a_members_account_deletion_keeps_what_they_entered_with_the_owner(household):
    people, rows = household
    reading = rows[OdometerReading]
    OdometerReading.objects.filter(pk=reading.pk).update(entered_by=people["driver"])
    assert client_for(people["driver"]).post("/account/delete/", {"confirm": "delete my account"}).status_code == 302
    reading.refresh_from_db()
    assert reading.owner == people["owner"] and reading.entered_by is None


def test_the_export_holds_what_the_member_entered_on_shared_vehicles_apart(household):
    people, rows = household
    OdometerReading.objects.filter(pk=rows[OdometerReading].pk).update(entered_by=people["driver"])
    body = b"".join(client_for(people["driver"]).get("/account/export/").streaming_content)
    archive = zipfile.ZipFile(io.BytesIO(body))
    readings = archive.read("shared/odometerreading.csv").decode().splitlines()
    assert len(readings) == 2 and str(rows[OdometerReading].pk) in readings[1].split(",")[0]
    assert "shared/memberships.csv" in archive.namelist()
    assert SECRET not in archive.read("vehicles.csv").decode(), "their own vehicles only"
