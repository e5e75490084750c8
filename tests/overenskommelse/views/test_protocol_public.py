"""The whole justerat protocol of a sammanträde is public: before its justering only
kommunkontoret reads it; from the day it is justerat, anyone does, with the
paragraphs that are public (a paragraph kept for staff stays so)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from overenskommelse.protocols.services import protocols as services

pytestmark = pytest.mark.django_db

ADJUSTED = dt.date(2026, 3, 9)
BEFORE = dt.datetime(2026, 3, 8, 23, 30, tzinfo=dt.UTC)  # 00.30 on the 9th in Stockholm
DAY_BEFORE = dt.datetime(2026, 3, 8, 12, 0, tzinfo=dt.UTC)
ON_THE_DAY = dt.datetime(2026, 3, 9, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def protocol(handlaggare):
    meeting = services.protocol_meeting_create(
        actor=handlaggare,
        organ_name="Kommunfullmäktige",
        organ_kind="kommunfullmaktige",
        date=dt.date(2026, 3, 2),
        adjusted_on=ADJUSTED,
        notice_posted_on=dt.date(2026, 3, 10),
        notice_removed_on=dt.date(2026, 4, 1),
    )
    for number, is_public in ((1, True), (2, False), (3, True)):
        services.paragraph_create(
            meeting=meeting,
            actor=handlaggare,
            number=number,
            title=f"Ärende nummer {number}",
            clauses=["att besluta"],
            is_public=is_public,
        )
    return meeting


def _get(client, user, meeting):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("protocols:protocol_meeting", kwargs={"uuid": meeting.uuid}))


@time_machine.travel(DAY_BEFORE, tick=False)
def test_before_justering_the_public_and_a_representative_are_refused(client, protocol, rep_a):
    assert _get(client, None, protocol).status_code == 302
    assert _get(client, rep_a, protocol).status_code == 403
    listing = client.get(reverse("protocols:protocols")).content.decode()
    assert reverse("protocols:protocol_meeting", kwargs={"uuid": protocol.uuid}) not in listing


@time_machine.travel(DAY_BEFORE, tick=False)
def test_staff_read_the_protocol_before_justering_with_every_paragraph(
    client, protocol, handlaggare, no_staff_mfa
):
    response = _get(client, handlaggare, protocol)
    html = response.content.decode()
    assert response.status_code == 200
    assert all(f"Ärende nummer {n}" in html for n in (1, 2, 3))
    assert "paragraf/ny/" in html  # may record a paragraph


@pytest.mark.parametrize("now", [BEFORE, ON_THE_DAY], ids=["midnight-stockholm", "morning"])
def test_from_the_day_of_justering_anyone_reads_it_with_its_public_paragraphs(
    client, protocol, rep_a, now
):
    with time_machine.travel(now, tick=False):
        for user in (None, rep_a):
            response = _get(client, user, protocol)
            html = response.content.decode()
            assert response.status_code == 200
            assert "Ärende nummer 1" in html and "Ärende nummer 3" in html
            assert "Ärende nummer 2" not in html
            assert "paragraf/ny" not in html  # no staff actions
            assert "Sista dag för överklagande (laglighetsprövning)" in html
            assert "2026-03-31" in html
        listing = client.get(reverse("protocols:protocols")).content.decode()
        assert reverse("protocols:protocol_meeting", kwargs={"uuid": protocol.uuid}) in listing
