"""A real worker over Redis proves the wiring: broker, autodiscovery, result backend."""

import pytest
from django.core import mail as django_mail

from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.outbox.tasks import outbox_deliver
from overenskommelse.platform.tasks import ping


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
