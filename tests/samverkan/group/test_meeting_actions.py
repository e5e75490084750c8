"""The meeting actions of samverkansgruppen (send invitations, save attendance, start the
minutes, add a document), each POSTed through its URL: kommunkontoret may, the group's
own members and every other role are refused, and bad input gives a Swedish message."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from overenskommelse.platform.models import HistoryEntry, OutboxMessage
from samverkan.group.models import GroupMeeting, GroupMeetingAttendance, GroupMeetingDocument
from samverkan.group.services import group

NOW = datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.UTC)
ACTIONS = ["invite", "attendance", "minutes", "document"]


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def meeting(handlaggare, full_group):
    return group.meeting_create(
        actor=handlaggare,
        title="Vårmöte",
        date=datetime.date(2027, 3, 16),
        start_time=datetime.time(13),
        end_time=datetime.time(15),
        place="Stadshuset",
    )


def _url(meeting, action):
    kwargs = {"uuid": meeting.uuid, "action": action}
    return reverse("samverkansgruppen:group_meeting_action", kwargs=kwargs)


def _history(meeting) -> list[str]:
    return list(
        HistoryEntry.objects.filter(object_id=str(meeting.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def _pdf(name="dagordning.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 dagordning\n%%EOF", content_type="application/pdf")


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_invite_sends_to_every_member_once(client, handlaggare, meeting, no_staff_mfa):
    client.force_login(handlaggare)
    response = client.post(_url(meeting, "invite"), follow=True)
    assert response.status_code == 200
    assert "Kallelse skickad till 8 ledamöter." in _messages(response)
    assert GroupMeeting.objects.get(pk=meeting.pk).invitations_sent_at == NOW
    assert OutboxMessage.objects.count() == 8
    assert _history(meeting)[-1] == "group_meeting_invited"
    again = client.post(_url(meeting, "invite"), follow=True)
    assert "Kallelse skickad till 0 ledamöter." in _messages(again)
    assert OutboxMessage.objects.count() == 8


def test_attendance_is_stored(client, handlaggare, meeting, full_group, no_staff_mfa):
    client.force_login(handlaggare)
    present = [full_group[0].pk, full_group[5].pk]
    response = client.post(_url(meeting, "attendance"), {"present": present}, follow=True)
    assert response.status_code == 200
    assert "Närvaron har sparats." in _messages(response)
    stored = dict(
        GroupMeetingAttendance.objects.filter(meeting=meeting).values_list(
            "membership_id", "present"
        )
    )
    assert stored == {m.pk: m.pk in present for m in full_group}
    assert _history(meeting)[-1] == "group_meeting_attendance"


NOT_A_MEMBER = "Välj bara ledamöter som satt i gruppen på mötesdagen."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", NOT_A_MEMBER),
        ("²", NOT_A_MEMBER),  # str.isdigit() says yes, int() says no
        ("999999", NOT_A_MEMBER),
        ("9" * 30, NOT_A_MEMBER),
        ("-1", NOT_A_MEMBER),
    ],
)
def test_attendance_with_bad_input_is_refused_in_swedish(
    client, handlaggare, meeting, full_group, no_staff_mfa, value, message
):
    client.force_login(handlaggare)
    before = _history(meeting)
    response = client.post(
        _url(meeting, "attendance"), {"present": [full_group[0].pk, value]}, follow=True
    )
    assert response.status_code == 200
    assert message in _messages(response)
    assert not GroupMeetingAttendance.objects.exists()
    assert _history(meeting) == before


def test_attendance_with_a_nul_byte_is_a_bad_request(
    client, handlaggare, meeting, full_group, no_staff_mfa
):
    client.force_login(handlaggare)
    before = _history(meeting)
    response = client.post(_url(meeting, "attendance"), {"present": [full_group[0].pk, "1\x00"]})
    assert response.status_code == 400
    assert not GroupMeetingAttendance.objects.exists()
    assert _history(meeting) == before


def test_minutes_are_started_once(client, handlaggare, meeting, no_staff_mfa):
    client.force_login(handlaggare)
    response = client.post(_url(meeting, "minutes"))
    meeting.refresh_from_db()
    assert meeting.protocol is not None
    assert meeting.protocol.organ_name == "Samverkansgruppen"
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "protocols:protocol_meeting", kwargs={"uuid": meeting.protocol.uuid}
    )
    assert _history(meeting)[-1] == "group_meeting_minutes_opened"
    again = client.post(_url(meeting, "minutes"))
    assert again["Location"] == response["Location"]
    assert _history(meeting).count("group_meeting_minutes_opened") == 1


def test_document_is_stored_and_served(client, handlaggare, meeting, no_staff_mfa):
    client.force_login(handlaggare)
    response = client.post(
        _url(meeting, "document"), {"title": "Dagordning", "file": _pdf()}, follow=True
    )
    assert response.status_code == 200
    assert "Dokumentet har lagts till." in _messages(response)
    document = GroupMeetingDocument.objects.get(meeting=meeting)
    assert document.title == "Dagordning"
    assert document.content_type == "application/pdf"
    assert document.uploaded_by == handlaggare
    entry = HistoryEntry.objects.filter(object_id=str(meeting.pk)).order_by("pk").last()
    assert entry.action == "group_meeting_document_added"
    assert entry.message == "Dagordning"
    served = client.get(
        reverse(
            "samverkansgruppen:group_meeting_document",
            kwargs={"uuid": meeting.uuid, "document": document.pk},
        )
    )
    assert b"".join(served.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Dagordning"}, "Detta fält måste fyllas i."),
        ({"title": "", "file": "pdf"}, "Detta fält måste fyllas i."),
        ({"title": "Dagordning", "file": "not-pdf"}, "Filens innehåll är inte av en tillåten typ"),
        ({"title": "Dagordning", "file": "empty"}, "Den skickade filen är tom."),
        ({"title": "D" * 201, "file": "pdf"}, "som mest 200 tecken"),
    ],
)
def test_document_with_bad_input_is_refused_in_swedish(
    client, handlaggare, meeting, no_staff_mfa, data, message
):
    files = {
        "pdf": _pdf(),
        "not-pdf": SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf"),
        "empty": SimpleUploadedFile("x.pdf", b"", content_type="application/pdf"),
    }
    if "file" in data:
        data = {**data, "file": files[data["file"]]}
    client.force_login(handlaggare)
    before = _history(meeting)
    response = client.post(_url(meeting, "document"), data, follow=True)
    assert response.status_code == 200
    assert message in _messages(response)
    assert not GroupMeetingDocument.objects.exists()
    assert _history(meeting) == before


def test_unknown_action_is_404(client, handlaggare, meeting, no_staff_mfa):
    client.force_login(handlaggare)
    assert client.post(_url(meeting, "delete")).status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
def test_get_is_405(client, handlaggare, meeting, no_staff_mfa, action):
    client.force_login(handlaggare)
    assert client.get(_url(meeting, action)).status_code == 405


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize(
    "who", ["samverkansgruppen_member", "rep_a", "forvaltningskontakt", "anonymous"]
)
def test_other_roles_are_refused(request, client, meeting, full_group, no_staff_mfa, action, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    data = {"present": [full_group[0].pk], "title": "Dagordning", "file": _pdf()}
    before = _history(meeting)
    response = client.post(_url(meeting, action), data)
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is None and meeting.protocol_id is None
    assert not OutboxMessage.objects.exists()
    assert not GroupMeetingAttendance.objects.exists()
    assert not GroupMeetingDocument.objects.exists()
    assert _history(meeting) == before
