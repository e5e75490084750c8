"""Beat proves the schedule: every entry of CELERY_BEAT_SCHEDULE is synced by the
running beat into django-celery-beat's tables, beat sends each one when it is due, and
the worker runs it. No task is called by the test; it moves beat's clock and the last
run times, and reads the logs and the database from outside.

django-celery-beat loads a crontab with a fixed hour only within two hours of the
current hour (in UTC, using the zone's January offset), so the daily entries (03:17,
07:43 Stockholm time) are never both loaded at the real time of a test run. Beat is
restarted with its clock moved to an hour when they are, every entry's last run is set
three days back, and everything the window covers is due at once.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from celery.schedules import crontab
from django.conf import settings

from tests.processes import wait_until

SCHEDULE = settings.CELERY_BEAT_SCHEDULE
ROWS = """
    SELECT p.name, p.task, p.enabled, i.every, i.period, c.minute, c.hour, c.day_of_week,
           c.day_of_month, c.month_of_year, c.timezone, p.total_run_count
    FROM django_celery_beat_periodictask p
    LEFT JOIN django_celery_beat_intervalschedule i ON i.id = p.interval_id
    LEFT JOIN django_celery_beat_crontabschedule c ON c.id = p.crontab_id
"""


def _rows(deployed) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in deployed.sql(ROWS)}


def _as_stored(entry: dict) -> tuple:
    """How the entry's schedule reads in the tables: interval or crontab fields."""
    schedule = entry["schedule"]
    if isinstance(schedule, crontab):
        fields = (schedule._orig_minute, schedule._orig_hour, schedule._orig_day_of_week,
                  schedule._orig_day_of_month, schedule._orig_month_of_year)  # fmt: skip
        return (None, None, *map(str, fields), settings.CELERY_TIMEZONE)
    return (int(schedule), "seconds", None, None, None, None, None, None)


def _beat_hour(entry: dict) -> int | None:
    """The UTC hour under which django-celery-beat files a crontab with a fixed hour
    (DatabaseScheduler._get_crontab_exclude_query); None when it is loaded every hour."""
    schedule = entry["schedule"]
    if not isinstance(schedule, crontab) or not str(schedule._orig_hour).isdigit():
        return None
    january = dt.datetime(2023, 1, 1, 12)  # noqa: DTZ001  (as django-celery-beat does)
    offset = -ZoneInfo(settings.CELERY_TIMEZONE).utcoffset(january) // dt.timedelta(hours=1)
    return (int(schedule._orig_hour) + offset) % 24


def _day_of_month(entry: dict) -> int | None:
    """The day a monthly crontab runs on (the gallring, on the 1st); None otherwise."""
    schedule = entry["schedule"]
    if isinstance(schedule, crontab) and str(schedule._orig_day_of_month).isdigit():
        return int(schedule._orig_day_of_month)
    return None


def _windows() -> list[tuple[int, int | None, list[str]]]:
    """UTC hours (and for a monthly entry the day) to move beat's clock to, each with
    the entries it loads and proves."""
    windows = []
    for day in sorted({_day_of_month(e) for e in SCHEDULE.values()}, key=lambda d: d or 0):
        left = [name for name in SCHEDULE if _day_of_month(SCHEDULE[name]) == day]
        while left:
            hours = [h for name in left if (h := _beat_hour(SCHEDULE[name])) is not None]
            centre = (hours[0] + 2) % 24 if hours else 12
            covered = [
                name
                for name in left
                if (h := _beat_hour(SCHEDULE[name])) is None
                or (h - centre) % 24 in (0, 1, 2, 22, 23)
            ]
            windows.append((centre, day, covered))
            left = [name for name in left if name not in covered]
    return windows


def _moved_clock(utc_hour: int, day: int | None = None) -> dt.datetime:
    """The latest whole `utc_hour` before now (on the `day` of a month, for a monthly
    entry): beat's clock goes back, never ahead, so the run times it writes do not hold
    the real beat back afterwards."""
    now = dt.datetime.now(dt.UTC)
    moment = now.replace(hour=utc_hour, minute=0, second=0, microsecond=0)
    if day is None:
        return moment if moment < now else moment - dt.timedelta(days=1)
    moment = moment.replace(day=day)
    if moment >= now:
        previous = moment.replace(day=1) - dt.timedelta(days=1)
        moment = moment.replace(year=previous.year, month=previous.month)
    return moment


def _ran(log: str, task: str) -> bool:
    return re.search(rf"Task {re.escape(task)}\[[0-9a-f-]+\] succeeded", log) is not None


def test_running_beat_syncs_the_schedule_into_its_tables(deployed):
    assert wait_until(lambda: set(SCHEDULE) <= set(_rows(deployed)), 30), _rows(deployed)
    rows = _rows(deployed)
    for name, entry in SCHEDULE.items():
        task, enabled, *stored, _runs = rows[name]
        assert (task, enabled) == (entry["task"], True), name
        assert tuple(stored) == _as_stored(entry), name
    # Nothing else is scheduled (beat adds only Celery's own result clean-up).
    assert set(rows) - set(SCHEDULE) <= {"celery.backend_cleanup"}


def test_beat_sends_every_scheduled_task_when_due_and_the_worker_runs_it(deployed):
    assert wait_until(lambda: set(SCHEDULE) <= set(_rows(deployed)), 30)
    reminded = deployed.scenario["reminded_email"]
    title = deployed.scenario["reminder_title"]
    try:
        for utc_hour, day, names in _windows():
            moment = _moved_clock(utc_hour, day)
            deployed.beat.stop()
            deployed.sql(
                "UPDATE django_celery_beat_periodictask"
                " SET last_run_at = %s, total_run_count = 0 WHERE name = ANY(%s)",
                [moment - dt.timedelta(days=3), names],
            )
            worker_from = len(deployed.worker.log_text())
            beat_from = len(deployed.beat.log_text())
            deployed.restart_beat(
                launcher=[deployed.python, "-m", "tests.deployed.beat_at", moment.isoformat()]
            )

            def sent_and_run(names=names, worker_from=worker_from, beat_from=beat_from):
                beat_log = deployed.beat.log_text()[beat_from:]
                worker_log = deployed.worker.log_text()[worker_from:]
                return all(
                    f"Sending due task {name} ({SCHEDULE[name]['task']})" in beat_log
                    and _ran(worker_log, SCHEDULE[name]["task"])
                    for name in names
                )

            assert wait_until(sent_and_run, 90, interval=0.5), (
                f"beat at {moment:%H:%M} UTC did not send and run all of {names}"
            )
            deployed.beat.stop()  # beat writes its run counts on the way out
            rows = _rows(deployed)
            assert all(rows[name][-1] >= 1 for name in names), {n: rows[n][-1] for n in names}
    finally:
        deployed.beat.stop()
        deployed.sql("UPDATE django_celery_beat_periodictask SET last_run_at = now()")
        deployed.restart_beat()

    # What the remiss sweep did: the instans whose reminder was due got one mail.
    assert deployed.smtp.wait_for(lambda _: deployed.smtp.to(reminded, title), 60)
    (reminder,) = deployed.smtp.to(reminded, title)
    assert "Påminnelse" in reminder.subject
    assert f"{deployed.url}/remisser/svar/{deployed.scenario['reminder_instans']}/" in (
        reminder.text
    )
    claims = deployed.sql(
        "SELECT r.days_before FROM agreement_remissreminder r"
        " JOIN agreement_remissinstans i ON i.id = r.instans_id WHERE i.uuid = %s",
        [deployed.scenario["reminder_instans"]],
    )
    assert claims == [(14,)]
