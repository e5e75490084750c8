"""Kommunallagen's dates: the anslag stays up three weeks, and the last day for
laglighetsprövning is three weeks from the anslag (13 kap. 5 §), on to the next
weekday when that is a Saturday, Sunday or holiday (lag 1930:173)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from overenskommelse.protocols.forms.protocols import ProtocolMeetingForm
from overenskommelse.protocols.models import ProtocolMeeting, appeal_last_day
from overenskommelse.protocols.services import protocols as services

pytestmark = pytest.mark.django_db

# A Tuesday in March; the clocks go forward on 2026-03-29.
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
POSTED = dt.date(2026, 3, 10)


def _create(actor, **dates):
    return services.protocol_meeting_create(
        actor=actor, organ_name="Kommunstyrelsen", date=dt.date(2026, 3, 2), **dates
    )


@time_machine.travel(NOW, tick=False)
def test_the_service_refuses_an_anslag_of_twenty_days_and_takes_twenty_one(handlaggare):
    with pytest.raises(ValidationError) as refused:
        _create(handlaggare, notice_posted_on=POSTED, notice_removed_on=POSTED + dt.timedelta(20))
    assert refused.value.messages == [
        "Anslaget ska sitta uppe i minst tre veckor: det kan tas ned tidigast 2026-03-31."
    ]
    assert not ProtocolMeeting.objects.exists()
    meeting = _create(
        handlaggare, notice_posted_on=POSTED, notice_removed_on=POSTED + dt.timedelta(21)
    )
    assert meeting.notice_removed_on == dt.date(2026, 3, 31)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("days", "valid"), [(20, False), (21, True), (0, False)])
def test_the_form_asks_three_weeks_of_anslag(days, valid):
    form = ProtocolMeetingForm(
        data={
            "organ_name": "Kommunstyrelsen",
            "date": "2026-03-02",
            "notice_posted_on": POSTED.isoformat(),
            "notice_removed_on": (POSTED + dt.timedelta(days)).isoformat(),
        }
    )
    assert form.is_valid() is valid
    if not valid:
        assert form.errors["notice_removed_on"] == ["Anslaget ska sitta uppe i minst tre veckor."]


@time_machine.travel(NOW, tick=False)
def test_the_form_page_shows_the_three_week_rule_in_swedish(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    response = client.post(
        reverse("protocols:protocol_meeting_create"),
        {
            "organ_name": "Kommunstyrelsen",
            "date": "2026-03-02",
            "notice_posted_on": "2026-03-10",
            "notice_removed_on": "2026-03-30",
        },
    )
    assert response.status_code == 200
    assert "Anslaget ska sitta uppe i minst tre veckor." in response.content.decode()
    assert not ProtocolMeeting.objects.exists()


def test_the_database_holds_the_three_weeks_too(handlaggare):
    meeting = _create(handlaggare)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProtocolMeeting.objects.filter(pk=meeting.pk).update(
            notice_posted_on=POSTED, notice_removed_on=POSTED + dt.timedelta(20)
        )
    ProtocolMeeting.objects.filter(pk=meeting.pk).update(
        notice_posted_on=POSTED, notice_removed_on=POSTED + dt.timedelta(21)
    )


def test_a_protocol_is_not_adjusted_before_its_meeting_nor_announced_before_adjustment(
    handlaggare,
):
    with pytest.raises(ValidationError) as early:
        _create(handlaggare, adjusted_on=dt.date(2026, 3, 1))
    assert early.value.messages == ["Protokollet kan inte justeras före sammanträdet."]
    with pytest.raises(ValidationError) as announced:
        _create(handlaggare, adjusted_on=dt.date(2026, 3, 9), notice_posted_on=dt.date(2026, 3, 8))
    assert announced.value.messages == [
        "Anslaget om justeringen kan inte sättas upp före justeringen."
    ]


@pytest.mark.parametrize(
    ("posted", "last_day"),
    [
        # Across a month end: 2026-03-10 → 2026-03-31; 2026-02-17 → 2026-03-10.
        (dt.date(2026, 3, 10), dt.date(2026, 3, 31)),
        (dt.date(2026, 2, 17), dt.date(2026, 3, 10)),
        # Across the change to summer time (2026-03-29) and back (2026-10-25): whole days.
        (dt.date(2026, 3, 18), dt.date(2026, 4, 8)),
        (dt.date(2026, 10, 14), dt.date(2026, 11, 4)),
        # Three weeks on is a holiday or a weekend: the next weekday.
        (dt.date(2026, 12, 4), dt.date(2026, 12, 28)),  # Fri 25 Dec, juldagen
        (dt.date(2026, 5, 29), dt.date(2026, 6, 22)),  # Fri 19 Jun, midsommarafton
        (dt.date(2026, 3, 14), dt.date(2026, 4, 7)),  # Sat 4 Apr; Mon 6 Apr annandag påsk
        (dt.date(2026, 1, 12), dt.date(2026, 2, 2)),  # a Monday stays a Monday
    ],
)
def test_the_last_day_for_laglighetsprovning(posted, last_day):
    assert appeal_last_day(posted) == last_day
    assert ProtocolMeeting(date=posted, notice_posted_on=posted).appeal_last_day == last_day


def test_no_anslag_no_last_day():
    assert ProtocolMeeting(date=POSTED).appeal_last_day is None
