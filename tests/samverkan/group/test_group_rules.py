"""Samverkansgruppen's rules as staff meet them: the composition problems in Swedish,
a term or a meeting refused with its reason and stored with who made it, the minutes
opened with the meeting's times and place, and the reminders on the day they are
given: each meeting's own, and "no meeting planned" only for the coming half-year."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from samverkan.group.models import GroupMeeting, GroupMembership, GroupReminder, SeatSide
from samverkan.group.predicates import MUNICIPAL_SEATS, Seat, composition_problems
from samverkan.group.services import group

pytestmark = pytest.mark.django_db

MUNICIPAL = [Seat(SeatSide.MUNICIPAL, slug) for slug in MUNICIPAL_SEATS]
SECTOR = [Seat(SeatSide.SECTOR, slug) for slug in ("pil", "lips", "a", "b")]


def _at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def test_too_many_seats_and_a_double_seat_are_named_in_swedish(seat_bodies):
    double = [*MUNICIPAL, Seat(SeatSide.MUNICIPAL, "socialforvaltningen")]
    assert composition_problems([*double, *SECTOR]) == [
        "5 kommunala platser är tillsatta; gruppen har fyra.",
        "Socialförvaltningen har mer än en plats.",
    ]
    assert composition_problems([*MUNICIPAL, *SECTOR, Seat(SeatSide.SECTOR, "c")]) == [
        "5 platser för idéburen sektor är tillsatta; gruppen har fyra."
    ]


def test_only_kommunkontoret_changes_the_group(samverkansgruppen_member, seat_bodies):
    with pytest.raises(PermissionDenied) as refused:
        group.membership_add(
            actor=samverkansgruppen_member,
            name="Eva",
            starts_on=datetime.date(2026, 1, 1),
            municipal_body=seat_bodies["kommunkontoret"],
        )
    assert str(refused.value) == "Bara kommunkontoret får göra detta."
    assert not GroupMembership.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"municipal_body": None}, "Välj antingen en förvaltning eller en organisation."),
        ({"organisation": "pil"}, "Välj antingen en förvaltning eller en organisation."),
        ({"name": "  "}, "Skriv ledamotens namn."),
        (
            {"ends_on": datetime.date(2025, 12, 31)},
            "Mandatperioden kan inte sluta innan den börjar.",
        ),
    ],
)
def test_a_term_that_breaks_a_rule_is_refused_in_swedish(
    handlaggare, seat_bodies, pil, change, message
):
    values = {
        "name": "Eva",
        "starts_on": datetime.date(2026, 1, 1),
        "municipal_body": seat_bodies["kommunkontoret"],
        **change,
    }
    if values.get("organisation") == "pil":
        values["organisation"] = pil
    with pytest.raises(ValidationError) as refused:
        group.membership_add(actor=handlaggare, **values)
    assert refused.value.messages == [message]
    assert not GroupMembership.objects.exists()


def test_a_term_is_stored_with_its_account_and_recorded(
    handlaggare, samverkansgruppen_member, seat_bodies
):
    day = datetime.date(2026, 1, 1)
    membership = group.membership_add(
        actor=handlaggare,
        name="Eva Ek",
        starts_on=day,
        ends_on=day,  # a term of one day is a term
        municipal_body=seat_bodies["kommunkontoret"],
        user=samverkansgruppen_member,
    )
    stored = GroupMembership.objects.get(pk=membership.pk)
    assert (stored.user, stored.email, stored.ends_on) == (samverkansgruppen_member, "", day)
    (entry,) = history_for(subject=stored)
    assert (entry.action, entry.actor, entry.message) == (
        "group_membership_started",
        handlaggare,
        f"Eva Ek, {stored.seat_label}",
    )


def test_a_meeting_is_stored_as_planned_and_recorded(handlaggare):
    meeting = group.meeting_create(
        actor=handlaggare,
        title=" ",
        date=datetime.date(2026, 5, 4),
        start_time=datetime.time(13),
        end_time=datetime.time(15),
        link="https://meet.example.se/sg",
    )
    stored = GroupMeeting.objects.get(pk=meeting.pk)
    assert stored.title == "Möte i samverkansgruppen"
    assert (stored.place, stored.agenda, stored.end_time) == ("", "", datetime.time(15))
    assert stored.created_by == handlaggare
    (entry,) = history_for(subject=stored)
    assert (entry.action, entry.actor) == ("group_meeting_created", handlaggare)


def test_a_meeting_that_ends_as_it_starts_is_refused_in_swedish(handlaggare):
    with pytest.raises(ValidationError) as refused:
        group.meeting_create(
            actor=handlaggare,
            title="Möte",
            date=datetime.date(2026, 5, 4),
            start_time=datetime.time(13),
            end_time=datetime.time(13),
            place="Stadshuset",
        )
    assert refused.value.messages == ["Mötet måste sluta efter att det börjar."]


def test_the_minutes_take_the_meetings_times_and_its_link_for_a_place(handlaggare):
    meeting = group.meeting_create(
        actor=handlaggare,
        title="Vårmöte",
        date=datetime.date(2026, 5, 4),
        start_time=datetime.time(13),
        end_time=datetime.time(15, 30),
        link="https://meet.example.se/sg",
    )
    protocol = group.meeting_minutes_start(actor=handlaggare, meeting=meeting)
    protocol.refresh_from_db()
    assert (protocol.start_time, protocol.end_time) == (datetime.time(13), datetime.time(15, 30))
    assert protocol.place == "https://meet.example.se/sg"
    opened = history_for(subject=meeting).get(action="group_meeting_minutes_opened")
    assert opened.actor == handlaggare


def test_no_meeting_planned_is_named(db):
    assert group.no_meeting_skip_reason(has_planned=True) == "a meeting is planned"
    assert group.no_meeting_skip_reason(has_planned=False) is None


def _meeting(handlaggare, date, title="Möte"):
    return group.meeting_create(
        actor=handlaggare, title=title, date=date, start_time=datetime.time(13), place="Rummet"
    )


def test_each_meeting_is_reminded_of_on_its_own_even_after_one_not_yet_invited(
    handlaggare, full_group
):
    _meeting(handlaggare, datetime.date(2026, 3, 4), "Ej inbjudet")
    invited = _meeting(handlaggare, datetime.date(2026, 3, 5), "Inbjudet")
    also = _meeting(handlaggare, datetime.date(2026, 3, 5), "Också inbjudet")
    for meeting in (invited, also):
        group.meeting_invite(actor=handlaggare, meeting=meeting, now=_at(2026, 2, 20, 9))
    members = len({m.contact_email for m in full_group})
    # No clock travel: the day is the one given.
    assert group.group_reminders_send(now=_at(2026, 3, 2, 9)) == 2 * members
    kinds = set(GroupReminder.objects.values_list("kind", "step"))
    assert ("motespaminnelse", str(invited.uuid)) in kinds
    assert ("motespaminnelse", str(also.uuid)) in kinds


@pytest.mark.parametrize(
    ("meeting_on", "told"),
    [
        (datetime.date(2026, 3, 1), True),  # yesterday's meeting is not a planned one
        (datetime.date(2026, 9, 15), True),  # six and a half months ahead: outside
        (datetime.date(2026, 11, 2), True),
        (datetime.date(2026, 8, 30), False),  # within the half-year
    ],
)
def test_no_meeting_planned_looks_at_the_coming_half_year_only(
    handlaggare, seat_bodies, meeting_on, told
):
    _meeting(handlaggare, meeting_on)
    group.group_reminders_send(now=_at(2026, 3, 2, 9))
    notices = OutboxMessage.objects.filter(subject__startswith="Inget möte i samverkansgruppen")
    assert notices.exists() is told


def test_the_composition_warning_follows_the_day_given_and_links_the_group(
    handlaggare, seat_bodies
):
    staff = group.kommunkontoret_emails()
    assert len(staff) == 2  # the handläggare and kommunkontoret's own address
    assert group.composition_warning_send(now=_at(2027, 6, 2, 9)) == 2
    claims = GroupReminder.objects.filter(kind="sammansattning")
    assert {(c.email, c.step, c.sent_at) for c in claims} == {
        (email, "2027-06", _at(2027, 6, 2, 9)) for email in staff
    }
    mail = OutboxMessage.objects.get(to=[handlaggare.email], subject__contains="sammansättning")
    assert settings.PORTAL_BASE_URL + reverse("samverkansgruppen:group") in mail.body_text
    group.group_reminders_send(now=_at(2027, 7, 2, 9))
    assert GroupReminder.objects.filter(kind="sammansattning", step="2027-07").count() == 2


def test_a_contact_without_an_address_is_not_counted_as_reminded(forvaltningskontakt, forvaltning):
    from samverkan.group.services import followup

    type(forvaltningskontakt).objects.filter(pk=forvaltningskontakt.pk).update(email="")
    sent = followup.followup_reminders_send(now=_at(2027, 1, 30, 9))
    assert sent == 1  # the förvaltning's own address only
    assert not GroupReminder.objects.filter(email="").exists()
