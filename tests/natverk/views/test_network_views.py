"""Network pages: staff keep the register; refused changes give Swedish messages."""

import datetime

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from natverk.models import CalendarFeed, Network, NetworkMeeting, Participation
from overenskommelse.platform.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    return client


def test_staff_register_a_network_and_bad_dates_are_refused(staff_client):
    url = reverse("natverk:network_create")
    data = {
        "name": "Nätverk X",
        "organiser": "SKR",
        "kind": "utvecklingsnatverk",
        "starts_on": "2027-01-01",
        "ends_on": "2026-01-01",
        "fee_per_person_year": "0",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Nätverket kan inte sluta innan det börjar." in response.content.decode()
    response = staff_client.post(url, {**data, "ends_on": "2027-12-31"})
    network = Network.objects.get(name="Nätverk X")
    assert response["Location"] == reverse("natverk:network_detail", kwargs={"slug": network.slug})


def test_taking_part_without_decision_is_refused_on_the_page(staff_client, participation, decision):
    url = reverse("natverk:participation_transition", kwargs={"uuid": participation.uuid})
    assert staff_client.post(url, {"to_stage": "beslutad"}).status_code == 302
    response = staff_client.post(url, {"to_stage": "deltar"})
    assert response.status_code == 200
    assert "Att delta kräver ett kopplat politiskt beslut" in response.content.decode()
    response = staff_client.post(url, {"to_stage": "deltar", "decision": decision.pk})
    assert response.status_code == 302
    participation.refresh_from_db()
    assert (participation.stage, participation.decision) == ("deltar", decision)
    page = staff_client.get(
        reverse("natverk:participation_detail", kwargs={"uuid": participation.uuid})
    ).content.decode()
    assert "Kommunstyrelsen, Lunds kommun 2019-03-06 § 77" in page


def test_a_third_representative_is_refused_on_the_page(staff_client, participation):
    url = reverse("natverk:representative_add", kwargs={"uuid": participation.uuid})
    for name in ("Anna", "Bo"):
        assert staff_client.post(url, {"name": name, "role": "representant"}).status_code == 302
    response = staff_client.post(url, {"name": "Cia", "role": "representant"})
    assert response.status_code == 200
    assert "Nätverket tar emot högst 2 representanter per kommun." in response.content.decode()
    page = staff_client.get(
        reverse("natverk:participation_detail", kwargs={"uuid": participation.uuid})
    ).content.decode()
    assert "1500 kr × 2 personer × 4 år = 12000 kr" in page


def test_network_calendar_is_icalendar_without_tbd_meetings(staff_client, network, meeting_factory):
    meeting_factory(title="Med datum", date=datetime.date(2026, 12, 3), start_time=datetime.time(9))
    meeting_factory(title="Utan datum")
    response = staff_client.get(reverse("natverk:network_calendar", kwargs={"slug": network.slug}))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Nätverk för förtroendevalda: Med datum"]


def test_a_public_networks_calendar_needs_no_log_in(client, network, meeting_factory):
    meeting_factory(title="Öppet möte", date=datetime.date(2026, 12, 3))
    url = reverse("natverk:network_calendar", kwargs={"slug": network.slug})
    assert client.get(url).status_code == 302  # internal: a log-in first
    network.calendar_is_public = True
    network.save()
    response = client.get(url)
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]).split(": ")[1] for e in events] == ["Öppet möte"]


def test_a_logged_in_outsider_gets_no_internal_calendar(client, rep_a, network):
    client.force_login(rep_a)
    url = reverse("natverk:network_calendar", kwargs={"slug": network.slug})
    assert client.get(url).status_code == 403


def test_every_feed_has_a_webcal_link_from_the_request_host(
    staff_client, network, samverkansgruppen_member, client
):
    page = staff_client.get(
        reverse("natverk:network_detail", kwargs={"slug": network.slug}), HTTP_HOST="localhost"
    ).content.decode()
    assert f'href="webcal://localhost/natverk/{network.slug}/moten.ics"' in page
    client.force_login(samverkansgruppen_member)
    page = client.get(reverse("natverk:my_meetings"), HTTP_HOST="localhost").content.decode()
    feed = CalendarFeed.objects.get(user=samverkansgruppen_member)
    assert f'href="webcal://localhost/natverk/kalender/{feed.token}.ics"' in page


def test_my_calendar_by_token_lists_only_my_meetings(
    client, samverkansgruppen_member, meeting_factory
):
    mine = meeting_factory(title="Min", date=datetime.date(2026, 12, 3))
    mine.attendees.add(samverkansgruppen_member)
    meeting_factory(title="Annans", date=datetime.date(2026, 12, 4))
    feed = CalendarFeed.objects.create(user=samverkansgruppen_member)
    response = client.get(reverse("natverk:my_calendar", kwargs={"token": feed.token}))
    assert response["Cache-Control"] == "private, no-store"
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]).split(": ")[1] for e in events] == ["Min"]
    assert client.get(reverse("natverk:my_calendar", kwargs={"token": "fel"})).status_code == 404


def test_setting_a_date_notifies_attendees(staff_client, meeting_factory, samverkansgruppen_member):
    meeting = meeting_factory(title="Nätverksträff 4")
    meeting.attendees.add(samverkansgruppen_member)
    response = staff_client.post(
        reverse("natverk:meeting_update", kwargs={"uuid": meeting.uuid}),
        {
            "title": "Nätverksträff 4",
            "date": "2027-02-02",
            "start_time": "10:00",
            "mode": "fysiskt",
            "attendees": [samverkansgruppen_member.pk],
        },
    )
    assert response.status_code == 302
    assert OutboxMessage.objects.get().to == [samverkansgruppen_member.email]


def test_a_time_without_a_date_is_refused(staff_client, network):
    response = staff_client.post(
        reverse("natverk:meeting_create", kwargs={"slug": network.slug}),
        {"title": "Träff", "start_time": "10:00"},
    )
    assert response.status_code == 200
    assert "Ange datum innan du anger tid" in response.content.decode()
    assert not NetworkMeeting.objects.exists()


def test_documents_are_checked_and_served_to_attendees(
    staff_client, client, meeting_factory, samverkansgruppen_member, rep_a
):
    meeting = meeting_factory(title="Träff", date=datetime.date(2026, 12, 3))
    meeting.attendees.add(samverkansgruppen_member)
    url = reverse("natverk:meeting_document_add", kwargs={"uuid": meeting.uuid})
    bad = SimpleUploadedFile("x.pdf", b"not a pdf", content_type="application/pdf")
    response = staff_client.post(url, {"title": "Dagordning", "file": bad})
    assert response.status_code == 200
    assert "Filens innehåll" in response.content.decode()
    good = SimpleUploadedFile("x.pdf", b"%PDF-1.4 dagordning", content_type="application/pdf")
    assert staff_client.post(url, {"title": "Dagordning", "file": good}).status_code == 302
    document = meeting.documents.get()
    doc_url = reverse(
        "natverk:meeting_document", kwargs={"uuid": meeting.uuid, "document": document.pk}
    )
    client.force_login(samverkansgruppen_member)
    response = client.get(doc_url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(rep_a)
    assert client.get(doc_url).status_code == 403


def test_archived_networks_leave_the_list(staff_client, network):
    Network.objects.filter(pk=network.pk).update(is_archived=True)
    assert network.name not in staff_client.get(reverse("natverk:network_list")).content.decode()
    listing = staff_client.get(reverse("natverk:network_list") + "?arkiverade=1").content.decode()
    assert network.name in listing


@pytest.mark.parametrize("rows", [1, 10])
def test_network_list_queries_do_not_grow_with_rows(
    staff_client, django_assert_max_num_queries, rows
):
    for number in range(rows):
        network = Network.objects.create(
            slug=f"n{number}", name=f"Nätverk {number}", organiser="SKR", kind="utvecklingsnatverk"
        )
        Participation.objects.create(network=network, municipality_name="Lunds kommun")
        NetworkMeeting.objects.create(
            network=network, title="Träff", date=datetime.date(2027, 1, 1)
        )
    with django_assert_max_num_queries(9):
        response = staff_client.get(reverse("natverk:network_list"))
    assert response.content.decode().count("Lunds kommun: ansökt") == rows


@pytest.mark.parametrize(
    "posted",
    [
        {},
        {"representative": "tolv"},
        {"representative": "1e3"},
        {"representative": "²"},
        {"representative": "9" * 30},
    ],
)
def test_ending_a_representative_that_is_not_one_is_a_404(
    staff_client, handlaggare, participation, posted
):
    from natverk.services import networks

    kept = networks.representative_add(
        participation=participation, actor=handlaggare, name="Anna", role="representant"
    )
    url = reverse("natverk:representative_end", kwargs={"uuid": participation.uuid})
    assert staff_client.post(url, posted).status_code == 404
    kept.refresh_from_db()
    assert kept.ended_on is None
