"""The beat entry names a registered task, and the task runs the sweeps (eagerly)."""

import datetime

import time_machine
from django.conf import settings

from config.celery_app import app
from samverkan.group.models import GroupReminder
from samverkan.group.tasks import group_reminders_send


def test_beat_entry_names_the_task():
    entry = settings.CELERY_BEAT_SCHEDULE["samverkansgruppen-reminders"]
    assert entry["task"] in app.tasks


def test_task_sends_and_a_second_run_sends_nothing(handlaggare, seat_bodies):
    with time_machine.travel(datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)):
        first = group_reminders_send.apply().get()
        second = group_reminders_send.apply().get()
    assert first > 0 and second == 0
    assert GroupReminder.objects.filter(kind="ingen_konferens").exists()  # 2026: conference year
