# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""Remiss reminders 14 and 3 days before the last day, once per instans and step, and
the summary the day after; a real worker over Redis sends each once, nothing on a rerun."""

import celery.contrib.testing.tasks  # noqa: F401  (start_worker's ping needs it registered)
import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django import db

from config.celery_app import app
from overenskommelse.models import OutboxMessage, RemissAnswer, RemissReminder
from overenskommelse.services import remiss as services
from overenskommelse.services.remiss_reminders import (
    reminder_skip_reason,
    remiss_reminders_send,
    remiss_summaries_send,
)
from overenskommelse.tasks import remiss_reminders_send as remiss_task
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "now", "reason"),
    [
        (14, at(2021, 2, 14, 7, 59), "not yet due"),
        (14, at(2021, 2, 14, 8, 0), None),
        (14, at(2021, 2, 25, 8, 0), "superseded by a later reminder"),
        (3, at(2021, 2, 25, 7, 59), "not yet due"),
        (3, at(2021, 2, 28, 23, 59, 59), None),
        (3, at(2021, 3, 1, 0, 0), "remiss closed"),
        (7, at(2021, 2, 21, 9), "unknown step"),
    ],
)
def test_skip_reason_before_at_and_after(published_remiss, days, now, reason):
    instans = published_remiss.instanser.first()
    assert reminder_skip_reason(instans, days, now) == reason
    assert reminder_skip_reason(instans, 14, now, submitted=True) in (
        "already answered",
        "unknown step",
    )


@pytest.mark.django_db
def test_configurable_steps(published_remiss, settings):
    settings.REMISS_REMINDER_DAYS = [7]
    instans = published_remiss.instanser.first()
    assert reminder_skip_reason(instans, 7, at(2021, 2, 21, 8, 0)) is None
    assert reminder_skip_reason(instans, 14, at(2021, 2, 21, 8, 0)) == "unknown step"


@pytest.mark.django_db
def test_sweep_reminds_only_those_without_a_submitted_answer_once(
    published_remiss, organisation_a, rep_a, namnd_contact
):
    instans_a = published_remiss.instanser.get(organisation=organisation_a)
    with time_machine.travel(at(2021, 2, 10, 12), tick=False):
        services.remiss_answer_save(
            instans=instans_a, actor=rep_a, texts={}, version=None, submit=True
        )
    with time_machine.travel(at(2021, 2, 14, 9), tick=False):
        assert remiss_reminders_send() == 1
        assert remiss_reminders_send() == 0
    rows = list(RemissReminder.objects.select_related("instans__municipal_body"))
    assert [(r.instans.name, r.days_before) for r in rows] == [("Kultur- och fritidsnämnden", 14)]
    mail = OutboxMessage.objects.get(subject__startswith="Påminnelse")
    assert namnd_contact.email in mail.to


@pytest.mark.django_db
def test_summary_the_day_after_the_deadline_once(published_remiss, handlaggare):
    with time_machine.travel(at(2021, 3, 1, 7, 59), tick=False):
        assert remiss_summaries_send() == 0
    with time_machine.travel(at(2021, 3, 1, 8, 0), tick=False):
        assert remiss_summaries_send() == 1
        assert remiss_summaries_send() == 0
    mail = OutboxMessage.objects.get(subject__contains="har stängt")
    assert mail.to == [handlaggare.email]
    assert "Svarade inte (2)" in mail.body_text


@pytest.fixture
def redis_worker(settings):
    from tests.conftest import _answers, missing_service

    if not _answers(settings.REDIS_URL):
        missing_service(f"Redis at {settings.REDIS_URL}")
    app.conf.update(
        task_always_eager=False,
        broker_url=settings.REDIS_URL,
        result_backend=settings.REDIS_URL,
        broker_transport_options={},
    )
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
def test_worker_sends_each_step_once_and_nothing_on_a_rerun(redis_worker, published_remiss):
    with time_machine.travel(at(2021, 2, 14, 9), tick=False):
        first = remiss_task.apply_async(ignore_result=False).get(timeout=30)
        second = remiss_task.apply_async(ignore_result=False).get(timeout=30)
    with time_machine.travel(at(2021, 2, 26, 9), tick=False):  # late run for the 3-day step
        third = remiss_task.apply_async(ignore_result=False).get(timeout=30)
        fourth = remiss_task.apply_async(ignore_result=False).get(timeout=30)
    assert (first, second, third, fourth) == (2, 0, 2, 0)
    steps = sorted((r.instans.name, r.days_before) for r in RemissReminder.objects.all())
    assert steps == [
        ("Förening A", 3),
        ("Förening A", 14),
        ("Kultur- och fritidsnämnden", 3),
        ("Kultur- och fritidsnämnden", 14),
    ]
    assert not RemissAnswer.objects.exists()
