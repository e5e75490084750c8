"""Redis down while an association submits: the submission is stored, the user sees
success, and the mail that belongs to it goes out once the broker is back, once."""

from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from config.celery_app import app
from overenskommelse.agreement.models import AffiliationApplication
from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.outbox.delivery import outbox_flush

from .conftest import application_submit


@pytest.mark.django_db(transaction=True)
def test_application_submitted_while_redis_is_down(client, rep_a, organisation_a, broker_down):
    response = application_submit(client, rep_a, organisation_a)
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
