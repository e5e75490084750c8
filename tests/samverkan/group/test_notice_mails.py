"""What samverkansgruppen's reminders and notices say, to whom, and how often; and the
rules a new Överenskommelsekonferens is checked against."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from overenskommelse.platform.models import OutboxMessage
from samverkan.group.models import Conference
from samverkan.group.predicates import composition_problems
from samverkan.group.services import conference as conference_services
from samverkan.group.services import followup as followup_services
from samverkan.group.services import group

pytestmark = pytest.mark.django_db


def _at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def _mails() -> dict[str, OutboxMessage]:
    return {message.to[0]: message for message in OutboxMessage.objects.order_by("pk")}


def test_kommunkontoret_hears_once_a_month_while_no_meeting_is_planned(
    handlaggare, full_group, settings
):
    kommunkontoret = group.kommunkontoret_emails()
    assert handlaggare.email in kommunkontoret
    with time_machine.travel(_at(2026, 3, 2, 9), tick=False):
        assert group.group_reminders_send() == len(kommunkontoret)
        assert group.group_reminders_send() == 0
    assert sorted(_mails()) == kommunkontoret
    mail = _mails()[handlaggare.email]
    assert mail.subject == "Inget möte i samverkansgruppen är planerat för det kommande halvåret"
    assert "Samverkansgruppen möts två gånger om året" in mail.body_text
    assert f"{settings.PORTAL_BASE_URL}{reverse('samverkansgruppen:group')}" in mail.body_text
    with time_machine.travel(_at(2026, 4, 1, 9), tick=False):
        assert group.group_reminders_send() == len(kommunkontoret)  # a new month


def test_members_are_reminded_of_a_meeting_three_days_ahead(handlaggare, full_group, settings):
    meeting = group.meeting_create(
        actor=handlaggare,
        title="Vårmöte",
        date=datetime.date(2026, 3, 5),
        start_time=datetime.time(13),
        place="Stadshuset",
    )
    with time_machine.travel(_at(2026, 2, 20, 9), tick=False):
        group.meeting_invite(actor=handlaggare, meeting=meeting)
        assert group.group_reminders_send() == 0  # invited, the reminder not yet due
    OutboxMessage.objects.all().delete()
    with time_machine.travel(_at(2026, 3, 2, 9), tick=False):
        sent = group.group_reminders_send()
        assert group.group_reminders_send() == 0
    members = sorted(m.contact_email for m in full_group)
    assert sent == len(members)  # a meeting is planned: no notice to kommunkontoret
    mails = _mails()
    assert sorted(mails) == members
    mail = mails[members[0]]
    assert mail.subject == "Påminnelse: samverkansgruppen möts 5 mars 2026 (Vårmöte)"
    assert group.meeting_url(meeting) in mail.body_text


def test_a_group_that_breaks_the_rule_is_reported_with_its_problems(handlaggare, seat_bodies):
    group.membership_add(
        actor=handlaggare,
        name="Ensam",
        email="ensam@example.se",
        municipal_body=seat_bodies["kommunkontoret"],
        starts_on=datetime.date(2025, 1, 1),
    )
    moment = _at(2026, 3, 2, 9)
    assert group.composition_warning_send(now=moment) == len(group.kommunkontoret_emails())
    assert group.composition_warning_send(now=moment) == 0
    mail = _mails()[handlaggare.email]
    assert mail.subject == "Samverkansgruppens sammansättning följer inte regeln"
    problems = composition_problems(group.group_current_seats(today=datetime.date(2026, 3, 2)))
    assert problems and all(str(p) in mail.body_text for p in problems)


def test_no_conference_planned_in_a_conference_year_is_told_monthly(handlaggare, settings):
    settings.SAMVERKAN_CONFERENCE_CYCLE_START = 2020
    assert conference_services.conference_year_due(2026)
    assert not conference_services.conference_year_due(2027)
    settings.SAMVERKAN_CONFERENCE_CYCLE_START = 2021
    assert conference_services.conference_year_due(2027)  # counted from the start year
    settings.SAMVERKAN_CONFERENCE_CYCLE_START = 2020
    with time_machine.travel(_at(2026, 3, 2, 9), tick=False):
        sent = conference_services.conference_reminders_send()
        assert conference_services.conference_reminders_send() == 0
    assert sent == len(group.kommunkontoret_emails())
    mail = _mails()[handlaggare.email]
    assert mail.subject == "Ingen Överenskommelsekonferens är planerad för 2026"
    assert "2026 är ett konferensår" in mail.body_text
    url = f"{settings.PORTAL_BASE_URL}{reverse('samverkansgruppen:conferences')}"
    assert url in mail.body_text
    skip = conference_services.conference_reminder_skip_reason
    assert skip(today=datetime.date(2026, 2, 1), planned=False) is None  # from 1 February


def test_a_forvaltning_not_reported_is_reminded_with_its_deadline(
    forvaltningskontakt, forvaltning, settings
):
    with time_machine.travel(_at(2027, 1, 30, 9), tick=False):
        sent = followup_services.followup_reminders_send()
    mails = _mails()
    mail = mails[forvaltningskontakt.email]
    assert sent == len(mails)
    assert mail.subject == (
        "Påminnelse: förvaltningens rapport för 2026 till den årliga uppföljningen"
    )
    deadline = followup_services.report_deadline(2026)
    assert f"{forvaltning.name} har ännu inte lämnat sin rapport för 2026" in mail.body_text
    assert f"{deadline.day} " in mail.body_text and str(deadline.year) in mail.body_text
    url = settings.PORTAL_BASE_URL + reverse(
        "samverkansgruppen:report_submit", kwargs={"year": 2026}
    )
    assert url in mail.body_text


def test_the_day_of_the_deadline_still_counts_for_the_year_before(forvaltningskontakt, forvaltning):
    deadline = followup_services.report_deadline(2026)
    morning = datetime.datetime.combine(deadline, datetime.time(9), tzinfo=datetime.UTC)
    with time_machine.travel(morning, tick=False):
        followup_services.followup_reminders_send()
    assert "för 2026" in _mails()[forvaltningskontakt.email].subject


def test_every_fourth_year_the_followup_covers_the_agreement(handlaggare, settings):
    settings.SAMVERKAN_AGREEMENT_CYCLE_START = 2019
    with time_machine.travel(_at(2028, 1, 5, 9), tick=False):
        followup_services.followup_reminders_send()
    mail = _mails()[handlaggare.email]
    assert mail.subject == (
        "Uppföljningen av 2027 omfattar även Överenskommelsen och revideringen av handlingsplanen"
    )
    assert "Det gäller uppföljningen av 2027." in mail.body_text
    assert settings.PORTAL_BASE_URL + reverse("samverkansgruppen:followups") in mail.body_text


# A new conference ----------------------------------------------------------------------

CONFERENCE = {
    "title": "  ",
    "date": datetime.date(2026, 12, 10),
    "start_time": datetime.time(9),
    "place": " Stadshallen ",
    "programme": " Inledning ",
    "places": 100,
    "registration_closes_on": datetime.date(2026, 12, 10),
}


def test_a_conference_is_stored_with_its_default_title_and_recorded(handlaggare):
    from overenskommelse.platform.selectors.history import history_for

    conference = conference_services.conference_create(actor=handlaggare, **CONFERENCE)
    stored = Conference.objects.get(pk=conference.pk)
    assert (stored.year, stored.title, stored.place, stored.programme) == (
        2026,
        "Överenskommelsekonferensen 2026",
        "Stadshallen",
        "Inledning",
    )
    assert stored.registration_closes_on == stored.date  # closing on the day is allowed
    (entry,) = history_for(subject=stored)
    assert (entry.action, entry.actor) == ("conference_created", handlaggare)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"places": 0}, "Konferensen behöver minst en plats."),
        (
            {"registration_closes_on": datetime.date(2026, 12, 11)},
            "Anmälan måste stänga senast på konferensdagen.",
        ),
        ({"end_time": datetime.time(9)}, "Konferensen måste sluta efter att den börjar."),
    ],
)
def test_a_conference_that_breaks_a_rule_is_refused_in_swedish(handlaggare, change, message):
    with pytest.raises(ValidationError) as refused:
        conference_services.conference_create(actor=handlaggare, **{**CONFERENCE, **change})
    assert refused.value.messages == [message]
    assert not Conference.objects.exists()


def test_one_conference_a_year_and_only_kommunkontoret_plans_it(
    handlaggare, samverkansgruppen_member
):
    with pytest.raises(PermissionDenied) as refused:
        conference_services.conference_create(actor=samverkansgruppen_member, **CONFERENCE)
    assert str(refused.value) == "Bara kommunkontoret får göra detta."
    conference_services.conference_create(actor=handlaggare, **CONFERENCE)
    other_day = {**CONFERENCE, "date": datetime.date(2026, 5, 1)}
    other_day["registration_closes_on"] = other_day["date"]
    with pytest.raises(ValidationError) as refused:
        conference_services.conference_create(actor=handlaggare, **other_day)
    assert refused.value.messages == ["Det finns redan en konferens 2026."]
    next_year = {**CONFERENCE, "date": datetime.date(2027, 5, 1)}
    next_year["registration_closes_on"] = next_year["date"]
    assert conference_services.conference_create(actor=handlaggare, **next_year).year == 2027
