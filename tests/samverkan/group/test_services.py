import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from overenskommelse.agreement.models import Affiliation
from overenskommelse.platform.models import OutboxMessage
from samverkan.group.models import (
    ConferenceInvitation,
    ConferenceRegistration,
    FollowUp,
    GroupReminder,
    SeatSide,
)
from samverkan.group.predicates import Seat, composition_problems
from samverkan.group.services import conference as conference_services
from samverkan.group.services import followup as followup_services
from samverkan.group.services import group
from samverkan.pipeline.models import Initiative, Stage
from tests.factories import OrganisationFactory, RepresentationFactory

RIGHT = [
    Seat(SeatSide.MUNICIPAL, "kommunkontoret"),
    Seat(SeatSide.MUNICIPAL, "kultur-och-fritidsforvaltningen"),
    Seat(SeatSide.MUNICIPAL, "socialforvaltningen"),
    Seat(SeatSide.MUNICIPAL, "vard-och-omsorgsforvaltningen"),
    Seat(SeatSide.SECTOR, "pil"),
    Seat(SeatSide.SECTOR, "lips"),
    Seat(SeatSide.SECTOR, "forening-1"),
    Seat(SeatSide.SECTOR, "forening-2"),
]


# Composition ------------------------------------------------------------------------


@pytest.mark.django_db
def test_right_composition_has_no_problems():
    assert composition_problems(RIGHT) == []


@pytest.mark.django_db
def test_group_missing_lips_is_flagged():
    seats = [s for s in RIGHT if s.slug != "lips"] + [Seat(SeatSide.SECTOR, "forening-3")]
    problems = composition_problems(seats)
    assert any("LIPS" in p for p in problems)
    assert not any("PIL" in p for p in problems)


@pytest.mark.django_db
def test_five_municipal_seats_are_flagged():
    seats = [*RIGHT, Seat(SeatSide.MUNICIPAL, "miljoforvaltningen")]
    problems = composition_problems(seats)
    assert any("5" in p for p in problems)


@pytest.mark.django_db
def test_vacant_seats_are_flagged():
    problems = composition_problems(RIGHT[1:6])
    assert any("kommunkontoret" in p for p in problems)
    assert any("2 av de fyra" in p or "2 of the four" in p for p in problems)


def test_current_seats_follow_terms(full_group, handlaggare):
    today = datetime.date(2026, 11, 25)
    assert composition_problems(group.group_current_seats(today=today)) == []
    lips_member = next(m for m in full_group if m.organisation and m.organisation.slug == "lips")
    group.membership_end(actor=handlaggare, membership=lips_member, ends_on=today)
    assert composition_problems(group.group_current_seats(today=today)) == []
    problems = composition_problems(
        group.group_current_seats(today=today + datetime.timedelta(days=1))
    )
    assert any("LIPS" in p for p in problems)
    lips_member.refresh_from_db()
    assert lips_member.ends_on == today  # kept as history


def test_membership_needs_one_seat(handlaggare, pil, seat_bodies):
    with pytest.raises(ValidationError):
        group.membership_add(
            actor=handlaggare,
            name="X",
            starts_on=datetime.date(2026, 1, 1),
            organisation=pil,
            municipal_body=seat_bodies["kommunkontoret"],
        )


# Meetings -------------------------------------------------------------------------


def test_meeting_invitation_once_and_reminder_once(full_group, handlaggare, settings):
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)):
        meeting = group.meeting_create(
            actor=handlaggare,
            title="Höstmöte",
            date=datetime.date(2026, 11, 20),
            start_time=datetime.time(13),
            place="Stadshuset",
            agenda="Uppföljning\nKonferens",
        )
        assert group.meeting_invite(actor=handlaggare, meeting=meeting) == 8
        assert group.meeting_invite(actor=handlaggare, meeting=meeting) == 0
    meeting.refresh_from_db()
    before = datetime.datetime(2026, 11, 17, 6, tzinfo=datetime.UTC)  # 07:00 local
    assert group.meeting_reminder_skip_reason(meeting, before) == "not yet due"
    at = datetime.datetime(2026, 11, 17, 7, 0, tzinfo=datetime.UTC)  # 08:00 local
    assert group.meeting_reminder_skip_reason(meeting, at) is None
    with time_machine.travel(at):
        assert group.group_reminders_send() == 8
        assert group.group_reminders_send() == 0
    after = datetime.datetime(2026, 11, 21, 7, tzinfo=datetime.UTC)
    assert group.meeting_reminder_skip_reason(meeting, after) == "meeting passed"


def test_no_meeting_planned_reminds_kommunkontoret(handlaggare, seat_bodies):
    with time_machine.travel(datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)):
        assert group.group_reminders_send() >= 1
        assert group.group_reminders_send() == 0
    assert GroupReminder.objects.filter(
        kind="inget_mote_planerat", email=handlaggare.email
    ).exists()
    group.meeting_create(
        actor=handlaggare,
        title="Vårmöte",
        date=datetime.date(2027, 3, 1),
        start_time=datetime.time(13),
        link="https://example.se/mote",
    )
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC)):
        group.group_reminders_send()
    # Once, to each of kommunkontoret's addresses (the handläggare and its contact address).
    assert sorted(
        GroupReminder.objects.filter(kind="inget_mote_planerat").values_list("email", flat=True)
    ) == ["handlaggare@example.se", "kommunkontoret@example.se"]


def test_staff_warned_about_composition_once_a_month(full_group, handlaggare):
    lips_member = next(m for m in full_group if m.organisation and m.organisation.slug == "lips")
    with time_machine.travel(datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)):
        assert group.composition_warning_send(now=datetime.datetime.now(datetime.UTC)) == 0
    group.membership_end(
        actor=handlaggare, membership=lips_member, ends_on=datetime.date(2026, 11, 25)
    )
    for day in (26, 27):
        with time_machine.travel(datetime.datetime(2026, 11, day, 9, tzinfo=datetime.UTC)):
            group.composition_warning_send(now=datetime.datetime.now(datetime.UTC))
    warnings = GroupReminder.objects.filter(kind="sammansattning")
    assert sorted(warnings.values_list("email", flat=True)) == [
        handlaggare.email,
        "kommunkontoret@example.se",
    ]
    mail = OutboxMessage.objects.filter(
        subject__contains="sammansättning", to__contains=handlaggare.email
    ).get()
    assert "LIPS" in mail.body_text


def test_minutes_use_the_shared_protocol(full_group, handlaggare):
    meeting = group.meeting_create(
        actor=handlaggare,
        title="Höstmöte",
        date=datetime.date(2026, 11, 20),
        start_time=datetime.time(13),
        place="Stadshuset",
    )
    protocol = group.meeting_minutes_start(actor=handlaggare, meeting=meeting)
    assert protocol.organ_name == "Samverkansgruppen"
    assert group.meeting_minutes_start(actor=handlaggare, meeting=meeting) == protocol


# Follow-up --------------------------------------------------------------------------


def test_followup_counts_per_area_and_stage(followup_data):
    content = followup_services.followup_compile(year=2025)
    one, two = content["areas"]
    assert one["name"] == "Inkludering"
    stage = {item["stage"]: item["count"] for item in one["by_stage"]}
    assert stage[Stage.IMPLEMENTATION] == 2
    assert stage[Stage.RESULTS] == 1
    assert one["total"] == 3 and one["started"] == 1 and one["finished"] == 1
    stage_two = {item["stage"]: item["count"] for item in two["by_stage"]}
    assert stage_two[Stage.INITIATIVE] == 1
    assert two["total"] == 1  # the proposal is not counted
    assert len(content["affiliations"]["new"]) == 2
    assert len(content["affiliations"]["withdrawn"]) == 1
    assert content["totals"]["affiliated"] == 2
    assert [p["count"] for p in content["affiliations"]["series"]] == [1, 2]
    comparison = {row["key"]: row for row in content["comparison"]}
    assert comparison["new_affiliations"]["previous"] == 1
    assert comparison["new_affiliations"]["change"] == 1


def test_approved_followup_is_frozen(followup_data, handlaggare, samverkansgruppen_member):
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    followup_services.followup_comment(
        actor=samverkansgruppen_member, followup=followup, section="areas", text="Bra"
    )
    followup = followup_services.followup_approve(actor=samverkansgruppen_member, followup=followup)
    assert followup.approved_by == samverkansgruppen_member
    Initiative.objects.filter(title="B1").update(stage=Stage.IMPLEMENTATION, form="iop")
    Affiliation.objects.filter(ended_on__isnull=False).update(ended_on=None)
    live = followup_services.followup_compile(year=2025)
    assert live["areas"][1]["by_stage"][0]["count"] == 0  # the live data changed
    frozen = followup_services.followup_content(FollowUp.objects.get(pk=followup.pk))
    assert frozen["areas"][1]["by_stage"][0]["count"] == 1
    assert len(frozen["affiliations"]["withdrawn"]) == 1
    with pytest.raises(ValidationError):
        followup_services.followup_comment(
            actor=samverkansgruppen_member, followup=followup, section="areas", text="Sent"
        )


def test_every_fourth_year_covers_the_agreement(settings):
    settings.SAMVERKAN_AGREEMENT_CYCLE_START = 2019
    assert followup_services.agreement_followup_due(2023)
    assert followup_services.agreement_followup_due(2027)
    assert not followup_services.agreement_followup_due(2026)


def test_report_reminders_once_per_step(forvaltningskontakt, forvaltning, areas):
    # Reports on 2026 are due 2027-03-01; steps 30 and 7 days before.
    assert followup_services.report_reminder_step(2026, datetime.date(2027, 1, 29)) is None
    assert followup_services.report_reminder_step(2026, datetime.date(2027, 1, 30)) == "2026-30d"
    assert followup_services.report_reminder_step(2026, datetime.date(2027, 2, 22)) == "2026-7d"
    assert followup_services.report_reminder_step(2026, datetime.date(2027, 3, 1)) == "2026-7d"
    assert followup_services.report_reminder_step(2026, datetime.date(2027, 3, 2)) is None

    def sent_to_contact():
        return GroupReminder.objects.filter(
            kind="uppfoljningsrapport", email=forvaltningskontakt.email
        ).count()

    with time_machine.travel(datetime.datetime(2027, 1, 30, 9, tzinfo=datetime.UTC)):
        followup_services.followup_reminders_send()
        followup_services.followup_reminders_send()
    assert sent_to_contact() == 1
    with time_machine.travel(datetime.datetime(2027, 2, 23, 9, tzinfo=datetime.UTC)):
        followup_services.report_submit(
            actor=forvaltningskontakt,
            municipal_body=forvaltning,
            year=2026,
            commitments="Två IOP",
            area_texts={areas[0]: "Läxhjälp"},
        )
        followup_services.followup_reminders_send()
    assert sent_to_contact() == 1  # filed: no second step
    with pytest.raises(ValidationError):
        followup_services.report_submit(
            actor=forvaltningskontakt,
            municipal_body=forvaltning,
            year=2026,
            commitments="Igen",
            area_texts={},
        )


def test_a_report_keeps_what_was_written_once_and_its_history(
    forvaltningskontakt, forvaltning, areas
):
    from overenskommelse.platform.selectors.history import history_for
    from samverkan.group.models import ForvaltningReport

    moment = datetime.datetime(2027, 2, 1, 9, tzinfo=datetime.UTC)
    report = followup_services.report_submit(
        actor=forvaltningskontakt,
        municipal_body=forvaltning,
        year=2026,
        commitments="  Två IOP  ",
        area_texts={areas[0]: " Läxhjälp ", areas[1]: "   "},
        now=moment,
    )
    stored = ForvaltningReport.objects.get(pk=report.pk)
    assert (stored.commitments, stored.submitted_by, stored.submitted_at) == (
        "Två IOP",
        forvaltningskontakt,
        moment,
    )
    assert [(a.area, a.text) for a in stored.areas.all()] == [(areas[0], "Läxhjälp")]
    (entry,) = history_for(subject=stored)
    assert (entry.action, entry.actor) == ("forvaltning_report_filed", forvaltningskontakt)
    with pytest.raises(ValidationError) as refused:
        followup_services.report_submit(
            actor=forvaltningskontakt,
            municipal_body=forvaltning,
            year=2026,
            commitments="Igen",
            area_texts={},
        )
    assert refused.value.messages == ["Förvaltningen har redan rapporterat för det här året."]


def test_agreement_followup_reminder(handlaggare, settings):
    settings.SAMVERKAN_AGREEMENT_CYCLE_START = 2019
    with time_machine.travel(datetime.datetime(2027, 1, 5, 9, tzinfo=datetime.UTC)):
        followup_services.followup_reminders_send()
        followup_services.followup_reminders_send()
    assert (
        GroupReminder.objects.filter(kind="overenskommelsens_uppfoljning", step="2026").count() == 0
    )
    with time_machine.travel(datetime.datetime(2028, 1, 5, 9, tzinfo=datetime.UTC)):
        followup_services.followup_reminders_send()
        followup_services.followup_reminders_send()
    assert (
        GroupReminder.objects.filter(kind="overenskommelsens_uppfoljning", step="2027").count() == 1
    )


# Conference ---------------------------------------------------------------------------


@pytest.fixture
def conference(handlaggare):
    return conference_services.conference_create(
        actor=handlaggare,
        title="Överenskommelsekonferensen 2026",
        date=datetime.date(2026, 12, 10),
        start_time=datetime.time(9),
        place="Stadshallen",
        programme="Inledning\nWorkshop",
        places=2,
        registration_closes_on=datetime.date(2026, 12, 3),
    )


def test_invitation_list_and_sending_twice(
    conference, handlaggare, affiliated, namnd, organisation_a
):
    lonely = OrganisationFactory(name="Ej ansluten förening", email="ej@example.se")
    RepresentationFactory(organisation=organisation_a)
    silent = type(namnd).objects.create(
        name="Miljönämnden", slug="miljonamnden", kind="namnd", chair="Ann", vice_chair="Bo"
    )
    conference_services.invitation_list_build(actor=handlaggare, conference=conference)
    conference_services.invitation_list_build(actor=handlaggare, conference=conference)
    invitations = list(conference.invitations.all())
    organisations = [i.organisation_id for i in invitations if i.organisation_id]
    assert lonely.pk in organisations  # not affiliated, still invited
    assert sorted(organisations) == sorted(set(organisations))
    roles = [(i.municipal_body_id, i.kind) for i in invitations if i.municipal_body_id]
    assert sorted(roles) == sorted(
        [
            (namnd.pk, ConferenceInvitation.Kind.CHAIR),
            (namnd.pk, ConferenceInvitation.Kind.VICE_CHAIR),
            (silent.pk, ConferenceInvitation.Kind.CHAIR),
            (silent.pk, ConferenceInvitation.Kind.VICE_CHAIR),
        ]
    )
    chair = next(i for i in invitations if i.kind == "ordforande" and i.municipal_body == namnd)
    assert "Ordförande Olsson" in chair.name
    before = OutboxMessage.objects.count()
    sent = conference_services.invitations_send(actor=handlaggare, conference=conference)
    with_address = conference.invitations.exclude(emails="").count()
    assert sent == with_address
    assert OutboxMessage.objects.count() == before + sent
    assert conference.invitations.filter(emails="", municipal_body=silent).count() == 2
    assert conference_services.invitations_send(actor=handlaggare, conference=conference) == 0
    assert OutboxMessage.objects.count() == before + sent


def test_registration_limit_waiting_list_and_promotion(conference):
    now = datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)
    first, _second, third = (
        conference_services.registration_create(
            conference=conference, name=n, email=f"{n}@example.se", now=now
        )
        for n in ("anna", "bertil", "cecilia")
    )
    assert third.status == ConferenceRegistration.Status.WAITING
    with pytest.raises(ValidationError):
        conference_services.registration_create(
            conference=conference, name="Anna", email="ANNA@example.se", now=now
        )
    promoted = conference_services.registration_cancel(registration=first)
    assert promoted == third
    third.refresh_from_db()
    assert third.status == ConferenceRegistration.Status.REGISTERED
    csv_text = conference_services.attendees_csv(conference=conference)
    assert "bertil@example.se" in csv_text and "anna@example.se" not in csv_text
    late = datetime.datetime(2026, 12, 4, 9, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError):
        conference_services.registration_create(
            conference=conference, name="Sen", email="sen@example.se", now=late
        )


def test_a_registration_is_stored_as_written_and_recorded(conference, rep_a):
    from django.contrib.auth.models import AnonymousUser

    from overenskommelse.platform.selectors.history import history_for

    now = datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)
    mine = conference_services.registration_create(
        conference=conference,
        name="  Anna Ek ",
        email=" Anna.Ek@Example.se ",
        represents=" Förening A ",
        user=rep_a,
        now=now,
    )
    stored = ConferenceRegistration.objects.get(pk=mine.pk)
    assert (stored.name, stored.email, stored.represents, stored.user) == (
        "Anna Ek",
        "anna.ek@example.se",
        "Förening A",
        rep_a,
    )
    anonymous = conference_services.registration_create(
        conference=conference, name="Bo", email="bo@example.se", user=AnonymousUser(), now=now
    )
    assert (anonymous.user, anonymous.represents) == (None, "")
    rows = history_for(subject=conference).filter(action="conference_registered")
    assert {(r.actor, r.message, r.at) for r in rows} == {
        (rep_a, "Anna Ek: anmald", now),
        (None, "Bo: anmald", now),
    }


@pytest.mark.parametrize("name, email", [("", "a@example.se"), ("Anna", " "), (" ", "")])
def test_a_registration_needs_a_name_and_an_address(conference, name, email):
    with pytest.raises(ValidationError) as refused:
        conference_services.registration_create(
            conference=conference,
            name=name,
            email=email,
            now=datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC),
        )
    assert refused.value.messages == ["Skriv ditt namn och din e-postadress."]
    assert not ConferenceRegistration.objects.exists()


def test_registration_is_open_through_its_last_day_in_stockholm(conference):
    last_evening = datetime.datetime(2026, 12, 3, 22, 30, tzinfo=datetime.UTC)  # 23.30
    conference_services.registration_create(
        conference=conference, name="Sist", email="sist@example.se", now=last_evening
    )
    next_day = datetime.datetime(2026, 12, 3, 23, 30, tzinfo=datetime.UTC)  # 00.30
    with pytest.raises(ValidationError) as refused:
        conference_services.registration_create(
            conference=conference, name="Sen", email="sen@example.se", now=next_day
        )
    assert refused.value.messages == ["Anmälan har stängt."]


def test_a_freed_place_goes_to_the_first_waiting_who_is_told(conference, handlaggare):
    from overenskommelse.platform.selectors.history import history_for

    now = datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)
    register = conference_services.registration_create
    first, second = (
        register(conference=conference, name=n, email=f"{n}@example.se", now=now)
        for n in ("Anna", "Bo")
    )
    waiting = [
        register(conference=conference, name=n, email=f"{n}@example.se", now=now)
        for n in ("Cia", "Dan")
    ]
    before = OutboxMessage.objects.count()
    # A waiting registration cancelled frees no place.
    assert conference_services.registration_cancel(registration=waiting[1]) is None
    eva = register(conference=conference, name="Eva", email="eva@example.se", now=now)
    # Eva's registration arrived before Cia's (its row was written later): the line
    # follows the time of registration, not the row's number.
    ConferenceRegistration.objects.filter(pk=eva.pk).update(
        created_at=waiting[0].created_at - datetime.timedelta(minutes=1)
    )
    promoted = conference_services.registration_cancel(registration=first, actor=handlaggare)
    assert promoted == eva
    assert ConferenceRegistration.objects.get(pk=eva.pk).status == "anmald"
    assert ConferenceRegistration.objects.get(pk=waiting[0].pk).status == "reserv"
    (mail,) = OutboxMessage.objects.all()[before:]
    assert mail.to == ["eva@example.se"]
    assert "Överenskommelsekonferensen 2026" in mail.body_text
    cancelled = history_for(subject=conference).filter(action="conference_cancelled")
    assert {(r.actor, r.message) for r in cancelled} == {(None, "Dan"), (handlaggare, "Anna")}
    # Cancelling twice changes nothing more.
    assert conference_services.registration_cancel(registration=first) is None
    assert second.status == "anmald"


def test_no_conference_reminder(handlaggare, settings):
    settings.SAMVERKAN_CONFERENCE_CYCLE_START = 2020
    skip = conference_services.conference_reminder_skip_reason
    assert skip(today=datetime.date(2027, 5, 1), planned=False) == "not a conference year"
    assert skip(today=datetime.date(2026, 1, 15), planned=False) == "too early in the year"
    assert skip(today=datetime.date(2026, 5, 1), planned=True) == "planned"
    with time_machine.travel(datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)):
        assert conference_services.conference_reminders_send() == 1
        assert conference_services.conference_reminders_send() == 0


# Sending the approved follow-up to the nämnd ------------------------------------------


def test_the_approved_followup_is_mailed_to_the_namnd_with_its_links(
    handlaggare, samverkansgruppen_member, areas, namnd, settings
):
    from django.urls import reverse

    from overenskommelse.platform.selectors.history import history_for

    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    followup = followup_services.followup_approve(actor=samverkansgruppen_member, followup=followup)
    moment = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    sent = followup_services.followup_send_to_namnd(
        actor=handlaggare, followup=followup, body=namnd, now=moment
    )
    assert sent.sent_to_namnd_at == moment
    (mail,) = OutboxMessage.objects.all()
    assert mail.to == ["kfn@example.se"]
    assert mail.subject == "Den årliga uppföljningen av handlingsplanen 2025"
    assert mail.body_text.startswith("Till Kultur- och fritidsnämnden:")
    public = reverse("samverkansgruppen:followup_public", kwargs={"year": 2025})
    pdf = reverse("samverkansgruppen:followup_pdf", kwargs={"year": 2025})
    assert f"{settings.PORTAL_BASE_URL}{public}" in mail.body_text
    assert f"PDF: {settings.PORTAL_BASE_URL}{pdf}" in mail.body_text
    entry = history_for(subject=followup).get(action="followup_sent_to_namnd")
    assert (entry.actor, entry.message, entry.at) == (handlaggare, namnd.name, moment)


def test_a_draft_or_a_namnd_without_address_is_refused_in_swedish(
    handlaggare, samverkansgruppen_member, areas, namnd
):
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    with pytest.raises(ValidationError) as refused:
        followup_services.followup_send_to_namnd(actor=handlaggare, followup=followup, body=namnd)
    assert refused.value.messages == ["Bara en godkänd uppföljning kan skickas."]
    followup = followup_services.followup_approve(actor=samverkansgruppen_member, followup=followup)
    namnd.contact_email = ""
    namnd.save()
    with pytest.raises(ValidationError) as refused:
        followup_services.followup_send_to_namnd(actor=handlaggare, followup=followup, body=namnd)
    assert refused.value.messages == [
        "Kultur- och fritidsnämnden har ingen e-postadress i portalen."
    ]
    assert not OutboxMessage.objects.exists()
    followup.refresh_from_db()
    assert followup.sent_to_namnd_at is None


# Comments on and approval of the follow-up ---------------------------------------------


def test_a_comment_is_kept_with_its_author_and_section(
    handlaggare, samverkansgruppen_member, areas, rep_a
):
    from overenskommelse.platform.selectors.history import history_for

    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    comment = followup_services.followup_comment(
        actor=samverkansgruppen_member, followup=followup, section="lessons", text=" Bra år "
    )
    assert (comment.section, comment.author, comment.text) == (
        "lessons",
        samverkansgruppen_member,
        "Bra år",
    )
    name = samverkansgruppen_member.get_full_name() or samverkansgruppen_member.email
    assert comment.author_name == name and comment.followup == followup
    (entry,) = history_for(subject=followup).filter(action="followup_commented")
    assert (entry.actor, entry.message) == (samverkansgruppen_member, "lessons")
    comment = followup_services.followup_comment
    for section, text, message in (
        ("nowhere", "Text", "Välj ett avsnitt."),
        ("areas", "  ", "Skriv en kommentar."),
    ):
        with pytest.raises(ValidationError) as refused:
            comment(actor=handlaggare, followup=followup, section=section, text=text)
        assert refused.value.messages == [message]
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied) as refused:
        comment(actor=rep_a, followup=followup, section="areas", text="Text")
    assert str(refused.value) == "Bara samverkansgruppen får göra detta."


def test_approval_is_recorded_once_and_closes_the_comments(
    handlaggare, samverkansgruppen_member, areas
):
    from overenskommelse.accounts.models import User
    from overenskommelse.platform.selectors.history import history_for

    User.objects.filter(pk=samverkansgruppen_member.pk).update(first_name="Sara", last_name="Ek")
    member = User.objects.get(pk=samverkansgruppen_member.pk)
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    moment = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    approved = followup_services.followup_approve(actor=member, followup=followup, now=moment)
    assert (approved.approved_at, approved.approved_by, approved.approved_by_name) == (
        moment,
        member,
        "Sara Ek",
    )
    (entry,) = history_for(subject=followup).filter(action="followup_approved")
    assert (entry.actor, entry.at) == (member, moment)
    with pytest.raises(ValidationError) as refused:
        followup_services.followup_approve(actor=member, followup=approved)
    assert refused.value.messages == ["Uppföljningen är redan godkänd."]
    with pytest.raises(ValidationError) as refused:
        followup_services.followup_comment(
            actor=member, followup=approved, section="areas", text="Sent"
        )
    assert refused.value.messages == ["Uppföljningen är godkänd och kan inte längre kommenteras."]
