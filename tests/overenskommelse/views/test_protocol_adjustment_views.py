"""The page "Justering och anslag": kommunkontoret records the justering and the anslag
after the sammanträde; bad dates are Swedish messages on the page; once justerat, the
whole protocol is public and its extract's ANSLAG/BEVIS block carries the new dates."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from overenskommelse.protocols.models import ProtocolMeeting
from overenskommelse.protocols.services import protocols as services
from tests.conftest import pdf_text, response_bytes

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)

VALID = {
    "adjusted_on": "2026-03-09",
    "adjustment_place_time": "Stadshuset, 2026-03-09 kl. 10.00",
    "notice_posted_on": "2026-03-10",
    "notice_removed_on": "2026-03-31",
    "protocol_kept_at": "Kommunkontoret, Stadshuset",
}


@pytest.fixture
def meeting(handlaggare):
    meeting = services.protocol_meeting_create(
        actor=handlaggare,
        organ_name="Kommunfullmäktige",
        organ_kind="kommunfullmaktige",
        date=dt.date(2026, 3, 2),
        paragraph_span="§ 1-2",
    )
    for number, is_public in ((1, True), (2, False)):
        services.paragraph_create(
            meeting=meeting,
            actor=handlaggare,
            number=number,
            title=f"Ärende nummer {number}",
            clauses=["att besluta"],
            is_public=is_public,
        )
    return meeting


def _url(meeting):
    return reverse("protocols:protocol_adjustment", kwargs={"uuid": meeting.uuid})


def _meeting_url(meeting):
    return reverse("protocols:protocol_meeting", kwargs={"uuid": meeting.uuid})


@time_machine.travel(NOW, tick=False)
def test_kommunkontoret_finds_the_page_from_the_meeting_and_it_is_in_swedish(
    client, meeting, handlaggare, no_staff_mfa
):
    client.force_login(handlaggare)
    assert _url(meeting) in client.get(_meeting_url(meeting)).content.decode()
    html = client.get(_url(meeting)).content.decode()
    for label in (
        "<h1>Justering och anslag</h1>",
        "Justeringsdatum",
        "Plats och tid för justering",
        "Datum då anslaget sätts upp",
        "Datum då anslaget tas ned",
        "Förvaringsplats för protokollet",
        "Spara justering och anslag",
    ):
        assert label in html


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("rep_a", 403),
        ("forvaltningskontakt", 403),
        ("samverkansgruppen_member", 403),
        (None, 302),
    ],
)
def test_everyone_but_kommunkontoret_is_refused_the_page_and_the_post(
    client, meeting, actor, status, request, no_staff_mfa
):
    if actor:
        client.force_login(request.getfixturevalue(actor))
    assert client.get(_url(meeting)).status_code == status
    response = client.post(_url(meeting), VALID)
    assert response.status_code == status
    if actor is None:
        assert response["Location"].startswith(reverse("account_login"))
    meeting.refresh_from_db()
    assert meeting.adjusted_on is None and meeting.notice_posted_on is None
    assert _url(meeting) not in client.get(_meeting_url(meeting)).content.decode()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"notice_removed_on": "2026-03-30"}, "Anslaget ska sitta uppe i minst tre veckor"),
        ({"adjusted_on": "2026-03-01"}, "Protokollet kan inte justeras före sammanträdet."),
        (
            {"notice_posted_on": "2026-03-08"},
            "Anslaget om justeringen kan inte sättas upp före justeringen.",
        ),
        ({"adjusted_on": "nionde mars"}, "Fyll i ett giltigt datum."),
    ],
)
def test_bad_dates_are_swedish_messages_on_the_page(
    client, meeting, handlaggare, no_staff_mfa, change, message
):
    client.force_login(handlaggare)
    response = client.post(_url(meeting), {**VALID, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.adjusted_on is None and meeting.notice_removed_on is None


@time_machine.travel(NOW, tick=False)
def test_twenty_one_days_of_anslag_is_accepted_and_the_page_says_so(
    client, meeting, handlaggare, no_staff_mfa
):
    client.force_login(handlaggare)
    response = client.post(_url(meeting), VALID, follow=True)
    assert response.redirect_chain[-1][0] == _meeting_url(meeting)
    assert "Justeringen och anslaget är registrerade." in response.content.decode()
    again = client.post(_url(meeting), VALID, follow=True)
    assert "Inget ändrades." in again.content.decode()


def test_after_the_anslag_is_down_a_change_is_refused_on_the_page(
    client, meeting, handlaggare, no_staff_mfa
):
    client.force_login(handlaggare)
    with time_machine.travel(NOW, tick=False):
        client.post(_url(meeting), VALID)
    with time_machine.travel(dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        response = client.post(_url(meeting), {**VALID, "adjusted_on": "2026-03-06"})
    assert response.status_code == 200
    assert "Anslaget togs ned 2026-03-31" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.adjusted_on == dt.date(2026, 3, 9)


@time_machine.travel(NOW, tick=False)
def test_once_justerat_the_protocol_and_its_extract_show_the_justering_and_the_anslag(
    client, meeting, handlaggare, rep_a, no_staff_mfa
):
    public = meeting.paragraphs.get(number=1)
    pdf_url = reverse("protocols:paragraph_pdf", kwargs={"uuid": public.uuid})
    assert client.get(_meeting_url(meeting)).status_code == 302  # staff only, yet
    before = " ".join(pdf_text(response_bytes(client.get(pdf_url))).split())
    assert "Protokollet är justerat" not in before

    client.force_login(handlaggare)
    client.post(_url(meeting), VALID)
    client.logout()

    for user in (None, rep_a):
        if user:
            client.force_login(user)
        response = client.get(_meeting_url(meeting))
        html = response.content.decode()
        assert response.status_code == 200
        assert "Ärende nummer 1" in html and "Ärende nummer 2" not in html
        for expected in (
            "2026-03-09",
            "Stadshuset, 2026-03-09 kl. 10.00",
            "2026-03-10",
            "Kommunkontoret, Stadshuset",
        ):
            assert expected in html
        # Sista dag för överklagande: three weeks from the anslag, a Tuesday.
        assert re.search(
            r"Sista dag för överklagande \(laglighetsprövning\)</dt><dd>2026-03-31", html
        )
        assert _url(meeting) not in html
    assert _meeting_url(meeting) in client.get(reverse("protocols:protocols")).content.decode()

    # The stored extract was made from other HTML, so it is made again with the dates.
    text = " ".join(pdf_text(response_bytes(client.get(pdf_url))).split())
    notice = text[text.index("ANSLAG/BEVIS") :]
    for expected in (
        "Protokollet är justerat. Justeringen har tillkännagivits genom anslag.",
        "Datum då anslaget sätts upp 2026-03-10",
        "Datum då anslaget tas ned 2026-03-31",
        "Förvaringsplats för protokollet Kommunkontoret, Stadshuset",
    ):
        assert expected in notice
    assert re.search(r"Sista dag för överklagande (\(laglighetsprövning\) )?2026-03-31", notice)
    assert "Justeringsdatum 2026-03-09" in text
    assert ProtocolMeeting.objects.get(pk=meeting.pk).is_adjusted(NOW.date())
