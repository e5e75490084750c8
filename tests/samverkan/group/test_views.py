import datetime

import pytest
import time_machine
from django.urls import reverse

from samverkan.group.models import FollowUp, GroupMeeting
from samverkan.group.services import conference as conference_services
from samverkan.group.services import followup as followup_services
from samverkan.group.services import group
from tests.conftest import pdf_text
from tests.samverkan.group.conftest import followup_pdf

NOW = datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def test_group_page_shows_vacant_and_warns(client, handlaggare, seat_bodies, pil, no_staff_mfa):
    group.membership_add(
        actor=handlaggare, name="Pia PIL", organisation=pil, starts_on=datetime.date(2026, 1, 1)
    )
    client.force_login(handlaggare)
    response = client.get(reverse("samverkansgruppen:group"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sammansättningen följer inte regeln" in html
    assert "LIPS" in html and "Vakant plats" in html


def test_group_page_query_count(
    client, handlaggare, full_group, django_assert_max_num_queries, no_staff_mfa
):
    client.force_login(handlaggare)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("samverkansgruppen:group")).status_code == 200


def test_meeting_page_and_ics(client, samverkansgruppen_member, handlaggare, full_group):
    meeting = group.meeting_create(
        actor=handlaggare,
        title="Vårmöte",
        date=datetime.date(2027, 3, 16),
        start_time=datetime.time(13),
        end_time=datetime.time(15),
        place="Stadshuset",
        agenda="Uppföljningen 2026",
    )
    client.force_login(samverkansgruppen_member)
    assert (
        "Uppföljningen 2026"
        in client.get(
            reverse("samverkansgruppen:group_meeting", kwargs={"uuid": meeting.uuid})
        ).content.decode()
    )
    ics = client.get(reverse("samverkansgruppen:group_meeting_ics", kwargs={"uuid": meeting.uuid}))
    text = ics.content.decode()
    assert "DTSTART:20270316T120000Z" in text  # 13:00 CET
    assert "SUMMARY:Samverkansgruppen: Vårmöte" in text
    assert "SEQUENCE:0" in text
    meeting.place = "Rådhuset"  # moved in the admin
    meeting.save()
    ics = client.get(reverse("samverkansgruppen:group_meeting_ics", kwargs={"uuid": meeting.uuid}))
    unfolded = ics.content.decode().replace("\r\n ", "")
    assert "SEQUENCE:1" in unfolded
    assert f"UID:{meeting.uuid}@samverkansgruppen.overenskommelsen" in unfolded


def test_meeting_form_errors_in_swedish(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    response = client.post(
        reverse("samverkansgruppen:group_meeting_create"),
        {"title": "Möte", "date": "2027-03-16", "start_time": "13:00"},
    )
    assert response.status_code == 200
    assert "Ange en plats eller en länk." in response.content.decode()
    assert not GroupMeeting.objects.exists()


def test_followup_pdf_has_every_area_and_totals(
    client, followup_data, handlaggare, samverkansgruppen_member
):
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    followup_services.followup_approve(actor=samverkansgruppen_member, followup=followup)
    text = pdf_text(followup_pdf(client, 2025))
    assert "1. Inkludering" in text
    assert "2. Hälsosamma levnadsvanor" in text
    # area 1: total 3, area 2: total 1 -> 4 initiatives; 1 started, 1 finished
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Initiativ (antagna) 4" in lines
    assert "Påbörjade under året 1" in lines
    assert "Nya anslutningar 2" in lines
    assert "Anslutna organisationer vid årets slut 2" in lines


def test_draft_followup_is_not_public(client, handlaggare, areas, rep_a):
    followup_services.followup_create(actor=handlaggare, year=2025)
    url = reverse("samverkansgruppen:followup_public", kwargs={"year": 2025})
    assert client.get(url).status_code == 302  # anonymous: log in
    client.force_login(rep_a)
    assert client.get(url).status_code == 403


def test_send_to_namnd_puts_mail_in_outbox(
    client, handlaggare, samverkansgruppen_member, areas, namnd, no_staff_mfa, mailoutbox
):
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    followup_services.followup_approve(actor=samverkansgruppen_member, followup=followup)
    client.force_login(handlaggare)
    client.post(
        reverse("samverkansgruppen:followup_send", kwargs={"year": 2025}), {"body": namnd.pk}
    )
    assert FollowUp.objects.get().sent_to_namnd_at is not None


def test_conference_registration_and_csv(client, handlaggare, no_staff_mfa):
    conference = conference_services.conference_create(
        actor=handlaggare,
        title="Konferensen 2026",
        date=datetime.date(2026, 12, 10),
        start_time=datetime.time(9),
        place="Stadshallen",
        programme="Inledning",
        places=1,
        registration_closes_on=datetime.date(2026, 12, 3),
    )
    url = reverse("samverkansgruppen:conference", kwargs={"uuid": conference.uuid})
    first = client.post(url, {"name": "Anna", "email": "anna@example.se"})
    assert first.status_code == 302
    second = client.post(url, {"name": "Bo", "email": "bo@example.se"}, follow=True)
    assert "reservlistan" in second.content.decode().lower()
    again = client.post(url, {"name": "Anna", "email": "anna@example.se"})
    assert "redan anmäld" in again.content.decode()
    client.post(first["Location"])  # Anna cancels; Bo gets the place
    client.force_login(handlaggare)
    csv_text = client.get(
        reverse("samverkansgruppen:conference_csv", kwargs={"uuid": conference.uuid})
    ).content.decode()
    assert "bo@example.se" in csv_text and "Anmäld" in csv_text


@pytest.mark.parametrize("extra", [0, 25])
def test_conference_staff_page_query_count(
    client, handlaggare, namnd, no_staff_mfa, django_assert_max_num_queries, extra
):
    from tests.factories import OrganisationFactory

    for _ in range(extra):
        OrganisationFactory()
    conference = conference_services.conference_create(
        actor=handlaggare, title="K", date=datetime.date(2099, 5, 1),
        start_time=datetime.time(9), place="Hallen", programme="P", places=5,
        registration_closes_on=datetime.date(2099, 4, 1),
    )  # fmt: skip
    conference_services.invitation_list_build(actor=handlaggare, conference=conference)
    for n in range(extra // 5 + 1):
        conference_services.registration_create(
            conference=conference, name=f"P{n}", email=f"p{n}@example.se"
        )
    client.force_login(handlaggare)
    with django_assert_max_num_queries(14):
        response = client.get(
            reverse("samverkansgruppen:conference_staff", kwargs={"uuid": conference.uuid})
        )
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 20])
def test_group_page_constant_queries(
    client, handlaggare, full_group, no_staff_mfa, django_assert_max_num_queries, extra
):
    from tests.factories import OrganisationFactory

    for n in range(extra):
        group.membership_add(
            actor=handlaggare, name=f"Tidigare {n}", organisation=OrganisationFactory(),
            starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2021, 1, 1),
        )  # fmt: skip
        group.meeting_create(
            actor=handlaggare, title=f"Möte {n}", date=datetime.date(2024, 1, 1 + n),
            start_time=datetime.time(13), place="Stadshuset",
        )  # fmt: skip
    client.force_login(handlaggare)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("samverkansgruppen:group")).status_code == 200


def test_forvaltning_files_its_report_once(
    client, forvaltningskontakt, forvaltning, areas, no_staff_mfa
):
    from samverkan.group.models import ForvaltningReport

    client.force_login(forvaltningskontakt)
    url = reverse("samverkansgruppen:report_submit", kwargs={"year": 2026})
    empty = client.post(url, {"commitments": ""})
    assert "Detta fält måste fyllas i." in empty.content.decode()
    field = f"area_{areas[0].pk}"
    client.post(url, {"commitments": "IOP med PIL", field: "Läxhjälp"})
    report = ForvaltningReport.objects.get(municipal_body=forvaltning, year=2026)
    assert report.areas.get().text == "Läxhjälp"
    again = client.get(url).content.decode()
    assert "Rapporten lämnades" in again and "IOP med PIL" in again


@pytest.mark.parametrize("posted", [{}, {"action": ""}, {"action": "skicka"}])
def test_conference_invitations_are_sent_only_when_asked_to(
    client, handlaggare, namnd, no_staff_mfa, posted
):
    from django.contrib.messages import get_messages

    from overenskommelse.platform.models import OutboxMessage

    conference = conference_services.conference_create(
        actor=handlaggare, title="K", date=datetime.date(2099, 5, 1),
        start_time=datetime.time(9), place="Hallen", programme="P", places=5,
        registration_closes_on=datetime.date(2099, 4, 1),
    )  # fmt: skip
    conference_services.invitation_list_build(actor=handlaggare, conference=conference)
    client.force_login(handlaggare)
    url = reverse("samverkansgruppen:conference_staff", kwargs={"uuid": conference.uuid})
    response = client.post(url, posted)
    assert response.status_code == 302
    assert not OutboxMessage.objects.exists()
    assert not conference.invitations.filter(sent_at__isnull=False).exists()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Välj om inbjudningslistan ska uppdateras eller inbjudningarna skickas."
    ]


@pytest.mark.parametrize("wanted", ["²", "٣", "tolv", "9" * 30])
def test_a_report_for_a_forvaltning_that_is_not_a_number_is_for_ones_own(
    client, forvaltningskontakt, forvaltning, areas, no_staff_mfa, wanted
):
    client.force_login(forvaltningskontakt)
    url = reverse("samverkansgruppen:report_submit", kwargs={"year": 2026})
    response = client.get(url, {"forvaltning": wanted})
    assert response.status_code == 200
    assert response.context["body"] == forvaltning
