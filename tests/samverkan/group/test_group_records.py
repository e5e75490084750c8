"""samverkan/group/services/group.py's records: ending a term (its boundary, message and
history row), who is written in the history of attendance, documents and invitations,
what an invitation claims and says, and the reminder on the meeting day itself.

Written against the mutants that survived `make mutation MUTATE=samverkan/group/services/group.py`:
the view tests checked the action names of the history, not who or what."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from samverkan.group.models import GroupMeeting, GroupReminder
from samverkan.group.services import group

pytestmark = pytest.mark.django_db
D = datetime.date
UTC = datetime.UTC


def entry(subject, action: str):
    return history_for(subject=subject).get(action=action)


@pytest.fixture
def member(handlaggare, pil):
    return group.membership_add(
        actor=handlaggare,
        name="Pia PIL",
        email="pia@example.se",
        organisation=pil,
        starts_on=D(2026, 1, 1),
    )


@pytest.fixture
def meeting(handlaggare):
    return group.meeting_create(
        actor=handlaggare,
        title="Vårmöte",
        date=D(2027, 3, 16),
        start_time=datetime.time(13),
        place="Stadshuset",
    )


def test_a_term_may_end_the_day_it_starts_not_before(member, handlaggare):
    with pytest.raises(ValidationError) as caught:
        group.membership_end(actor=handlaggare, membership=member, ends_on=D(2025, 12, 31))
    assert caught.value.messages == ["Mandatperioden kan inte sluta innan den börjar."]
    member.refresh_from_db()
    assert member.ends_on is None
    ended = group.membership_end(actor=handlaggare, membership=member, ends_on=D(2026, 1, 1))
    assert ended.ends_on == D(2026, 1, 1)


def test_ending_a_term_records_who_and_the_old_and_new_end(member, handlaggare):
    group.membership_end(actor=handlaggare, membership=member, ends_on=D(2026, 6, 30))
    group.membership_end(actor=handlaggare, membership=member, ends_on=D(2026, 12, 31))
    rows = history_for(subject=member).filter(action="group_membership_ended").order_by("pk")
    assert [(row.actor, row.changes) for row in rows] == [
        (handlaggare, {"ends_on": [None, "2026-06-30"]}),
        (handlaggare, {"ends_on": ["2026-06-30", "2026-12-31"]}),
    ]
    member.refresh_from_db()
    assert member.ends_on == D(2026, 12, 31)


def test_attendance_and_documents_record_who(meeting, member, handlaggare):
    group.meeting_attendance_record(actor=handlaggare, meeting=meeting, present_ids={member.pk})
    assert entry(meeting, "group_meeting_attendance").actor == handlaggare
    upload = SimpleUploadedFile("d.pdf", b"%PDF-1.4 d\n%%EOF", content_type="application/pdf")
    group.meeting_document_add(
        actor=handlaggare, meeting=meeting, title="Dagordning", upload=upload
    )
    added = entry(meeting, "group_meeting_document_added")
    assert (added.actor, added.message) == (handlaggare, "Dagordning")


def test_an_invitation_is_claimed_per_meeting_and_says_so(meeting, member, handlaggare, settings):
    settings.PORTAL_BASE_URL = "http://testserver.example"
    now = datetime.datetime(2027, 2, 1, 9, tzinfo=UTC)
    other = group.meeting_create(
        actor=handlaggare, title="Höstmöte", date=D(2027, 9, 1), start_time=datetime.time(13),
        place="Stadshuset",
    )  # fmt: skip
    assert group.meeting_invite(actor=handlaggare, meeting=meeting, now=now) == 1
    assert group.meeting_invite(actor=handlaggare, meeting=other, now=now) == 1
    assert sorted(GroupReminder.objects.values_list("kind", "step", "email", "sent_at")) == sorted(
        [
            ("motesinbjudan", str(meeting.uuid), "pia@example.se", now),
            ("motesinbjudan", str(other.uuid), "pia@example.se", now),
        ]
    )
    mail = OutboxMessage.objects.order_by("pk").first()
    assert mail.subject.startswith("Kallelse: samverkansgruppen möts 16 mars 2027 (Vårmöte)")
    url = group.meeting_url(meeting)
    assert url.startswith("http://testserver.example/") and url in mail.body_text
    invited = entry(meeting, "group_meeting_invited")
    assert (invited.actor, invited.message, invited.at) == (handlaggare, "1", now)
    assert GroupMeeting.objects.get(pk=meeting.pk).invitations_sent_at == now


def test_a_reminder_is_not_sent_before_the_invitation_and_still_on_the_day(meeting):
    on_the_day = datetime.datetime(2027, 3, 16, 8, tzinfo=UTC)  # 09:00 CET
    assert group.meeting_reminder_skip_reason(meeting, on_the_day) == "not invited yet"
    meeting.invitations_sent_at = datetime.datetime(2027, 2, 1, tzinfo=UTC)
    assert group.meeting_reminder_skip_reason(meeting, on_the_day) is None
    next_day = datetime.datetime(2027, 3, 17, 8, tzinfo=UTC)
    assert group.meeting_reminder_skip_reason(meeting, next_day) == "meeting passed"
