import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from costs.models import OtherCost
from documents.models import Document, DocumentPreferences, DocumentVehicle
from documents.services import documents_create
from documents.validation import inspect
from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create
from imports.models import ImportBatch
from maintenance.models import Channel, LineItem, Notice, Reminder, ReminderSettings, ServiceRecord
from maintenance.services import service_record_save
from motovault.tests.ownedapp.models import Thing
from stations.models import Station
from vehicles.models import OdometerReading, Vehicle

SECRET = "AliceSecretCar"


@pytest.fixture
def alices(owner):
    """One of every kind of Alice's objects, by model (asserted below: a new model must add its row)."""
    vehicle = Vehicle.objects.create(owner=owner, year=2012, make="Honda", model="Civic", nickname=SECRET)
    reading = OdometerReading.objects.create(
        owner=owner, vehicle=vehicle, date=datetime.date(2024, 1, 1), odometer_km=10
    )
    yesterday = timezone.now() - datetime.timedelta(days=1)
    station = Station.objects.create(owner=owner, name=SECRET, latitude=Decimal("48.1"), longitude=Decimal("11.5"))
    log, _ = fuel_log_create(
        log=FuelLog(
            owner=owner, vehicle=vehicle, filled_at=yesterday, odometer_km=Decimal(20),
            quantity=Decimal(30), price_per_unit=Decimal("1.5"), total_cost=Decimal("45.00"), station=station,
        )
    )  # fmt: skip
    thing = Thing.objects.create(owner=owner, name=SECRET)
    service = service_record_save(
        record=ServiceRecord(owner=owner, vehicle=vehicle, date=datetime.date(2024, 2, 1), odometer_km=30, shop=SECRET),
        items=[LineItem(service_type="Oil and filter", parts_cost=Decimal(40))],
    )
    reminder = Reminder.objects.create(owner=owner, vehicle=vehicle, title=SECRET, interval_months=12,
                                       due_date=datetime.date(2025, 2, 1))  # fmt: skip
    maintenance = {
        ServiceRecord: service,
        Reminder: reminder,
        ReminderSettings: ReminderSettings.objects.create(owner=owner),
        Channel: Channel.objects.create(owner=owner, kind="email", target="alice@example.com"),
        Notice: Notice.objects.create(owner=owner, key=f"reminder:{reminder.pk}", due_point="date:2025-02-01",
                                      became="soon", title=SECRET, text=SECRET, url="/"),
    }  # fmt: skip
    other_cost = OtherCost.objects.create(
        owner=owner, vehicle=vehicle, date=datetime.date(2024, 2, 1), amount=Decimal("120.00"), notes=SECRET
    )
    upload = SimpleUploadedFile("policy.txt", SECRET.encode())
    (document,) = documents_create(
        user=owner, template=Document(title=SECRET), vehicles=[vehicle], files=[(upload, inspect(upload))]
    )
    preferences = DocumentPreferences.objects.create(owner=owner, notice_days=30)
    batch = ImportBatch.objects.create(
        owner=owner, file_name=f"{SECRET}.csv",
        content=b"Date,Odometer,FuelConsumed,Cost,IsFillToFull\n2024-02-01,30,10,15.00,True\n2024-02-20,330,9,13.50,True\n",
    )  # fmt: skip
    return {
        Vehicle: vehicle,
        OdometerReading: reading,
        FuelLog: log,
        Thing: thing,
        OtherCost: other_cost,
        Station: station,
        ImportBatch: batch,
        Document: document,
        DocumentVehicle: document.links.get(),
        DocumentPreferences: preferences,
        **maintenance,
    }


@pytest.fixture
def household(alices, django_user_model):
    """Alice's vehicle shared with Bob (manager), Dave (driver) and Erin (viewer), with an open
    invitation link and an open offer of the vehicle to Dave: ``{role name: user}`` and the rows
    (by model, over ``alices``) the scoping sweep names in URLs."""
    from households.models import ShareInvitation, Transfer
    from vehicles.access import Role
    from vehicles.models import Membership

    vehicle = alices[Vehicle]
    people = {"owner": vehicle.owner}
    for name, role in (("manager", Role.MANAGER), ("driver", Role.DRIVER), ("viewer", Role.VIEWER)):
        person = django_user_model.objects.create_user(name, f"{name}@example.com", f"{name}-password-1")
        membership = Membership.objects.create(vehicle=vehicle, user=person, role=role, invited_by=vehicle.owner)
        people[name] = person
    invitation = ShareInvitation(vehicle=vehicle, role=Role.DRIVER, created_by=vehicle.owner)
    invitation.new_token()
    invitation.save()
    transfer = Transfer.objects.create(vehicle=vehicle, from_user=vehicle.owner, to_user=people["driver"])
    rows = {**alices, Membership: membership, ShareInvitation: invitation, Transfer: transfer}  # the viewer's
    return people, rows
