"""The conference as stored and recorded: what a new conference keeps, what the
invitations and the mail of a freed place say, when the invitations count as sent,
the attendee list as staff download it, and the monthly notice while none is planned."""

import csv
import datetime
import io
from unittest import mock

import pytest
import time_machine
from django.urls import reverse

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from overenskommelse.platform.services import mail as mail_services
from samverkan.group.models import Conference, ConferenceInvitation, ConferenceRegistration
from samverkan.group.services import conference as conference_services
from samverkan.group.services import group
from tests.factories import MunicipalBodyFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 20, 10, 30, tzinfo=datetime.UTC)


def _conference(actor, year: int = 2026, **changes) -> Conference:
    values = {
        "title": f"Överenskommelsekonferensen {year}",
        "date": datetime.date(year, 12, 10),
        "start_time": datetime.time(9),
        "end_time": datetime.time(15, 30),
        "place": "Stadshallen",
        "programme": "Inledning",
        "places": 2,
        "registration_closes_on": datetime.date(year, 12, 3),
    }
    return conference_services.conference_create(actor=actor, **{**values, **changes})


def _url(conference: Conference) -> str:
    from django.conf import settings

    return settings.PORTAL_BASE_URL + reverse(
        "samverkansgruppen:conference", kwargs={"uuid": conference.uuid}
    )


def test_a_new_conference_keeps_its_end_and_who_planned_it(handlaggare):
    conference = _conference(handlaggare)
    stored = Conference.objects.get(pk=conference.pk)
    assert (stored.start_time, stored.end_time) == (datetime.time(9), datetime.time(15, 30))
    assert stored.created_by == handlaggare
    assert stored.invitations_sent_at is None


def test_each_invitation_names_its_invitee_the_conference_and_the_link(handlaggare):
    OrganisationFactory(name="Fritidsgården Vinden", email="vinden@example.se")
    conference = _conference(handlaggare)
    assert conference_services.invitations_send(actor=handlaggare, conference=conference, now=NOW)
    mail = OutboxMessage.objects.get(to=["vinden@example.se"])
    assert mail.subject == "Inbjudan: Överenskommelsekonferensen 2026"
    assert mail.body_text.startswith("Till Fritidsgården Vinden: du är inbjuden")
    assert "10 december 2026, Stadshallen" in mail.body_text
    assert "senast 3 december 2026" in mail.body_text
    assert _url(conference) in mail.body_text
    assert f'href="{_url(conference)}"' in mail.body_html


def test_the_invitations_count_as_sent_once_and_only_for_that_conference(handlaggare):
    OrganisationFactory(name="Förening Ett", email="ett@example.se")
    OrganisationFactory(name="Förening Två", email="tva@example.se")
    this_year = _conference(handlaggare)
    next_year = _conference(handlaggare, year=2027)
    assert conference_services.invitations_send(actor=handlaggare, conference=this_year, now=NOW)
    this_year.refresh_from_db()
    next_year.refresh_from_db()
    assert this_year.invitations_sent_at == NOW
    assert next_year.invitations_sent_at is None
    later = NOW + datetime.timedelta(days=1)
    assert (
        conference_services.invitations_send(actor=handlaggare, conference=this_year, now=later)
        == 0
    )
    this_year.refresh_from_db()
    assert this_year.invitations_sent_at == NOW  # the first sending is kept
    invited = history_for(subject=this_year).filter(action="conference_invited").order_by("at")
    assert [(e.actor, e.at, e.message) for e in invited] == [
        (handlaggare, NOW, "2"),
        (handlaggare, later, "0"),
    ]


def test_an_invitation_another_sender_claimed_is_skipped_and_the_rest_still_go(handlaggare):
    for number in range(3):
        OrganisationFactory(name=f"Förening {number}", email=f"f{number}@example.se")
    conference = _conference(handlaggare)
    conference_services.invitation_list_build(actor=handlaggare, conference=conference)
    second = conference.invitations.order_by("pk")[1]
    enqueue = mail_services.mail_render_and_enqueue
    calls = []

    def concurrent_sender_takes_the_second(**kwargs):
        # While the first mail is queued, another sending claims the second invitation.
        if not calls:
            ConferenceInvitation.objects.filter(pk=second.pk).update(sent_at=NOW)
        calls.append(kwargs["to"])
        return enqueue(**kwargs)

    with mock.patch.object(
        conference_services, "mail_render_and_enqueue", concurrent_sender_takes_the_second
    ):
        sent = conference_services.invitations_send(
            actor=handlaggare, conference=conference, now=NOW
        )
    assert sent == 2
    assert second.emails.split() not in calls
    assert len(calls) == 2


def test_the_freed_place_mail_names_the_person_and_the_link_and_is_recorded(handlaggare):
    conference = _conference(handlaggare, places=1)
    first = conference_services.registration_create(
        conference=conference, name="Anna", email="anna@example.se", now=NOW
    )
    conference_services.registration_create(
        conference=conference, name="Bertil Berg", email="bertil@example.se", now=NOW
    )
    conference_services.registration_cancel(registration=first, actor=handlaggare)
    mail = OutboxMessage.objects.get(to=["bertil@example.se"])
    assert mail.body_text.startswith("Bertil Berg: en plats har blivit ledig")
    assert _url(conference) in mail.body_text
    promoted = [e for e in history_for(subject=conference) if e.action == "conference_promoted"]
    assert [(e.actor, e.message) for e in promoted] == [(None, "Bertil Berg")]


def test_the_attendee_list_is_in_swedish_grouped_by_status_in_order_of_arrival(handlaggare):
    conference = _conference(handlaggare, places=1)
    register = conference_services.registration_create
    first = register(conference=conference, name="Anna", email="anna@example.se", now=NOW)
    waiting = register(conference=conference, name="Cecilia", email="c@example.se", now=NOW)
    early = register(conference=conference, name="Bo", email="bo@example.se", now=NOW)
    cancelled = register(conference=conference, name="Dan", email="dan@example.se", now=NOW)
    ConferenceRegistration.objects.filter(pk=first.pk).update(
        created_at=datetime.datetime(2026, 11, 20, 12, 5, tzinfo=datetime.UTC)
    )
    ConferenceRegistration.objects.filter(pk=early.pk).update(
        created_at=datetime.datetime(2026, 11, 19, 8, 0, tzinfo=datetime.UTC)
    )
    ConferenceRegistration.objects.filter(pk=waiting.pk).update(
        created_at=datetime.datetime(2026, 11, 21, 8, 0, tzinfo=datetime.UTC)
    )
    conference_services.registration_cancel(registration=cancelled)
    rows = list(
        csv.reader(
            io.StringIO(conference_services.attendees_csv(conference=conference)), delimiter=";"
        )
    )
    assert rows[0] == ["Namn", "E-post", "Organisation eller nämnd", "Status", "Anmäld"]
    # "anmald" sorts before "reserv"; within each, the time of registration.
    assert [row[0] for row in rows[1:]] == ["Anna", "Bo", "Cecilia"]
    assert rows[1][3] == "Anmäld"
    assert rows[1][4] == "2026-11-20 13:05"  # Stockholm time
    assert rows[3][4] == "2026-11-21 09:00"


def test_the_monthly_notice_follows_the_day_it_is_given_and_stops_once_planned(
    handlaggare, settings
):
    settings.SAMVERKAN_CONFERENCE_CYCLE_START = 2020
    MunicipalBody.objects.filter(slug=group.KOMMUNKONTORET).delete()
    MunicipalBodyFactory(
        name="Kommunkontoret", slug=group.KOMMUNKONTORET, contact_email="kk@example.se"
    )
    assert len(group.kommunkontoret_emails()) == 2
    # Outside any clock travel: the day is the one given, not today's.
    march = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    assert conference_services.conference_reminders_send(now=march) == 2
    mail = OutboxMessage.objects.get(to=["kk@example.se"])
    assert mail.subject == "Ingen Överenskommelsekonferens är planerad för 2026"
    assert "2026 är ett konferensår" in mail.body_text
    assert (
        conference_services.conference_reminders_send(
            now=datetime.datetime(2027, 3, 2, 9, tzinfo=datetime.UTC)
        )
        == 0
    )  # not a conference year
    _conference(handlaggare, year=2028)
    with time_machine.travel(datetime.datetime(2028, 4, 3, 9, tzinfo=datetime.UTC), tick=False):
        assert conference_services.conference_reminders_send() == 0  # planned
    assert OutboxMessage.objects.filter(subject__contains="2028").count() == 0
