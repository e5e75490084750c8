"""natverk/services/meetings.py directly: the date-and-time check with its exact Swedish
messages, the history rows (who, and what changed), the notice when a meeting gets a
date, a document's stored type and uploader, and each user's one calendar feed.

Written against the mutants that survived `make mutation MUTATE=natverk/services/meetings.py`:
the view tests pass through a form that refuses a time without a date first."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from natverk.models import MeetingDocument, NetworkMeeting
from natverk.services import meetings as services
from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for

pytestmark = pytest.mark.django_db
T = datetime.time
NO_DATE = "Ange datum innan du anger tid, eller lämna tiden tom."
END_FIRST = "Mötet måste sluta efter att det börjar."


def refused(call, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.messages


def entry(subject, action: str):
    return history_for(subject=subject).get(action=action)


@pytest.mark.parametrize(
    "times", [{"start_time": T(10)}, {"end_time": T(12)}, {"start_time": T(10), "end_time": T(12)}]
)
def test_a_time_needs_a_date(network, handlaggare, times):
    create = services.meeting_create
    assert refused(create, network=network, actor=handlaggare, title="Träff", **times) == [NO_DATE]
    assert not NetworkMeeting.objects.exists()


@pytest.mark.parametrize("end", [T(10), T(9, 30)])
def test_a_meeting_ends_after_it_starts(network, handlaggare, end):
    values = {"date": datetime.date(2027, 1, 20), "start_time": T(10), "end_time": end}
    create = services.meeting_create
    assert refused(create, network=network, actor=handlaggare, title="Träff", **values) == [
        END_FIRST
    ]
    assert not NetworkMeeting.objects.exists()


def test_a_change_is_checked_with_the_values_it_keeps(meeting_factory, handlaggare):
    meeting = meeting_factory(date=datetime.date(2027, 1, 20), start_time=T(10))
    update = services.meeting_update
    assert refused(update, meeting=meeting, actor=handlaggare, end_time=T(10)) == [END_FIRST]
    assert refused(update, meeting=meeting, actor=handlaggare, date=None) == [NO_DATE]
    meeting.refresh_from_db()
    assert (meeting.date, meeting.end_time) == (datetime.date(2027, 1, 20), None)


def test_creating_and_changing_record_who_and_what(network, handlaggare):
    meeting = services.meeting_create(network=network, actor=handlaggare, title="Träff")
    assert entry(meeting, "network_meeting_created").actor == handlaggare
    services.meeting_update(meeting=meeting, actor=handlaggare, agenda="Dagordning")
    changed = entry(meeting, "network_meeting_changed")
    assert (changed.actor, changed.changes) == (handlaggare, {"agenda": ["", "Dagordning"]})


def test_the_dated_notice_links_the_meeting(
    meeting_factory, handlaggare, samverkansgruppen_member, settings
):
    settings.PORTAL_BASE_URL = "http://testserver.example"
    meeting = meeting_factory(title="Träff")
    meeting.attendees.add(samverkansgruppen_member)
    services.meeting_update(meeting=meeting, actor=handlaggare, date=datetime.date(2027, 1, 20))
    (mail,) = OutboxMessage.objects.all()
    url = reverse("natverk:meeting_detail", kwargs={"uuid": meeting.uuid})
    assert "http://testserver.example" + url in mail.body_text


def test_a_document_keeps_its_type_and_uploader(meeting_factory, handlaggare):
    meeting = meeting_factory()
    upload = SimpleUploadedFile("d.pdf", b"%PDF-1.4 dagordning\n%%EOF", content_type="text/plain")
    services.meeting_document_add(
        meeting=meeting, actor=handlaggare, title=" Dagordning ", upload=upload
    )
    document = MeetingDocument.objects.get()
    assert (document.title, document.content_type, document.uploaded_by) == (
        "Dagordning",
        "application/pdf",
        handlaggare,
    )
    added = entry(meeting, "network_meeting_document_added")
    assert (added.actor, added.changes) == (handlaggare, {"documents": [None, "Dagordning"]})


def test_each_user_has_one_calendar_feed(handlaggare, rep_a):
    feed = services.calendar_feed_for(user=handlaggare)
    assert feed.user == handlaggare
    assert services.calendar_feed_for(user=handlaggare) == feed
    assert services.calendar_feed_for(user=rep_a).token != feed.token
