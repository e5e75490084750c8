"""Reminders before meetings and ICLD application windows: due times in
Europe/Stockholm (across summer time), claim then send, never twice."""

import datetime

import pytest
import time_machine

from natverk.models import NetworkMeeting, Participation
from natverk.services import meetings as meeting_services
from natverk.services.reminders import (
    application_windows,
    meeting_reminder_skip_reason,
    meeting_reminders_send,
    window_reminder_skip_reason,
    window_reminders_send,
)
from natverk.tasks import reminders_send
from overenskommelse.platform.models import OutboxMessage

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture
def meeting(meeting_factory, samverkansgruppen_member):
    meeting = meeting_factory(
        title="Nätverksträff 2", date=datetime.date(2026, 11, 30), start_time=datetime.time(10, 0)
    )
    meeting.attendees.add(samverkansgruppen_member)
    return meeting


@pytest.mark.parametrize(
    ("now", "step", "reason"),
    [
        (at(2026, 11, 23, 6, 59), "7d", "not yet due"),  # 07:59 CET
        (at(2026, 11, 23, 7, 0), "7d", None),  # 08:00 CET, seven days before
        (at(2026, 11, 29, 6, 59), "1d", "not yet due"),
        (at(2026, 11, 29, 6, 59), "7d", None),
        (at(2026, 11, 29, 7, 0), "1d", None),
        (at(2026, 11, 29, 7, 0), "7d", "superseded by a later reminder"),
        (at(2026, 11, 30, 8, 59), "1d", None),
        (at(2026, 11, 30, 9, 0), "1d", "meeting has started"),  # 10:00 CET
    ],
)
def test_meeting_reminder_is_due_from_eight_local_time(meeting, now, step, reason):
    assert meeting_reminder_skip_reason(meeting, step, now) == reason


def test_due_time_follows_summer_time(meeting_factory):
    # Summer time starts 2026-03-29; the day before a meeting on the 30th is in CEST.
    meeting = meeting_factory(date=datetime.date(2026, 3, 30), start_time=datetime.time(10, 0))
    assert meeting_reminder_skip_reason(meeting, "1d", at(2026, 3, 29, 5, 59)) == "not yet due"
    assert meeting_reminder_skip_reason(meeting, "1d", at(2026, 3, 29, 6, 30)) is None  # 08:30


def test_no_reminder_without_a_date_or_when_cancelled(meeting_factory):
    undated = meeting_factory(title="Nätverksträff 4")
    assert meeting_reminder_skip_reason(undated, "1d", at(2026, 11, 25, 12, 0)) == "no date yet"
    cancelled = meeting_factory(date=datetime.date(2026, 11, 26), is_cancelled=True)
    assert meeting_reminder_skip_reason(cancelled, "1d", at(2026, 11, 25, 12, 0)) == "cancelled"


def test_reminders_are_sent_once_whatever_the_number_of_runs(meeting, samverkansgruppen_member):
    with time_machine.travel(at(2026, 11, 22, 12, 0), tick=False):
        assert meeting_reminders_send() == 0  # eight days before: nothing due
    with time_machine.travel(at(2026, 11, 23, 7, 5), tick=False):
        assert meeting_reminders_send() == 1  # the 7-day reminder
        assert meeting_reminders_send() == 0
    with time_machine.travel(at(2026, 11, 29, 7, 5), tick=False):
        assert reminders_send.delay().get() == 1  # the 1-day reminder, through the task
        assert reminders_send.delay().get() == 0
    assert OutboxMessage.objects.count() == 2
    mail = OutboxMessage.objects.order_by("created_at").last()
    assert mail.to == [samverkansgruppen_member.email]
    assert "Påminnelse: Nätverksträff 2 den 2026-11-30" in mail.subject
    assert "10.00" in mail.body_text


def test_a_missed_run_is_caught_up_later_the_same_day(meeting):
    with time_machine.travel(at(2026, 11, 29, 15, 0), tick=False):
        assert meeting_reminders_send() == 1


def test_attendees_are_told_when_a_meeting_gets_a_date(
    meeting_factory, samverkansgruppen_member, handlaggare
):
    meeting = meeting_factory(title="Nätverksträff 4")
    meeting.attendees.add(samverkansgruppen_member)
    meeting_services.meeting_update(meeting=meeting, actor=handlaggare, agenda="Dagordning")
    assert not OutboxMessage.objects.exists()
    meeting_services.meeting_update(
        meeting=NetworkMeeting.objects.get(pk=meeting.pk),
        actor=handlaggare,
        date=datetime.date(2027, 1, 20),
    )
    (mail,) = OutboxMessage.objects.all()
    assert mail.to == [samverkansgruppen_member.email]
    assert "Nätverksträff 4 har nu ett datum: 2027-01-20" in mail.subject


@pytest.fixture
def partnership_participation(partnership):
    return Participation.objects.create(network=partnership, municipality_name="Lunds kommun")


def test_application_windows_are_icld_s():
    assert application_windows(2027) == [
        (datetime.date(2027, 2, 15), datetime.date(2027, 3, 15)),
        (datetime.date(2027, 9, 15), datetime.date(2027, 10, 15)),
    ]


@pytest.mark.parametrize(
    ("now", "reason"),
    [
        (at(2027, 1, 16, 6, 59), "not yet due"),  # 30 days before, 08:00 CET
        (at(2027, 1, 16, 7, 0), None),
        (at(2027, 3, 15, 22, 59), None),  # 23:59 on the last day
        (at(2027, 3, 15, 23, 0), "window closed"),
    ],
)
def test_window_reminder_due_before_opening_until_closing(partnership_participation, now, reason):
    window = application_windows(2027)[0]
    assert window_reminder_skip_reason(partnership_participation, window, now) == reason


def test_window_reminders_go_to_case_officers_once(partnership_participation, handlaggare):
    with time_machine.travel(at(2027, 1, 16, 7, 5), tick=False):
        assert window_reminders_send() == 1
        assert window_reminders_send() == 0
    (mail,) = OutboxMessage.objects.all()
    assert mail.to == [handlaggare.email]
    assert "2027-02-15" in mail.subject
    Participation.objects.filter(pk=partnership_participation.pk).update(stage="avslutad")
    partnership_participation.refresh_from_db()
    window = application_windows(2027)[1]
    assert (
        window_reminder_skip_reason(partnership_participation, window, at(2027, 9, 1, 12, 0))
        == "participation ended"
    )


def test_no_window_reminder_for_other_networks(participation):
    window = application_windows(2027)[0]
    assert (
        window_reminder_skip_reason(participation, window, at(2027, 2, 1, 12, 0))
        == "not a municipal partnership"
    )
