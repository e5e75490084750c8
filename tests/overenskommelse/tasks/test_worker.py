"""A real worker over Redis proves the wiring: broker, autodiscovery, result backend."""

import celery.contrib.testing.tasks  # noqa: F401  (start_worker's ping needs it registered)
import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django import db
from django.core import mail as django_mail

from config.celery_app import app
from overenskommelse.models import OutboxMessage
from overenskommelse.tasks import outbox_deliver, ping


@pytest.fixture
def redis_worker(settings):
    """A worker thread consuming from Redis; tasks are really sent, not run eagerly."""
    from tests.conftest import _answers, missing_service

    if not _answers(settings.REDIS_URL):
        missing_service(f"Redis at {settings.REDIS_URL}")
    app.conf.update(
        task_always_eager=False,
        broker_url=settings.REDIS_URL,
        result_backend=settings.REDIS_URL,
        broker_transport_options={},
    )
    # The worker thread opens its own database connection; close it after each
    # task so the test database can be dropped at the end of the session.
    task_postrun.connect(_close_db_connection)
    try:
        with start_worker(app, pool="solo", perform_ping_check=True, shutdown_timeout=20):
            yield app
    finally:
        task_postrun.disconnect(_close_db_connection)
        app.conf.update(task_always_eager=True)


def _close_db_connection(**_kwargs) -> None:
    db.connection.close()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_task_sent_through_redis_runs_on_a_real_worker(redis_worker):
    assert redis_worker.conf.broker_url.startswith("redis://")
    result = ping.delay("hej")
    assert result.get(timeout=20) == "pong:hej"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_worker_delivers_an_outbox_message(redis_worker):
    message = OutboxMessage.objects.create(to=["a@example.se"], subject="Via Redis", body_text="B")
    outbox_deliver.apply_async(args=[message.pk], ignore_result=False).get(timeout=20)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert [m.subject for m in django_mail.outbox] == ["Via Redis"]
