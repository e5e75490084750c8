"""Samverkansgruppen's reminder task on a real worker over Redis: a due meeting
reminder reaches each member once, and a rerun sends nothing."""

import datetime

import pytest
import time_machine

from overenskommelse.platform.models import OutboxMessage
from samverkan.group.models import GroupReminder
from samverkan.group.services import group
from samverkan.group.tasks import group_reminders_send


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_worker_sends_the_meeting_reminder_once_and_nothing_on_a_rerun(
    redis_worker, full_group, handlaggare, settings
):
    settings.SAMVERKAN_CONFERENCE_CYCLE_START = 2025  # 2026 is no conference year
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        meeting = group.meeting_create(
            actor=handlaggare,
            title="Höstmöte",
            date=datetime.date(2026, 11, 20),
            start_time=datetime.time(13),
            place="Stadshuset",
        )
        assert group.meeting_invite(actor=handlaggare, meeting=meeting) == 8
    members = sorted(m.contact_email for m in full_group)

    # Due three days before, at 08:00 local time (07:00 UTC in November).
    with time_machine.travel(
        datetime.datetime(2026, 11, 17, 6, 59, tzinfo=datetime.UTC), tick=False
    ):
        early = group_reminders_send.apply_async(ignore_result=False).get(timeout=30)
    with time_machine.travel(
        datetime.datetime(2026, 11, 17, 7, 0, tzinfo=datetime.UTC), tick=False
    ):
        first = group_reminders_send.apply_async(ignore_result=False).get(timeout=30)
        second = group_reminders_send.apply_async(ignore_result=False).get(timeout=30)

    assert (early, first, second) == (0, 8, 0)
    reminders = GroupReminder.objects.filter(kind="motespaminnelse", step=str(meeting.uuid))
    assert sorted(reminders.values_list("email", flat=True)) == members
    assert set(GroupReminder.objects.values_list("kind", flat=True)) == {
        "motesinbjudan",
        "motespaminnelse",
    }
    mails = OutboxMessage.objects.filter(subject__contains="Höstmöte")
    assert mails.count() == 16  # the invitation and the one reminder to each of the eight
