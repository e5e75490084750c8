"""The justering and the anslag are recorded after the sammanträde
(`protocol_meeting_update`): kommunkontoret only, kommunallagen's order of the dates
as on creation, one history row per change, and a justerat protocol that does not
silently change (its date is corrected, never removed; closed once the anslag is down)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from overenskommelse.platform.models import HistoryEntry
from overenskommelse.protocols.models import ProtocolMeeting
from overenskommelse.protocols.services import protocols as services

pytestmark = pytest.mark.django_db

MEETING_DAY = dt.date(2026, 3, 2)  # a Monday
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
ADJUSTED = dt.date(2026, 3, 9)
POSTED = dt.date(2026, 3, 10)
AFTER_THE_ANSLAG = dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def meeting(handlaggare):
    return services.protocol_meeting_create(
        actor=handlaggare, organ_name="Kommunfullmäktige", date=MEETING_DAY
    )


def _update(meeting, actor, **given):
    fields = {
        "adjusted_on": meeting.adjusted_on,
        "adjustment_place_time": meeting.adjustment_place_time,
        "notice_posted_on": meeting.notice_posted_on,
        "notice_removed_on": meeting.notice_removed_on,
        "protocol_kept_at": meeting.protocol_kept_at,
        **given,
    }
    return services.protocol_meeting_update(meeting=meeting, actor=actor, **fields)


def _full(meeting, actor, **given):
    return _update(
        meeting,
        actor,
        **{
            "adjusted_on": ADJUSTED,
            "adjustment_place_time": "Stadshuset, 2026-03-09 kl. 10.00",
            "notice_posted_on": POSTED,
            "notice_removed_on": POSTED + dt.timedelta(21),
            "protocol_kept_at": "Kommunkontoret, Stadshuset",
            **given,
        },
    )


def _rows(meeting):
    return list(
        HistoryEntry.objects.filter(
            object_id=str(meeting.pk), action="protocol_meeting_adjustment_recorded"
        ).order_by("at", "pk")
    )


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("actor", ["handlaggare", "admin_user"])
def test_kommunkontoret_records_the_justering_and_the_anslag_with_a_history_row(
    meeting, actor, request
):
    user = request.getfixturevalue(actor)
    _full(meeting, user)
    meeting.refresh_from_db()
    assert (meeting.adjusted_on, meeting.notice_posted_on, meeting.notice_removed_on) == (
        ADJUSTED,
        POSTED,
        dt.date(2026, 3, 31),
    )
    assert meeting.adjustment_place_time == "Stadshuset, 2026-03-09 kl. 10.00"
    assert meeting.protocol_kept_at == "Kommunkontoret, Stadshuset"
    assert meeting.appeal_last_day == dt.date(2026, 3, 31)
    [row] = _rows(meeting)
    assert (row.actor, row.at) == (user, NOW)
    assert row.changes == {
        "adjustment_place_time": ["", "Stadshuset, 2026-03-09 kl. 10.00"],
        "adjusted_on": [None, "2026-03-09"],
        "notice_posted_on": [None, "2026-03-10"],
        "notice_removed_on": [None, "2026-03-31"],
        "protocol_kept_at": ["", "Kommunkontoret, Stadshuset"],
    }


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "actor", ["rep_a", "rep_b", "forvaltningskontakt", "samverkansgruppen_member", "anonymous"]
)
def test_everyone_but_kommunkontoret_is_refused(meeting, actor, request):
    user = AnonymousUser() if actor == "anonymous" else request.getfixturevalue(actor)
    with pytest.raises(PermissionDenied):
        _full(meeting, user)
    meeting.refresh_from_db()
    assert meeting.adjusted_on is None and meeting.notice_posted_on is None
    assert _rows(meeting) == []


@time_machine.travel(NOW, tick=False)
def test_an_anslag_of_twenty_days_is_refused_and_twenty_one_taken(meeting, handlaggare):
    with pytest.raises(ValidationError) as refused:
        _full(meeting, handlaggare, notice_removed_on=POSTED + dt.timedelta(20))
    assert refused.value.messages == [
        "Anslaget ska sitta uppe i minst tre veckor: det kan tas ned tidigast 2026-03-31."
    ]
    meeting.refresh_from_db()
    assert meeting.notice_removed_on is None and _rows(meeting) == []
    _full(meeting, handlaggare, notice_removed_on=POSTED + dt.timedelta(21))
    meeting.refresh_from_db()
    assert meeting.notice_removed_on == dt.date(2026, 3, 31)


@time_machine.travel(NOW, tick=False)
def test_no_justering_before_the_meeting_and_no_anslag_before_the_justering(meeting, handlaggare):
    with pytest.raises(ValidationError) as early:
        _full(meeting, handlaggare, adjusted_on=MEETING_DAY - dt.timedelta(1))
    assert early.value.messages == ["Protokollet kan inte justeras före sammanträdet."]
    with pytest.raises(ValidationError) as announced:
        _full(meeting, handlaggare, notice_posted_on=ADJUSTED - dt.timedelta(1))
    assert announced.value.messages == [
        "Anslaget om justeringen kan inte sättas upp före justeringen."
    ]
    meeting.refresh_from_db()
    assert meeting.adjusted_on is None and _rows(meeting) == []
    _full(meeting, handlaggare, adjusted_on=MEETING_DAY, notice_posted_on=MEETING_DAY)  # same day


@time_machine.travel(NOW, tick=False)
def test_a_save_that_changes_nothing_writes_no_history(meeting, handlaggare):
    _full(meeting, handlaggare)
    meeting.refresh_from_db()
    _full(meeting, handlaggare, adjustment_place_time="  Stadshuset, 2026-03-09 kl. 10.00 ")
    assert len(_rows(meeting)) == 1


@time_machine.travel(NOW, tick=False)
def test_a_justerat_protocols_date_is_corrected_with_history_never_removed_or_postponed(
    meeting, handlaggare
):
    _full(meeting, handlaggare)
    meeting.refresh_from_db()
    _update(meeting, handlaggare, adjusted_on=dt.date(2026, 3, 6))  # a slip of the pen
    meeting.refresh_from_db()
    assert meeting.adjusted_on == dt.date(2026, 3, 6)
    assert _rows(meeting)[-1].changes == {"adjusted_on": ["2026-03-09", "2026-03-06"]}
    with pytest.raises(ValidationError) as removed:
        _update(meeting, handlaggare, adjusted_on=None)
    assert removed.value.messages == [
        "Protokollet är justerat och allmänt: justeringsdatumet kan inte tas bort."
    ]
    with pytest.raises(ValidationError) as postponed:
        _update(meeting, handlaggare, adjusted_on=dt.date(2026, 3, 11))
    assert (
        "kan bara rättas till en dag som redan har varit eller är i dag"
        in (postponed.value.messages[0])
    )
    meeting.refresh_from_db()
    assert meeting.adjusted_on == dt.date(2026, 3, 6) and len(_rows(meeting)) == 2


def test_a_justering_planned_ahead_may_still_move(meeting, handlaggare):
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        _update(meeting, handlaggare, adjusted_on=ADJUSTED)
        meeting.refresh_from_db()
        _update(meeting, handlaggare, adjusted_on=dt.date(2026, 3, 12))
        meeting.refresh_from_db()
        _update(meeting, handlaggare, adjusted_on=None)
    meeting.refresh_from_db()
    assert meeting.adjusted_on is None and len(_rows(meeting)) == 3


def test_once_the_anslag_is_down_only_where_the_protocol_is_kept_may_change(meeting, handlaggare):
    with time_machine.travel(NOW, tick=False):
        _full(meeting, handlaggare)
    meeting.refresh_from_db()
    with time_machine.travel(AFTER_THE_ANSLAG, tick=False):
        for change in (
            {"adjusted_on": dt.date(2026, 3, 6)},
            {"notice_removed_on": dt.date(2026, 4, 1)},
            {"adjustment_place_time": "Rådhuset"},
        ):
            with pytest.raises(ValidationError) as closed:
                _update(meeting, handlaggare, **change)
            assert closed.value.messages == [
                "Anslaget togs ned 2026-03-31: justeringen och anslaget hör till den allmänna "
                "handlingen och kan inte längre ändras."
            ]
        _update(meeting, handlaggare, protocol_kept_at="Kommunarkivet")
    meeting.refresh_from_db()
    assert meeting.protocol_kept_at == "Kommunarkivet"
    assert meeting.adjusted_on == ADJUSTED
    assert _rows(meeting)[-1].changes == {
        "protocol_kept_at": ["Kommunkontoret, Stadshuset", "Kommunarkivet"]
    }


def test_the_anslag_closes_at_the_end_of_the_day_it_comes_down(meeting, handlaggare):
    with time_machine.travel(NOW, tick=False):
        _full(meeting, handlaggare)
    meeting.refresh_from_db()
    with time_machine.travel(dt.datetime(2026, 3, 31, 21, 59, tzinfo=dt.UTC), tick=False):
        _update(meeting, handlaggare, adjustment_place_time="Stadshuset kl. 10.30")
    meeting.refresh_from_db()
    # 00.00 on 1 April in Stockholm.
    with (
        time_machine.travel(dt.datetime(2026, 3, 31, 22, 0, tzinfo=dt.UTC), tick=False),
        pytest.raises(ValidationError),
    ):
        _update(meeting, handlaggare, adjustment_place_time="Stadshuset")
    assert ProtocolMeeting.objects.get(pk=meeting.pk).adjustment_place_time == (
        "Stadshuset kl. 10.30"
    )
