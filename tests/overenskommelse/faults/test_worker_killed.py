"""A worker killed in the middle of a reminder sweep: after a restart every due
reminder is sent exactly once (no reminder lost, none sent twice).

Runs real `celery worker` processes over Redis against the test database and kills
the first one with SIGKILL while its sweep transaction is open: its reminders are
claimed but their mails not yet written.
"""

import datetime as dt
import os
import signal
from collections import Counter

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from config.celery_app import app
from overenskommelse.accounts.models import User
from overenskommelse.agreement.models import Remiss, RemissInstans, RemissReminder, Representation
from overenskommelse.agreement.services import remiss as remiss_services
from overenskommelse.platform.models import OutboxMessage
from tests.factories import OrganisationFactory
from tests.processes import Process, celery_worker, wait_until

INSTANSER = 400


def _worker(env: dict, log) -> Process:
    return celery_worker(
        env,
        log,
        "--pool=solo",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        loglevel="warning",
    ).start()


def _wait(predicate, timeout: float) -> bool:
    return wait_until(predicate, timeout, interval=0.1)


@pytest.fixture
def due_remiss(handlaggare):
    """A published remiss whose 14-days-before reminder is due now, to many instanser."""
    today = timezone.localdate()
    remiss = remiss_services.remiss_create(
        actor=handlaggare,
        title="Remiss för feltest",
        case_number="KS 2026/0001",
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=13),
    )
    organisations = [OrganisationFactory(name=f"Instans {i:03d}") for i in range(INSTANSER)]
    users = User.objects.bulk_create(
        User(email=f"instans{i:03d}@example.se") for i in range(INSTANSER)
    )
    Representation.objects.bulk_create(
        Representation(user=u, organisation=o, status=Representation.Status.CONFIRMED)
        for u, o in zip(users, organisations, strict=True)
    )
    RemissInstans.objects.bulk_create(
        RemissInstans(remiss=remiss, organisation=o, source=RemissInstans.Source.CHOSEN)
        for o in organisations
    )
    # Published without its invitations: only the reminders are under test.
    Remiss.objects.filter(pk=remiss.pk).update(
        status=Remiss.Status.PUBLISHED, published_at=timezone.now()
    )
    return remiss


@pytest.fixture
def tasks_published():
    """The test process only publishes; the worker processes run the tasks."""
    app.conf.update(task_always_eager=False)
    yield
    app.conf.update(task_always_eager=True)


def _blocked_on_outbox_insert(dsn: str) -> bool:
    """True while some backend waits for a lock to insert into the outbox: the sweep
    has claimed its reminders in its open transaction and is about to write the mails."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            " AND query LIKE 'INSERT INTO \"platform_outboxmessage\"%%'"
        ).fetchone()
    return bool(row and row[0])


def _open_sweeps(dsn: str) -> int:
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND (state LIKE 'idle in transaction%%' OR wait_event_type = 'Lock')"
        ).fetchone()
    return row[0] if row else 0


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_sweep_survives_a_killed_worker_and_sends_each_reminder_once(
    settings, due_remiss, tasks_published, tmp_path
):
    from tests.conftest import _answers, missing_service

    if not _answers(settings.REDIS_URL):
        missing_service(f"Redis at {settings.REDIS_URL}")
    db = connection.settings_dict
    dsn = f"postgresql://{db['USER'] or 'postgres'}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": dsn.replace("postgresql://", "postgres://", 1),
        "REDIS_URL": settings.REDIS_URL,
    }
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")

    # Hold the sweep inside its transaction: with the outbox table share-locked, the
    # worker claims every reminder, then waits to write the mails. It is killed there.
    holder = psycopg.connect(dsn)
    holder.execute("LOCK TABLE platform_outboxmessage IN SHARE MODE")
    first = _worker(env, tmp_path / "first.log")
    try:
        app.send_task("overenskommelse.agreement.tasks.remiss_reminders_send")
        reached = _wait(lambda: _blocked_on_outbox_insert(dsn), 90)
        assert reached, f"sweep never reached the mails\n{first.tail()}"
        first.signal(signal.SIGKILL)
        first.popen.wait(timeout=10)
    finally:
        holder.rollback()
        holder.close()
        first.signal(signal.SIGKILL)
    # The dead worker's transaction rolls back: no claim without its mail.
    assert _wait(lambda: _open_sweeps(dsn) == 0, 30)
    assert RemissReminder.objects.count() == 0
    assert OutboxMessage.objects.count() == 0

    second = _worker(env, tmp_path / "second.log")
    try:
        app.send_task("overenskommelse.agreement.tasks.remiss_reminders_send")
        assert _wait(lambda: RemissReminder.objects.count() == INSTANSER, 180)
        # A further run, then a ping behind it: the solo worker answers the ping only
        # after it has finished the sweep in front of it.
        app.send_task("overenskommelse.agreement.tasks.remiss_reminders_send")
        assert (
            app.send_task("overenskommelse.platform.tasks.ping", args=["x"]).get(timeout=120)
            == "pong:x"
        )
    finally:
        second.stop(timeout=30)

    assert RemissReminder.objects.count() == INSTANSER
    recipients = Counter(
        tuple(m.to) for m in OutboxMessage.objects.all() if m.to[0].startswith("instans")
    )
    assert len(recipients) == INSTANSER
    assert set(recipients.values()) == {1}, "no instans was reminded twice"
