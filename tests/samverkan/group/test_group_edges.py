"""Samverkansgruppen's services at their edges: a meeting with a place only, minutes
opened by whom, a reminder sweep past a meeting it skips, the time a sweep is asked
about, the follow-up of the Överenskommelse once approved, and the attendee list's
order."""

import datetime

import pytest
import time_machine

from overenskommelse.protocols.models import ProtocolMeeting
from samverkan.group.models import ConferenceRegistration, GroupMeeting, GroupReminder
from samverkan.group.services import conference as conference_services
from samverkan.group.services import followup as followup_services
from samverkan.group.services import group

pytestmark = pytest.mark.django_db


def _meeting(actor, date, **fields) -> GroupMeeting:
    return group.meeting_create(
        actor=actor,
        title=f"Möte {date}",
        date=date,
        start_time=datetime.time(13),
        **{"place": "Rådhuset", **fields},
    )


def test_a_meeting_with_a_place_has_no_link(handlaggare):
    meeting = _meeting(handlaggare, datetime.date(2027, 2, 1))
    assert GroupMeeting.objects.get(pk=meeting.pk).link == ""


def test_the_minutes_are_opened_by_whoever_opens_them(handlaggare):
    meeting = _meeting(handlaggare, datetime.date(2027, 2, 1))
    protocol = group.meeting_minutes_start(actor=handlaggare, meeting=meeting)
    assert ProtocolMeeting.objects.get(pk=protocol.pk).created_by == handlaggare


def test_the_reminder_sweep_goes_on_past_a_meeting_it_skips(full_group, handlaggare, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.se"
    now = datetime.datetime(2027, 2, 1, 9, tzinfo=datetime.UTC)
    invited = _meeting(handlaggare, datetime.date(2027, 2, 2))
    not_invited = _meeting(handlaggare, datetime.date(2027, 2, 3))  # first: latest first
    group.meeting_invite(actor=handlaggare, meeting=invited, now=now)
    assert group.meeting_reminder_skip_reason(not_invited, now) == "not invited yet"
    assert group.group_reminders_send(now=now) >= 1
    reminded = GroupReminder.objects.filter(kind=GroupReminder.Kind.MEETING_REMINDER)
    assert set(reminded.values_list("step", flat=True)) == {str(invited.uuid)}


def test_the_conference_sweep_judges_the_time_it_is_given(handlaggare, settings):
    settings.SAMVERKAN_CONFERENCE_CYCLE_START = 2020
    with time_machine.travel(datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)):
        # The clock says a conference year; the sweep is asked about 2027, which is not.
        asked = datetime.datetime(2027, 5, 1, 9, tzinfo=datetime.UTC)
        assert conference_services.conference_reminders_send(now=asked) == 0
        assert conference_services.conference_reminders_send() == 1


def test_an_approved_followup_of_the_agreement_year_stops_its_reminder(
    handlaggare, samverkansgruppen_member, settings
):
    settings.SAMVERKAN_AGREEMENT_CYCLE_START = 2019
    with time_machine.travel(datetime.datetime(2028, 1, 3, 9, tzinfo=datetime.UTC)):
        followup = followup_services.followup_create(actor=handlaggare, year=2027)
        followup_services.followup_approve(actor=samverkansgruppen_member, followup=followup)
        followup_services.followup_reminders_send()
    assert not GroupReminder.objects.filter(kind=GroupReminder.Kind.AGREEMENT_FOLLOWUP).exists()


def test_the_followup_sections_are_named_in_swedish():
    assert followup_services.section_labels()["agreement"] == (
        "Överenskommelsen och revideringen av handlingsplanen"
    )


def test_attendees_are_listed_in_the_order_they_registered(conference):
    now = datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)
    names = ["Doris", "Cecilia", "Bertil", "Anna"]
    for name in names:
        conference_services.registration_create(
            conference=conference, name=name, email=f"{name.lower()}@example.se", now=now
        )
    # Written in this order, registered in the reverse one (forms that came by post).
    for days, name in enumerate(names):
        ConferenceRegistration.objects.filter(name=name).update(
            created_at=now - datetime.timedelta(days=days)
        )
    rows = conference_services.attendees_rows(conference=conference)
    assert [row[0] for row in rows[1:]] == ["Anna", "Bertil", "Cecilia", "Doris"]
