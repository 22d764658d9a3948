"""The daily digest: what became due soon or overdue, once per notice, by e-mail (Django's locmem
backend) and through Apprise to a local stand-in; a failing channel is retried and shown, and
never stops the others; the job runs in a real worker."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from maintenance import notify, tasks
from maintenance.models import Channel, Notice
from motovault.tests.test_tasks import run_worker

from .standin import serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    server = serve()
    yield server
    server.shutdown()


def at(day: datetime.date, hour: int = 8):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def channels(owner, receiver):
    email = Channel.objects.create(owner=owner, kind="email", target="alice@example.com")
    push = Channel.objects.create(owner=owner, kind="apprise", target=receiver.url)
    return email, push


def test_each_notice_goes_once_to_each_channel(owner, car, reminder, channels, receiver):
    reminder(car, title="MOT", due_date=datetime.date(2026, 4, 20))  # due soon from 21 March (30 days)
    with at(datetime.date(2026, 3, 20)):
        assert notify.send_digest(owner) == {"notices": 0, "sent": 0, "failed": 0}
    with at(datetime.date(2026, 3, 21)):
        assert notify.send_digest(owner) == {"notices": 1, "sent": 2, "failed": 0}
        assert notify.send_digest(owner) == {"notices": 0, "sent": 0, "failed": 0}  # the same day again
    with at(datetime.date(2026, 4, 15)):  # very soon now: still the same "due soon" notice
        assert notify.send_digest(owner)["notices"] == 0
    with at(datetime.date(2026, 4, 21)):  # overdue: a notice of its own
        assert notify.send_digest(owner) == {"notices": 1, "sent": 2, "failed": 0}
    assert [m.subject for m in mail.outbox] == ["MotoVault: 1 thing due", "MotoVault: 1 thing due (1 overdue)"]
    assert mail.outbox[0].to == ["alice@example.com"] and "MOT · Octy" in mail.outbox[0].body
    assert [r["title"] for r in receiver.received] == ["MotoVault: 1 thing due", "MotoVault: 1 thing due (1 overdue)"]
    assert "due soon (20 Apr 2026)" in receiver.received[0]["message"]
    assert Notice.objects.count() == 2


def test_a_failing_channel_is_shown_and_retried_without_stopping_the_others(owner, car, reminder, channels, receiver):
    email, push = channels
    reminder(car, title="MOT", due_date=datetime.date(2026, 3, 25))
    receiver.status = 500
    with at(datetime.date(2026, 3, 21)):
        assert notify.send_digest(owner) == {"notices": 1, "sent": 1, "failed": 1}
    push.refresh_from_db()
    assert push.failing_since is not None and push.last_error and push.pending_notices.count() == 1
    assert len(mail.outbox) == 1
    receiver.status = 200
    with at(datetime.date(2026, 3, 21), hour=9):  # the next run: the owed notice goes, once
        assert notify.send_digest(owner) == {"notices": 0, "sent": 1, "failed": 0}
    push.refresh_from_db()
    assert push.failing_since is None and not push.pending_notices.exists() and len(receiver.received) == 1
    assert len(mail.outbox) == 1


def test_a_refused_connection_is_a_failure_not_a_crash(owner, car, reminder, receiver):
    url = receiver.url
    receiver.shutdown()
    receiver.server_close()
    channel = Channel.objects.create(owner=owner, kind="apprise", target=url)
    assert notify.send_test(channel) is False
    channel.refresh_from_db()
    assert channel.failing_since is not None and channel.last_error


def test_who_is_due_a_digest(owner, other_user, channels):
    other_user.time_zone = "America/Los_Angeles"
    other_user.save()
    Channel.objects.create(owner=other_user, kind="email", target="c@example.com")
    now = datetime.datetime(2026, 3, 21, 8, 0, tzinfo=datetime.UTC)  # 08:00 in UTC, 01:00 in Los Angeles
    assert notify.users_to_notify(now) == [owner.pk]


def test_the_settings_page_tests_a_channel_and_refuses_a_url_apprise_cannot_read(owner_client, owner, receiver):
    page = owner_client.post("/settings/notifications/", {"action": "channel", "kind": "apprise", "target": "nope://x"})
    assert page.status_code == 200 and "Apprise cannot read this URL" in page.content.decode()
    owner_client.post("/settings/notifications/", {"action": "channel", "kind": "apprise", "target": receiver.url})
    channel = Channel.objects.get()
    response = owner_client.post(f"/settings/notifications/channels/{channel.pk}/", {"action": "test"}, follow=True)
    assert "Test sent" in response.content.decode() and receiver.received[0]["title"] == "MotoVault test"


@pytest.mark.django_db(transaction=True)
def test_the_digest_runs_in_a_real_worker(owner, car, reminder, receiver):
    Channel.objects.create(owner=owner, kind="apprise", target=receiver.url)
    reminder(car, title="MOT", due_date=timezone.localdate() - datetime.timedelta(days=1))
    try:
        with transaction.atomic():
            job_id = tasks.send_digest.defer(user_id=owner.pk)
        result = run_worker("default")
        assert result.returncode == 0, result.stderr
        assert ProcrastinateJob.objects.get(id=job_id).status == "succeeded"
        assert [r["title"] for r in receiver.received] == ["MotoVault: 1 thing due (1 overdue)"]
        assert Notice.objects.get().became == "overdue"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE procrastinate_jobs CASCADE")


def test_the_hourly_run_defers_one_job_per_user_due_a_digest_and_never_two(owner, channels):
    from procrastinate.contrib.django import app

    periodic = {task.task.name: task for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic["maintenance.tasks.queue_digests"].cron == "5 * * * *"
    try:
        with at(datetime.date(2026, 3, 21)):
            tasks.queue_digests(timestamp=0)
            tasks.queue_digests(timestamp=0)  # the first one's job still waits: not a second
        jobs = ProcrastinateJob.objects.filter(task_name="maintenance.tasks.send_digest")
        assert [job.args for job in jobs] == [{"user_id": owner.pk}]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE procrastinate_jobs CASCADE")
