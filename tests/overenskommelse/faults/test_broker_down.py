"""Redis down while an association submits: the submission is stored, the user sees
success, and the mail that belongs to it goes out once the broker is back, once."""

from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from config.celery_app import app
from overenskommelse.models import AffiliationApplication, OutboxMessage
from overenskommelse.services.mail import outbox_flush

PDF = b"%PDF-1.4 signed protocol\n%%EOF"


@pytest.fixture
def broker_down():
    """Tasks are really published, to a Redis address where nothing listens."""
    saved = {
        key: app.conf[key]
        for key in (
            "task_always_eager",
            "broker_url",
            "broker_connection_retry",
            "broker_connection_timeout",
            "task_publish_retry",
        )
    }
    app.conf.update(
        task_always_eager=False,
        broker_url="redis://127.0.0.1:1/0",
        broker_connection_retry=False,
        broker_connection_timeout=1,
        task_publish_retry=False,
    )
    _reset_connection_pools()
    yield
    app.conf.update(saved)
    _reset_connection_pools()


def _reset_connection_pools() -> None:
    """Make the next publish look up the pool for the current broker URL.

    The pools themselves are kombu's, shared per URL, so they are left open: closing
    the Redis one here would break every later test that publishes to Redis.
    """
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
def test_application_submitted_while_redis_is_down(client, rep_a, organisation_a, broker_down):
    client.force_login(rep_a)
    response = client.post(
        reverse("overenskommelse:application_form", kwargs={"slug": organisation_a.slug}),
        {
            "meeting_date": "2026-11-02",
            "paragraph": "7",
            "decision_text": "Styrelsen beslutar att ansluta.",
            "conditions_confirmed": "on",
            "action": "submit",
            "protocol": SimpleUploadedFile("protokoll.pdf", PDF, content_type="application/pdf"),
        },
        follow=True,
    )
    assert response.status_code == 200
    application = AffiliationApplication.objects.get(organisation=organisation_a)
    assert application.status == AffiliationApplication.Status.SUBMITTED
    waiting = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
    assert waiting >= 1, "the submission's mail is kept in the outbox"
    assert django_mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_mail_waiting_in_the_outbox_goes_out_once_when_redis_is_back(
    client, rep_a, organisation_a, broker_down
):
    test_application_submitted_while_redis_is_down(client, rep_a, organisation_a, None)
    waiting = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()

    app.conf.update(task_always_eager=True)  # the broker is back
    later = timezone.now() + timedelta(minutes=2)
    assert outbox_flush(now=later) == waiting
    assert outbox_flush(now=later) == 0
    assert len(django_mail.outbox) == waiting
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).exists()
