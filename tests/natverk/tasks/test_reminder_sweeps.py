"""natverk/services/reminders.py's sweeps directly: which step is claimed when, who gets
a reminder and who does not, what the mail says, and that `now` is the time the sweep
is asked about (the clock is elsewhere on purpose).

Written against the mutants that survived `make mutation MUTATE=natverk/services/reminders.py`:
the task tests counted mails, and a 1-day reminder sent in place of the 7-day one (and
the other way round) gave the same counts."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from natverk.models import MeetingReminder, Participation, WindowReminder
from natverk.services.reminders import (
    meeting_reminder_skip_reason,
    meeting_reminders_send,
    reminders_send,
    window_reminders_send,
)
from overenskommelse.accounts.models import Role
from overenskommelse.platform.models import OutboxMessage
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
BASE = "http://testserver.example"


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _elsewhere(settings):
    """The clock shows another year: only the `now` given may count."""
    settings.PORTAL_BASE_URL = BASE
    with time_machine.travel(at(2031, 6, 1, 12, 0), tick=False):
        yield


@pytest.fixture
def meeting(meeting_factory, samverkansgruppen_member):
    meeting = meeting_factory(
        title="Nätverksträff 2", date=datetime.date(2026, 11, 30), start_time=datetime.time(10, 0)
    )
    meeting.attendees.add(samverkansgruppen_member)
    return meeting


def steps(meeting) -> list[str]:
    return sorted(MeetingReminder.objects.filter(meeting=meeting).values_list("step", flat=True))


def test_an_unknown_step_is_never_sent(meeting):
    assert meeting_reminder_skip_reason(meeting, "2d", at(2026, 11, 28, 12, 0)) == "unknown step"


def test_the_seven_day_reminder_then_the_one_day_reminder(meeting):
    assert meeting_reminders_send(now=at(2026, 11, 23, 7, 5)) == 1
    assert steps(meeting) == ["7d"]
    assert meeting_reminders_send(now=at(2026, 11, 29, 7, 5)) == 1
    assert steps(meeting) == ["1d", "7d"]
    mail = OutboxMessage.objects.order_by("created_at").last()
    url = BASE + reverse("natverk:meeting_detail", kwargs={"uuid": meeting.uuid})
    assert url in mail.body_text


def test_every_active_attendee_with_an_address_is_reminded(meeting, handlaggare):
    inactive = UserFactory(email="slutat@example.se", is_active=False)
    meeting.attendees.add(handlaggare, inactive)
    assert meeting_reminders_send(now=at(2026, 11, 23, 7, 5)) == 2
    assert sorted(m.to[0] for m in OutboxMessage.objects.all()) == [
        handlaggare.email,
        "sg@example.se",
    ]
    assert not MeetingReminder.objects.filter(user=inactive).exists()


def test_an_attendee_without_an_address_is_not_counted(meeting):
    meeting.attendees.add(UserFactory(email=""))
    assert meeting_reminders_send(now=at(2026, 11, 23, 7, 5)) == 1


# ICLD's application windows ---------------------------------------------------------


@pytest.fixture
def partnership_participation(partnership):
    return Participation.objects.create(network=partnership, municipality_name="Lunds kommun")


def test_a_window_reminder_names_the_window_and_links_the_participation(
    partnership_participation, handlaggare
):
    assert window_reminders_send(now=at(2027, 1, 16, 7, 5)) == 1
    claim = WindowReminder.objects.get()
    assert (claim.window_opens_on, claim.user) == (datetime.date(2027, 2, 15), handlaggare)
    (mail,) = OutboxMessage.objects.all()
    assert "Kommunalt partnerskap" in mail.body_text
    assert "2027-02-15" in mail.body_text and "2027-03-15" in mail.body_text
    url = BASE + reverse(
        "natverk:participation_detail", kwargs={"uuid": partnership_participation.uuid}
    )
    assert url in mail.body_text


def test_the_autumn_window_is_reminded_after_the_spring_window_has_closed(
    partnership_participation, handlaggare
):
    assert window_reminders_send(now=at(2027, 8, 20, 12, 0)) == 1
    assert WindowReminder.objects.get().window_opens_on == datetime.date(2027, 9, 15)


def test_window_reminders_go_to_every_active_handlaggare_only(
    partnership_participation, handlaggare, handlaggare_b, rep_a
):
    user_with_role(Role.HANDLAGGARE, email="slutat@example.se", is_active=False)
    user_with_role(Role.HANDLAGGARE, email="")
    assert window_reminders_send(now=at(2027, 1, 16, 7, 5)) == 2
    assert sorted(m.to[0] for m in OutboxMessage.objects.all()) == [
        "handlaggare.b@example.se",
        "handlaggare@example.se",
    ]


def test_no_window_reminder_for_an_archived_partnership(partnership_participation, handlaggare):
    partnership_participation.network.is_archived = True
    partnership_participation.network.save()
    assert window_reminders_send(now=at(2027, 1, 16, 7, 5)) == 0


def test_both_sweeps_at_the_time_given(meeting, partnership_participation, handlaggare):
    # 2027-01-16 08:05 CET: the window reminder; a meeting on 2027-01-17 gets its 1-day one.
    meeting.date = datetime.date(2027, 1, 17)
    meeting.save()
    assert reminders_send(now=at(2027, 1, 16, 7, 5)) == 2
    assert steps(meeting) == ["1d"]
    assert WindowReminder.objects.count() == 1
