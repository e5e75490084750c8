"""Every periodic task in the code is in the beat schedule, and the schedule is real.

A periodic task is a sweep: a task that takes no arguments (ping aside). A task that
takes arguments is handed work by a service (one message, one document). The deployed
tier (tests/deployed/) proves that beat really sends the scheduled tasks when due.
"""

import inspect

import pytest
from celery import current_app
from django.conf import settings

from config.celery_app import app

# Handed work by a service, though it needs no arguments: the register's one set of
# stored exports is made after a change (the `documents` sweep asks again).
ON_DEMAND_WITHOUT_ARGUMENTS: set[str] = {"overenskommelse.agreement.tasks.register_export_render"}
PROJECT_APPS = ("overenskommelse.", "samverkan.", "natverk.")


def _project_tasks() -> dict[str, object]:
    app.loader.import_default_modules()
    return {name: task for name, task in current_app.tasks.items() if name.startswith(PROJECT_APPS)}


def _sweeps() -> set[str]:
    sweeps = set()
    for name, task in _project_tasks().items():
        params = inspect.signature(task.run).parameters
        if not params and name not in ON_DEMAND_WITHOUT_ARGUMENTS:
            sweeps.add(name)
    return sweeps


def test_the_project_has_sweeps_to_check():
    assert "overenskommelse.agreement.tasks.remiss_reminders_send" in _sweeps()
    assert len(_sweeps()) >= 6


@pytest.mark.parametrize("task_name", sorted(_sweeps()))
def test_every_sweep_is_scheduled(task_name):
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert task_name in scheduled, f"{task_name} takes no arguments but beat never runs it"


@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_every_schedule_entry_names_a_registered_task(entry):
    assert settings.CELERY_BEAT_SCHEDULE[entry]["task"] in _project_tasks()


def test_remiss_reminders_run_hourly():
    schedule = settings.CELERY_BEAT_SCHEDULE["remiss-reminders"]["schedule"]
    # crontab(minute=15): every hour of every day.
    assert schedule.minute == {15}
    assert schedule.hour == set(range(24))
